from odoo import fields, models


class PartyDiscipline(models.Model):
    """A disciplinary measure; sensitive, so readable by secretaries and the committee only."""

    _name = "party.discipline"
    _description = "Party Discipline"
    _order = "date desc, id desc"
    _check_company_auto = True

    member_id = fields.Many2one(
        "party.member", required=True, ondelete="cascade", index=True, check_company=True
    )
    organization_id = fields.Many2one(related="member_id.organization_id", store=True, index=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    level = fields.Selection(
        [
            ("reprimand", "Reprimand"),
            ("warning", "Warning"),
            ("dismissal", "Dismissal"),
            ("expulsion", "Expulsion"),
        ],
        required=True,
    )
    decision_number = fields.Char()
    reason = fields.Text(required=True)
