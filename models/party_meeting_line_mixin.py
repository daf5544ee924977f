from odoo import api, fields, models


class PartyMeetingLineMixin(models.AbstractModel):
    """A line of a meeting (roll call, guest): locked with the approved meeting."""

    _name = "party.meeting.line.mixin"
    _description = "Meeting Line"

    meeting_id = fields.Many2one("party.meeting", required=True, ondelete="cascade", index=True)
    organization_id = fields.Many2one(related="meeting_id.organization_id", store=True, index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)

    def _check_meeting_open(self):
        if not self.env.context.get("party_meeting_correction"):
            self.meeting_id._check_not_locked({self._name})

    def write(self, vals):
        self._check_meeting_open()
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_meeting_open()
        return lines

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_meeting_open()
