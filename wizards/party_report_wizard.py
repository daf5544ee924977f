from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyReportWizard(models.TransientModel):
    """Print the quarterly or annual quality summary of organisations, as PDF or XLSX."""

    _name = "party.report.wizard"
    _description = "Quality Summary Report"

    organization_ids = fields.Many2many(
        "party.organization", string="Organisations", required=True,
        default=lambda self: self._default_organizations(),
        help="Each organisation gets its own summary of the cells under it.",
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    period = fields.Selection(
        [("0", "Whole Year"), ("1", "Quarter I"), ("2", "Quarter II"), ("3", "Quarter III"),
         ("4", "Quarter IV")],
        required=True, default="0",
    )
    output = fields.Selection([("pdf", "PDF"), ("xlsx", "XLSX")], required=True, default="pdf")

    @api.model
    def _default_organizations(self):
        active = self.env.context.get("active_model") == "party.organization" and \
            self.env.context.get("active_ids")
        if active:
            return self.env["party.organization"].browse(active)
        managed = self.env.user.party_committee_organization_ids
        return managed or self.env["party.organization"].search([("parent_id", "=", False)])

    @api.constrains("year")
    def _check_year(self):
        if any(not 2000 <= wizard.year <= 2100 for wizard in self):
            raise ValidationError(_("Give a year between 2000 and 2100."))

    def action_print(self):
        self.ensure_one()
        self.organization_ids.check_access("read")
        data = {"year": self.year, "quarter": int(self.period)}
        report = "party_cell.action_report_party_quality_summary" if self.output == "pdf" \
            else "party_cell.action_report_quality_summary_xlsx"
        return self.env.ref(report).report_action(self.organization_ids, data=data)
