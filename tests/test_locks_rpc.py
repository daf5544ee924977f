"""The book of record over the external API: every lock, tried by every role, holds.

A real client (odoorpc over JSON-RPC, see test_external_api) tries each attempt of the
table below as a member, the cell's secretary, a committee officer of its organisation, an
inspector who follows it and a party administrator: writes, deletions, copies, new lines
under a locked parent, imports (``load``), mass writes, the context keys the code has
ever read, relational commands through the parent, private methods. Each attempt runs in a
savepoint that is always rolled back. An attempt is expected refused, with every locked
record (and the number of rows of every party table) unchanged, unless the table names the
roles for which it is a legitimate decision of theirs. The table of outcomes is logged.

Locked records: an approved meeting, its roll-call line, guest and task, its stored minutes,
its official rating; a submitted ballot and its line; a reported visit; a visit plan in
progress; a submitted and assessed thematic report; a decided annual appraisal; a member's
status; a committee's approved and held meetings (summoned from its posts), its term and
posts (the committee office's), a direction of its approved resolution (the cell reports).
"""

import base64

from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_bad_input import party_row_counts
from .test_external_api import ApiCase

ROLES = ("member", "secretary", "committee", "inspector", "admin")
CORRECTION_KEY = {"party_meeting_correction": True}
FAKE_PDF = base64.b64encode(b"%PDF-1.4 forged").decode()


def _w(target, vals, context=None):
    """Write ``vals`` on the fixture ``target`` (a key of the test's records)."""
    return lambda t: ("write", t.targets[target]._name, [t.ids(target), vals(t) if callable(
        vals) else vals], {"context": context} if context else {})


def _call(target, method, *args, context=None):
    return lambda t: (method, t.targets[target]._name, [t.ids(target), *args],
                      {"context": context} if context else {})


def _create(model, vals, context=None):
    return lambda t: ("create", model, [vals(t)], {"context": context} if context else {})


def _load(model, fields_, rows):
    return lambda t: ("load", model, [fields_, rows(t)], {})


# (attempt, how, roles for which it is a legitimate decision: expected to pass)
ATTEMPTS = [
    # The approved meeting ---------------------------------------------------------------
    ("meeting: rewrite the conclusion", _w("meeting", {"conclusion": "<p>Sửa</p>"}), ()),
    ("meeting: rewrite with context party_meeting_correction",
     _w("meeting", {"conclusion": "<p>Sửa</p>"}, CORRECTION_KEY), ()),
    ("meeting: reopen by writing state", _w("meeting", {"state": "held"}), ()),
    ("meeting: renumber the minutes", _w("meeting", {"minutes_number": "99-BB/CB"}), ()),
    ("meeting: point to another PDF", _w("meeting", lambda t: {
        "minutes_attachment_id": t.targets["forged"].id}), ()),
    ("meeting: write score and rating", _w("meeting", {"score": 100, "rating": "good"}), ()),
    ("meeting: move to another month", _w("meeting", {"month": "2026-10"}), ()),
    ("meeting: change the vote", _w("meeting", {"vote_for": 3}), ()),
    ("meeting: set the official rating", _w("meeting", {"official_rating": "good"}),
     ("committee", "admin")),
    ("meeting: delete", _call("meeting", "unlink"), ()),
    ("meeting: copy", _call("meeting", "copy", {"date_start": "2026-12-10 07:00:00",
                                                 "date_end": "2026-12-10 09:00:00"}),
     ("secretary", "committee", "admin")),
    ("meeting: mass write with a draft meeting", lambda t: (
        "write", "party.meeting", [t.ids("draft") + t.ids("meeting"), {"location": "Khác"}],
        {}), ()),
    ("meeting: import over it (load)", _load("party.meeting", [".id", "conclusion"],
                                             lambda t: [[str(t.targets["meeting"].id), "Sửa"]]),
     ()),
    ("meeting: roll call (1) update", _w("meeting", lambda t: {
        "attendance_ids": [(1, t.targets["line"].id, {"status": "unexcused"})]}), ()),
    ("meeting: roll call (0) add", _w("meeting", lambda t: {
        "attendance_ids": [(0, 0, {"member_id": t.targets["newcomer"].id})]}), ()),
    ("meeting: roll call (2) delete", _w("meeting", lambda t: {
        "attendance_ids": [(2, t.targets["line"].id)]}), ()),
    ("meeting: roll call (3) unlink", _w("meeting", lambda t: {
        "attendance_ids": [(3, t.targets["line"].id)]}), ()),
    ("meeting: roll call (6) replace", _w("meeting", {"attendance_ids": [(6, 0, [])]}), ()),
    ("meeting: guests (1) update", _w("meeting", lambda t: {
        "guest_ids": [(1, t.targets["guest"].id, {"name": "Người khác"})]}), ()),
    ("meeting: tasks (0) add", _w("meeting", lambda t: {"task_ids": [(0, 0, {
        "name": "Việc thêm", "deadline": "2026-12-31",
        "assignee_ids": [(6, 0, t.targets["line"].member_id.ids)]})]}), ()),
    ("meeting: ballots (2) delete", _w("meeting", lambda t: {
        "ballot_ids": [(2, t.targets["ballot"].id)]}), ()),
    ("meeting: ballots (1) reopen", _w("meeting", lambda t: {
        "ballot_ids": [(1, t.targets["ballot"].id, {"state": "draft"})]}), ()),
    ("meeting: private _write_workflow", _call("meeting", "_write_workflow",
                                              {"state": "draft"}), ()),
    ("meeting: approve again", _call("meeting", "action_approve"), ()),
    # Its lines ----------------------------------------------------------------------------
    ("roll call: write a status", _w("line", {"status": "excused", "reason": "Ốm"}), ()),
    ("roll call: write with context party_meeting_correction",
     _w("line", {"status": "excused", "reason": "Ốm"}, CORRECTION_KEY), ()),
    ("roll call: move to a draft meeting", _w("line", lambda t: {
        "meeting_id": t.targets["draft"].id}), ()),
    ("roll call: write its organisation", _w("line", lambda t: {
        "organization_id": t.targets["other_cell"].id}), ()),
    ("roll call: delete", _call("line", "unlink"), ()),
    ("roll call: write the invitation's answer", _w("line", {"invitation_answer": "excused"}),
     ()),
    ("roll call: write a check-in time", _w("line", {"checked_in_date": "2026-11-03 07:05:00"}),
     ()),
    ("roll call: answer through the members' pages' method",
     _call("line", "_answer_invitation", "excused", "Ốm"), ()),
    ("roll call: check in through the members' pages' method", _call("line", "_check_in"), ()),
    ("meeting: ask for its check-in code", _call("meeting", "_checkin_token"), ()),
    ("roll call: copy", lambda t: ("copy", "party.meeting.attendance", [
        t.ids("line"), {"member_id": t.targets["newcomer"].id}], {}), ()),
    ("roll call: add a line", _create("party.meeting.attendance", lambda t: {
        "meeting_id": t.targets["meeting"].id, "member_id": t.targets["newcomer"].id}), ()),
    ("roll call: import a line (load)", _load(
        "party.meeting.attendance", ["meeting_id/.id", "member_id/.id", "status"],
        lambda t: [[str(t.targets["meeting"].id), str(t.targets["newcomer"].id), "present"]]),
     ()),
    ("guest: rewrite", _w("guest", {"title": "Chức vụ khác"}), ()),
    ("guest: delete", _call("guest", "unlink"), ()),
    ("guest: add", _create("party.meeting.guest", lambda t: {
        "meeting_id": t.targets["meeting"].id, "name": "Khách thêm"}), ()),
    ("task: rewrite what was assigned", _w("task", {"name": "Việc khác",
                                                    "deadline": "2027-06-30"}), ()),
    ("task: move to a draft meeting", _w("task", lambda t: {
        "meeting_id": t.targets["draft"].id}), ()),
    ("task: delete", _call("task", "unlink"), ()),
    ("task: add", _create("party.task", lambda t: {
        "name": "Việc thêm", "meeting_id": t.targets["meeting"].id, "deadline": "2026-12-31",
        "assignee_ids": [(6, 0, t.targets["line"].member_id.ids)]}), ()),
    # The stored minutes -------------------------------------------------------------------
    ("stored minutes: replace the file", _w("minutes", {"datas": FAKE_PDF}), ()),
    ("stored minutes: re-home them", _w("minutes", lambda t: {
        "res_id": t.targets["draft"].id}), ()),
    ("stored minutes: delete", _call("minutes", "unlink"), ()),
    # The submitted ballot -----------------------------------------------------------------
    ("ballot: reopen by writing state", _w("ballot", {"state": "draft"}), ()),
    ("ballot: rewrite its comment", _w("ballot", {"comment": "Sửa"}), ()),
    ("ballot: hand it to another voter", _w("ballot", lambda t: {
        "voter_id": t.targets["other_voter"].id}), ()),
    ("ballot: write its total", _w("ballot", {"total": 100}), ()),
    ("ballot: delete", _call("ballot", "unlink"), ()),
    ("ballot: copy", _call("ballot", "copy"), ()),
    ("ballot: lines (1) through the ballot", _w("ballot", lambda t: {
        "line_ids": [(1, t.targets["ballot_line"].id, {"points": 0})]}), ()),
    ("ballot: lines (0) add", _w("ballot", lambda t: {"line_ids": [(0, 0, {
        "criterion_id": t.targets["ballot_line"].criterion_id.id, "points": 0})]}), ()),
    ("ballot: lines (6) clear", _w("ballot", {"line_ids": [(6, 0, [])]}), ()),
    ("ballot line: rewrite the points", _w("ballot_line", {"points": 0}), ()),
    ("ballot line: import over it (load)", _load(
        "party.ballot.line", [".id", "points"],
        lambda t: [[str(t.targets["ballot_line"].id), "0"]]), ()),
    # The reported visit and the plan in progress -------------------------------------------
    ("visit: rewrite the findings", _w("visit", {"strengths": "<p>Sửa</p>"}), ()),
    ("visit: reopen by writing state", _w("visit", {"state": "done"}), ()),
    ("visit: change the proposed rating", _w("visit", {"proposed_rating": "poor"}), ()),
    ("visit: delete", _call("visit", "unlink"), ()),
    ("visit: copy", _call("visit", "copy"), ()),
    ("visit: plan it again", _call("visit", "action_reset_planned"), ()),
    ("plan: renumber", _w("plan", {"doc_number": 99}), ()),
    ("plan: back to draft by writing state", _w("plan", {"state": "draft"}), ()),
    ("plan: visits (1) through the plan", _w("plan", lambda t: {
        "visit_ids": [(1, t.targets["visit"].id, {"strengths": "<p>Sửa</p>"})]}), ()),
    ("plan: visits (2) delete through the plan", _w("plan", lambda t: {
        "visit_ids": [(2, t.targets["visit"].id)]}), ()),
    ("plan: delete", _call("plan", "unlink"), ()),
    # The submitted and assessed thematic report ------------------------------------------
    ("report: rewrite the final text", _w("report", {"final_report": "<p>Sửa</p>"}), ()),
    ("report: back to draft by writing state", _w("report", {"state": "draft"}), ()),
    ("report: back to draft with the button", _call("report", "action_reset_draft"), ()),
    ("report: versions (6) replace", _w("report", {"final_attachment_ids": [(6, 0, [])]}),
     ()),
    ("report: replace the final file", _w("final_file", {"datas": FAKE_PDF}), ()),
    ("report: delete the final file", _call("final_file", "unlink"), ()),
    ("report: revise the assessment", _w("report", {"upper_assessment": "revise"}),
     ("committee", "admin")),
    ("report: delete", _call("report", "unlink"), ()),
    # The decided appraisal ----------------------------------------------------------------
    ("appraisal: back to draft by writing state", _w("appraisal", {"state": "draft"}), ()),
    ("appraisal: change the decision", _w("appraisal", {"rating": "excellent"}), ()),
    ("appraisal: rewrite the self-assessment", _w("appraisal", {
        "self_assessment": "Xuất sắc"}), ()),
    ("appraisal: reset the decision", _call("appraisal", "action_reset"),
     ("committee", "admin")),
    ("appraisal: copy to another year", _call("appraisal", "copy", {"year": 2027}), ()),
    ("appraisal: create it decided", _create("party.appraisal", lambda t: {
        "member_id": t.targets["other_voter"].id, "year": 2026, "proposed_rating": "good",
        "rating": "good", "state": "decided"}), ()),
    ("appraisal: create with context default_state", _create("party.appraisal", lambda t: {
        "member_id": t.targets["other_voter"].id, "year": 2026},
        context={"default_state": "decided", "default_rating": "good"}), ()),
    ("appraisal: delete", _call("appraisal", "unlink"), ()),
    # Membership status ------------------------------------------------------------------
    ("member: status by writing it", _w("other_voter", {"state": "removed",
                                                        "end_date": "2026-11-30"}), ()),
    ("member: import a status (load)", _load(
        "party.member", [".id", "state"],
        lambda t: [[str(t.targets["other_voter"].id), "Removed"]]), ()),
    # The committee: its approved and held meetings, its term and posts --------------------
    ("committee meeting: rewrite the approved conclusion", _w(
        "committee_meeting", {"conclusion": "<p>Sửa</p>"}), ()),
    ("committee meeting: summon a member without a post", _w("committee_held", lambda t: {
        "attendance_ids": [(0, 0, {"member_id": t.targets["other_voter"].id})]}), ()),
    ("committee meeting: add a line without a post", _create(
        "party.meeting.attendance", lambda t: {
            "meeting_id": t.targets["committee_held"].id,
            "member_id": t.targets["other_voter"].id}), ()),
    ("committee meeting: write the held meeting's vote", _w("committee_held", {"vote_for": 2}),
     ("committee", "admin")),
    ("committee meeting: reopen by writing state", _w("committee_held", {"state": "planned"}),
     ()),
    ("committee meeting: delete the held meeting", _call("committee_held", "unlink"), ()),
    ("committee meeting: approved roll call (1) update", _w("committee_meeting", lambda t: {
        "attendance_ids": [(1, t.targets["committee_line"].id, {"status": "unexcused"})]}),
     ()),
    ("committee post: end it", _w("post", {"date_to": "2026-11-30"}), ("committee", "admin")),
    ("committee post: delete", _call("post", "unlink"), ("committee", "admin")),
    ("committee post: add one", _create("party.committee.post", lambda t: {
        "term_id": t.targets["term"].id, "member_id": t.targets["other_voter"].id,
        "post": "committee_member", "date_from": "2026-11-20"}), ("committee", "admin")),
    ("committee post: import one (load)", _load(
        "party.committee.post", ["term_id/.id", "member_id/.id", "post", "date_from"],
        lambda t: [[str(t.targets["term"].id), str(t.targets["other_voter"].id),
                    "committee_member", "2026-11-20"]]), ("committee", "admin")),
    ("committee term: rename", _w("term", {"name": "Nhiệm kỳ khác"}), ("committee", "admin")),
    ("member: committee role by writing it", _w("other_voter", {
        "committee_role": "committee_member"}), ("committee", "admin")),
    # A direction of the committee's approved resolution to cell A1 --------------------------
    ("directive: rewrite the direction", _w("directive", {"name": "Việc khác"}), ()),
    ("directive: move its deadline", _w("directive", {"deadline": "2027-06-30"}), ()),
    ("directive: hand it to another cell", _w("directive", lambda t: {
        "organization_id": t.targets["committee_cell_a2"].id}), ()),
    ("directive: done by writing state", _w("directive", {"state": "done"}), ()),
    ("directive: delete", _call("directive", "unlink"), ()),
    ("directive: add one to the approved resolution", _create("party.directive", lambda t: {
        "meeting_id": t.targets["committee_meeting"].id,
        "organization_id": t.targets["committee_cell_a2"].id, "name": "Việc thêm"}), ()),
    ("directive: report on it", _w("directive", {"report": "Chi bộ đã quán triệt."}),
     ("secretary", "committee", "admin")),
    ("directive: mark it done", _call("directive", "action_done"),
     ("secretary", "committee", "admin")),
]


@tagged("post_install", "-at_install")
class TestLocksOverRpc(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.inspector_employee = cls._employee("Thanh tra viên", user_id=cls.user_inspector.id)
        meeting = cls._meeting(cls.cell_a1, chair_id=cls.secretary.id,
                               minute_taker_id=cls.member2.id,
                               conclusion="<p>Chi bộ thống nhất.</p>",
                               resolution="<p>Nghị quyết tháng 11.</p>")
        env["party.meeting.guest"].create({"meeting_id": meeting.id, "name": "Đại biểu"})
        meeting.action_plan()
        meeting.action_hold()
        meeting.vote_for = 2
        task = env["party.task"].create({
            "name": "Báo cáo năm", "meeting_id": meeting.id, "deadline": "2026-12-15",
            "assignee_ids": [(6, 0, cls.member.ids)],
        })
        ballot = env["party.ballot"].with_user(cls.user_member).create(
            {"meeting_id": meeting.id, "voter_id": cls.member.id, "role": "member"})
        ballot.action_submit()
        meeting.action_approve()
        meeting.with_user(cls.user_officer).official_rating = "fair"
        # Admitted after the meeting: not one of its members.
        cls.newcomer = cls._member("Đảng viên mới", cls.cell_a1, admission_date="2026-12-01",
                                   official_date=False, state="probationary")
        draft = cls._meeting(cls.cell_a1, start="2026-12-03 07:00:00")

        plan = env["party.visit.plan"].create(
            {"organization_id": cls.committee_a.id, "year": 2026, "doc_number": 12})
        visit = env["party.visit"].create({
            "plan_id": plan.id, "organization_id": cls.cell_a1.id,
            "visitor_employee_id": cls.inspector_employee.id, "month": 11,
            "meeting_id": meeting.id,
        })
        plan.action_approve()
        visit.write({"state": "reported", "strengths": "<p>Chuẩn bị tốt</p>",
                     "check_procedure": "yes", "proposed_rating": "fair"})

        topic = env["party.topic"].create({
            "name": "Học tập và làm theo Bác", "issuer_id": cls.committee_a.id, "year": 2026,
            "organization_ids": [(6, 0, cls.cell_a1.ids)],
        })
        topic.action_issue()
        report = topic.assignment_ids
        final_file = env["ir.attachment"].create({
            "name": "Báo cáo chuyên đề.pdf", "raw": b"%PDF-1.4 final",
            "res_model": report._name, "res_id": report.id,
        })
        report.write({"drafter_id": cls.member.id, "final_report": "<p>Báo cáo cuối</p>",
                      "final_attachment_ids": [(6, 0, final_file.ids)], "state": "submitted"})
        report.upper_assessment = "good"

        # Committee A: the secretary and a member of A1 and a member of A2 sit on it; the
        # member of A1 reads its meetings, the committee office holds them.
        term = env["party.term"].create({
            "organization_id": cls.committee_a.id, "name": "Nhiệm kỳ 2025–2030",
            "date_start": "2025-06-15"})
        posts = env["party.committee.post"].create([
            {"term_id": term.id, "member_id": cls.secretary.id, "post": "secretary"},
            {"term_id": term.id, "member_id": cls.member.id, "post": "deputy_secretary"},
            {"term_id": term.id, "member_id": cls.member_a2.id, "post": "committee_member"},
        ])
        committee_meeting = cls._meeting(
            cls.committee_a, start="2026-11-06 07:00:00", meeting_type="committee",
            conclusion="<p>Đảng ủy thống nhất.</p>")
        committee_held = cls._meeting(cls.committee_a, start="2026-11-20 07:00:00",
                                      meeting_type="committee")
        (committee_meeting | committee_held).action_plan()
        (committee_meeting | committee_held).action_hold()
        directive = env["party.directive"].create({
            "meeting_id": committee_meeting.id, "organization_id": cls.cell_a1.id,
            "name": "Quán triệt Nghị quyết", "deadline": "2026-12-31"})
        committee_meeting.action_approve()

        appraisal = env["party.appraisal"].create({
            "year": 2026, "member_id": cls.member.id, "self_assessment": "Hoàn thành tốt",
            "self_rating": "good", "proposed_rating": "good", "rating": "good",
            "state": "decided",
        })
        cls.targets = {
            "meeting": meeting, "line": meeting.attendance_ids.filtered(
                lambda a: a.member_id == cls.member),
            "guest": meeting.guest_ids, "task": task, "minutes": meeting.minutes_attachment_id,
            "forged": env["ir.attachment"].create({
                "name": "Biên bản giả.pdf", "raw": b"%PDF-1.4 forged",
                "res_model": "party.meeting", "res_id": draft.id}),
            "ballot": ballot, "ballot_line": ballot.line_ids.filtered(
                lambda line: not line.is_auto)[:1],
            "draft": draft, "visit": visit, "plan": plan, "report": report,
            "final_file": final_file, "appraisal": appraisal, "newcomer": cls.newcomer,
            "other_voter": cls.member2, "other_cell": cls.cell_b1,
            "committee_meeting": committee_meeting, "committee_held": committee_held,
            "committee_line": committee_meeting.attendance_ids[:1], "term": term,
            "post": posts[2], "directive": directive, "committee_cell_a2": cls.cell_a2,
        }
        cls.role_users = {
            "member": cls.user_member, "secretary": cls.user_secretary,
            "committee": cls.user_officer, "inspector": cls.user_inspector,
            "admin": cls.user_admin,
        }

    def ids(self, key):
        return self.targets[key].ids

    def _snapshot(self):
        """Every stored value of every locked record, and the rows of every party table."""
        self.env.invalidate_all()
        values = {}
        for key in ("meeting", "line", "guest", "task", "minutes", "ballot", "ballot_line",
                    "visit", "plan", "report", "final_file", "appraisal", "other_voter",
                    "committee_meeting", "committee_held", "committee_line", "term", "post",
                    "directive"):
            record = self.targets[key].sudo().exists()
            if not record:
                values[key] = "deleted"
                continue
            fnames = [name for name, field in record._fields.items() if field.store
                      and field.type not in ("binary", "one2many") and not name.startswith(
                          ("message_", "activity_", "write_", "__"))]
            values[key] = record.read(fnames)
            if key in ("minutes", "final_file"):
                values[key].append(record.raw)
        values["meeting lines"] = [
            (line.id, line.status, line.reason) for line in self.targets["meeting"].sudo(
            ).attendance_ids
        ]
        values["ballot lines"] = [(line.id, line.points)
                                  for line in self.targets["ballot"].sudo().line_ids]
        values["rows"] = party_row_counts(self.env)
        return values

    @mute_logger("odoo.sql_db", "odoo.http")
    def test_every_lock_holds_for_every_role(self):
        self._run_lock_table(ATTEMPTS, ROLES, "book of record", check=self._check)

    def _check(self, label, role, outcome, detail, changed, allowed):
        # The usual verdict; a copy of a meeting, which its roles may make, must not carry
        # the record.
        if role in allowed and outcome == "accepted" and label == "meeting: copy":
            return self._check_clean_copy(detail)
        return self._lock_verdict(label, role, outcome, detail, changed, allowed)

    def _check_clean_copy(self, result):
        copy = self.env["party.meeting"].browse(result if isinstance(result, int) else result[0])
        values = (copy.state, copy.conclusion, copy.resolution, copy.vote_for,
                  copy.minutes_number, copy.official_rating, copy.minutes_attachment_id)
        if values != ("draft", False, False, 0, False, False, copy.minutes_attachment_id.browse()):
            return f"the copy carries the record: {values}"
        return None
