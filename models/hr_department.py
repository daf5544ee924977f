from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    party_organization_ids = fields.Many2many(
        "party.organization",
        string="Party Cells",
        groups="party_cell.group_party_member",
    )
