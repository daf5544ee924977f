from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import PartyCase


@tagged("post_install", "-at_install")
class TestMeeting(PartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.exempted = cls._member("Cao Văn Lão", cls.cell_a1, state="exempted")
        cls.probationer = cls._member("Lý Thị Mới", cls.cell_a1, state="probationary",
                                      official_date=False, admission_date="2026-06-01")
        cls.topic = cls.env["party.topic"].create({"name": "Học tập và làm theo Bác", "year": 2026})

    def _held_meeting(self, **vals):
        meeting = self._meeting(self.cell_a1, **vals).with_user(self.user_secretary)
        meeting.write({"chair_id": self.secretary.id, "minute_taker_id": self.member2.id})
        meeting.action_plan()
        meeting.action_hold()
        return meeting

    def _line(self, meeting, member):
        return meeting.attendance_ids.filtered(lambda a: a.member_id == member)

    def test_roll_call_summons_current_members(self):
        meeting = self._meeting(self.cell_a1)
        self.assertEqual(
            meeting.attendance_ids.member_id,
            self.member | self.member2 | self.secretary | self.exempted | self.probationer,
        )
        self.assertEqual(self._line(meeting, self.exempted).status, "exempt")
        self.assertEqual(meeting.summoned_count, 4, "exempted members stay out of the count")

    def test_counting_rules(self):
        meeting = self._meeting(self.cell_a1)
        self._line(meeting, self.member).write({"status": "excused", "reason": "Công tác"})
        self._line(meeting, self.member2).status = "unexcused"
        self._line(meeting, self.secretary).speaking_turns = 3
        self._line(meeting, self.probationer).speaking_turns = 1
        self.assertEqual(meeting.summoned_count, 4)
        self.assertEqual(meeting.present_count, 2)
        self.assertEqual(meeting.excused_count, 1)
        self.assertEqual(meeting.unexcused_count, 1)
        self.assertAlmostEqual(meeting.attendance_rate, 50.0)
        self.assertEqual(meeting.speaker_count, 2)
        self.assertEqual(meeting.speaking_turns, 4)
        self.assertAlmostEqual(meeting.speaking_rate, 100.0)
        # An exempted member who comes is counted, present, in the denominator.
        self._line(meeting, self.exempted).status = "present"
        self.assertEqual(meeting.summoned_count, 5)
        self.assertAlmostEqual(meeting.attendance_rate, 60.0)
        self.assertAlmostEqual(meeting.speaking_rate, 2 / 3 * 100)
        with self.assertRaisesRegex(ValidationError, "Only members present"):
            self._line(meeting, self.member).speaking_turns = 1

    def test_vote_majority_of_official_members(self):
        meeting = self._meeting(self.cell_a1)
        # Official members summoned: An, Bình, Cường (exempted and probationary not counted).
        self.assertEqual(meeting.vote_total, 3)
        meeting.vote_for = 2
        self.assertTrue(meeting.vote_passed)
        self.assertEqual(meeting.vote_display, "2/3, 66.7%")
        meeting.vote_for = 1
        self.assertFalse(meeting.vote_passed)
        with self.assertRaisesRegex(ValidationError, "cannot exceed"):
            meeting.vote_for = 4

    def test_durations_and_minimums(self):
        regular = self._meeting(self.cell_a1, minutes=95)
        self.assertEqual((regular.duration, regular.min_duration), (95, 90))
        combined = self._meeting(self.cell_a1, start="2026-12-03 07:00:00", minutes=110,
                                 includes_thematic=True, topic_id=self.topic.id)
        self.assertEqual((combined.duration, combined.min_duration), (110, 120))

    def test_thematic_has_one_meaning(self):
        """Thematic is one stored fact: a thematic meeting, or a regular one with its thematic
        part; the search filter, the thematic compliance view and the matrix read it."""
        combined = self._meeting(self.cell_a1, includes_thematic=True, topic_id=self.topic.id)
        thematic = self._meeting(self.cell_a1, start="2026-11-20 07:00:00",
                                 meeting_type="thematic", topic_id=self.topic.id)
        regular = self._meeting(self.cell_a1, start="2026-12-03 07:00:00")
        self.assertEqual((combined.is_thematic, thematic.is_thematic, regular.is_thematic),
                         (True, True, False))
        found = self.env["party.meeting"].search(
            [("organization_id", "=", self.cell_a1.id), ("is_thematic", "=", True)])
        self.assertEqual(found, combined | thematic)
        Compliance = self.env["party.thematic.compliance"]
        quarter = [("organization_id", "=", self.cell_a1.id), ("year", "=", 2026),
                   ("quarter", "=", "4")]
        self.assertEqual(Compliance.search(quarter).planned_count, 2)
        # The form's choice of type keeps the thematic part for regular meetings only.
        with Form(combined.with_user(self.user_secretary)) as form:
            form.meeting_type = "committee"
        self.assertEqual((combined.includes_thematic, combined.is_thematic), (False, False))
        Compliance.invalidate_model()
        self.assertEqual(Compliance.search(quarter).planned_count, 1,
                         "only the thematic meeting counts now")

    def test_state_transitions(self):
        meeting = self._meeting(self.cell_a1).with_user(self.user_secretary)
        self.assertEqual(meeting.state, "draft")
        with self.assertRaisesRegex(UserError, "Holding is not possible"):
            meeting.action_hold()
        meeting.action_plan()
        self.assertEqual(meeting.state, "planned")
        with self.assertRaisesRegex(ValidationError, "needs a chair and a minute-taker"):
            meeting.action_hold()
        meeting.write({"chair_id": self.secretary.id, "minute_taker_id": self.member2.id})
        meeting.action_hold()
        self.assertEqual(meeting.state, "held")
        with self.assertRaisesRegex(UserError, "conclusion or resolution"):
            meeting.action_approve()
        meeting.conclusion = "<p>Chi bộ thống nhất các nội dung.</p>"
        meeting.action_approve()
        self.assertEqual(meeting.state, "approved")
        with self.assertRaisesRegex(UserError, "Cancelling is not possible"):
            meeting.action_cancel()

    def test_plan_needs_a_place(self):
        meeting = self._meeting(self.cell_a1, location=False)
        with self.assertRaisesRegex(UserError, "place or an online link"):
            meeting.action_plan()

    def test_cancel_keeps_history_and_held_is_never_deleted(self):
        meeting = self._meeting(self.cell_a1).with_user(self.user_secretary)
        meeting.action_plan()
        event = meeting.calendar_event_id
        self.env["party.meeting.cancel.wizard"].with_user(self.user_secretary).create({
            "meeting_ids": [(6, 0, meeting.ids)], "reason": "Trùng lịch họp cơ quan",
        }).action_apply()
        self.assertEqual(meeting.state, "cancelled")
        self.assertEqual(meeting.cancel_reason, "Trùng lịch họp cơ quan")
        self.assertFalse(event.active)
        held = self._held_meeting(start="2026-11-10 07:00:00")
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            held.unlink()
        held.action_cancel()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            held.unlink()
        draft = self._meeting(self.cell_a1, start="2026-11-20 07:00:00")
        draft.with_user(self.user_secretary).unlink()
        self.assertFalse(draft.exists())

    @freeze_time("2027-01-10 08:00:00")  # every meeting of the test has taken place
    def test_approval_numbers_per_organisation_and_term(self):
        numbers = []
        for day in ("03", "10", "17"):
            meeting = self._held_meeting(start=f"2026-11-{day} 07:00:00",
                                         resolution="<p>Nghị quyết</p>")
            meeting.action_approve()
            numbers.append((meeting.minutes_number, meeting.resolution_number))
        self.assertEqual(numbers, [("01-BB/CB", "01-NQ/CB"), ("02-BB/CB", "02-NQ/CB"),
                                   ("03-BB/CB", "03-NQ/CB")])
        next_year = self._held_meeting(start="2027-01-04 07:00:00", conclusion="<p>Kết luận</p>")
        next_year.action_approve()
        # Numbers run within the cell's term (HD 36), not the calendar year.
        self.assertEqual(next_year.minutes_number, "04-BB/CB")
        self.assertFalse(next_year.resolution_number)
        other = self._meeting(self.cell_b1, conclusion="<p>Thống nhất</p>").with_user(
            self.user_secretary_b)
        other.write({"chair_id": self.secretary_b.id, "minute_taker_id": self.secretary_b.id})
        other.action_plan()
        other.action_hold()
        other.action_approve()
        self.assertEqual(other.minutes_number, "01-BB/CB", "each organisation numbers its own")
        self.assertEqual(self.committee_a.doc_suffix, "ĐU")

    def test_approval_locks_and_stores_minutes(self):
        meeting = self._held_meeting(conclusion="<p>Kết luận</p>")
        meeting.action_approve()
        self.assertTrue(meeting.minutes_attachment_id)
        self.assertEqual(meeting.minutes_attachment_id.name, "Biên bản 01-BB-CB.pdf")
        with self.assertRaisesRegex(UserError, "approved and locked"):
            meeting.conclusion = "<p>Sửa</p>"
        with self.assertRaisesRegex(UserError, "approved and locked"):
            meeting.attendance_ids[0].speaking_turns = 5
        with self.assertRaisesRegex(UserError, "approved and locked"):
            meeting.attendance_ids[0].unlink()
        with self.assertRaisesRegex(UserError, "approved and locked"):
            meeting.guest_ids.create({"meeting_id": meeting.id, "name": "Khách"})
        # The only way: a correction by the committee, logged with its reason.
        with self.assertRaises(AccessError):
            self.env["party.meeting.correction.wizard"].with_user(self.user_secretary).create({
                "meeting_id": meeting.id, "field_name": "conclusion", "reason": "Sai chính tả",
            })
        wizard = self.env["party.meeting.correction.wizard"].with_user(self.user_officer).create({
            "meeting_id": meeting.id, "field_name": "conclusion", "reason": "Sai chính tả",
        })
        wizard.new_text = "<p>Kết luận đã sửa</p>"
        wizard.action_apply()
        self.assertEqual(str(meeting.conclusion), "<p>Kết luận đã sửa</p>")
        self.assertIn("Sai chính tả", meeting.message_ids[0].body)
        self.assertIn("Kết luận", meeting.message_ids[0].body)

    def test_calendar_invitation(self):
        guest_partner = self.env["res.partner"].create({"name": "Đồng chí Thường vụ"})
        meeting = self._meeting(self.cell_a1, is_online=True,
                                online_url="https://hop.example.vn/cb-a1")
        meeting.guest_ids = [(0, 0, {"partner_id": guest_partner.id, "title": "Ủy viên BTV"})]
        meeting.with_user(self.user_secretary).action_plan()
        event = meeting.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.start, meeting.date_start)
        self.assertEqual(event.videocall_location, "https://hop.example.vn/cb-a1")
        expected = (self.member | self.member2 | self.secretary | self.probationer).employee_id
        self.assertEqual(event.partner_ids, expected.work_contact_id | guest_partner,
                         "members' work contacts and guests, not the exempted member")
        self.assertEqual(event.res_id, meeting.id)

    def test_documents_sent(self):
        meeting = self._meeting(self.cell_a1).with_user(self.user_secretary)
        with self.assertRaisesRegex(UserError, "Attach the draft report"):
            meeting.action_send_documents()
        attachment = self.env["ir.attachment"].create({
            "name": "Dự thảo nghị quyết.docx", "raw": b"du thao",
            "res_model": "party.meeting", "res_id": meeting.id,
        })
        meeting.document_ids = attachment
        with freeze_time("2026-11-01 08:00:00"):
            meeting.action_send_documents()
        self.assertEqual(meeting.documents_sent_date, fields.Datetime.to_datetime(
            "2026-11-01 08:00:00"))
        self.assertIn(attachment, meeting.message_ids[0].attachment_ids)

    def test_validation(self):
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self._meeting(self.cell_a1, minutes=-10)
        self._meeting(self.cell_a1)
        with self.assertRaisesRegex(ValidationError, "already has a meeting at that time"):
            self._meeting(self.cell_a1, start="2026-11-03 08:00:00")
        self._meeting(self.cell_a2, start="2026-11-03 08:00:00")  # another cell is fine
        with self.assertRaisesRegex(ValidationError, "needs a topic"):
            self._meeting(self.cell_a1, start="2026-12-01 07:00:00", meeting_type="thematic")
        meeting = self._meeting(self.cell_a1, start="2026-12-08 07:00:00")
        with self.assertRaisesRegex(ValidationError, "Only members of the meeting's organisation"):
            meeting.attendance_ids = [(0, 0, {"member_id": self.member_a2.id})]
        late = self._member("Người Đến Sau", self.cell_a1, admission_date="2026-12-20",
                            official_date=False, state="probationary")
        with self.assertRaisesRegex(ValidationError, "Only members of the meeting's organisation"):
            meeting.attendance_ids = [(0, 0, {"member_id": late.id})]

    def test_tasks_activities_and_overdue(self):
        meeting = self._held_meeting()
        task = self.env["party.task"].with_user(self.user_secretary).create({
            "name": "Hoàn thiện dự thảo báo cáo chuyên đề",
            "meeting_id": meeting.id,
            "assignee_ids": [(6, 0, (self.member | self.member_a2.browse()).ids)],
            "deadline": "2026-11-20",
        })
        self.assertEqual(task.organization_id, self.cell_a1)
        self.assertEqual(task.activity_ids.user_id, self.user_member)
        self.assertFalse(task.with_context(party_today=fields.Date.to_date("2026-11-20")).is_overdue)
        self.assertTrue(task.with_context(party_today=fields.Date.to_date("2026-11-21")).is_overdue)
        with freeze_time("2026-11-25"):
            overdue = self.env["party.task"].search([("is_overdue", "=", True)])
            self.assertIn(task, overdue)
        with self.assertRaisesRegex(ValidationError, "is not one"):
            task.with_user(self.user_admin).assignee_ids = self.member_a2
        with self.assertRaises(AccessError):
            task.assignee_ids = self.member_a2  # the secretary cannot even see that member
        # The assignee reports the result but cannot move the deadline.
        mine = task.with_user(self.user_member)
        self.assertEqual(
            self.env["party.task"].with_user(self.user_member).search(
                [("assignee_ids.user_id", "=", self.user_member.id)]), task)
        mine.write({"result": "Đã hoàn thành"})
        mine.action_done()
        self.assertEqual(task.state, "done")
        with self.assertRaises(AccessError):
            mine.deadline = "2026-12-31"
        with self.assertRaises(AccessError):
            task.with_user(self.user_member2).write({"result": "Không phải việc của tôi"})

    def test_speaking_turn_button_and_form(self):
        meeting = self._meeting(self.cell_a1)
        line = self._line(meeting, self.member2)
        line.with_user(self.user_secretary).action_add_turn()
        line.with_user(self.user_secretary).action_add_turn()
        self.assertEqual(line.speaking_turns, 2)
        with Form(meeting.with_user(self.user_secretary)) as form:
            with form.attendance_ids.edit(0) as row:
                row.status = "excused"
                row.reason = "Ốm"
        self.assertEqual(meeting.excused_count, 1)

    def test_rehold_and_pilot_links(self):
        meeting = self._held_meeting(conclusion="<p>Chưa đạt</p>")
        meeting.with_user(self.user_officer).rehold_required = True
        action = meeting.action_create_rehold()
        rehold = self.env["party.meeting"].browse(action["res_id"])
        self.assertEqual(rehold.rehold_of_id, meeting)
        self.assertEqual(meeting.rehold_ids, rehold)
        self.assertEqual(rehold.state, "draft")
        pilot = self._meeting(self.cell_a2, is_pilot=True, meeting_type="thematic",
                              topic_id=self.topic.id)
        follower = self._meeting(self.cell_a1, start="2026-12-03 07:00:00",
                                 meeting_type="thematic", topic_id=self.topic.id,
                                 pilot_meeting_id=pilot.id)
        self.assertEqual(follower.pilot_meeting_id, pilot)
