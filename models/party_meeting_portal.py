from datetime import timedelta
from urllib.parse import quote

from odoo import _, fields, models
from odoo.tools import consteq
from odoo.tools.misc import hmac

from .party_meeting import HELD_STATES
from .party_rules import party_rule

CHECKIN_SCOPE = "party_cell.meeting_checkin"


class PartyMeeting(models.Model):
    """The meeting as its members see it on their phones (controllers/portal.py): the
    check-in code, the ballots still missing, the document reads and the reminders."""

    _inherit = "party.meeting"

    # The code opens a check-in: whoever reads it may check in without being there.
    checkin_url = fields.Char(string="Check-in Link", compute="_compute_checkin",
                              groups="party_cell.group_party_secretary")
    checkin_qr_url = fields.Char(string="Check-in Code", compute="_compute_checkin",
                                 groups="party_cell.group_party_secretary")
    unanswered_count = fields.Integer(string="Not Answered", compute="_compute_portal_counts")
    checked_in_count = fields.Integer(string="Checked In", compute="_compute_portal_counts")
    ballot_missing_member_ids = fields.Many2many(
        "party.member", string="Ballots Not Cast", compute="_compute_ballot_missing",
        help="Members present who have not submitted their quality ballot yet.",
    )
    ballot_missing_count = fields.Integer(string="Not Voted Yet",
                                          compute="_compute_ballot_missing")
    document_read_ids = fields.One2many("party.document.read", "meeting_id",
                                        string="Document Reads", readonly=True)

    def _compute_checkin(self):
        for meeting in self:
            if not meeting.id or meeting.state not in ("planned", "held"):
                meeting.checkin_url = meeting.checkin_qr_url = False
                continue
            url = f"{meeting.get_base_url()}/my/party/checkin/{meeting.id}/" \
                  f"{meeting._checkin_token()}"
            meeting.checkin_url = url
            meeting.checkin_qr_url = (
                f"/report/barcode/?barcode_type=QR&width=320&height=320&value={quote(url, safe='')}"
            )

    def _compute_portal_counts(self):
        for meeting in self:
            lines = meeting.attendance_ids.filtered(lambda a: a.status != "exempt")
            meeting.unanswered_count = len(lines.filtered(lambda a: not a.invitation_answer))
            meeting.checked_in_count = len(lines.filtered("checked_in_date"))

    def _compute_ballot_missing(self):
        # sudo: whose ballot is in, not what it says (the secretary does not read the
        # ballots of an anonymous scheme).
        voted = {(b.meeting_id.id, b.voter_id.id) for b in self.env["party.ballot"].sudo().search([
            ("meeting_id", "in", self.ids), ("role", "=", "member"), ("state", "=", "submitted"),
        ])}
        for meeting in self:
            if meeting.state not in HELD_STATES:
                meeting.ballot_missing_member_ids = False
                meeting.ballot_missing_count = 0
                continue
            missing = meeting.attendance_ids.filtered(
                lambda a, m=meeting: a.status == "present" and (m.id, a.member_id.id) not in voted
            ).member_id
            meeting.ballot_missing_member_ids = missing
            meeting.ballot_missing_count = len(missing)

    def _checkin_token(self):
        """The meeting's check-in code: signed with the database secret over the meeting and
        its time window, so that it opens no other meeting and dies when the times move."""
        self.ensure_one()
        payload = (self.id, fields.Datetime.to_string(self.date_start),
                   fields.Datetime.to_string(self.date_end))
        # su: to read the database secret (an administrator's parameter), nothing else.
        return hmac(self.env(su=True), CHECKIN_SCOPE, payload)

    def _checkin_refusal(self, token, now=None):
        """Why ``token`` does not check in to this meeting now; empty when it does."""
        self.ensure_one()
        if not token or not consteq(str(token), self._checkin_token()):
            return _("This code is not the check-in code of this meeting.")
        now = now or fields.Datetime.now()
        if not self.date_start <= now <= self.date_end:
            return _("Check-in is open only while the meeting takes place.")
        return ""

    def _cron_reminders(self):
        res = super()._cron_reminders()
        self._remind_unanswered()
        return res

    def _remind_unanswered(self):
        """Members who have not answered the invitation hear about it once, when the
        documents are due (the invitation goes out with them, HD 42)."""
        now = fields.Datetime.now()
        days_before = party_rule(self.env, "documents_days_before")
        meetings = self.search([
            ("state", "=", "planned"), ("date_start", ">", now),
            ("date_start", "<=", now + timedelta(days=days_before + 1)),
        ])
        lines = meetings.attendance_ids.filtered(
            lambda a: not a.invitation_answer and not a.reminded_date and a.status != "exempt"
        )
        for meeting, mine in lines.grouped("meeting_id").items():
            # sudo: the members' work contacts, to address the reminder.
            partners = mine.member_id.sudo().employee_id.work_contact_id
            if partners:
                local = meeting._local(meeting.date_start)
                meeting.message_notify(
                    partner_ids=partners.ids,
                    subject=_("Please answer the invitation: %(name)s", name=meeting.name),
                    body=_("%(name)s takes place on %(date)s. Answer on your page: "
                           "%(url)s/my/party", name=meeting.name,
                           date=local.strftime("%d/%m/%Y %H:%M"), url=meeting.get_base_url()),
                )
        lines.write({"reminded_date": now})
