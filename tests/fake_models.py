from odoo import fields, models


class PartyMeetingNote(models.Model):
    """A throwaway line model, to test the meeting-line mixin on its own."""

    _name = "party.meeting.note.test"
    _inherit = ["party.meeting.line.mixin"]
    _description = "Meeting Note (test)"

    text = fields.Char()
