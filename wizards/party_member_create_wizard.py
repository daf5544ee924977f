from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.party_member import ACTIVE_STATES


class PartyMemberCreateWizard(models.TransientModel):
    """Create party members from selected employees in one go."""

    _name = "party.member.create.wizard"
    _description = "Create Party Members from Employees"

    employee_ids = fields.Many2many("hr.employee", string="Employees", required=True)
    organization_id = fields.Many2one(
        "party.organization", string="Cell", domain="[('is_cell', '=', True)]",
        help="Leave empty to use the cell linked to each employee's department.",
    )
    state = fields.Selection(
        [("probationary", "Probationary"), ("official", "Official")],
        required=True, default="official",
    )
    admission_date = fields.Date()
    official_date = fields.Date()
    skipped_employee_ids = fields.Many2many(
        "hr.employee", "party_member_create_wizard_skipped_rel", compute="_compute_skipped",
        string="Already Members",
    )

    @api.depends("employee_ids")
    def _compute_skipped(self):
        for wizard in self:
            # sudo: an employee may already be a member of a cell the user cannot read.
            wizard.skipped_employee_ids = self.env["party.member"].sudo().search([
                ("employee_id", "in", wizard.employee_ids.ids), ("state", "in", ACTIVE_STATES),
            ]).employee_id

    def _cell_for(self, employee):
        if self.organization_id:
            return self.organization_id
        return self.env["party.organization"].search(
            [("is_cell", "=", True), ("department_ids", "in", employee.department_id.ids)],
            limit=1,
        )

    def action_create(self):
        self.ensure_one()
        employees = self.employee_ids - self.skipped_employee_ids
        if not employees:
            raise UserError(_("Every selected employee is already a party member."))
        vals_list, missing = [], []
        for employee in employees:
            cell = self._cell_for(employee)
            if not cell:
                missing.append(employee.name)
                continue
            vals_list.append({
                "employee_id": employee.id,
                "organization_id": cell.id,
                "state": self.state,
                "admission_date": self.admission_date,
                "official_date": self.official_date if self.state == "official" else False,
            })
        if missing:
            raise UserError(
                _("No cell is linked to the department of %(names)s. Choose a cell.",
                  names=", ".join(missing))
            )
        members = self.env["party.member"].create(vals_list)
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.member",
            "name": _("New Party Members"),
            "view_mode": "list,form",
            "domain": [("id", "in", members.ids)],
        }
