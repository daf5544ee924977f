from odoo import api, fields, models

from .party_member import ACTIVE_STATES


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    party_member_ids = fields.One2many(
        "party.member", "employee_id", string="Party Memberships",
        groups="party_cell.group_party_secretary",
    )
    party_member_id = fields.Many2one(
        "party.member", compute="_compute_party_member_id", string="Party Membership",
        groups="party_cell.group_party_secretary",
    )

    @api.depends("party_member_ids.state", "party_member_ids.active")
    def _compute_party_member_id(self):
        for employee in self:
            employee.party_member_id = employee.party_member_ids.filtered(
                lambda m: m.state in ACTIVE_STATES
            )[:1]

    def write(self, vals):
        res = super().write(vals)
        if "user_id" in vals:
            # party.member.user_id follows the employee and feeds cached record rules.
            self.env.registry.clear_cache()
        return res
