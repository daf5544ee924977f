"""The members' pages (/my/party) as a portal member, an internal member and an outsider.

Every request goes through the real HTTP stack (url_open with the member's session); what
it did is then checked on the records. Portal users hold no right on party models: each
refusal is tried too (another member's line, another cell's meeting, a code of another
meeting or outside its window, RPC on the models).
"""

from datetime import timedelta
from urllib.parse import urlsplit

from odoo import fields, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import PartyCase
from .test_score import ScoreCase


@tagged("post_install", "-at_install")
class TestBallotDisplayName(ScoreCase):
    def test_ballot_named_for_voter_and_meeting(self):
        meeting = self._held()
        ballot = self._ballot(meeting, self.user_member, self.member)
        self.assertEqual(ballot.display_name, f"Ballot – Nguyễn Văn An – {meeting.name}")
        proposal = self._ballot(meeting, self.user_secretary, self.secretary, role="committee")
        self.assertEqual(proposal.display_name,
                         f"Ballot – Lê Văn Cường – {meeting.name} (Committee Proposal)")


@tagged("post_install", "-at_install")
class TestMemberPortal(HttpCase, PartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(cls.env, login="portal_hoa", groups="base.group_portal",
                                        name="Đỗ Thị Hoa")
        cls.portal_member = cls._member("Đỗ Thị Hoa", cls.cell_a1, card_number="78.000020")
        cls.portal_member.employee_id.work_contact_id = cls.portal_user.partner_id
        cls.outsider_user = new_test_user(cls.env, login="portal_dung",
                                          groups="base.group_portal", name="Phạm Thị Dung")
        cls.member_a2.employee_id.work_contact_id = cls.outsider_user.partner_id
        cls.now = fields.Datetime.now().replace(second=0, microsecond=0)
        officers = {"chair_id": cls.secretary.id, "minute_taker_id": cls.member2.id}
        cls.upcoming = cls._at(cls.cell_a1, timedelta(days=2), **officers)
        cls.upcoming.action_plan()
        cls.ongoing = cls._at(cls.cell_a1, -timedelta(hours=1), **officers)
        cls.ongoing.action_plan()
        cls.held = cls._at(cls.cell_a1, -timedelta(hours=5), minutes=95, **officers)
        cls.held.action_plan()
        cls.held.action_hold()
        cls.upcoming_a2 = cls._at(cls.cell_a2, timedelta(days=2))
        cls.upcoming_a2.action_plan()

    @classmethod
    def _at(cls, cell, offset, minutes=120, **vals):
        return cls._meeting(cell, start=fields.Datetime.to_string(cls.now + offset),
                            minutes=minutes, **vals)

    def _line(self, meeting, member):
        return meeting.attendance_ids.filtered(lambda a: a.member_id == member)

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _post(self, url, **data):
        return self.url_open(url, data=dict(data, csrf_token=http.Request.csrf_token(self)))

    # Invitations -----------------------------------------------------------------------

    def test_home_lists_own_meetings_only(self):
        for user in (self.portal_user, self.user_member):
            with self.subTest(user=user.login):
                self._login(user)
                page = self.url_open("/my/party")
                self.assertEqual(page.status_code, 200)
                self.assertIn(f"/my/party/meeting/{self.upcoming.id}", page.text)
                self.assertIn(f"/my/party/meeting/{self.ongoing.id}", page.text)
                self.assertNotIn(f"/my/party/meeting/{self.upcoming_a2.id}", page.text)
                self.assertNotIn("/web/assets/web.assets_backend", page.text)
        self._login(self.outsider_user)
        self.assertNotIn(f"/my/party/meeting/{self.upcoming.id}",
                         self.url_open("/my/party").text)

    def test_invitation_page_in_org_time_zone(self):
        self.cell_a1.tz = "Asia/Ho_Chi_Minh"
        self._login(self.portal_user)
        page = self.url_open(f"/my/party/meeting/{self.upcoming.id}")
        local = self.upcoming._local(self.upcoming.date_start)
        self.assertIn(local.strftime("%H:%M"), page.text)
        self.assertIn("Hội trường tầng 3", page.text)

    def test_excuse_fills_roll_call_and_secretary_still_decides(self):
        self._login(self.portal_user)
        page = self._post(f"/my/party/meeting/{self.upcoming.id}/answer",
                          answer="excused", reason="Đi công tác tỉnh")
        self.assertEqual(page.status_code, 200)
        line = self._line(self.upcoming, self.portal_member)
        self.assertEqual((line.status, line.reason, line.invitation_answer),
                         ("excused", "Đi công tác tỉnh", "excused"))
        self.assertEqual(self.upcoming.unanswered_count, len(self.upcoming.attendance_ids) - 1)
        line.with_user(self.user_secretary).write({"status": "unexcused"})
        self.assertEqual(line.status, "unexcused")
        for vals in ({"invitation_answer": "attending"}, {"checked_in_date": self.now}):
            with self.subTest(secretary_writes=vals), self.assertRaisesRegex(
                    UserError, "member's own"):
                line.with_user(self.user_secretary).write(vals)
        self._post(f"/my/party/meeting/{self.upcoming.id}/answer", answer="attending")
        self.assertEqual((line.status, line.invitation_answer), ("present", "attending"))

    def test_answer_refusals(self):
        self._login(self.portal_user)
        line = self._line(self.upcoming, self.portal_member)
        for answer, reason in (("excused", ""), ("excused", "   "), ("excused", "x" * 251),
                               ("maybe", "")):
            with self.subTest(answer=answer, reason=reason[:5]):
                self._post(f"/my/party/meeting/{self.upcoming.id}/answer",
                           answer=answer, reason=reason)
                self.assertEqual((line.status, line.invitation_answer), ("present", False))
        with self.subTest("meeting already started"):
            started = self._line(self.ongoing, self.portal_member)
            self._post(f"/my/party/meeting/{self.ongoing.id}/answer", answer="excused",
                       reason="Ốm")
            self.assertEqual(started.status, "present")
        with mute_logger("odoo.http"):
            with self.subTest("another cell's meeting"):
                page = self._post(f"/my/party/meeting/{self.upcoming_a2.id}/answer",
                                  answer="excused", reason="Ốm")
                self.assertEqual(page.status_code, 404)
            with self.subTest("an outsider on cell A1's meeting"):
                self._login(self.outsider_user)
                page = self._post(f"/my/party/meeting/{self.upcoming.id}/answer",
                                  answer="excused", reason="Ốm")
                self.assertEqual(page.status_code, 404)
                self.assertEqual(self.url_open(
                    f"/my/party/meeting/{self.upcoming.id}").status_code, 404)

    def test_reminder_to_members_who_have_not_answered(self):
        self._line(self.upcoming, self.member).write({"invitation_answer": "attending"})
        self.upcoming.date_start = self.now + timedelta(hours=20)
        self.upcoming.date_end = self.now + timedelta(hours=22)
        self.env["party.meeting"]._cron_reminders()
        message = self.env["mail.message"].search([
            ("model", "=", "party.meeting"), ("res_id", "=", self.upcoming.id),
            ("subject", "like", "Please answer"),
        ])
        self.assertEqual(len(message), 1)
        self.assertIn(self.portal_user.partner_id, message.partner_ids)
        self.assertNotIn(self.member.employee_id.work_contact_id, message.partner_ids)
        self.env["party.meeting"]._cron_reminders()
        self.assertEqual(self.env["mail.message"].search_count([
            ("model", "=", "party.meeting"), ("res_id", "=", self.upcoming.id),
            ("subject", "like", "Please answer"),
        ]), 1, "reminded once")

    # Documents -------------------------------------------------------------------------

    def test_document_read_logged_for_secretary(self):
        doc = self.env["ir.attachment"].create({
            "name": "Dự thảo nghị quyết.txt", "raw": b"Du thao", "mimetype": "text/plain",
            "res_model": "party.meeting", "res_id": self.upcoming.id,
        })
        self.upcoming.document_ids = doc
        self._login(self.portal_user)
        self.assertIn(f"/my/party/document/{self.upcoming.id}/{doc.id}",
                      self.url_open(f"/my/party/meeting/{self.upcoming.id}").text)
        page = self.url_open(f"/my/party/document/{self.upcoming.id}/{doc.id}")
        self.assertEqual(page.content, b"Du thao")
        reads = self.upcoming.with_user(self.user_secretary).document_read_ids
        self.assertEqual(reads.member_id, self.portal_member)
        with mute_logger("odoo.http"):
            self._login(self.outsider_user)
            page = self.url_open(f"/my/party/document/{self.upcoming.id}/{doc.id}")
            self.assertEqual(page.status_code, 404)
            self._login(self.portal_user)
            other = doc.copy({"res_id": self.upcoming_a2.id})
            self.upcoming_a2.document_ids = other
            page = self.url_open(f"/my/party/document/{self.upcoming.id}/{other.id}")
            self.assertEqual(page.status_code, 404)
        self.assertEqual(len(self.upcoming.document_read_ids), 1)

    # Check-in --------------------------------------------------------------------------

    def test_checkin_marks_present(self):
        line = self._line(self.ongoing, self.portal_member)
        line.status = "excused"
        url = self.ongoing.with_user(self.user_secretary).checkin_url
        self.assertIn(f"/my/party/checkin/{self.ongoing.id}/", url)
        self._login(self.portal_user)
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertEqual(line.status, "present")
        self.assertTrue(line.checked_in_date)
        self.assertEqual(self._line(self.ongoing, self.member2).checked_in_date, False,
                         "nobody else is checked in")
        self.assertEqual(self.ongoing.checked_in_count, 1)
        # An internal member scans the same code: their own line, not the portal member's.
        self._login(self.user_member)
        self.url_open(url)
        self.assertTrue(self._line(self.ongoing, self.member).checked_in_date)
        self.assertEqual(self.ongoing.checked_in_count, 2)

    def test_checkin_refusals(self):
        self.ongoing.attendance_ids.status = "excused"
        good = self.ongoing._checkin_token()
        cases = [
            ("code of another meeting", self.ongoing, self.upcoming._checkin_token(),
             self.portal_user, 200),
            ("forged code", self.ongoing, "0" * 64, self.portal_user, 200),
            ("outside its window", self.upcoming, self.upcoming._checkin_token(),
             self.portal_user, 200),
            ("member of another cell", self.ongoing, good, self.outsider_user, 404),
        ]
        for label, meeting, token, user, status in cases:
            with self.subTest(label), mute_logger("odoo.http"):
                self._login(user)
                page = self.url_open(f"/my/party/checkin/{meeting.id}/{token}")
                self.assertEqual(page.status_code, status)
                self.assertFalse(meeting.attendance_ids.filtered("checked_in_date"))
        with self.subTest("the code dies when the meeting moves"):
            self.ongoing.date_start -= timedelta(minutes=10)
            self._login(self.portal_user)
            self.url_open(f"/my/party/checkin/{self.ongoing.id}/{good}")
            self.assertFalse(self.ongoing.attendance_ids.filtered("checked_in_date"))
        with self.subTest("members cannot read the code"):
            with self.assertRaises(AccessError):
                self.ongoing.with_user(self.user_member).read(["checkin_url"])

    # Ballot ----------------------------------------------------------------------------

    def _ballot_form(self, user, meeting):
        self._login(user)
        page = self.url_open(f"/my/party/ballot/{meeting.id}")
        self.assertEqual(page.status_code, 200)
        ballot = self.env["party.ballot"].search([
            ("meeting_id", "=", meeting.id), ("voter_employee_id.work_contact_id", "=",
                                               user.partner_id.id)])
        return page, ballot

    def test_ballot_on_the_phone(self):
        missing = self.held.with_user(self.user_secretary).ballot_missing_member_ids
        self.assertIn(self.portal_member, missing)
        page, ballot = self._ballot_form(self.portal_user, self.held)
        self.assertEqual(len(ballot), 1)
        for score in ballot.line_ids:
            self.assertIn(score.criterion_id.name.split("<")[0][:40], page.text)
        manual = ballot.line_ids.filtered(lambda s: not s.is_auto)
        auto = ballot.line_ids.filtered("is_auto")
        self.assertTrue(manual and auto)
        data = {f"points_{s.id}": f"{s.max_points:g}" for s in manual}
        self._post(f"/my/party/ballot/{self.held.id}", submit="1", **data)
        self.assertEqual(ballot.state, "submitted")
        self.assertEqual(ballot.total, sum(manual.mapped("max_points")) + sum(
            auto.mapped("points")))
        self.assertNotIn(self.portal_member,
                         self.held.with_user(self.user_secretary).ballot_missing_member_ids)
        with self.subTest("a cast ballot stays as cast"):
            self._post(f"/my/party/ballot/{self.held.id}", submit="1",
                       **dict.fromkeys(data, "0"))
            self.assertEqual(ballot.line_ids.filtered(lambda s: not s.is_auto).mapped(
                "points"), manual.mapped("max_points"))

    def test_ballot_refusals(self):
        page, ballot = self._ballot_form(self.portal_user, self.held)
        score = ballot.line_ids.filtered(lambda s: not s.is_auto)[0]
        for raw in (f"{score.max_points + 1:g}", "-1", "abc"):
            with self.subTest(points=raw):
                page = self._post(f"/my/party/ballot/{self.held.id}", submit="1",
                                  **{f"points_{score.id}": raw})
                self.assertEqual(ballot.state, "draft")
                self.assertEqual(score.points, 0)
                self.assertIn("alert-danger", page.text)
        with mute_logger("odoo.http"):
            for label, user, meeting in (
                ("absent member", self.portal_user, None),
                ("outsider", self.outsider_user, self.held),
                ("meeting not held", self.portal_user, self.upcoming),
            ):
                with self.subTest(label):
                    if meeting is None:
                        meeting = self.held.copy({
                            "date_start": self.now - timedelta(hours=30),
                            "date_end": self.now - timedelta(hours=28)})
                        meeting.action_plan()
                        self._line(meeting, self.portal_member).status = "excused"
                        meeting.action_hold()
                    self._login(user)
                    self.assertEqual(self.url_open(
                        f"/my/party/ballot/{meeting.id}").status_code, 404)
                    self.assertFalse(self.env["party.ballot"].search([
                        ("meeting_id", "=", meeting.id),
                        ("voter_employee_id.work_contact_id", "=", user.partner_id.id)]))

    # Tasks -----------------------------------------------------------------------------

    def test_task_done_notifies_secretary(self):
        task = self.env["party.task"].create({
            "name": "Viết bài thu hoạch", "meeting_id": self.held.id,
            "assignee_ids": [self.portal_member.id], "deadline": "2026-12-31",
        })
        other = self.env["party.task"].create({
            "name": "Nhiệm vụ của người khác", "meeting_id": self.held.id,
            "assignee_ids": [self.member2.id], "deadline": "2026-12-31",
        })
        self._login(self.portal_user)
        page = self.url_open("/my/party")
        self.assertIn("Viết bài thu hoạch", page.text)
        self.assertNotIn("Nhiệm vụ của người khác", page.text)
        self._post(f"/my/party/task/{task.id}/done", note="")
        self.assertEqual(task.state, "open", "a note is needed")
        self._post(f"/my/party/task/{task.id}/done", note="Đã nộp bài ngày 1/12")
        self.assertEqual((task.state, task.result), ("done", "Đã nộp bài ngày 1/12"))
        notice = task.message_ids.filtered(lambda m: "Đã nộp bài" in (m.body or ""))
        self.assertIn(self.user_secretary.partner_id, notice.partner_ids)
        with mute_logger("odoo.http"):
            page = self._post(f"/my/party/task/{other.id}/done", note="Xong")
        self.assertEqual(page.status_code, 404)
        self.assertEqual(other.state, "open")

    # RPC -------------------------------------------------------------------------------

    def test_portal_user_reaches_no_party_model_over_rpc(self):
        line = self._line(self.upcoming, self.portal_member)
        _page, ballot = self._ballot_form(self.portal_user, self.held)
        calls = [
            ("party.meeting", "search_read", [[]], {"fields": ["name"]}),
            ("party.meeting", "write", [[self.upcoming.id], {"location": "Khác"}], {}),
            ("party.meeting.attendance", "search_read", [[]], {"fields": ["status"]}),
            ("party.meeting.attendance", "write", [line.ids, {"status": "excused"}], {}),
            ("party.ballot", "search_read", [[]], {"fields": ["total"]}),
            ("party.ballot", "write", [ballot.ids, {"comment": "x"}], {}),
            ("party.ballot", "action_submit", [ballot.ids], {}),
            ("party.meeting.attendance", "_answer_invitation", [line.ids, "excused", "x"], {}),
            ("party.meeting", "_checkin_token", [[self.ongoing.id]], {}),
            ("party.document.read", "create", [{"meeting_id": self.upcoming.id}], {}),
        ]
        self._login(self.portal_user)
        for model, method, args, kwargs in calls:
            with self.subTest(model=model, method=method), mute_logger("odoo.http"):
                with self.assertRaises(JsonRpcException):
                    self.make_jsonrpc_request("/web/dataset/call_kw", {
                        "model": model, "method": method, "args": args, "kwargs": kwargs,
                    })
        self.assertEqual((line.status, ballot.state, self.upcoming.location),
                         ("present", "draft", "Hội trường tầng 3"))


@tagged("post_install", "-at_install")
class TestMemberPortalTours(HttpCase, PartyCase):
    """The member's journeys in real Chromium at phone size (static/tests/tours)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(["web", "portal", "party_cell"],
                                                       ["vi_VN"])
        cls.portal_user = new_test_user(cls.env, login="portal_hoa", groups="base.group_portal",
                                        name="Đỗ Thị Hoa", lang="vi_VN")
        cls.portal_member = cls._member("Đỗ Thị Hoa", cls.cell_a1, card_number="78.000020")
        cls.portal_member.employee_id.work_contact_id = cls.portal_user.partner_id
        cls.now = fields.Datetime.now().replace(second=0, microsecond=0)
        cls.officers = {"chair_id": cls.secretary.id, "minute_taker_id": cls.member2.id}

    def _at(self, offset, minutes=120):
        return self._meeting(self.cell_a1, start=fields.Datetime.to_string(self.now + offset),
                             minutes=minutes, **self.officers)

    def _phone_tour(self, url, name):
        self.browser_size, self.touch_enabled = "390x844", True
        self.start_tour(url, name, login=self.portal_user.login, timeout=120)

    def test_member_answers_fills_the_ballot_and_closes_a_task(self):
        upcoming = self._at(timedelta(days=2))
        upcoming.action_plan()
        held = self._at(-timedelta(hours=5), minutes=95)
        held.action_plan()
        held.action_hold()
        task = self.env["party.task"].create({
            "name": "Viết bài thu hoạch", "meeting_id": held.id,
            "assignee_ids": [self.portal_member.id], "deadline": "2026-12-31",
        })
        self._phone_tour("/my", "party_cell_portal_member_tour")
        line = upcoming.attendance_ids.filtered(lambda a: a.member_id == self.portal_member)
        self.assertEqual((line.status, line.reason), ("excused", "Đi công tác tỉnh"))
        ballot = held.ballot_ids.filtered(lambda b: b.voter_id == self.portal_member)
        self.assertEqual(ballot.state, "submitted")
        self.assertEqual((task.state, task.result), ("done", "Đã nộp bài thu hoạch"))

    def test_member_checks_in_by_the_qr_link(self):
        ongoing = self._at(-timedelta(hours=1))
        ongoing.action_plan()
        url = ongoing.with_user(self.user_secretary).checkin_url
        self._phone_tour(urlsplit(url).path, "party_cell_portal_checkin_tour")
        line = ongoing.attendance_ids.filtered(lambda a: a.member_id == self.portal_member)
        self.assertTrue(line.checked_in_date)
        self.assertEqual(line.status, "present")
