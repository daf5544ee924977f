from odoo import api, fields, models


class PartyMeetingGuest(models.Model):
    """A guest of a meeting: upper-level official, agency head, invited delegate."""

    _name = "party.meeting.guest"
    _inherit = ["party.meeting.line.mixin"]
    _description = "Meeting Guest"
    _order = "meeting_id, sequence, id"

    sequence = fields.Integer(default=10)
    employee_id = fields.Many2one("hr.employee", string="Employee")
    partner_id = fields.Many2one("res.partner", string="Contact")
    name = fields.Char(
        compute="_compute_from_person", store=True, readonly=False, required=True, precompute=True
    )
    title = fields.Char(compute="_compute_from_person", store=True, readonly=False, precompute=True)
    organization_name = fields.Char(string="Organisation")

    @api.depends("employee_id", "partner_id")
    def _compute_from_person(self):
        for guest in self:
            # sudo: name and job title of an employee whose file the secretary cannot open.
            person = guest.employee_id.sudo() or guest.partner_id
            if person:
                guest.name = person.name
                guest.title = person.job_title if guest.employee_id else person.function
            elif not guest.name:
                guest.name = False

    def _invite_partner(self):
        self.ensure_one()
        # sudo: the guest's work contact, for the invitation.
        return self.partner_id or self.employee_id.sudo().work_contact_id
