"""Bad input: a table of invalid operations, each refused cleanly and without a trace.

Every row is tried as the least-privileged user who could plausibly attempt it, in a savepoint.
It must raise a UserError, ValidationError or AccessError (a database error is only acceptable
when Odoo's RPC layer turns it into a ValidationError, as it does for SQL constraints), with a
non-empty message containing the expected fragment of an English source string that the
translation template knows. Afterwards every table of the addon has the same number of rows
and a written record still holds its old values.

Wrong types sent over JSON-RPC are in test_external_api.py (they need the HTTP server).
"""

import logging
import re
from datetime import timedelta

import psycopg2

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.misc import file_path

from .common import PartyCase

_logger = logging.getLogger(__name__)

CLEAN = (UserError, ValidationError, AccessError)


def pot_msgids():
    """The msgids of the translation template, with continuation lines joined."""
    with open(file_path("party_cell/i18n/party_cell.pot"), encoding="utf-8") as f:
        text = f.read()
    ids = []
    for block in re.findall(r'^msgid ((?:".*"\n)+)', text, flags=re.M):
        parts = re.findall(r'"(.*)"', block)
        ids.append("".join(parts).replace('\\"', '"').replace("\\n", "\n"))
    return ids


def party_row_counts(env):
    """Rows of every table of the addon, in one query."""
    env.flush_all()
    tables = sorted({
        model._table for model in env.registry.values()
        if model._name.startswith("party.") and model._auto and not model._transient
    })
    # SQL: one grouped count over every table instead of a search_count per model per case;
    # the table names come from the registry, not from input.
    query = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)
    env.cr.execute(query)  # pylint: disable=sql-injection
    return dict(env.cr.fetchall())


class BadInputCase(PartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "member": cls.user_member, "member2": cls.user_member2,
            "secretary": cls.user_secretary, "committee": cls.user_officer,
            "inspector": cls.user_inspector, "admin": cls.user_admin,
        }
        cls.emp_free = cls._employee("Quần chúng ưu tú")
        cls.emp_young = cls._employee("Người trẻ", birthday="2000-01-01")
        cls.emp_old = cls._employee("Người cao tuổi", birthday="1940-01-01")
        cls.emp_z = cls._employee("Nhân viên Sở", company=cls.company2)
        cls.topic = cls.env["party.topic"].create({
            "name": "Học tập và làm theo tư tưởng Hồ Chí Minh", "issuer_id": cls.cell_a1.id,
            "year": 2026, "organization_ids": [(6, 0, cls.cell_a1.ids)],
        })
        cls.draft = cls._meeting(cls.cell_a1, start="2026-11-03 07:00:00")
        cls.b1_meeting = cls._meeting(cls.cell_b1, start="2026-11-05 07:00:00")
        cls.held = cls._held("2026-10-06 07:00:00")
        cls.held_submitted = cls._held("2026-08-04 07:00:00")
        cls.held_closed = cls._held("2026-07-07 07:00:00")
        cls.approved = cls._held("2026-09-08 07:00:00")
        cls.approved.conclusion = "<p>Thống nhất</p>"
        cls.approved.action_approve()
        # member2 is absent with reason from the held meeting: no ballot for them there.
        cls._line(cls.held, cls.member2).write({"status": "excused", "reason": "Ốm"})
        Ballot = cls.env["party.ballot"]
        cls.ballot = Ballot.create(
            {"meeting_id": cls.held.id, "voter_id": cls.member.id, "role": "member"})
        cls.manual_line = cls.ballot.line_ids.filtered(lambda line: not line.is_auto)[:1]
        cls.auto_line = cls.ballot.line_ids.filtered("is_auto")[:1]
        cls.submitted = Ballot.create(
            {"meeting_id": cls.held_submitted.id, "voter_id": cls.member2.id, "role": "member"})
        cls.submitted.action_submit()
        closed = Ballot.create(
            {"meeting_id": cls.held_closed.id, "voter_id": cls.member2.id, "role": "member"})
        closed.action_submit()
        cls.held_closed.action_close_scoring()
        cls.closed_ballot = closed
        cls.task = cls.env["party.task"].create({
            "name": "Báo cáo kết quả", "meeting_id": cls.draft.id, "deadline": "2026-11-30",
            "assignee_ids": [(6, 0, cls.member.ids)],
        })
        # Joins after the meetings: admitted after them, so never on their roll call.
        cls.newcomer = cls._member("Đảng viên mới kết nạp", cls.cell_a1, state="probationary",
                                   admission_date="2026-12-01", official_date=False)
        cls.mover = cls._member("Đảng viên chuyển đi", cls.cell_a1)
        cls.done_transfer = cls.env["party.member.transfer"].create({
            "member_id": cls.mover.id, "direction": "internal",
            "to_organization_id": cls.cell_a2.id,
        })
        cls.done_transfer.action_done()
        cls.appraisal = cls.env["party.appraisal"].create({"member_id": cls.member.id,
                                                           "year": 2026})
        cls.org_appraisal = cls.env["party.appraisal"].create(
            {"organization_id": cls.cell_a1.id, "year": 2026})
        cls.scheme = cls.env.ref("party_cell.score_scheme_preset_a")
        cls.msgids = pot_msgids()

    @classmethod
    def _held(cls, start):
        meeting = cls._meeting(cls.cell_a1, start=start)
        meeting.write({"chair_id": cls.secretary.id, "minute_taker_id": cls.member2.id})
        meeting.action_plan()
        meeting.action_hold()
        return meeting

    @staticmethod
    def _line(meeting, member):
        return meeting.attendance_ids.filtered(lambda a: a.member_id == member)

    def _meeting_vals(self, start="2026-12-01 07:00:00", minutes=120, **vals):
        start_dt = fields.Datetime.to_datetime(start)
        return dict({
            "organization_id": self.cell_a1.id, "date_start": start_dt,
            "date_end": start_dt + timedelta(minutes=minutes), "location": "Phòng họp",
        }, **vals)

    def _member_vals(self, employee, **vals):
        return dict({
            "employee_id": employee.id, "organization_id": self.cell_a1.id, "state": "official",
            "admission_date": "2010-05-19", "official_date": "2011-05-19",
        }, **vals)

    def _try(self, user_key, action):
        """Run the action as the user; return the exception it raised (None if none)."""
        env = self.env(user=self.users[user_key])
        try:
            # odoo.sql_db logs each violated SQL constraint as an ERROR: expected here.
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                action(env)
                self.env.flush_all()
        except psycopg2.IntegrityError as error:
            # What Odoo's RPC layer does with a violated SQL constraint (service/model.py).
            return _as_validation_error(self.env, error)
        except Exception as error:  # noqa: BLE001 (whatever it is, it is judged below)
            return error
        finally:
            self.env.invalidate_all()
        return None


E = fields.Datetime.to_datetime  # short for the table below


def _w(record_attr, vals):
    """Write vals on a fixture record, as the case's user."""
    return lambda t, env: getattr(t, record_attr).with_env(env).write(vals)


def _call(record_attr, method, *args):
    return lambda t, env: getattr(getattr(t, record_attr).with_env(env), method)(*args)


def _create(model, vals_fn):
    return lambda t, env: env[model].create(vals_fn(t))


V, U, A = ValidationError, UserError, AccessError

# Inputs the addon still accepts, reported as bugs: each must stay accepted until fixed, and
# then moves out of this set (the test fails when one starts being refused).
KNOWN_ACCEPTED = set()

# (what, user, action(test, env), exception, fragment of the English source message,
#  record attribute and fields that must keep their values)
CASES = [
    # Organisations --------------------------------------------------------------------
    ("org: window starts on day 0", "committee", _create("party.organization", lambda t: {
        "name": "Chi bộ X", "parent_id": t.committee_a.id, "meeting_day_from": 0}),
     V, "meeting days must lie between 1 and 28"),
    ("org: window ends before it starts", "committee", _create("party.organization", lambda t: {
        "name": "Chi bộ X", "parent_id": t.committee_a.id, "meeting_day_from": 10,
        "meeting_day_to": 5}), V, "meeting days must lie between 1 and 28"),
    ("org: window ends on day 31", "committee", _w("cell_a1", {"meeting_day_to": 31}),
     V, "meeting days must lie between 1 and 28", ("cell_a1", ["meeting_day_to"])),
    ("org: registration on day 29", "committee", _w("cell_a1", {"registration_day": 29}),
     V, "meeting days must lie between 1 and 28", ("cell_a1", ["registration_day"])),
    ("org: negative registration day", "committee", _w("cell_a1", {"registration_day": -1}),
     V, "meeting days must lie between 1 and 28", ("cell_a1", ["registration_day"])),
    ("org: cell under a cell", "committee", _create("party.organization", lambda t: {
        "name": "Tổ đảng", "parent_id": t.cell_a1.id}), V, "A cell cannot have sub-organisations"),
    ("org: move a cell under a cell", "committee", lambda t, env: t.cell_a2.with_env(env).write(
        {"parent_id": t.cell_a1.id}), V, "A cell cannot have sub-organisations",
     ("cell_a2", ["parent_id"])),
    ("org: committee with cells becomes a cell", "committee", _w("committee_a", {
        "org_type": "cell"}), V, "has sub-organisations and cannot become a cell",
     ("committee_a", ["org_type"])),
    ("org: delete a cell with members", "committee", _call("cell_a1", "unlink"),
     U, "still has members or sub-organisations"),
    ("org: delete a committee with cells", "committee", _call("committee_a", "unlink"),
     U, "still has members or sub-organisations"),
    ("org: duplicate code", "committee", _create("party.organization", lambda t: {
        "name": "Chi bộ trùng mã", "parent_id": t.committee_a.id, "code": "A1"}),
     V, "The code must be unique per company."),
    ("org: secretary renames another cell", "secretary", _w("cell_b1", {"name": "B1 mới"}),
     A, "", ("cell_b1", ["name"])),
    ("org: secretary creates a cell", "secretary", _create("party.organization", lambda t: {
        "name": "Chi bộ tự lập", "parent_id": t.committee_a.id}), A, ""),
    ("org: officer creates outside the subtree", "committee", _create(
        "party.organization", lambda t: {"name": "Chi bộ B2", "parent_id": t.committee_b.id}),
     A, ""),
    ("org: member renames own cell", "member", _w("cell_a1", {"name": "Đổi tên"}), A, "",
     ("cell_a1", ["name"])),
    # Members ----------------------------------------------------------------------------
    ("member: employee already a member", "secretary", _create("party.member", lambda t: (
        t._member_vals(t.member.employee_id))), V, "already has an active party membership"),
    ("member: same employee twice in one go", "secretary", lambda t, env: env[
        "party.member"].create([t._member_vals(t.emp_free), t._member_vals(t.emp_free)]),
     V, "already has an active party membership"),
    ("member: second membership by changing employee", "secretary", lambda t, env: (
        t.member2.with_env(env).write({"employee_id": t.member.employee_id.id})),
     V, "already has an active party membership", ("member2", ["employee_id"])),
    ("member: admitted at 10", "secretary", _create("party.member", lambda t: (
        t._member_vals(t.emp_young))), V, "the age must be between"),
    ("member: admitted at 70", "secretary", _create("party.member", lambda t: (
        t._member_vals(t.emp_old))), V, "the age must be between"),
    ("member: official before admitted", "secretary", _create("party.member", lambda t: (
        t._member_vals(t.emp_free, official_date="2009-01-01"))),
     V, "the official date must come after the admission date"),
    ("member: official without official date", "secretary", _create("party.member", lambda t: (
        t._member_vals(t.emp_free, official_date=False))),
     V, "Official members need an official date"),
    ("member: duplicate card number", "secretary", _create("party.member", lambda t: (
        t._member_vals(t.emp_free, card_number="78.000002"))),
     V, "This party card number is already used."),
    ("member: card number taken by a write", "secretary", _w("member", {
        "card_number": "78.000003"}), V, "This party card number is already used."),
    ("member: official date moved before admission", "secretary", _w("member2", {
        "official_date": "2001-01-01"}), V, "the official date must come after",
     ("member2", ["official_date"])),
    ("member: made official by writing the status", "secretary", lambda t, env: (
        t.newcomer.with_env(env).write({"state": "official"})),
     U, "A membership status changes through Change Status", ("newcomer", ["state"])),
    ("member: in another secretary's cell", "secretary", _create("party.member", lambda t: (
        dict(t._member_vals(t.emp_free), organization_id=t.cell_b1.id))), A, ""),
    ("member: employee of another company", "committee", _create("party.member", lambda t: (
        t._member_vals(t.emp_z))), U, "Incompatible companies"),
    ("member: with a transfer history deleted", "committee", _call("mover", "unlink"),
     U, "A member with a transfer history cannot be deleted"),
    ("member: edits own record", "member", _w("member", {"theory_level": "advanced"}), A, "",
     ("member", ["theory_level"])),
    ("member: secretary deletes a member", "secretary", _call("member2", "unlink"), A, ""),
    # Transfers --------------------------------------------------------------------------
    ("transfer: ends before it starts", "secretary", _create("party.member.transfer", lambda t: {
        "member_id": t.member.id, "transfer_type": "temporary", "direction": "out",
        "external_organization": "Tỉnh khác", "date": "2026-05-01", "date_end": "2026-04-01"}),
     V, "A temporary activity cannot end before it starts."),
    ("transfer: between cells without a cell", "secretary", _create(
        "party.member.transfer", lambda t: {"member_id": t.member.id, "direction": "internal"}),
     V, "A transfer between cells needs the receiving cell."),
    ("transfer: out to nowhere", "secretary", _create("party.member.transfer", lambda t: {
        "member_id": t.member.id, "direction": "out"}),
     V, "Say which organisation the member comes from or goes to."),
    ("transfer: done one deleted", "committee", _call("done_transfer", "unlink"),
     U, "A completed transfer is part of the member's history."),
    ("transfer: of another cell's member", "secretary", _create(
        "party.member.transfer", lambda t: {"member_id": t.secretary_b.id, "direction": "out",
                                            "external_organization": "Bộ khác"}), A, ""),
    ("transfer: by a plain member", "member", _create("party.member.transfer", lambda t: {
        "member_id": t.member.id, "direction": "out", "external_organization": "Bộ khác"}),
     A, ""),
    # Meetings ---------------------------------------------------------------------------
    ("meeting: ends before it starts", "secretary", _create("party.meeting", lambda t: (
        t._meeting_vals(minutes=-30))), V, "ends before it starts."),
    ("meeting: ends when it starts", "secretary", _create("party.meeting", lambda t: (
        t._meeting_vals(minutes=0))), V, "ends before it starts."),
    ("meeting: end moved before start", "secretary", _w("draft", {
        "date_end": E("2026-11-02 07:00:00")}), V, "ends before it starts.",
     ("draft", ["date_end"])),
    ("meeting: overlaps another", "secretary", _create("party.meeting", lambda t: (
        t._meeting_vals(start="2026-11-03 08:00:00"))), V, "already has a meeting at that time"),
    ("meeting: moved onto another", "secretary", _w("draft", {
        "date_start": E("2026-10-06 07:30:00"), "date_end": E("2026-10-06 09:00:00")}),
     V, "already has a meeting at that time", ("draft", ["date_start"])),
    ("meeting: thematic without topic", "secretary", _create("party.meeting", lambda t: (
        t._meeting_vals(meeting_type="thematic"))), V, "A thematic meeting needs a topic"),
    ("meeting: combined without topic", "secretary", _create("party.meeting", lambda t: (
        t._meeting_vals(includes_thematic=True))), V, "A thematic meeting needs a topic"),
    ("meeting: committee meeting with a thematic part", "secretary", _create(
        "party.meeting", lambda t: t._meeting_vals(meeting_type="committee",
                                                    includes_thematic=True)),
     V, "Only a regular meeting takes a thematic part"),
    ("meeting: turned thematic without topic", "secretary", _w("draft", {
        "meeting_type": "thematic"}), V, "A thematic meeting needs a topic",
     ("draft", ["meeting_type"])),
    ("meeting: more votes than voters", "secretary", _w("held", {"vote_for": 99}),
     V, "the votes cannot exceed", ("held", ["vote_for"])),
    ("meeting: negative votes for", "secretary", _w("held", {"vote_for": -1}),
     V, "the votes cannot exceed", ("held", ["vote_for"])),
    ("meeting: negative votes against", "secretary", _w("held", {"vote_against": -2}),
     V, "the votes cannot exceed", ("held", ["vote_against"])),
    ("meeting: for and against beyond voters", "secretary", _w("held", {
        "vote_for": 3, "vote_against": 3}), V, "the votes cannot exceed", ("held", ["vote_for"])),
    ("meeting: held without chair", "secretary", _w("held", {"chair_id": False}),
     V, "A held meeting needs a chair and a minute-taker", ("held", ["chair_id"])),
    ("meeting: held without minute-taker", "secretary", _w("held", {"minute_taker_id": False}),
     V, "A held meeting needs a chair and a minute-taker", ("held", ["minute_taker_id"])),
    ("meeting: approved one relocated", "secretary", _w("approved", {"location": "Nơi khác"}),
     U, "is approved and locked", ("approved", ["location"])),
    ("meeting: approved conclusion rewritten", "secretary", _w("approved", {
        "conclusion": "<p>Khác</p>"}), U, "is approved and locked", ("approved", ["conclusion"])),
    ("meeting: approved votes changed", "secretary", _w("approved", {"vote_for": 1}),
     U, "is approved and locked", ("approved", ["vote_for"])),
    ("meeting: approved roll call changed", "secretary", lambda t, env: t._line(
        t.approved, t.member).with_env(env).write({"status": "unexcused"}),
     U, "is approved and locked"),
    ("meeting: approved roll call line deleted", "secretary", lambda t, env: t._line(
        t.approved, t.member).with_env(env).unlink(), U, "is approved and locked"),
    ("meeting: guest added to approved", "secretary", _create("party.meeting.guest", lambda t: {
        "meeting_id": t.approved.id, "name": "Khách muộn"}), U, "is approved and locked"),
    ("meeting: approved renumbered", "secretary", _w("approved", {"name": "Đổi tên"}),
     U, "is approved and locked", ("approved", ["name"])),
    ("meeting: plan a held one", "secretary", _call("held", "action_plan"),
     U, "is not possible for"),
    ("meeting: hold a draft", "secretary", _call("draft", "action_hold"),
     U, "is not possible for"),
    ("meeting: approve a draft", "secretary", _call("draft", "action_approve"),
     U, "is not possible for"),
    ("meeting: approve twice", "secretary", _call("approved", "action_approve"),
     U, "is not possible for"),
    ("meeting: cancel an approved one", "secretary", _call("approved", "action_cancel"),
     U, "is not possible for"),
    ("meeting: back to draft once held", "secretary", _call("held", "action_reset_draft"),
     U, "is not possible for"),
    ("meeting: send documents once held", "secretary", _call("held", "action_send_documents"),
     U, "is not possible for"),
    ("meeting: send no documents", "secretary", _call("draft", "action_send_documents"),
     U, "Attach the draft report or resolution first."),
    ("meeting: load members when approved", "secretary", _call(
        "approved", "action_fill_attendance"), U, "is not possible for"),
    ("meeting: approve without conclusion", "secretary", _call("held", "action_approve"),
     U, "Write the conclusion or resolution"),
    ("meeting: plan without place", "secretary", lambda t, env: env["party.meeting"].create(
        t._meeting_vals(location=False)).action_plan(), U, "Give a place or an online link"),
    ("meeting: delete a held one", "secretary", _call("held", "unlink"),
     U, "A meeting that has been held cannot be deleted"),
    ("meeting: delete an approved one", "committee", _call("approved", "unlink"),
     U, "A meeting that has been held cannot be deleted"),
    ("meeting: close scoring of a draft", "secretary", _call("draft", "action_close_scoring"),
     U, "Scoring opens once the meeting is held."),
    ("meeting: close scoring without ballots", "secretary", _call(
        "held", "action_close_scoring"), U, "No ballot was submitted"),
    ("meeting: ballot by someone not summoned", "committee", _call("held", "action_my_ballot"),
     U, "You are not on the roll call of this meeting."),
    ("meeting: in another cell", "secretary", _create("party.meeting", lambda t: (
        dict(t._meeting_vals(), organization_id=t.cell_b1.id))), A, ""),
    ("meeting: created by a member", "member", _create("party.meeting", lambda t: (
        t._meeting_vals())), A, ""),
    ("meeting: held by a member", "member", _call("draft", "action_plan"), A, ""),
    ("meeting: inspector edits", "inspector", _w("held", {"opinions": "<p>Sửa</p>"}), A, "",
     ("held", ["opinions"])),
    # Attendance -------------------------------------------------------------------------
    ("roll call: member of another cell", "secretary", _create(
        "party.meeting.attendance", lambda t: {"meeting_id": t.draft.id,
                                               "member_id": t.member_a2.id}),
     V, "Only members of the meeting's organisation on its date"),
    ("roll call: member admitted later", "secretary", _create(
        "party.meeting.attendance", lambda t: {"meeting_id": t.draft.id,
                                               "member_id": t.newcomer.id}),
     V, "Only members of the meeting's organisation on its date"),
    ("roll call: summoned twice", "secretary", _create("party.meeting.attendance", lambda t: {
        "meeting_id": t.draft.id, "member_id": t.member.id}),
     V, "A member is summoned only once to a meeting."),
    ("roll call: turns for an absentee", "secretary", lambda t, env: t._line(
        t.held, t.member).with_env(env).write({"status": "excused", "speaking_turns": 2}),
     V, "Only members present can have speaking turns"),
    ("roll call: turns for someone exempt", "secretary", lambda t, env: t._line(
        t.held, t.secretary).with_env(env).write({"status": "exempt", "speaking_turns": 1}),
     V, "Only members present can have speaking turns"),
    ("roll call: negative turns", "secretary", lambda t, env: t._line(
        t.held, t.member).with_env(env).write({"speaking_turns": -1}),
     V, "Speaking turns cannot be negative."),
    ("roll call: absent member marked speaking", "secretary", lambda t, env: t._line(
        t.held, t.member2).with_env(env).write({"speaking_turns": 1}),
     V, "Only members present can have speaking turns"),
    ("roll call: lines of another meeting", "secretary", lambda t, env: t.draft.with_env(
        env).write({"attendance_ids": [(1, t._line(t.held, t.member).id, {"opinion": "x"})]}),
     U, "These roll-call lines belong to another meeting."),
    ("roll call: moved to another cell's member", "secretary", lambda t, env: t._line(
        t.draft, t.member).with_env(env).write({"member_id": t.member_a2.id}),
     V, "Only members of the meeting's organisation on its date"),
    ("roll call: member marks own presence", "member", lambda t, env: t._line(
        t.held, t.member).with_env(env).write({"status": "present"}), A, ""),
    # Guests -----------------------------------------------------------------------------
    ("guest: without a name", "secretary", _create("party.meeting.guest", lambda t: {
        "meeting_id": t.draft.id}), V, "mandatory field"),
    ("guest: in another cell's meeting", "secretary", _create("party.meeting.guest", lambda t: {
        "meeting_id": t.b1_meeting.id, "name": "Khách"}), A, ""),
    # Tasks ------------------------------------------------------------------------------
    # The officer reads both cells: the rule on assignees speaks, not the record rules.
    ("task: assignee from another cell", "committee", _create("party.task", lambda t: {
        "name": "Việc", "meeting_id": t.draft.id, "deadline": "2026-12-31",
        "assignee_ids": [(6, 0, t.member_a2.ids)]}), V, "Tasks go to members of the organisation"),
    ("task: assignee the secretary cannot see", "secretary", _create("party.task", lambda t: {
        "name": "Việc", "meeting_id": t.draft.id, "deadline": "2026-12-31",
        "assignee_ids": [(6, 0, t.member_a2.ids)]}), A, ""),
    ("task: assignee changed to a stranger", "committee", lambda t, env: t.task.with_env(
        env).write({"assignee_ids": [(4, t.member_a2.id)]}),
     V, "Tasks go to members of the organisation", ("task", ["assignee_ids"])),
    ("task: without deadline", "secretary", _create("party.task", lambda t: {
        "name": "Việc", "meeting_id": t.draft.id, "assignee_ids": [(6, 0, t.member.ids)]}),
     V, "mandatory field"),
    ("task: without assignee", "secretary", _create("party.task", lambda t: {
        "name": "Việc", "meeting_id": t.draft.id, "deadline": "2026-12-31"}),
     V, "needs at least one assignee"),
    ("task: assignee renames it", "member", _w("task", {"name": "Việc khác"}),
     A, "Only the secretary or the committee can change a task", ("task", ["name"])),
    ("task: assignee moves the deadline", "member", _w("task", {"deadline": "2027-06-30"}),
     A, "Only the secretary or the committee can change a task", ("task", ["deadline"])),
    ("task: assignee reassigns it", "member", lambda t, env: t.task.with_env(env).write(
        {"assignee_ids": [(6, 0, t.member2.ids)]}),
     A, "Only the secretary or the committee can change a task", ("task", ["assignee_ids"])),
    ("task: member creates one", "member", _create("party.task", lambda t: {
        "name": "Việc", "meeting_id": t.draft.id, "deadline": "2026-12-31",
        "assignee_ids": [(6, 0, t.member.ids)]}), A, ""),
    ("task: overdue searched with 'in'", "member", lambda t, env: env["party.task"].search(
        [("is_overdue", "in", [True])]), V, "Unsupported search on overdue tasks."),
    ("task: overdue searched with a string", "member", lambda t, env: env["party.task"].search(
        [("is_overdue", "=", "yes")]), V, "Unsupported search on overdue tasks."),
    # Ballots ----------------------------------------------------------------------------
    ("ballot: before the meeting is held", "member", _create("party.ballot", lambda t: {
        "meeting_id": t.draft.id, "voter_id": t.member.id}),
     V, "Ballots are taken only after the meeting is held."),
    ("ballot: by an absent member", "member2", _create("party.ballot", lambda t: {
        "meeting_id": t.held.id, "voter_id": t.member2.id}), V, "Only members present at"),
    ("ballot: second one", "member", _create("party.ballot", lambda t: {
        "meeting_id": t.held.id, "voter_id": t.member.id}),
     V, "This person has already a ballot in this role for this meeting."),
    ("ballot: committee proposal by a member", "member", _create("party.ballot", lambda t: {
        "meeting_id": t.held.id, "voter_id": t.member.id, "role": "committee"}),
     V, "The committee proposal is entered by a member of the cell committee."),
    ("ballot: for somebody else", "member", _create("party.ballot", lambda t: {
        "meeting_id": t.held.id, "voter_id": t.secretary.id}), A, ""),
    ("ballot: upper official before holding", "inspector", _create("party.ballot", lambda t: {
        "meeting_id": t.draft.id, "voter_employee_id": t.env["hr.employee"].create(
            {"name": "Cán bộ cấp trên", "user_id": t.user_inspector.id}).id, "role": "upper"}),
     V, "Ballots are taken only after the meeting is held."),
    ("ballot: points above the maximum", "member", lambda t, env: t.manual_line.with_env(
        env).write({"points": t.manual_line.max_points + 1}), V, "is scored between 0 and",
     ("manual_line", ["points"])),
    ("ballot: negative points", "member", lambda t, env: t.manual_line.with_env(env).write(
        {"points": -1}), V, "is scored between 0 and", ("manual_line", ["points"])),
    ("ballot: automatic criterion overridden", "member", lambda t, env: t.auto_line.with_env(
        env).write({"points": 0}), U, "Automatic criteria are computed from the meeting record.",
     ("auto_line", ["points"])),
    ("ballot: submitted one rescored", "member2", lambda t, env: t.submitted.line_ids.filtered(
        lambda line: not line.is_auto)[:1].with_env(env).write({"points": 0}),
     U, "A submitted ballot cannot be changed."),
    ("ballot: submitted one commented", "member2", lambda t, env: t.submitted.with_env(
        env).write({"comment": "Sửa lại"}), U, "A submitted ballot cannot be changed.",
     ("submitted", ["comment"])),
    ("ballot: submitted twice", "member2", _call("submitted", "action_submit"),
     U, "Submitting is not possible for"),
    ("ballot: on closed scoring", "member", _create("party.ballot", lambda t: {
        "meeting_id": t.held_closed.id, "voter_id": t.member.id}), U, "is closed."),
    ("ballot: changed after closing", "member2", lambda t, env: t.closed_ballot.with_env(
        env).write({"comment": "Muộn"}), U, "is closed.", ("closed_ballot", ["comment"])),
    ("ballot: somebody else's line", "member2", lambda t, env: t.manual_line.with_env(
        env).write({"points": 1}), A, "", ("manual_line", ["points"])),
    ("ballot: secretary deletes one", "secretary", _call("ballot", "unlink"), A, ""),
    # Score schemes ----------------------------------------------------------------------
    ("scheme: ends before it starts", "admin", _create("party.score.scheme", lambda t: {
        "name": "Thang điểm", "date_from": "2026-01-01", "date_to": "2025-01-01"}),
     V, "ends before it starts."),
    ("scheme: a rating in two bands", "admin", _create("party.score.scheme", lambda t: {
        "name": "Thang điểm", "date_from": "2026-01-01", "band_ids": [
            (0, 0, {"rating": "good", "min_score": 90}),
            (0, 0, {"rating": "good", "min_score": 80})]}),
     V, "gives a rating more than one band."),
    ("scheme: band below zero", "admin", _create("party.score.band", lambda t: {
        "scheme_id": t.scheme.id, "rating": "poor", "min_score": -5}),
     V, "A band starts at zero or more."),
    ("scheme: criterion worth nothing", "admin", _create("party.score.criterion", lambda t: {
        "scheme_id": t.scheme.id, "group": "Chung", "name": "Không điểm", "max_points": 0}),
     V, "A criterion is worth some points."),
    ("scheme: criterion worth negative points", "admin", _create(
        "party.score.criterion", lambda t: {"scheme_id": t.scheme.id, "group": "Chung",
                                            "name": "Âm", "max_points": -3}),
     V, "A criterion is worth some points."),
    ("scheme: unreadable scale", "admin", _create("party.score.criterion", lambda t: {
        "scheme_id": t.scheme.id, "group": "Chung", "name": "Tự động", "max_points": 5,
        "auto_source": "attendance", "scale": "nhiều=5"}), V, "must read like"),
    ("scheme: scale above the maximum", "admin", _create("party.score.criterion", lambda t: {
        "scheme_id": t.scheme.id, "group": "Chung", "name": "Tự động", "max_points": 5,
        "auto_source": "attendance", "scale": "90=50;0=1"}), V, "must read like"),
    ("scheme: automatic without scale", "admin", _create("party.score.criterion", lambda t: {
        "scheme_id": t.scheme.id, "group": "Chung", "name": "Tự động", "max_points": 5,
        "auto_source": "duration"}), V, "must read like"),
    ("scheme: scale with a stray step", "admin", _create("party.score.criterion", lambda t: {
        "scheme_id": t.scheme.id, "group": "Chung", "name": "Tự động", "max_points": 5,
        "auto_source": "speaking_rate", "scale": "50=5;40"}), V, "must read like"),
    ("scheme: member creates one", "member", _create("party.score.scheme", lambda t: {
        "name": "Của tôi", "date_from": "2026-01-01"}), A, ""),
    ("scheme: officer edits a criterion", "committee", lambda t, env: t.scheme.criterion_ids[
        :1].with_env(env).write({"max_points": 50}), A, ""),
    # Appraisals -------------------------------------------------------------------------
    ("appraisal: score 120", "committee", _create("party.appraisal", lambda t: {
        "member_id": t.member2.id, "year": 2026, "score": 120}),
     V, "The score lies between 0 and 100."),
    ("appraisal: negative score", "committee", _w("appraisal", {"score": -1}),
     V, "The score lies between 0 and 100.", ("appraisal", ["score"])),
    ("appraisal: member and organisation", "committee", _create("party.appraisal", lambda t: {
        "member_id": t.member2.id, "organization_id": t.cell_a2.id, "year": 2026}),
     V, "An appraisal rates either a member or an organisation."),
    ("appraisal: nobody rated", "committee", _create("party.appraisal", lambda t: {
        "year": 2026}), V, "An appraisal rates either a member or an organisation."),
    ("appraisal: member rated twice a year", "committee", _create("party.appraisal", lambda t: {
        "member_id": t.member.id, "year": 2026}), V, "The member is already rated that year."),
    ("appraisal: cell rated twice a year", "committee", _create("party.appraisal", lambda t: {
        "organization_id": t.cell_a1.id, "year": 2026}),
     V, "The organisation is already rated that year."),
    ("appraisal: created decided", "committee", _create("party.appraisal", lambda t: {
        "member_id": t.member2.id, "year": 2025, "proposed_rating": "excellent",
        "rating": "excellent", "state": "decided"}), U, "An appraisal starts as a draft"),
    ("appraisal: member decides own rating", "member", _w("appraisal", {"rating": "excellent"}),
     A, "Only the cell and the committee rate members.", ("appraisal", ["rating"])),
    ("appraisal: member raises own score", "member", _w("appraisal", {"score": 99}),
     A, "Only the cell and the committee rate members.", ("appraisal", ["score"])),
    ("appraisal: secretary decides", "secretary", _w("appraisal", {"rating": "good"}),
     A, "This step belongs to the cell or the committee.", ("appraisal", ["rating"])),
    ("appraisal: member proposes", "member", _call("appraisal", "action_propose"),
     A, "This step belongs to the cell or the committee."),
    ("appraisal: proposal before self-assessment", "secretary", _call(
        "appraisal", "action_propose"), U, "Proposal is not possible for"),
    ("appraisal: self-assessed without a rating", "member", _call(
        "appraisal", "action_self_assess"), U, "first."),
    ("appraisal: decided before proposed", "committee", _call("appraisal", "action_decide"),
     U, "Decision is not possible for"),
    ("appraisal: member creates one", "member", _create("party.appraisal", lambda t: {
        "member_id": t.member.id, "year": 2027}), A, ""),
]


@tagged("post_install", "-at_install")
class TestBadInput(BadInputCase):
    def test_every_bad_input_is_refused_cleanly(self):
        """One subtest per case: a failure names the case and the user who tried it."""
        self.assertGreaterEqual(len(CASES), 100)
        failures, stale, accepted_known = [], [], 0
        for case in CASES:
            what, user_key, _action, _expected, fragment = case[:5]
            with self.subTest(case=what, user=user_key):
                problem, known = self._judge(case)
                accepted_known += known
                if problem:
                    failures.append(what)
                    self.fail(problem)
                if fragment and not any(fragment in msgid for msgid in self.msgids):
                    stale.append(f"{what}: {fragment!r}")
        for line in stale:
            # Odoo's own messages (mandatory field, companies) are in base's template; ours
            # may only be missing because the template is refreshed separately.
            _logger.info("bad input: message not in party_cell.pot (Odoo's or stale): %s", line)
        _logger.info("bad input: %s invalid inputs tried, %s refused cleanly, %s known bugs "
                     "accepted", len(CASES), len(CASES) - len(failures) - accepted_known,
                     accepted_known)

    def _judge(self, case):
        """What is wrong with how the server answered one case (None when nothing is), and
        whether the case is a known bug, still accepted."""
        what, user_key, action, expected, fragment = case[:5]
        kept = case[5] if len(case) > 5 else None
        before_values = kept and getattr(self, kept[0]).read(kept[1])
        before = party_row_counts(self.env)
        error = self._try(user_key, lambda env: action(self, env))
        after = party_row_counts(self.env)
        if what in KNOWN_ACCEPTED:
            if error is not None:
                return f"now refused ({error}): take it out of KNOWN_ACCEPTED", False
            _logger.warning("bad input: known bug, still accepted: %s", what)
            return None, True
        if error is None:
            return "accepted", False
        if not isinstance(error, CLEAN):
            return f"server error {type(error).__name__}: {error}", False
        if not isinstance(error, expected):
            return f"{type(error).__name__} instead of {expected.__name__}: {error}", False
        if not str(error).strip():
            return "empty message", False
        if fragment not in str(error):
            return f"message lacks {fragment!r}: {error}", False
        if before != after:
            changed = {t: (n, after.get(t)) for t, n in before.items() if n != after.get(t)}
            return f"rows changed: {changed}", False
        if kept and getattr(self, kept[0]).read(kept[1]) != before_values:
            return f"{kept[0]} changed", False
        return None, False
