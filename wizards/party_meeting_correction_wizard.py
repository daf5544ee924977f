from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Parts of approved minutes the committee may correct, with a logged reason.
CORRECTABLE = [
    ("conclusion", "Conclusion"),
    ("resolution", "Resolution"),
    ("situation", "Situation and Results of the Month"),
    ("opinions", "Discussion"),
    ("next_tasks", "Tasks for Next Month"),
    ("location", "Location"),
]


class PartyMeetingCorrectionWizard(models.TransientModel):
    """The only way to change approved minutes: a committee correction, logged in the chatter."""

    _name = "party.meeting.correction.wizard"
    _description = "Correct Approved Minutes"

    meeting_id = fields.Many2one("party.meeting", required=True)
    field_name = fields.Selection(CORRECTABLE, string="Part to Correct", required=True)
    new_text = fields.Html(string="Corrected Text", compute="_compute_new_text", store=True,
                           readonly=False)
    reason = fields.Text(required=True)

    @api.depends("field_name", "meeting_id")
    def _compute_new_text(self):
        for wizard in self:
            wizard.new_text = wizard.field_name and wizard.meeting_id[wizard.field_name]

    def action_apply(self):
        self.ensure_one()
        meeting = self.meeting_id
        if meeting.state != "approved":
            raise UserError(_("Only approved minutes are corrected this way; edit the meeting."))
        old = meeting[self.field_name] or ""
        value = self.new_text or False
        if self.field_name == "location":
            value = Markup(self.new_text or "").striptags() or False
        meeting.with_context(party_meeting_correction=True).write({self.field_name: value})
        label = dict(self._fields["field_name"]._description_selection(self.env))[self.field_name]
        meeting.message_post(body=Markup(
            "<p><b>%s</b></p><p>%s</p><p>%s</p><div>%s</div>"
        ) % (
            _("Correction of the approved minutes: %(part)s", part=label),
            _("Reason: %(reason)s", reason=self.reason),
            _("Previous text:"),
            old if isinstance(old, Markup) else escape(old),
        ))
        return {"type": "ir.actions.act_window_close"}
