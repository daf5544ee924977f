"""The members' pages under /my/party: invitations, documents, check-in, ballots, tasks.

Portal users hold no access right on party models, and internal members only read theirs:
every page finds the logged-in user's own memberships first (res.users._party_own_members),
then the record asked for among that member's own roll-call lines, ballots or tasks, and
only then acts on it as the system through the models' own methods, which keep every rule
of the book of record. Anything not the member's answers 404, as if it did not exist.
"""

from datetime import timedelta

from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.addons.party_cell.models.party_meeting import HELD_STATES
from odoo.addons.party_cell.models.party_rules import party_rule
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import UserError, ValidationError
from odoo.http import request


class PartyPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "party_count" in counters:
            # Invitations, ballots and tasks waiting: the card shows while there is any.
            values["party_count"] = (len(self._party_upcoming_lines())
                                     + len(self._party_ballot_lines()) + len(self._party_tasks()))
        return values

    # Lookups: the member's own records, nothing else -----------------------------------

    def _party_members(self):
        return request.env.user._party_own_members()

    def _party_line(self, meeting_id):
        """The member's roll-call line at ``meeting_id``, as the system; 404 if none."""
        members = self._party_members()
        # sudo: searched among the logged-in user's own memberships only.
        line = request.env["party.meeting.attendance"].sudo().search([
            ("meeting_id", "=", meeting_id), ("member_id", "in", members.ids),
            ("meeting_id.state", "in", ("planned", "held", "approved")),
        ], limit=1)
        if not line:
            raise NotFound()
        return line

    def _party_upcoming_lines(self):
        members = self._party_members()
        # sudo: the user's own roll-call lines; drafts are not announced yet.
        return request.env["party.meeting.attendance"].sudo().search([
            ("member_id", "in", members.ids), ("meeting_id.state", "in", ("planned", "held")),
            ("meeting_id.date_end", ">=", fields.Datetime.now()),
        ]).sorted(lambda a: a.meeting_id.date_start)

    def _party_ballot_lines(self):
        """The member's lines of recent meetings they attended, whose ballot is due."""
        members = self._party_members()
        days = party_rule(request.env, "ballot_days_after")
        # sudo: the user's own roll-call lines (the same rule as My Ballots in the back office).
        return request.env["party.meeting.attendance"].sudo().search([
            ("member_id", "in", members.ids), ("status", "=", "present"),
            ("meeting_id.state", "in", HELD_STATES), ("meeting_id.scoring_closed", "=", False),
            ("meeting_id.scheme_id", "!=", False),
            ("meeting_id.date_start", ">=", fields.Datetime.now() - timedelta(days=days)),
        ])

    def _party_tasks(self):
        members = self._party_members()
        # sudo: tasks assigned to the user's own memberships only.
        return request.env["party.task"].sudo().search([
            ("assignee_ids", "in", members.ids), ("state", "=", "open"),
        ], order="deadline, id")

    def _party_render(self, template, values):
        values = dict(self._prepare_portal_layout_values(), page_name="party",
                      no_breadcrumbs=True, now=fields.Datetime.now(), **values)
        return request.render(template, values)

    # Pages ---------------------------------------------------------------------------

    @http.route("/my/party", type="http", auth="user", website=True)
    def party_home(self, **kw):
        members = self._party_members()
        if not members:
            raise NotFound()
        ballots = {line.meeting_id: line for line in self._party_ballot_lines()}
        # sudo: the user's own ballots of those meetings, to tell cast from not yet cast.
        cast = request.env["party.ballot"].sudo().search([
            ("meeting_id", "in", [m.id for m in ballots]), ("voter_id", "in", members.ids),
            ("role", "=", "member"), ("state", "=", "submitted"),
        ]).meeting_id
        return self._party_render("party_cell.portal_party_home", {
            "members": members,
            "lines": self._party_upcoming_lines(),
            "ballot_meetings": [m for m in ballots if m not in cast],
            "tasks": self._party_tasks(),
            "today": fields.Date.context_today(members[:1]),
        })

    @http.route("/my/party/meeting/<int:meeting_id>", type="http", auth="user", website=True)
    def party_meeting(self, meeting_id, **kw):
        line = self._party_line(meeting_id)
        return self._party_render("party_cell.portal_party_meeting", {
            "line": line, "meeting": line.meeting_id, "error": kw.get("error"),
            "saved": kw.get("saved"),
        })

    @http.route("/my/party/meeting/<int:meeting_id>/answer", type="http", auth="user",
                website=True, methods=["POST"])
    def party_answer(self, meeting_id, answer=None, reason=None, **kw):
        line = self._party_line(meeting_id)
        try:
            # The member's own line (checked above); the method keeps the invitation's rules.
            line._answer_invitation(answer, reason)
        except UserError as e:
            return self._party_render("party_cell.portal_party_meeting", {
                "line": line, "meeting": line.meeting_id, "error": e.args[0], "reason": reason,
            })
        return request.redirect(f"/my/party/meeting/{meeting_id}?saved=1")

    @http.route("/my/party/document/<int:meeting_id>/<int:attachment_id>", type="http",
                auth="user", website=True)
    def party_document(self, meeting_id, attachment_id, **kw):
        line = self._party_line(meeting_id)
        meeting = line.meeting_id
        attachment = meeting.document_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise NotFound()
        # sudo: a document of a meeting the member is summoned to (checked above); the read
        # is logged for the secretary.
        request.env["party.document.read"].sudo().create({
            "meeting_id": meeting.id, "member_id": line.member_id.id,
            "attachment_id": attachment.id,
        })
        stream = request.env["ir.binary"]._get_stream_from(attachment)
        return stream.get_response(as_attachment=False)

    @http.route("/my/party/checkin/<int:meeting_id>/<string:token>", type="http",
                auth="user", website=True)
    def party_checkin(self, meeting_id, token, **kw):
        # Only the logged-in member's own line: the code names the meeting, never a member.
        line = self._party_line(meeting_id)
        meeting = line.meeting_id
        error = meeting._checkin_refusal(token)
        if not error:
            try:
                line._check_in()
            except UserError as e:
                error = e.args[0]
        return self._party_render("party_cell.portal_party_checkin", {
            "line": line, "meeting": meeting, "error": error,
        })

    @http.route("/my/party/ballot/<int:meeting_id>", type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def party_ballot(self, meeting_id, **post):
        line = self._party_ballot_lines().filtered(lambda a: a.meeting_id.id == meeting_id)[:1]
        if not line:
            raise NotFound()
        # sudo: the ballot of the member present at the meeting (checked above); the model's
        # constraints still refuse a voter who was not present, a second ballot, a closed
        # scoring and points above a criterion's maximum.
        ballot = request.env["party.ballot"].sudo()._for_voters(
            "member", [(line.meeting_id, line.member_id)])
        error = None
        if request.httprequest.method == "POST" and ballot.state == "draft":
            try:
                with request.env.cr.savepoint():
                    self._party_ballot_save(ballot, post)
                    if post.get("submit"):
                        ballot.action_submit()
            except (UserError, ValidationError) as e:
                error = e.args[0]
            else:
                return request.redirect(f"/my/party/ballot/{meeting_id}")
        return self._party_render("party_cell.portal_party_ballot", {
            "ballot": ballot, "meeting": line.meeting_id, "error": error, "post": post,
        })

    def _party_ballot_save(self, ballot, post):
        for score in ballot.line_ids.filtered(lambda s: not s.is_auto):
            raw = (post.get(f"points_{score.id}") or "").strip().replace(",", ".")
            if not raw:
                continue
            try:
                points = float(raw)
            except ValueError:
                raise UserError(_("%(criterion)s: enter a number of points.",
                                  criterion=score.criterion_id.name)) from None
            if points != score.points:
                score.points = points
        ballot.comment = (post.get("comment") or "").strip() or False

    @http.route("/my/party/task/<int:task_id>/done", type="http", auth="user", website=True,
                methods=["POST"])
    def party_task_done(self, task_id, note=None, **kw):
        task = self._party_tasks().filtered(lambda t: t.id == task_id)
        if not task:
            raise NotFound()
        note = (note or "").strip()
        if not note:
            return request.redirect("/my/party?error=note#tasks")
        # The member's own open task (checked above); the model notifies the secretary.
        task._report_done(note, self._party_members() & task.assignee_ids)
        return request.redirect("/my/party?done=1#tasks")
