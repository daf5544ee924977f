from odoo import api, fields, models


class PartyMeeting(models.Model):
    """The party fee line of the minutes, filled from the cell's fee ledger for the month."""

    _inherit = "party.meeting"

    party_fee_report = fields.Text(
        compute="_compute_party_fee_report", store=True, readonly=False, copy=False,
        help="Filled from the month's fee period while the minutes are not adopted; the "
             "secretary may complete it.")

    @api.depends("organization_id", "month")
    def _compute_party_fee_report(self):
        meetings = self.filtered(lambda m: m.organization_id and m.month
                                 and m.state not in ("approved", "cancelled"))
        if not meetings:
            return
        months = {fields.Date.to_date(f"{m.month}-01") for m in meetings}
        # sudo: the totals of the cell's own collection, printed in its minutes; the
        # secretary reads them, a member who takes the minutes may not read the lines.
        periods = self.env["party.fee.period"].sudo().search([
            ("organization_id", "in", meetings.organization_id.ids), ("month", "in", list(months)),
        ])
        by_key = {(p.organization_id.id, p.month.strftime("%Y-%m")): p for p in periods}
        for meeting in meetings:
            period = by_key.get((meeting.organization_id.id, meeting.month))
            if period:
                meeting.party_fee_report = periods._fee_report_text(period)
