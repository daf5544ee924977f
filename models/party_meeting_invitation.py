from odoo import _, fields, models
from odoo.exceptions import UserError

from .party_lock import lock_opened, open_lock, refuse

# The meeting states in which members answer and check in: registered, not yet closed.
OPEN_STATES = ("planned", "held")
# Longest excuse kept on the roll call (the field is a Char).
REASON_MAX = 250
# What the members did on their pages: written by the methods below and the reminder only.
MEMBER_FIELDS = {"invitation_answer", "answered_date", "reminded_date", "checked_in_date"}


class PartyMeetingAttendance(models.Model):
    """The member's side of a roll-call line: the invitation's answer and the check-in.

    Members write neither the line nor these fields: the portal's controllers call the
    methods below for the logged-in member's own line, and the secretary keeps the last
    word on the roll call itself.
    """

    _inherit = "party.meeting.attendance"

    invitation_answer = fields.Selection(
        [("attending", "Attending"), ("excused", "Excused")], readonly=True, copy=False,
        help="What the member answered to the invitation, on their page.",
    )
    answered_date = fields.Datetime(readonly=True, copy=False)
    reminded_date = fields.Datetime(readonly=True, copy=False,
                                    help="When the member was reminded to answer.")
    checked_in_date = fields.Datetime(string="Checked In", readonly=True, copy=False,
                                      help="When the member scanned the meeting's code.")

    def write(self, vals):
        own = set(vals) & MEMBER_FIELDS
        if own and not lock_opened(self, own):
            refuse(self, _("The answer to the invitation and the check-in are the member's "
                           "own, made on their page."))
        return super().write(vals)

    def _answer_invitation(self, answer, reason=""):
        """Record the member's answer; an excuse puts them on the roll call as excused."""
        self.ensure_one()
        meeting = self.meeting_id
        if meeting.state != "planned" or meeting.date_start <= fields.Datetime.now():
            raise UserError(_("Invitations are answered before the meeting starts."))
        if self.status == "exempt":
            raise UserError(_("You are exempt from this meeting."))
        reason = (reason or "").strip()
        vals = {"invitation_answer": answer, "answered_date": fields.Datetime.now()}
        if answer == "excused":
            if not reason:
                raise UserError(_("Give the reason of your absence."))
            if len(reason) > REASON_MAX:
                raise UserError(_("The reason is at most %(count)s characters.",
                                  count=REASON_MAX))
            vals.update(status="excused", reason=reason)
        elif answer == "attending":
            vals.update(status="present", reason=False)
        else:
            raise UserError(_("Answer attending or excused."))
        with open_lock(self, MEMBER_FIELDS):
            self.write(vals)

    def _check_in(self):
        """Mark the member present: they scanned the code of the meeting during it."""
        self.ensure_one()
        meeting = self.meeting_id
        if meeting.state not in OPEN_STATES:
            raise UserError(_("This meeting does not take check-ins."))
        # An exempt member who comes anyway is present, and counts (HD 12/2018).
        with open_lock(self, MEMBER_FIELDS):
            self.write({"status": "present", "reason": False,
                        "checked_in_date": fields.Datetime.now()})
