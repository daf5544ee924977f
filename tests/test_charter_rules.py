"""Rules of the Party Charter and the guidance as the book of record applies them
(issue 12, rules 5 to 12; the printed times of rule 10 are in test_time_zones.py)."""

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PartyCase
from .test_score import ScoreCase


@tagged("post_install", "-at_install")
class TestVotersAndRehold(PartyCase):
    def _held(self, cell=None, start="2026-11-03 07:00:00", **vals):
        meeting = self._meeting(cell or self.cell_a1, start=start, **vals)
        meeting.write({"chair_id": self.secretary.id, "minute_taker_id": self.member2.id})
        meeting.action_plan()
        meeting.action_hold()
        return meeting

    def test_exempted_member_votes_when_attending(self):
        """Rule 5: an exempted member who attends counts among the voters."""
        exempted = self._member("Cao Văn Lộc", self.cell_a1, state="exempted",
                                exemption_date="2025-01-01")
        meeting = self._held()
        line = meeting.attendance_ids.filtered(lambda a: a.member_id == exempted)
        self.assertEqual(line.status, "exempt")
        self.assertEqual(meeting.vote_total, 3, "staying away: not a voter")
        line.with_user(self.user_secretary).status = "present"
        self.assertEqual(meeting.vote_total, 4, "attending: a voter")
        self.assertEqual(meeting.summoned_count, 4)
        meeting.with_user(self.user_secretary).vote_for = 3
        self.assertTrue(meeting.vote_passed)
        self.assertEqual(meeting.vote_display, "3/4, 75.0%")

    def test_rehold_starts_clean_and_takes_over_the_period(self):
        """Rule 6: a re-held meeting copies nothing of the one that fell short, takes over
        its topic assignment and its month, and the compliance views count it instead."""
        topic = self.env["party.topic"].create({
            "name": "Xây dựng khối đoàn kết", "issuer_id": self.committee_a.id, "year": 2026,
            "organization_ids": [(6, 0, self.cell_a1.ids)],
        })
        topic.action_issue()
        assignment = topic.assignment_ids
        failed = self._held(start="2026-11-27 07:00:00", includes_thematic=True,
                            topic_id=topic.id, conclusion="<p>Chưa đạt</p>",
                            resolution="<p>Nghị quyết</p>", situation="<p>Tình hình</p>")
        failed.vote_for = 2
        self.env["party.meeting.guest"].create({"meeting_id": failed.id, "name": "Đại biểu"})
        failed.action_approve()
        self.assertEqual(assignment.meeting_id, failed)
        Compliance = self.env["party.thematic.compliance"]
        quarter = [("organization_id", "=", self.cell_a1.id), ("year", "=", 2026),
                   ("quarter", "=", "4")]
        self.assertEqual(Compliance.search(quarter).held_count, 1)

        secretary_view = failed.with_user(self.user_secretary)
        with self.assertRaisesRegex(UserError, "ordered to be held again"):
            secretary_view.action_create_rehold()
        failed.with_user(self.user_officer).rehold_required = True
        action = secretary_view.action_create_rehold()
        rehold = self.env["party.meeting"].browse(action["res_id"])
        self.assertEqual(rehold.date_start.month, 12, "a week later: in December")
        self.assertFalse(rehold.conclusion or rehold.resolution or rehold.situation)
        self.assertFalse(rehold.vote_for or rehold.minutes_number or rehold.approved_date)
        self.assertFalse(rehold.minutes_attachment_id or rehold.guest_ids or rehold.ballot_ids)
        self.assertEqual((rehold.month, rehold.quarter, rehold.is_late),
                         ("2026-11", 4, False), "the period of the meeting it replaces")
        self.assertEqual(assignment.meeting_id, rehold)
        self.assertTrue(failed.is_superseded)
        with self.assertRaisesRegex(UserError, "already being held again"):
            secretary_view.action_create_rehold()

        # The compliance views now wait for the re-held meeting.
        Compliance.invalidate_model()
        self.assertEqual(Compliance.search(quarter).held_count, 0)
        matrix = self.env["party.compliance.matrix"].with_context(party_today="2026-12-10")
        november = self._matrix_cell(matrix, "2026-11")
        self.assertEqual((november["status"], november["state"]), ("missing", "draft"))
        rehold.write({"chair_id": self.secretary.id, "minute_taker_id": self.member2.id})
        rehold.action_plan()
        with freeze_time("2026-12-10 08:00:00"):  # after the re-held meeting's start
            rehold.action_hold()
        Compliance.invalidate_model()
        self.assertEqual(Compliance.search(quarter).held_count, 1)
        self.assertEqual(self._matrix_cell(matrix, "2026-11")["state"], "held")
        self.assertEqual(self._matrix_cell(matrix, "2026-12")["status"], "missing",
                         "December still needs its own meeting")

    def _matrix_cell(self, matrix, month):
        data = matrix.get_matrix("2026-11-01", "2026-12-31",
                                 {"organization_id": self.cell_a1.id})
        row = next(r for r in data["rows"] if r["id"] == self.cell_a1.id)
        return row["cells"][month]


@tagged("post_install", "-at_install")
class TestRecognition(PartyCase):
    def _probationer(self):
        employee = self._employee("Đinh Văn Minh")
        return self.env["party.member"].create({
            "employee_id": employee.id, "organization_id": self.cell_a1.id,
            "admission_date": "2025-10-01",
        })

    def _recognise(self, member, **vals):
        return self.env["party.member.state.wizard"].with_user(self.user_secretary).create(
            dict({"member_ids": [(6, 0, member.ids)], "new_state": "official",
                  "date": "2026-10-20", "decision_number": "15-QĐ/ĐU"}, **vals)
        ).action_apply()

    def test_recognition_needs_two_thirds_and_dates_from_end_of_probation(self):
        """Rule 7: the cell's vote (two thirds of its official members), on-time date,
        decision number and date."""
        member = self._probationer()
        self.assertEqual(member.probation_end_date, fields.Date.to_date("2026-10-01"))
        wizard = self.env["party.member.state.wizard"].with_user(self.user_secretary).new(
            {"member_ids": [(6, 0, member.ids)], "new_state": "official"})
        self.assertEqual(wizard.vote_total, 3, "the cell's official members")
        with self.assertRaisesRegex(UserError, "at least 2/3 .* 1 of 3 is not enough"):
            self._recognise(member, vote_for=1)
        with self.assertRaisesRegex(UserError, "number of the decision"):
            self._recognise(member, vote_for=3, decision_number=False)
        with self.assertRaisesRegex(UserError, "ends on 10/01/2026"):
            self._recognise(member, vote_for=3, date="2026-09-15")
        with self.assertRaisesRegex(UserError, "Change Status"):
            member.with_user(self.user_secretary).write({"state": "official"})
        self.assertEqual(member.state, "probationary")
        self._recognise(member, vote_for=2)
        self.assertEqual(member.state, "official")
        self.assertEqual(member.official_date, fields.Date.to_date("2026-10-01"),
                         "on time: from the end of the 12 months, not the day of the form")
        self.assertEqual((member.official_vote_for, member.official_vote_total), (2, 3))
        self.assertEqual(member.official_decision_number, "15-QĐ/ĐU")
        self.assertEqual(member.official_decision_date, fields.Date.to_date("2026-10-20"))

    def test_admission_vote_needs_two_thirds(self):
        member = self._probationer()
        with self.assertRaisesRegex(ValidationError, "at least 2/3"):
            member.with_user(self.user_secretary).write(
                {"admission_vote_for": 1, "admission_vote_total": 3})
        member.with_user(self.user_secretary).write(
            {"admission_vote_for": 2, "admission_vote_total": 3})
        self.env["ir.config_parameter"].set_param("party_cell.admission_vote_share", "3/4")
        with self.assertRaisesRegex(ValidationError, "at least 3/4"):
            member.with_user(self.user_secretary).write({"admission_vote_total": 3})


@tagged("post_install", "-at_install")
class TestPastMeetings(PartyCase):
    def test_past_meeting_summons_the_members_of_its_day(self):
        """Rule 8: a meeting entered for a past month summons that month's members."""
        newcomer = self._member("Ngô Thị Lan", self.cell_a1, state="probationary",
                                admission_date="2026-06-01", official_date=False)
        mover = self._member("Bùi Quang Minh", self.cell_a1)
        self.env["party.member.transfer"].create({
            "member_id": mover.id, "direction": "internal", "date": "2026-05-01",
            "to_organization_id": self.cell_a2.id,
        }).action_done()
        leaver = self._member("Lý Thị Hoa", self.cell_a1)
        self.env["party.member.transfer"].create({
            "member_id": leaver.id, "direction": "out", "date": "2026-04-15",
            "external_organization": "Đảng bộ tỉnh Nghệ An",
        }).action_done()
        with freeze_time("2026-11-15"):
            march = self.env["party.meeting"].with_user(self.user_secretary).create({
                "organization_id": self.cell_a1.id, "location": "Hội trường",
                "date_start": "2026-03-03 07:00:00", "date_end": "2026-03-03 09:00:00",
            })
            november = self._meeting(self.cell_a1, start="2026-11-03 07:00:00")
        self.assertEqual(march.attendance_ids.member_id,
                         self.member | self.member2 | self.secretary | mover | leaver)
        self.assertEqual(november.attendance_ids.member_id,
                         self.member | self.member2 | self.secretary | newcomer)
        with self.assertRaisesRegex(ValidationError, "on its date"):
            self.env["party.meeting.attendance"].create(
                {"meeting_id": march.id, "member_id": newcomer.id})


@tagged("post_install", "-at_install")
class TestOrganisationYear(PartyCase):
    def _approved(self, start, rating, official=False):
        meeting = self._meeting(self.cell_a1, start=start)
        meeting.write({"chair_id": self.secretary.id, "minute_taker_id": self.member2.id,
                       "conclusion": "<p>Kết luận</p>"})
        meeting.action_plan()
        meeting.action_hold()
        meeting.action_approve()
        # The computed rating as ballots would give it; the upper level's where given.
        meeting.write({"rating": rating, "official_rating": official})
        return meeting

    def test_appraisal_counts_official_ratings_and_months(self):
        """Rule 9 (official ratings, months) and rule 12 (records start)."""
        self.cell_a1.start_date = "2026-02-10"
        self._approved("2026-02-03 07:00:00", "average", official="good")
        self._approved("2026-03-03 07:00:00", "fair")
        self._approved("2026-04-02 07:00:00", "good", official="fair")
        with freeze_time("2026-06-15"):
            appraisal = self.env["party.appraisal"].create(
                {"year": 2026, "organization_id": self.cell_a1.id})
            self.assertEqual((appraisal.meeting_good, appraisal.meeting_fair,
                              appraisal.meeting_average), (1, 2, 0))
            self.assertEqual(appraisal.meeting_official, 2)
            # January is before the records start: May is the only month missed.
            self.assertEqual(appraisal.meeting_missing, 1)
            self.assertEqual(appraisal.meeting_summary,
                             "Good: 1 month(s), 1 by the upper level; "
                             "Fair: 2 month(s), 1 by the upper level")

    def test_months_before_the_records_are_not_missed(self):
        """Rule 12: the matrix and the thematic compliance view start with the records."""
        self.cell_a1.start_date = "2026-08-01"
        matrix = self.env["party.compliance.matrix"].with_user(self.user_officer).with_context(
            party_today="2026-11-20")
        data = matrix.get_matrix("2026-01-01", "2026-12-31", {"organization_id":
                                                             self.committee_a.id})
        row = next(r for r in data["rows"] if r["id"] == self.cell_a1.id)
        statuses = {key: cell["status"] for key, cell in row["cells"].items()}
        self.assertEqual({statuses[f"2026-{m:02d}"] for m in range(1, 8)}, {"untracked"})
        self.assertEqual({statuses[f"2026-{m:02d}"] for m in range(8, 12)}, {"missing"})
        self.assertEqual(row["totals"]["missing"], 4)
        self.assertEqual(row["totals"]["quarters"], 1, "Q3 only: Q1 and Q2 are before")
        other = next(r for r in data["rows"] if r["id"] == self.cell_a2.id)
        self.assertEqual(other["totals"]["missing"], 11, "no start date: every month counts")
        quarters = self.env["party.thematic.compliance"].search([
            ("organization_id", "=", self.cell_a1.id), ("year", "=", 2026)])
        self.assertEqual(sorted(quarters.mapped("quarter")), ["3", "4"])


@tagged("post_install", "-at_install")
class TestDisciplineRerates(ScoreCase):
    def test_discipline_recorded_later_rates_the_month_again(self):
        """Rule 10: a discipline recorded after the meeting was scored re-rates it."""
        meeting = self._held(minutes=125, conclusion="<p>Thống nhất</p>")
        self._fill(self._ballot(meeting, self.user_member, self.member)).action_submit()
        meeting.action_approve()
        self.assertIn(meeting.rating, ("good", "fair"))
        rating = meeting.rating
        other_month = self._held(start="2026-10-06 07:00:00", minutes=125)
        self._fill(self._ballot(other_month, self.user_member, self.member)).action_submit()
        discipline = self.env["party.discipline"].with_user(self.user_officer).create({
            "member_id": self.member2.id, "date": "2026-11-20", "level": "reprimand",
            "reason": "Vi phạm quy chế làm việc",
        })
        self.assertEqual(meeting.rating, "poor")
        self.assertEqual(other_month.rating, rating, "October is not the period concerned")
        discipline.with_user(self.user_officer).date = "2026-10-15"
        self.assertEqual((meeting.rating, other_month.rating), (rating, "poor"))
        discipline.with_user(self.user_officer).unlink()
        self.assertEqual(other_month.rating, rating)


@tagged("post_install", "-at_install")
class TestMeetingZone(PartyCase):
    def test_period_and_lateness_follow_the_organisation(self):
        """Rule 10: month, quarter, year and lateness do not depend on who saves."""
        self.user_officer.tz = "UTC"
        self.cell_a1.tz = "Asia/Ho_Chi_Minh"
        Meeting = self.env["party.meeting"].with_user(self.user_officer)
        # 00:30 on 1 January 2027 in Hanoi is 17:30 on 31 December 2026 in UTC.
        new_year = Meeting.create({
            "organization_id": self.cell_a1.id, "location": "Hội trường",
            "date_start": "2026-12-31 17:30:00", "date_end": "2026-12-31 19:30:00",
        })
        self.assertEqual((new_year.month, new_year.quarter, new_year.year),
                         ("2027-01", 1, 2027))
        self.assertIn("1/2027", new_year.name)
        # 23:30 on 5 November in Hanoi is still the fifth: on time (window 1 to 5).
        late_evening = Meeting.create({
            "organization_id": self.cell_a1.id, "location": "Hội trường",
            "date_start": "2026-11-05 16:30:00", "date_end": "2026-11-05 18:30:00",
        })
        self.assertFalse(late_evening.is_late)
        self.cell_a1.tz = "UTC"
        self.assertEqual(new_year.month, "2026-12", "the organisation's zone decides")


@tagged("post_install", "-at_install")
class TestMembersWithoutEmail(PartyCase):
    def test_chatter_and_documents_without_an_email_address(self):
        """Rule 11: messages of a member without an address come from the company's."""
        self.company.email = "vanphong@dangbo.example.vn"
        self.user_secretary.partner_id.email = False
        self.user_member.partner_id.email = False
        meeting = self._meeting(self.cell_a1, chair_id=self.secretary.id,
                                minute_taker_id=self.member2.id)
        as_secretary = meeting.with_user(self.user_secretary)
        message = as_secretary.message_post(body="Đề nghị các đồng chí đọc trước tài liệu.",
                                            message_type="comment")
        self.assertIn("vanphong@dangbo.example.vn", message.email_from)
        self.assertIn(self.user_secretary.name, message.email_from)
        self.assertEqual(message.author_id, self.user_secretary.partner_id)
        paper = self.env["ir.attachment"].create(
            {"name": "Dự thảo.pdf", "raw": b"%PDF-1.4", "res_model": "party.meeting",
             "res_id": meeting.id})
        as_secretary.document_ids = [(4, paper.id)]
        as_secretary.action_send_documents()
        self.assertTrue(meeting.documents_sent_date)
        task = self.env["party.task"].create({
            "name": "Viết báo cáo", "meeting_id": meeting.id, "deadline": "2026-11-30",
            "assignee_ids": [(6, 0, self.member.ids)],
        })
        report = task.with_user(self.user_member).message_post(
            body="Đã hoàn thành báo cáo.", message_type="comment")
        self.assertEqual(report.author_id, self.user_member.partner_id)
        self.assertIn("vanphong@dangbo.example.vn", report.email_from)
