from odoo import api, fields, models
from odoo.osv import expression


class PartyDiscipline(models.Model):
    """A disciplinary measure; sensitive, so readable by secretaries and the committee only.

    Every creation, change and deletion is kept in the audit trail. A measure also counts in
    the rating of its cell's meetings of the month (the gate of the score schemes): recorded
    after those meetings were scored, it rates them again.
    """

    _name = "party.discipline"
    _description = "Party Discipline"
    _inherit = ["party.audit.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _audit_fields = ("member_id", "date", "level", "decision_number", "reason")
    _audit_lifecycle = True

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

    def _audit_scope(self):
        self.ensure_one()
        return {"organization_id": self.organization_id.id, "member_id": self.member_id.id}

    def _meetings_concerned(self):
        """The meetings of the disciplined members' cells in the months of the measures."""
        keys = {(d.organization_id.id, d.date.strftime("%Y-%m")) for d in self if d.date}
        if not keys:
            return self.env["party.meeting"]
        # sudo: the gate applies to every meeting of the cell, whoever records the measure.
        return self.env["party.meeting"].sudo().search(expression.OR([
            [("organization_id", "=", org_id), ("month", "=", month)] for org_id, month in keys
        ]))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._meetings_concerned()._rerate()
        return records

    def write(self, vals):
        before = self._meetings_concerned()
        res = super().write(vals)
        (before | self._meetings_concerned())._rerate()
        return res

    def unlink(self):
        meetings = self._meetings_concerned()
        res = super().unlink()
        meetings._rerate()
        return res
