from odoo import fields, models


class PartyMeetingCancelWizard(models.TransientModel):
    """Cancel a meeting with its reason; the record stays for history."""

    _name = "party.meeting.cancel.wizard"
    _description = "Cancel Meeting"

    meeting_ids = fields.Many2many("party.meeting", required=True)
    reason = fields.Char(required=True)

    def action_apply(self):
        self.meeting_ids.write({"cancel_reason": self.reason})
        self.meeting_ids.action_cancel()
        return {"type": "ir.actions.act_window_close"}
