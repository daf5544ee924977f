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
        old_users = self.user_id if "user_id" in vals else None
        res = super().write(vals)
        if old_users is not None:
            # sudo: whoever links the user manages employees, not party tasks; only the
            # owners of the tasks' reminders change.
            tasks = self.env["party.task"].sudo().search([
                ("assignee_ids.employee_id", "in", self.ids), ("state", "=", "open"),
            ])
            tasks._reown_activities(old_users)
        return res
