from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext

from ..models.party_lock import open_lock
from ..models.party_meeting_attendance import ATTENDANCE_STATUSES

# Parts of approved minutes the committee may correct, with a logged reason.
CORRECTABLE = [
    ("conclusion", "Conclusion"),
    ("resolution", "Resolution"),
    ("situation", "Situation and Results of the Month"),
    ("opinions", "Discussion"),
    ("next_tasks", "Tasks for Next Month"),
    ("location", "Location"),
    ("vote", "Vote"),
    ("attendance", "Roll Call"),
]
TEXT_PARTS = {"conclusion", "resolution", "situation", "opinions", "next_tasks", "location"}
ROLL_CALL_FIELDS = ("status", "reason", "speaking_turns")


class PartyMeetingCorrectionWizard(models.TransientModel):
    """The only way to change approved minutes: a committee correction, logged in the chatter
    and the audit trail with who changed which field from what to what, and why."""

    _name = "party.meeting.correction.wizard"
    _description = "Correct Approved Minutes"

    meeting_id = fields.Many2one("party.meeting", required=True)
    field_name = fields.Selection(CORRECTABLE, string="Part to Correct", required=True)
    new_text = fields.Html(string="Corrected Text", compute="_compute_new_text", store=True,
                           readonly=False)
    vote_for = fields.Integer(string="Votes For", compute="_compute_new_text", store=True,
                              readonly=False)
    vote_against = fields.Integer(string="Votes Against", compute="_compute_new_text",
                                  store=True, readonly=False)
    line_ids = fields.One2many("party.meeting.correction.wizard.line", "wizard_id",
                               string="Roll Call", compute="_compute_new_text", store=True,
                               readonly=False)
    reason = fields.Text(required=True)

    @api.depends("field_name", "meeting_id")
    def _compute_new_text(self):
        for wizard in self:
            meeting = wizard.meeting_id
            part = wizard.field_name
            wizard.new_text = part in TEXT_PARTS and meeting[part]
            wizard.vote_for = meeting.vote_for
            wizard.vote_against = meeting.vote_against
            wizard.line_ids = [fields.Command.clear()] + [
                fields.Command.create({
                    "attendance_id": line.id, "status": line.status, "reason": line.reason,
                    "speaking_turns": line.speaking_turns,
                }) for line in (meeting.attendance_ids if part == "attendance" else ())
            ]

    def action_apply(self):
        """Apply the correction as the officer, through the meeting's lock.

        The committee group is checked here, and the officer's own rights on the meeting and
        its roll call (their record rules: the organisations they manage); the lock is then
        opened for the corrected fields of this meeting only (see party_lock).
        """
        self.ensure_one()
        if not self.env.user.has_group("party_cell.group_party_committee"):
            raise AccessError(_("Approved minutes are corrected by the committee."))
        meeting = self.meeting_id
        meeting.check_access("write")
        if meeting.state != "approved":
            raise UserError(_("Only approved minutes are corrected this way; edit the meeting."))
        if not (self.reason or "").strip():
            raise UserError(_("Say why the approved minutes must change."))
        changes = self._apply_meeting() if self.field_name != "attendance" \
            else self._apply_roll_call()
        if not changes:
            raise UserError(_("The correction changes nothing."))
        self._log(changes)
        return {"type": "ir.actions.act_window_close"}

    def _apply_meeting(self):
        meeting = self.meeting_id
        if self.field_name == "vote":
            vals = {"vote_for": self.vote_for, "vote_against": self.vote_against}
        elif self.field_name == "location":
            vals = {"location": html2plaintext(self.new_text or "").strip() or False}
        else:
            vals = {self.field_name: self.new_text or False}
        vals = {f: v for f, v in vals.items() if meeting[f] != v}
        before = meeting._audit_snapshot(vals)
        with open_lock(meeting, set(vals)):
            meeting.write(vals)
        return [(meeting, fname, before[meeting.id][fname], meeting._audit_value(fname))
                for fname in vals]

    def _apply_roll_call(self):
        changes = []
        for line in self.line_ids:
            attendance = line.attendance_id
            if attendance.meeting_id != self.meeting_id:
                raise UserError(_("These roll-call lines belong to another meeting."))
            vals = {f: line[f] for f in ROLL_CALL_FIELDS
                    if (attendance[f] or False) != (line[f] or False)}
            if not vals:
                continue
            before = {f: attendance._audit_value(f) for f in vals}
            with open_lock(attendance, set(vals)):
                attendance.write(vals)
            changes += [(attendance, f, before[f], attendance._audit_value(f)) for f in vals]
        return changes

    def _log(self, changes):
        """The chatter message everyone reading the meeting sees, and the audit trail."""
        meeting = self.meeting_id
        part = dict(self._fields["field_name"]._description_selection(self.env))[self.field_name]
        items = Markup().join(
            Markup("<li>%s</li>") % _("%(what)s: %(old)s → %(new)s",
                                      what=self._change_label(record, fname),
                                      old=old or _("(empty)"), new=new or _("(empty)"))
            for record, fname, old, new in changes
        )
        meeting.message_post(body=Markup("<p><b>%s</b></p><p>%s</p><ul>%s</ul>") % (
            _("Correction of the approved minutes: %(part)s", part=part),
            _("Reason: %(reason)s", reason=self.reason),
            items,
        ))
        self.env["party.audit.log"]._add([
            dict(record._audit_vals("correction", fname, old, new, self.reason),
                 meeting_id=meeting.id)
            for record, fname, old, new in changes
        ])

    def _change_label(self, record, fname):
        label = record._fields[fname].get_description(self.env)["string"]
        if record._name == "party.meeting.attendance":
            return f"{record.member_name} – {label}"
        return label


class PartyMeetingCorrectionWizardLine(models.TransientModel):
    _name = "party.meeting.correction.wizard.line"
    _description = "Roll-call Line to Correct"

    wizard_id = fields.Many2one("party.meeting.correction.wizard", required=True,
                                ondelete="cascade")
    attendance_id = fields.Many2one("party.meeting.attendance", required=True,
                                    ondelete="cascade")
    member_name = fields.Char(related="attendance_id.member_name")
    status = fields.Selection(ATTENDANCE_STATUSES, required=True)
    reason = fields.Char()
    speaking_turns = fields.Integer()
