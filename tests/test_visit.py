import shutil
import subprocess
import tempfile
from collections import Counter

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import PartyCase, render_xlsx

CONTACT = "party_cell.mail_activity_type_visit_contact"
REHOLD = "party_cell.mail_activity_type_meeting_rehold"
FINDINGS = {
    "check_procedure": "yes", "check_documents": "partly", "check_attendance": "yes",
    "check_thematic": "no", "check_tasks": "no", "check_ballots": "no",
    "check_concerns": "partly", "check_minutes": "yes",
    "strengths": "<p>Chuẩn bị nội dung chu đáo, đảng viên phát biểu sôi nổi.</p>",
    "weaknesses": "<p>Không thực hiện phiếu đánh giá chất lượng; phân công nhiệm vụ "
                  "chung chung.</p>",
    "recommendations": "<p>Phân công nhiệm vụ cụ thể, có thời hạn.</p>",
    "upper_score": 62.5,
    "proposed_rating": "average",
}


class VisitData:
    """Two upper-level officials with nothing but the Inspector group, a cluster head, and
    the plan of committee A for 2026."""

    @classmethod
    def _build_visit_data(cls):
        cls.user_visitor = cls._user("visitor_k", "group_party_inspector")
        cls.user_visitor2 = cls._user("visitor_l", "group_party_inspector")
        cls.user_head = cls._user("cluster_head", "group_party_inspector")
        for user in (cls.user_visitor, cls.user_visitor2, cls.user_head):
            user.tz = "Asia/Ho_Chi_Minh"
        cls.official = cls._employee("Đỗ Văn Khối", user_id=cls.user_visitor.id,
                                     job_title="Ủy viên Ban Tổ chức Đảng ủy Khối")
        cls.official2 = cls._employee("Ngô Thị Lan", user_id=cls.user_visitor2.id,
                                      job_title="Phó Chủ nhiệm Ủy ban Kiểm tra")
        cls.head = cls._employee("Trịnh Văn Cụm", user_id=cls.user_head.id)
        cls.cluster = cls.env["party.cluster"].create({
            "name": "Cụm 2", "head_employee_id": cls.head.id,
        })
        cls.cell_a2.cluster_id = cls.cluster
        cls.plan = cls.env["party.visit.plan"].with_user(cls.user_officer).create({
            "organization_id": cls.committee_a.id, "year": 2026,
        })

    @classmethod
    def _visit(cls, cell=None, month=11, official=None, **vals):
        return cls.env["party.visit"].create(dict({
            "plan_id": cls.plan.id,
            "organization_id": (cell or cls.cell_a1).id,
            "visitor_employee_id": (official or cls.official).id,
            "month": month,
        }, **vals))


@tagged("post_install", "-at_install")
class TestVisit(VisitData, PartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_visit_data()

    def _generate(self, **vals):
        wizard = self.env["party.visit.generate.wizard"].with_user(self.user_officer).create(
            dict({"plan_id": self.plan.id, "times_per_year": 2,
                  "employee_ids": [(6, 0, (self.official | self.official2
                                           | self.secretary.employee_id).ids)]}, **vals))
        wizard.action_generate()
        return self.plan.visit_ids

    def test_plan_generation(self):
        visits = self._generate()
        self.assertEqual(self.plan.name, "Visit plan 2026 of Đảng bộ Cục A")
        self.assertEqual(visits.organization_id, self.cell_a1 | self.cell_a2,
                         "every cell under the committee, not the committee itself")
        for cell in (self.cell_a1, self.cell_a2):
            months = sorted(visits.filtered(lambda v, c=cell: v.organization_id == c)
                            .mapped("month"))
            self.assertEqual(len(months), 2)
            self.assertTrue(months[0] <= 6 < months[1], f"one visit per half-year: {months}")
        self.assertNotIn(self.secretary.employee_id, visits.filtered(
            lambda v: v.organization_id == self.cell_a1).visitor_employee_id,
            "nobody visits their own cell")
        load = Counter(v.visitor_employee_id.id for v in visits)
        self.assertLessEqual(max(load.values()) - min(load.values()), 1)
        self.assertEqual(len(set(visits.mapped("month"))), 4, "months are spread")
        self.assertFalse(self.plan.visitor_warning, "every official can open their visits")
        # Generating again adds nothing: the rule is already met.
        self.assertEqual(self._generate(), visits)
        # Hand edits: the committee moves a line; the official cannot.
        line = visits[0].with_user(self.user_officer)
        line.month = 3 if line.month != 3 else 4
        if line.visitor_user_id:
            with self.assertRaises(AccessError):
                line.with_user(line.visitor_user_id).month = 5
        with self.assertRaisesRegex(ValidationError, "Months run from 1 to 12"):
            self._generate(month_from=8, month_to=2)
        with self.assertRaisesRegex(ValidationError, "Between 1 and 2 visits"):
            self._generate(month_from=1, month_to=2, times_per_year=3)
        with self.assertRaisesRegex(ValidationError, "between 1 and 12"):
            self._visit(month=13)
        with self.assertRaisesRegex(ValidationError, "not under"):
            self._visit(cell=self.cell_b1)
        self._visit(cell=self.cell_a2, month=12, official=self._employee("Bùi Văn Ngoại"))
        self.assertEqual(self.plan.visitor_warning, "Bùi Văn Ngoại", "no user, no access")
        with self.assertRaisesRegex(ValidationError, "already visits"):
            self._visit(month=line.month, official=line.visitor_employee_id,
                        cell=line.organization_id)

    def test_unattended_visit_is_missed_after_its_month(self):
        visit = self._visit()
        self.plan.with_user(self.user_officer).action_approve()
        with freeze_time("2026-12-05"):
            self.env["party.visit"]._cron_reminders()
        self.assertEqual(visit.state, "planned", "a week's grace after the month")
        with freeze_time("2026-12-08"):
            self.env["party.visit"]._cron_reminders()
        self.assertEqual(visit.state, "missed")
        self.assertIn("automatically", visit.reason)

    def test_life_cycle(self):
        visit = self._visit()
        self.plan.with_user(self.user_officer).action_approve()
        self.assertIn(self.user_visitor.partner_id, visit.message_partner_ids)
        self.assertEqual(visit.contact_deadline, fields.Date.to_date("2026-10-31"))
        self.assertEqual(visit.month_end, fields.Date.to_date("2026-11-30"))
        mine = visit.with_user(self.user_visitor)
        with freeze_time("2026-10-26"):
            self.env["party.visit"]._cron_reminders()
            activity = visit.activity_ids
            self.assertEqual(activity.activity_type_id, self.env.ref(CONTACT))
            self.assertEqual(activity.user_id, self.user_visitor)
            self.assertEqual(activity.date_deadline, visit.contact_deadline)
            self.assertFalse(mine.is_overdue)
        with freeze_time("2026-11-01"):
            visit.invalidate_recordset(["is_overdue"])
            self.assertTrue(mine.is_overdue)
            self.assertEqual(mine.overdue_label, "Contact overdue")
            self.assertIn(visit, self.env["party.visit"].search([("is_overdue", "=", True)]))
        with freeze_time("2026-10-28"):
            mine.contact_note = "Đã liên hệ đồng chí Bí thư, thống nhất ngày 03/11."
            mine.action_contact()
        self.assertEqual((visit.state, visit.contact_date),
                         ("contacted", fields.Date.to_date("2026-10-28")))
        self.assertFalse(visit.activity_ids, "the reminder is done")
        with self.assertRaisesRegex(UserError, "has no meeting registered"):
            mine.action_confirm()
        meeting = self._meeting(self.cell_a1, chair_id=self.secretary.id,
                                minute_taker_id=self.member2.id)
        meeting.with_user(self.user_secretary).action_plan()
        mine.action_confirm()
        self.assertEqual((visit.state, visit.meeting_id), ("confirmed", meeting))
        self.assertEqual(visit.visit_date, meeting.date_start)
        guest = meeting.guest_ids.filtered(lambda g: g.employee_id == self.official)
        self.assertEqual((guest.name, guest.title, guest.organization_name),
                         ("Đỗ Văn Khối", "Ủy viên Ban Tổ chức Đảng ủy Khối", "Đảng bộ Cục A"))
        self.assertIn(self.user_visitor.partner_id, meeting.calendar_event_id.partner_ids)
        with freeze_time("2026-11-02"):
            with self.assertRaisesRegex(UserError, "has not started yet"):
                mine.action_done()
        with freeze_time("2026-11-03 10:00:00"):
            mine.action_done()
            self.assertEqual(mine.report_deadline, fields.Date.to_date("2026-11-08"))
            self.env["party.visit"]._cron_reminders()
            self.assertEqual(visit.activity_ids.activity_type_id,
                             self.env.ref("party_cell.mail_activity_type_visit_report"))
        with self.assertRaisesRegex(UserError, "proposed rating"):
            mine.action_report()
        mine.action_prefill_checklist()
        self.assertEqual(mine.check_documents, "no", "documents were never sent")
        self.assertEqual(mine.check_attendance, "yes")
        mine.write(dict(FINDINGS, check_attendance="partly", rehold_required=True))
        with freeze_time("2026-11-05"):
            mine.action_report()
        self.assertEqual((visit.state, visit.report_date),
                         ("reported", fields.Date.to_date("2026-11-05")))
        self.assertEqual(mine.check_attendance, "partly", "the checklist keeps the official's word")
        self.assertFalse(mine.is_overdue)
        # The re-hold requirement lands on the cell's meeting and is followed until done.
        self.assertTrue(meeting.rehold_required)
        todo = meeting.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(REHOLD))
        self.assertEqual(todo.user_id, self.user_secretary)
        self.assertEqual(visit.rehold_state, "pending")
        self.assertIn(visit, self.env["party.visit"].with_user(self.user_officer).search(
            [("rehold_state", "in", ("pending", "scheduled"))]))
        meeting.with_user(self.user_secretary).action_hold()
        action = meeting.with_user(self.user_secretary).action_create_rehold()
        rehold = self.env["party.meeting"].browse(action["res_id"])
        self.assertEqual((visit.rehold_state, visit.rehold_meeting_id), ("scheduled", rehold))
        rehold.with_user(self.user_secretary).write({
            "chair_id": self.secretary.id, "minute_taker_id": self.member2.id})
        rehold.with_user(self.user_secretary).action_plan()
        rehold.with_user(self.user_secretary).action_hold()
        self.assertEqual(visit.rehold_state, "done")

    def test_overdue_stages(self):
        visit = self._visit(state="confirmed")
        self.assertEqual(visit.with_context(party_today=fields.Date.to_date("2026-11-30"))
                         .is_overdue, False)
        late = visit.with_context(party_today=fields.Date.to_date("2026-12-01"))
        self.assertEqual((late.is_overdue, late.overdue_label), (True, "Visit overdue"))
        visit.state = "done"
        late = visit.with_context(party_today=fields.Date.to_date("2026-12-06"))
        self.assertEqual((late.is_overdue, late.overdue_label), (True, "Report overdue"))
        visit.state = "reported"
        self.assertFalse(visit.with_context(party_today=fields.Date.to_date("2027-06-01"))
                         .is_overdue)

    def test_missed_and_cancelled_with_reason(self):
        meeting = self._meeting(self.cell_a1)
        visit = self._visit(meeting_id=meeting.id, state="contacted")
        mine = visit.with_user(self.user_visitor)
        mine.action_confirm()
        self.assertIn(self.official, meeting.guest_ids.employee_id)
        action = mine.action_cancel()
        self.assertEqual((action["target"], action["context"]["visit_close_state"]),
                         ("new", "cancelled"))
        closing = mine.with_context(**action["context"])
        with self.assertRaisesRegex(UserError, "Give the reason"):
            closing.action_close_cancelled()
        closing.reason = "Đồng chí được phân công đi công tác đột xuất"
        closing.action_close_cancelled()
        self.assertEqual(visit.state, "cancelled")
        self.assertNotIn(self.official, meeting.guest_ids.employee_id,
                         "the official is taken off the guests")
        with self.assertRaises(AccessError):
            mine.action_reset_planned()
        visit.with_user(self.user_officer).action_reset_planned()
        self.assertEqual((visit.state, visit.reason), ("planned", False))
        other = self._visit(month=12)
        with self.assertRaisesRegex(UserError, "not possible"):
            other.with_user(self.user_visitor).action_done()
        missed = other.with_user(self.user_officer)
        missed.reason = "Chi bộ không tổ chức sinh hoạt trong tháng"
        missed.action_close_missed()
        self.assertEqual(other.state, "missed")
        with self.assertRaisesRegex(ValidationError, "has started"):
            self._visit(month=10, state="done").with_user(self.user_officer).unlink()

    def test_access_by_role(self):
        visit_a1 = self._visit(**FINDINGS)
        visit_a2 = self._visit(cell=self.cell_a2, official=self.official2, **FINDINGS)
        meeting_a2 = self._meeting(self.cell_a2)
        meeting_a1 = self._meeting(self.cell_a1)
        visit_a1.meeting_id = meeting_a1
        Visit = self.env["party.visit"]

        # The visited cell sees the visits to it, not the others; plain members no findings.
        member = Visit.with_user(self.user_member)
        self.assertEqual(member.search([]), visit_a1)
        self.assertEqual(visit_a1.with_user(self.user_member).read(["state", "visitor_name"])[0][
            "visitor_name"], "Đỗ Văn Khối")
        for field in ("strengths", "weaknesses", "recommendations", "check_ballots",
                      "proposed_rating", "upper_score"):
            with self.assertRaises(AccessError):
                visit_a1.with_user(self.user_member).read([field])
        with self.assertRaises(AccessError):
            visit_a1.with_user(self.user_member).write({"contact_note": "x"})
        with self.assertRaises(AccessError):
            visit_a2.with_user(self.user_member).read(["state"])

        # The cell secretary reads the findings of visits to the cell, only those.
        secretary = visit_a1.with_user(self.user_secretary)
        self.assertIn("phiếu đánh giá", secretary.read(["weaknesses"])[0]["weaknesses"])
        self.assertEqual(Visit.with_user(self.user_secretary).search([]), visit_a1)
        with self.assertRaises(AccessError):
            secretary.write({"strengths": "<p>Sửa</p>"})
        self.assertFalse(Visit.with_user(self.user_secretary_b).search([]))

        # The official: own visits, read and write; the meeting they attend, read only.
        official = Visit.with_user(self.user_visitor)
        self.assertEqual(official.search([]), visit_a1)
        visit_a1.with_user(self.user_visitor).write({"strengths": "<p>Tốt</p>"})
        with self.assertRaises(AccessError):
            visit_a2.with_user(self.user_visitor).read(["state"])
        with self.assertRaises(AccessError):
            official.create({"plan_id": self.plan.id, "organization_id": self.cell_a1.id,
                             "visitor_employee_id": self.official.id, "month": 1})
        seen = meeting_a1.with_user(self.user_visitor)
        self.assertEqual(seen.read(["name"])[0]["name"], meeting_a1.name)
        self.assertEqual(len(seen.attendance_ids), 3)
        seen.attendance_ids.read(["status"])
        with self.assertRaises(AccessError):
            seen.write({"location": "Phòng họp khác"})
        with self.assertRaises(AccessError):
            seen.attendance_ids[0].write({"status": "excused"})
        with self.assertRaises(AccessError):
            meeting_a2.with_user(self.user_visitor).read(["name"])
        self.assertEqual(self.env["party.meeting"].with_user(self.user_visitor).search([]),
                         meeting_a1)
        self.assertEqual(self.plan.with_user(self.user_visitor).read(["name"])[0]["name"],
                         self.plan.name)

        # The cluster head sees the lines of the cluster; the inspector of A, all of A.
        self.assertEqual(Visit.with_user(self.user_head).search([]), visit_a2)
        self.assertEqual(Visit.with_user(self.user_inspector).search([]), visit_a1 | visit_a2)
        with self.assertRaises(AccessError):
            visit_a2.with_user(self.user_inspector).write({"contact_note": "x"})
        # The committee manages its plan; other companies and non-party users see nothing.
        self.assertEqual(Visit.with_user(self.user_officer).search([]), visit_a1 | visit_a2)
        visit_a2.with_user(self.user_officer).write({"month": 10})
        self.assertFalse(Visit.with_user(self.user_officer_z).search([]))
        with self.assertRaises(AccessError):
            Visit.with_user(self.user_plain).search([])
        self.assertEqual(meeting_a1.with_user(self.user_member).visit_count, 1)

    def test_visit_report_html_and_rights(self):
        meeting = self._meeting(self.cell_a1, chair_id=self.secretary.id,
                                minute_taker_id=self.member2.id)
        visit = self._visit(meeting_id=meeting.id, state="reported", rehold_required=True,
                            report_date="2026-11-05", **FINDINGS)
        Report = self.env["ir.actions.report"]
        html = Report.with_user(self.user_visitor)._render_qweb_html(
            "party_cell.action_report_party_visit", visit.ids)[0].decode()
        for expected in ("BÁO CÁO", "Đảng bộ Cục A", "Chi bộ A1", "Đỗ Văn Khối",
                         "Trung bình", "62,5/100", "tổ chức sinh hoạt lại",
                         "Chưa đạt", "14 giờ 00", "Lê Văn Cường"):
            self.assertIn(expected, html)
        with self.assertRaises(AccessError):
            Report.with_user(self.user_member)._render_qweb_html(
                "party_cell.action_report_party_visit", visit.ids)

    def test_plan_xlsx_values_and_rules(self):
        visit_a1 = self._visit(state="reported", **FINDINGS)
        self._visit(cell=self.cell_a2, month=3, official=self.official2)
        self._visit(cell=self.cell_a2, month=4, state="cancelled")

        def rows(user):
            env = self.env(user=user)
            sheet = render_xlsx(env, "party_cell.action_report_visit_plan_xlsx",
                                self.plan.with_env(env)).active
            values = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
            return sheet, values

        sheet, values = rows(self.user_officer)
        self.assertEqual(sheet.cell(row=1, column=1).value, "VISIT PLAN 2026 OF ĐẢNG BỘ CỤC A")
        self.assertEqual(values[0][:5], ["No.", "Month", "Organisation", "Kind", "Official"])
        self.assertEqual(values[1][1:5], [3, "Chi bộ A2", "Upper-level Attendance", "Ngô Thị Lan"])
        self.assertEqual(values[2][2], "Chi bộ A1")
        self.assertEqual(values[2][6], "Reported")
        self.assertEqual(values[2][10], "Average")
        self.assertEqual(values[3][2], "Total: 2 visits", "cancelled lines are left out")
        # The official gets their own line; a plain member gets the cell's line, no rating.
        _sheet, values = rows(self.user_visitor)
        self.assertEqual([r[2] for r in values[1:]], ["Chi bộ A1", "Total: 1 visits"])
        _sheet, values = rows(self.user_member)
        self.assertEqual(len(values[0]), 10, "no rating column for plain members")
        self.assertEqual(values[1][4], "Đỗ Văn Khối")
        action = visit_a1.plan_id.with_user(self.user_officer).action_export_xlsx()
        self.assertEqual((action["report_name"], action["context"]["active_ids"]),
                         ("party_cell.visit_plan_xlsx", self.plan.ids))


@tagged("post_install", "-at_install")
class TestVisitDocuments(VisitData, PartyCase, HttpCase):
    """Real PDFs of the visit report and the plan, read back with pdftotext."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_visit_data()
        cls.company.city = "Thanh Hóa"
        meeting = cls._meeting(cls.cell_a1, chair_id=cls.secretary.id,
                               minute_taker_id=cls.member2.id)
        cls.visit = cls._visit(meeting_id=meeting.id, state="reported", rehold_required=True,
                               report_date="2026-11-05", **FINDINGS)
        cls._visit(cell=cls.cell_a2, month=3, official=cls.official2, visit_kind="inspection")
        cls.plan.write({"doc_number": 12, "issue_date": "2026-01-15"})

    def setUp(self):
        super().setUp()
        if not shutil.which("pdftotext"):
            self.fail("pdftotext not found: install poppler-utils to check printed documents.")

    def _text(self, report, records, user):
        pdf, _type = self.env["ir.actions.report"].with_user(user).with_context(
            force_report_rendering=True)._render_qweb_pdf(report, records.ids)
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            return subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True,
                                  check=True, timeout=60).stdout.decode()

    def test_visit_report_pdf(self):
        text = self._text("party_cell.action_report_party_visit", self.visit, self.user_visitor)
        for expected in (
            "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ KHỐI", "ĐẢNG BỘ CỤC A", "-BC/ĐU", "BÁO CÁO",
            "Thanh Hóa, ngày 05 tháng 11 năm 2026", "Đỗ Văn Khối", "Chi bộ A1",
            "Không thực hiện phiếu đánh giá chất lượng", "Trung bình", "62,5/100",
            "NGƯỜI DỰ SINH HOẠT", "Nơi nhận:",
        ):
            self.assertIn(expected, text)

    def test_plan_pdf(self):
        text = self._text("party_cell.action_report_party_visit_plan", self.plan,
                          self.user_officer)
        for expected in (
            "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ CỤC A", "Số 12-KH/ĐU", "KẾ HOẠCH",
            "Thanh Hóa, ngày 15 tháng 01 năm 2026", "Tháng 3", "Tháng 11", "Chi bộ A2",
            "Kiểm tra", "Ngô Thị Lan", "Đã báo cáo", "T/M ĐẢNG ỦY",
        ):
            self.assertIn(expected, text)
        self.assertLess(text.index("Tháng 3"), text.index("Tháng 11"))
