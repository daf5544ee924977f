from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date


class PartyMemberTransfer(models.Model):
    """One move of a member's party activity, official or temporary, in or out."""

    _name = "party.member.transfer"
    _description = "Party Activity Transfer"
    _order = "date desc, id desc"
    _check_company_auto = True

    member_id = fields.Many2one(
        "party.member", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="member_id.company_id", store=True)
    transfer_type = fields.Selection(
        [("official", "Official"), ("temporary", "Temporary")],
        string="Type", required=True, default="official",
    )
    direction = fields.Selection(
        [("in", "Transfer In"), ("out", "Transfer Out"), ("internal", "Between Cells")],
        required=True, default="out",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="Until", help="End of a temporary activity.")
    from_organization_id = fields.Many2one("party.organization", string="From Cell")
    to_organization_id = fields.Many2one(
        "party.organization", string="To Cell", domain="[('is_cell', '=', True)]"
    )
    external_organization = fields.Char(
        help="Organisation outside this system the member comes from or goes to."
    )
    letter_number = fields.Char(help="Number of the introduction letter.")
    reason = fields.Char()
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")], default="draft", required=True
    )

    @api.constrains("date", "date_end")
    def _check_dates(self):
        if any(t.date_end and t.date_end < t.date for t in self):
            raise ValidationError(_("A temporary activity cannot end before it starts."))

    @api.constrains("direction", "to_organization_id", "external_organization")
    def _check_destination(self):
        for transfer in self:
            if transfer.direction == "internal" and not transfer.to_organization_id:
                raise ValidationError(_("A transfer between cells needs the receiving cell."))
            if transfer.direction in ("in", "out") and not (
                transfer.external_organization or transfer.to_organization_id
            ):
                raise ValidationError(
                    _("Say which organisation the member comes from or goes to.")
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(t.state == "done" for t in self):
            raise UserError(_("A completed transfer is part of the member's history."))

    def action_done(self):
        """Apply the transfer to the member record."""
        for transfer in self.filtered(lambda t: t.state == "draft"):
            member = transfer.member_id
            vals = {}
            if transfer.direction == "internal":
                transfer.from_organization_id = member.organization_id
                vals["organization_id"] = transfer.to_organization_id.id
                vals["is_temporary"] = transfer.transfer_type == "temporary"
            elif transfer.direction == "out":
                transfer.from_organization_id = member.organization_id
                if transfer.transfer_type == "official":
                    vals.update(state="transferred", end_date=transfer.date)
            elif transfer.direction == "in":
                if transfer.to_organization_id:
                    vals["organization_id"] = transfer.to_organization_id.id
                vals["is_temporary"] = transfer.transfer_type == "temporary"
                if transfer.transfer_type == "temporary":
                    vals["home_organization"] = transfer.external_organization
            if vals:
                member._write_workflow(vals)
            transfer.state = "done"
            member.message_post(
                body=_("Transfer recorded: %(kind)s, %(direction)s on %(date)s.",
                       kind=dict(transfer._fields["transfer_type"]._description_selection(
                           self.env))[transfer.transfer_type],
                       direction=dict(transfer._fields["direction"]._description_selection(
                           self.env))[transfer.direction],
                       date=format_date(self.env, transfer.date))
            )
        return True
