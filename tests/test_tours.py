"""Browser tours of the main journeys, in Vietnamese (static/tests/tours/party_cell_tours.js).

Each tour is run by the least-privileged user of the journey; what it did is then checked
here on the records. Tours need Chromium and websocket-client: scripts/test.sh fails the run
when Odoo skips a browser test for want of them.
"""

from odoo.tests import HttpCase, tagged

from .common import PartyCase

TOUR_MEETING = "Sinh hoạt chi bộ tháng 11/2026 (hành trình)"


class TourCase(HttpCase, PartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The journeys run in the users' language: Vietnamese, with the addon's translation.
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(["web", "party_cell"], ["vi_VN"])
        users = (cls.user_secretary | cls.user_member | cls.user_officer | cls.user_inspector)
        users.write({"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})

    def _held_meeting(self, start="2026-10-06 07:00:00"):
        meeting = self._meeting(self.cell_a1, start=start)
        meeting.write({"chair_id": self.secretary.id, "minute_taker_id": self.member2.id})
        meeting.action_plan()
        meeting.action_hold()
        return meeting


@tagged("post_install", "-at_install")
class TestTours(TourCase):
    def test_secretary_holds_and_approves_a_meeting(self):
        meeting = self._meeting(self.cell_a1, name=TOUR_MEETING, chair_id=self.secretary.id,
                                minute_taker_id=self.member2.id)
        self.start_tour("/odoo", "party_cell_secretary_tour", login=self.user_secretary.login)
        self.assertEqual(meeting.state, "approved")
        self.assertEqual(meeting.minutes_number, "01-BB/CB")
        absent = meeting.attendance_ids.filtered(lambda a: a.member_id == self.member2)
        self.assertEqual((absent.status, absent.reason), ("excused", "Đi công tác"))
        turns = {a.member_id: a.speaking_turns for a in meeting.attendance_ids}
        self.assertEqual(turns[self.member], 1)
        self.assertEqual(turns[self.secretary], 1)
        self.assertEqual(meeting.speaker_count, 2)
        self.assertEqual(meeting.task_ids.name, "Hoàn thành báo cáo tổng kết năm")
        self.assertEqual(meeting.task_ids.assignee_ids, self.member)
        self.assertEqual(str(meeting.task_ids.deadline), "2026-12-15")
        self.assertIn("thống nhất các nhiệm vụ trọng tâm", meeting.conclusion)
        # Approval stored the minutes; printing them serves that document.
        self.assertTrue(meeting.minutes_attachment_id)

    def test_member_fills_their_ballot(self):
        meeting = self._held_meeting()
        self.start_tour(f"/odoo/action-party_cell.party_meeting_action/{meeting.id}",
                        "party_cell_member_ballot_tour", login=self.user_member.login)
        ballot = meeting.ballot_ids
        self.assertEqual(ballot.voter_id, self.member)
        self.assertEqual(ballot.state, "submitted")
        line = ballot.line_ids.filtered(
            lambda line: line.criterion_id.name == "Chuẩn bị nội dung sinh hoạt")
        self.assertEqual(line.points, 3)
        self.assertEqual(meeting.ballot_count, 1)

    def test_officer_drills_into_the_compliance_matrix(self):
        meeting = self._held_meeting()
        action = self.env.ref("party_cell.party_compliance_matrix_action")
        self.start_tour(f"/odoo/action-{action.id}", "party_cell_compliance_matrix_tour",
                        login=self.user_officer.login)
        # Reading only: the tour's last step finds this meeting in the drilled-down list.
        self.assertEqual((meeting.month, meeting.state), ("2026-10", "held"))

    def test_official_reports_a_visit(self):
        employee = self._employee("Trần Văn Khối", user_id=self.user_inspector.id,
                                  job_title="Ủy viên Ban Thường vụ")
        meeting = self._held_meeting()
        plan = self.env["party.visit.plan"].create(
            {"organization_id": self.committee_a.id, "year": 2026})
        visit = self.env["party.visit"].create({
            "plan_id": plan.id, "organization_id": self.cell_a1.id,
            "visitor_employee_id": employee.id, "month": 10,
        })
        # The official attended: the steps before the report are covered by test_visit.py.
        visit.write({"meeting_id": meeting.id, "state": "done", "done_date": "2026-10-06"})
        self.start_tour(f"/odoo/action-party_cell.party_visit_action/{visit.id}",
                        "party_cell_visit_tour", login=self.user_inspector.login)
        self.assertEqual(visit.state, "reported")
        self.assertEqual(visit.check_procedure, "yes")
        self.assertEqual(visit.check_attendance, "partly")
        self.assertEqual(visit.proposed_rating, "good")
        self.assertIn("nhiều đảng viên phát biểu", visit.strengths)
