"""Browser tours of the monthly routine, in Vietnamese (static/tests/tours/party_cell_tours.js).

Each tour starts from the menus, as its user would, and is run by the least-privileged user
of the journey; what it did is then checked here on the records. The fixtures are made in
setUpClass with dates relative to now: holding a meeting waits for its time. Tours need
Chromium and websocket-client: scripts/test.sh fails the run when Odoo skips a browser test
for want of them.

With PARTY_CELL_SHOTS=/some/folder in the environment, the tours' "shot" steps save a PNG of
the page there (scripts/tour_shots.sh runs the tours for that).
"""

import base64
import os
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from .common import PartyCase

PHONE = "390x844"
SHOT = "party_cell:shot "


class TourCase(HttpCase, PartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The journeys run in the users' language: Vietnamese, with the addon's translation;
        # the agency writes its documents (and meeting names) in Vietnamese too.
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(["web", "party_cell"], ["vi_VN"])
        users = (cls.user_secretary | cls.user_member | cls.user_officer | cls.user_inspector
                 | cls.user_admin)
        users.write({"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})
        cls.company.partner_id.lang = "vi_VN"
        cls.cell_a1.write({"meeting_place": "Hội trường tầng 3", "meeting_hour": 14.0,
                           "tz": "Asia/Ho_Chi_Minh"})
        cls.minute_taker = cls._member("Phạm Văn Đức", cls.cell_a1, card_number="78.000010",
                                       committee_role="committee_member")
        cls.now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)

    @classmethod
    def _past_meeting(cls, hours_ago, state="held"):
        """A meeting of cell A1 that began ``hours_ago`` hours ago, planned or held."""
        start = cls.now - timedelta(hours=hours_ago)
        meeting = cls._meeting(cls.cell_a1, start=fields.Datetime.to_string(start),
                               chair_id=cls.secretary.id, minute_taker_id=cls.minute_taker.id)
        meeting.action_plan()
        if state == "held":
            meeting.action_hold()
        return meeting

    def _tour(self, name, user, phone=False):
        """Run tour ``name`` from the web client's home as ``user``, at desktop or phone size."""
        if phone:
            self.browser_size, self.touch_enabled = PHONE, True
        folder = os.environ.get("PARTY_CELL_SHOTS")
        handle_console = ChromeBrowser._handle_console

        def console(browser, type, args=None, **kw):  # noqa: A002 (DevTools' name)
            text = args and browser._from_remoteobject(args[0])
            if folder and isinstance(text, str) and text.startswith(SHOT):
                path = os.path.join(folder, text[len(SHOT):] + ".png")

                def save(future, path=path):
                    with open(path, "wb") as image:
                        image.write(base64.b64decode(future.result()["data"]))

                browser._websocket_send("Page.captureScreenshot", with_future=True) \
                    .add_done_callback(save)
            return handle_console(browser, type, args=args, **kw)

        with patch.object(ChromeBrowser, "_handle_console", console):
            self.start_tour("/odoo", name, login=user.login, timeout=120)


@tagged("post_install", "-at_install")
class TestTours(TourCase):
    def test_secretary_plans_holds_approves_and_prints(self):
        """From "New": the cell's defaults, the wait for the meeting's time, then the routine."""
        self._tour("party_cell_secretary_tour", self.user_secretary)
        meeting = self.env["party.meeting"].search([("organization_id", "=", self.cell_a1.id)])
        self.assertEqual(len(meeting), 1)
        self.assertEqual(meeting.state, "approved")
        self.assertEqual(meeting.minutes_number, "01-BB/CB")
        self.assertTrue(meeting.name.startswith("Sinh hoạt chi bộ định kỳ tháng "), meeting.name)
        self.assertEqual((meeting.chair_id, meeting.minute_taker_id),
                         (self.secretary, self.minute_taker))
        self.assertEqual(meeting.location, "Hội trường tầng 3")
        self.assertLess(meeting.date_start, fields.Datetime.now())
        absent = meeting.attendance_ids.filtered(lambda a: a.member_id == self.member2)
        self.assertEqual((absent.status, absent.reason), ("excused", "Đi công tác"))
        turns = {a.member_id: a.speaking_turns for a in meeting.attendance_ids}
        self.assertEqual((turns[self.member], turns[self.secretary]), (1, 1))
        self.assertEqual(meeting.task_ids.name, "Hoàn thành báo cáo tổng kết năm")
        self.assertEqual(meeting.task_ids.assignee_ids, self.member)
        self.assertIn("thống nhất các nhiệm vụ trọng tâm", meeting.conclusion)
        # Approval stored the minutes; printing them serves that document.
        self.assertTrue(meeting.minutes_attachment_id)

    def test_member_submits_their_ballot_from_my_ballots(self):
        meeting = self._past_meeting(hours_ago=26)
        self._tour("party_cell_member_ballot_tour", self.user_member)
        self._check_ballot(meeting)

    def test_officer_scrolls_and_drills_into_the_matrix(self):
        # A province's size: 2,000 cells under the committee, so that scrolling and folding
        # are tried on the table the committee office reads (tools/matrix_browser.py times
        # the same steps on the province dataset).
        self.env["party.organization"].create([
            {"name": f"Chi bộ Phòng {number:04d}", "parent_id": self.committee_a.id}
            for number in range(1, 2001)
        ])
        meeting = self._past_meeting(hours_ago=26)
        self._tour("party_cell_compliance_matrix_tour", self.user_officer)
        # Reading only: the tour's last step finds this meeting in the drilled-down list.
        self.assertEqual(meeting.state, "held")

    def test_inspector_reports_a_visit(self):
        employee = self._employee("Trần Văn Khối", user_id=self.user_inspector.id,
                                  job_title="Ủy viên Ban Thường vụ")
        meeting = self._past_meeting(hours_ago=26)
        local = fields.Datetime.context_timestamp(meeting.with_context(tz="Asia/Ho_Chi_Minh"),
                                                  meeting.date_start)
        plan = self.env["party.visit.plan"].create(
            {"organization_id": self.committee_a.id, "year": local.year})
        visit = self.env["party.visit"].create({
            "plan_id": plan.id, "organization_id": self.cell_a1.id,
            "visitor_employee_id": employee.id, "month": local.month,
        })
        # The official attended: the steps before the report are covered by test_visit.py.
        visit.write({"meeting_id": meeting.id, "state": "done", "done_date": local.date()})
        self._tour("party_cell_visit_tour", self.user_inspector)
        self.assertEqual(visit.state, "reported")
        self.assertEqual(visit.check_procedure, "yes")
        self.assertEqual(visit.check_attendance, "partly")
        self.assertEqual(visit.proposed_rating, "good")
        self.assertIn("nhiều đảng viên phát biểu", visit.strengths)

    def test_admin_creates_an_organisation_and_a_member(self):
        employee = self._employee("Đặng Thị Hoa", job_title="Chuyên viên")
        self._tour("party_cell_admin_tour", self.user_admin)
        cell = self.env["party.organization"].search([("name", "=", "Chi bộ Phòng Pháp chế")])
        self.assertEqual((cell.org_type, cell.parent_id, cell.company_id),
                         ("cell", self.committee_a, self.company))
        member = self.env["party.member"].search([("employee_id", "=", employee.id)])
        self.assertEqual((member.organization_id, member.state), (cell, "probationary"))
        self.assertEqual(str(member.admission_date), "2026-05-19")

    # Phone size (390×844, touch): the two journeys done on a phone during the meeting.

    def test_phone_secretary_runs_the_roll_call(self):
        meeting = self._past_meeting(hours_ago=1, state="planned")
        self._tour("party_cell_phone_roll_call_tour", self.user_secretary, phone=True)
        self.assertEqual(meeting.state, "held")
        absent = meeting.attendance_ids.filtered(lambda a: a.member_id == self.member2)
        self.assertEqual((absent.status, absent.reason), ("excused", "Ốm"))
        self.assertEqual(meeting.attendance_ids.filtered(
            lambda a: a.member_id == self.member).speaking_turns, 1)

    def test_phone_member_submits_their_ballot(self):
        meeting = self._past_meeting(hours_ago=26)
        self._tour("party_cell_member_ballot_tour", self.user_member, phone=True)
        self._check_ballot(meeting)

    def _check_ballot(self, meeting):
        ballot = meeting.ballot_ids
        self.assertEqual((ballot.voter_id, ballot.state), (self.member, "submitted"))
        line = ballot.line_ids.filtered(
            lambda line: line.criterion_id.name == "Chuẩn bị nội dung sinh hoạt")
        self.assertEqual(line.points, 3)
        self.assertEqual(meeting.ballot_count, 1)
