from datetime import timedelta

import psycopg2
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PartyCase


@tagged("post_install", "-at_install")
class ScoreCase(PartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scheme = cls.env.ref("party_cell.score_scheme_preset_a")
        cls.criteria = {c.auto_source: c for c in cls.scheme.criterion_ids
                        if c.auto_source != "manual"}
        cls.third = cls._member("Đặng Văn Ba", cls.cell_a1)

    def _held(self, start="2026-11-03 07:00:00", minutes=95, **vals):
        meeting = self._meeting(self.cell_a1, start=start, minutes=minutes, **vals)
        meeting.write({"chair_id": self.secretary.id, "minute_taker_id": self.member2.id})
        meeting.action_plan()
        meeting.action_hold()
        return meeting

    def _prepare_by_committee(self, meeting):
        """The chi ủy met the day before and prepared the meeting (an automatic criterion)."""
        chi_uy = self._meeting(self.cell_a1, start=meeting.date_start - timedelta(days=1),
                               meeting_type="committee", prepares_meeting_id=meeting.id,
                               chair_id=self.secretary.id, minute_taker_id=self.member2.id)
        chi_uy.action_plan()
        chi_uy.action_hold()
        return chi_uy

    def _ballot(self, meeting, user, member, role="member"):
        return self.env["party.ballot"].with_user(user).create({
            "meeting_id": meeting.id, "voter_id": member.id, "role": role,
        })

    def _fill(self, ballot, points_by_default=None):
        """Give every manual criterion its maximum (or a fixed value)."""
        for line in ballot.line_ids.filtered(lambda line: not line.is_auto):
            line.points = line.max_points if points_by_default is None else min(
                points_by_default, line.max_points)
        return ballot


class TestAutoCriteria(ScoreCase):
    def _score(self, meeting, source):
        return self.criteria[source]._auto_score(meeting._score_facts())[0]

    def test_preset_a_as_shipped(self):
        self.assertEqual(self.scheme.max_total, 100)
        self.assertEqual(self.scheme.reference, "Hướng dẫn 42-HD/BTCTW ngày 28/10/2025")
        self.assertEqual(
            sorted(self.scheme.band_ids.mapped(lambda b: (b.rating, b.min_score))),
            [("average", 50), ("fair", 70), ("good", 90), ("poor", 0)],
        )
        self.assertEqual(len(self.scheme.criterion_ids.filtered("gate_for_good")), 4)

    def test_duration(self):
        expected = {95: 5, 90: 5, 80: 4, 65: 3, 50: 2, 30: 1}
        for day, (minutes, points) in enumerate(expected.items(), start=2):
            meeting = self._meeting(self.cell_a1, start=f"2026-10-{day:02d} 07:00:00",
                                    minutes=minutes)
            self.assertEqual(self._score(meeting, "duration"), points, f"{minutes} min")

    def test_attendance_rate_unexcused_cap_and_streak_bonus(self):
        meeting = self._held()
        # 4 of 4 present, nobody on a long absence: 4 points + 1 bonus.
        self.assertEqual(self._score(meeting, "attendance"), 5)
        line = meeting.attendance_ids.filtered(lambda a: a.member_id == self.third)
        line.write({"status": "excused", "reason": "Ốm"})  # 75%
        self.assertEqual(self._score(meeting, "attendance"), 4)
        line.status = "unexcused"  # capped at 1, plus the bonus
        self.assertEqual(self._score(meeting, "attendance"), 2)

    def test_attendance_bonus_lost_after_long_absence(self):
        for month in ("07", "08", "09", "10"):
            meeting = self._held(start=f"2026-{month}-03 07:00:00")
            meeting.attendance_ids.filtered(lambda a: a.member_id == self.third).write(
                {"status": "excused", "reason": "Đi học dài hạn"})
        self.assertEqual(meeting._score_facts()["longest_streak"], 4)
        self.assertEqual(self._score(meeting, "attendance"), 3, "75%: 3 points, no bonus")

    def test_speaking_rate(self):
        meeting = self._held()
        lines = meeting.attendance_ids.filtered(lambda a: a.status == "present")
        self.assertEqual(self._score(meeting, "speaking_rate"), 2)
        lines[0].speaking_turns = 2  # 25%
        self.assertEqual(self._score(meeting, "speaking_rate"), 2)
        lines[1].speaking_turns = 1  # 50%: not above half
        self.assertEqual(self._score(meeting, "speaking_rate"), 4)
        lines[2].speaking_turns = 1  # 75%
        self.assertEqual(self._score(meeting, "speaking_rate"), 5)

    def test_documents_minutes_tasks(self):
        meeting = self._held()
        self.assertEqual(self._score(meeting, "documents_ahead"), 0)
        meeting.documents_sent_date = meeting.date_start - timedelta(days=2)
        self.assertEqual(self._score(meeting, "documents_ahead"), 2)
        meeting.documents_sent_date = meeting.date_start - timedelta(hours=5)
        self.assertEqual(self._score(meeting, "documents_ahead"), 0)
        self.assertEqual(self._score(meeting, "tasks_assigned"), 0)
        self.env["party.task"].create({
            "name": "Viết báo cáo", "meeting_id": meeting.id, "deadline": "2026-11-30",
            "assignee_ids": [(6, 0, self.member.ids)],
        })
        self.assertEqual(self._score(meeting, "tasks_assigned"), 2)
        meeting.conclusion = "<p>Kết luận</p>"
        meeting.approved_date = meeting.date_end + timedelta(days=1)
        self.assertEqual(self._score(meeting, "minutes_on_time"), 1)
        meeting.approved_date = meeting.date_end + timedelta(days=3)
        self.assertEqual(self._score(meeting, "minutes_on_time"), 0)

    @freeze_time("2026-12-31 08:00:00")  # the meetings of December have taken place
    def test_thematic_part(self):
        topic = self.env["party.topic"].create({"name": "Đoàn kết nội bộ", "year": 2026})
        ordinary = self._held(start="2026-11-03 07:00:00")
        self.assertEqual(self._score(ordinary, "thematic_held"), 5, "not due in November")
        due = self._held(start="2026-12-03 07:00:00")
        self.assertEqual(self._score(due, "thematic_held"), 0, "December closes the quarter")
        combined = self._held(start="2026-12-10 07:00:00", minutes=125,
                              includes_thematic=True, topic_id=topic.id)
        self.assertEqual(self._score(combined, "thematic_held"), 5)


class TestBallotsAndRating(ScoreCase):
    def test_scheme_in_force_is_kept(self):
        meeting = self._held()
        self.assertEqual(meeting.scheme_id, self.scheme)
        newer = self.scheme.copy({"name": "Bộ tiêu chí 2027", "date_from": "2026-11-01"})
        self.assertEqual(newer.max_total, 100, "criteria and bands are copied")
        self.assertEqual(meeting.scheme_id, self.scheme, "an existing meeting keeps its scheme")
        later = self._held(start="2026-11-17 07:00:00")
        self.assertEqual(later.scheme_id, newer)

    def test_scheme_set_at_creation(self):
        # Scripts and data files approve meetings without reading the scheme first.
        meeting = self._meeting(self.cell_a1, chair_id=self.secretary.id,
                                minute_taker_id=self.member2.id, conclusion="<p>Xong</p>")
        meeting.action_plan()
        meeting.action_hold()
        meeting.action_approve()
        self.assertEqual(meeting.scheme_id, self.scheme)
        self.assertTrue(self._ballot(meeting, self.user_member, self.member).line_ids)

    def test_member_ballots_average_and_bands(self):
        meeting = self._held(minutes=125)
        self._prepare_by_committee(meeting)
        meeting.attendance_ids.filtered(lambda a: a.status == "present")[:3].speaking_turns = 1
        meeting.documents_sent_date = meeting.date_start - timedelta(days=2)
        self.env["party.task"].create({
            "name": "Việc", "meeting_id": meeting.id, "deadline": "2026-11-30",
            "assignee_ids": [(6, 0, self.member.ids)],
        })
        with freeze_time("2026-11-03 12:00:00"):  # minutes can still be posted on time
            ballot = self._fill(self._ballot(meeting, self.user_member, self.member))
        self.assertEqual(ballot.line_ids.filtered("is_auto")[0].explanation[:3], "125")
        ballot.action_submit()
        self.assertEqual(meeting.score, 100)
        self.assertEqual(meeting.rating, "good")
        low = self._fill(self._ballot(meeting, self.user_member2, self.member2), 0)
        low.action_submit()
        self.assertEqual(meeting.ballot_count, 2)
        self.assertAlmostEqual(meeting.score, (100 + low.total) / 2)
        self.assertEqual(meeting.rating, "fair" if meeting.score >= 70 else "average")

    def test_gate_for_good(self):
        meeting = self._held(minutes=80)  # duration 4 of 5: no "good" whatever the total
        self._prepare_by_committee(meeting)
        ballot = self._fill(self._ballot(meeting, self.user_member, self.member))
        ballot.action_submit()
        self.assertGreaterEqual(meeting.score, 90)
        self.assertEqual(meeting.rating, "fair")

    def test_discipline_gate(self):
        meeting = self._held(minutes=125)
        self.env["party.discipline"].create({
            "member_id": self.member2.id, "date": "2026-11-20", "level": "reprimand",
            "reason": "Vi phạm quy chế",
        })
        self._fill(self._ballot(meeting, self.user_member, self.member)).action_submit()
        self.assertEqual(meeting.rating, "poor")

    def test_committee_aggregation(self):
        self.scheme.aggregation = "committee"
        meeting = self._held(minutes=125)
        member = self._fill(self._ballot(meeting, self.user_member, self.member), 0)
        member.action_submit()
        self.assertEqual(meeting.score, 0.0, "members' ballots do not count here")
        proposal = self._fill(self._ballot(meeting, self.user_secretary, self.secretary,
                                           role="committee"))
        proposal.action_submit()
        self.assertEqual(meeting.score, proposal.total)
        self.assertEqual(meeting.committee_score, proposal.total)

    @mute_logger("odoo.sql_db")
    def test_who_may_vote(self):
        meeting = self._meeting(self.cell_a1)
        with self.assertRaisesRegex(ValidationError, "only after the meeting is held"):
            self._ballot(meeting, self.user_member, self.member)
        meeting = self._held(start="2026-11-10 07:00:00")
        meeting.attendance_ids.filtered(lambda a: a.member_id == self.member2).write(
            {"status": "excused", "reason": "Công tác"})
        with self.assertRaisesRegex(ValidationError, "Only members present"):
            self._ballot(meeting, self.user_member2, self.member2)
        with self.assertRaisesRegex(ValidationError, "member of the cell committee"):
            self._ballot(meeting, self.user_member, self.member, role="committee")
        with self.assertRaisesRegex(ValidationError, "Only members present"):
            self._ballot(meeting, self.user_member, self.member_a2)
        ballot = self._ballot(meeting, self.user_member, self.member)
        with self.assertRaises(psycopg2.IntegrityError), self.cr.savepoint():
            self._ballot(meeting, self.user_member, self.member)
        line = ballot.line_ids.filtered(lambda line: not line.is_auto)[0]
        with self.assertRaisesRegex(ValidationError, "between 0 and"):
            line.points = line.max_points + 1
        with self.assertRaisesRegex(UserError, "computed from the meeting record"):
            ballot.line_ids.filtered("is_auto")[0].points = 0
        ballot.action_submit()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            line.points = 0
        meeting.with_user(self.user_secretary).action_close_scoring()
        with self.assertRaisesRegex(UserError, "is closed"):
            self._ballot(meeting, self.user_secretary, self.secretary)

    def test_anonymous_ballots(self):
        self.scheme.anonymous = True
        meeting = self._held()
        mine = self._fill(self._ballot(meeting, self.user_member, self.member))
        mine.action_submit()
        other = self._fill(self._ballot(meeting, self.user_member2, self.member2), 1)
        other.action_submit()
        self.assertTrue(meeting.anonymous_ballots)
        Ballot = self.env["party.ballot"]
        self.assertEqual(Ballot.with_user(self.user_member).search([]), mine)
        self.assertFalse(Ballot.with_user(self.user_secretary).search([]))
        self.assertFalse(Ballot.with_user(self.user_officer).search([]))
        with self.assertRaises(AccessError):
            other.with_user(self.user_officer).read(["total"])
        with self.assertRaises(AccessError):
            other.line_ids.with_user(self.user_secretary).read(["points"])
        seen = meeting.with_user(self.user_secretary)
        self.assertEqual(seen.ballot_count, 2)
        self.assertAlmostEqual(seen.score, (mine.total + other.total) / 2)
        # Without anonymity the secretary sees who scored what.
        self.scheme.anonymous = False
        open_meeting = self._held(start="2026-11-24 07:00:00")
        open_ballot = self._ballot(open_meeting, self.user_member, self.member)
        self.assertEqual(Ballot.with_user(self.user_secretary).search([]), open_ballot)

    def test_my_ballot_button_and_missing(self):
        meeting = self._held()
        self.assertTrue(meeting.ballots_missing)
        action = meeting.with_user(self.user_member).action_my_ballot()
        ballot = self.env["party.ballot"].browse(action["res_id"])
        self.assertEqual(ballot.voter_id, self.member)
        again = meeting.with_user(self.user_member).action_my_ballot()
        self.assertEqual(again["res_id"], ballot.id)
        ballot.with_user(self.user_member).action_submit()
        self.assertFalse(meeting.ballots_missing)
        missing = self.env["party.meeting"].search([("ballots_missing", "=", True)])
        self.assertNotIn(meeting, missing)

    def test_upper_ballot_and_official_rating(self):
        meeting = self._held(minutes=125)
        upper_employee = self._employee("Đồng chí Ủy viên Thường vụ",
                                        user_id=self.user_inspector.id)
        ballot = self.env["party.ballot"].with_user(self.user_inspector).create({
            "meeting_id": meeting.id, "role": "upper",
            "voter_employee_id": upper_employee.id,
        })
        self._fill(ballot, 1).action_submit()
        self.assertEqual(meeting.upper_score, ballot.total)
        meeting.with_user(self.user_officer).official_rating = "fair"
        self.assertEqual(meeting.official_rating, "fair")
        with self.assertRaises(AccessError):
            meeting.with_user(self.user_inspector).official_rating = "good"


@tagged("post_install", "-at_install")
class TestUpperBallotFromVisit(ScoreCase):
    def test_visit_score_comes_from_the_upper_ballot(self):
        meeting = self._held(minutes=125)
        official = self._employee("Đồng chí Trưởng Cụm", user_id=self.user_inspector.id)
        plan = self.env["party.visit.plan"].create(
            {"year": 2026, "organization_id": self.committee_a.id})
        visit = self.env["party.visit"].create({
            "plan_id": plan.id, "visitor_employee_id": official.id,
            "organization_id": self.cell_a1.id, "month": 11, "meeting_id": meeting.id,
            "state": "done",
        })
        action = visit.with_user(self.user_inspector).action_score_meeting()
        ballot = self.env["party.ballot"].browse(action["res_id"])
        self.assertEqual((ballot.role, ballot.voter_employee_id), ("upper", official))
        again = visit.with_user(self.user_inspector).action_score_meeting()
        self.assertEqual(again["res_id"], ballot.id)
        self._fill(ballot.with_user(self.user_inspector), 1).action_submit()
        self.assertEqual(visit.upper_score, ballot.total)
        self.assertEqual(meeting.upper_score, ballot.total)
