import shutil
import subprocess
import tempfile

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .test_committee import CommitteeCase

REPORT = "party_cell.action_report_periodic_report"


def squash(text):
    return " ".join(text.split())


class PeriodicReportCase(CommitteeCase):
    """Committee A's fourth quarter of 2026: what its cells A1 and A2 did, and what happened
    around it (before the quarter, in committee B) that its report must not count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.upper.place_name = "Thanh Hóa"
        (cls.committee_a | cls.cell_a1 | cls.cell_a2 | cls.committee_b).tz = "Asia/Ho_Chi_Minh"

    @classmethod
    def _held(cls, cell, start, **vals):
        officers = {cls.cell_a1: (cls.secretary, cls.member), cls.cell_a2: (
            cls.secretary_a2, cls.member_a2), cls.committee_a: (cls.member, cls.secretary_a2),
            cls.cell_b1: (cls.secretary_b, cls.secretary_b)}[cell]
        meeting = cls._meeting(cell, start=start, conclusion="<p>Kết luận.</p>",
                               chair_id=officers[0].id, minute_taker_id=officers[1].id, **vals)
        meeting.action_plan()
        with freeze_time(start):
            meeting.action_hold()
        return meeting

    @classmethod
    def _fill_quarter(cls):
        topic = cls.env["party.topic"].create({"name": "Học tập và làm theo tư tưởng, đạo đức, "
                                                       "phong cách Hồ Chí Minh"})
        held_a1 = cls._held(cls.cell_a1, "2026-10-06 01:00:00")
        held_a1.official_rating = "good"
        thematic = cls._held(cls.cell_a1, "2026-11-03 01:00:00", meeting_type="thematic",
                             topic_id=topic.id)
        thematic.official_rating = "fair"
        cls._held(cls.cell_a2, "2026-12-01 01:00:00")  # held, not rated
        cls._meeting(cls.cell_a2, start="2026-10-07 01:00:00").action_cancel()
        cls._meeting(cls.cell_a2, start="2026-11-04 01:00:00").action_plan()  # never held
        cls._held(cls.committee_a, "2026-11-10 01:00:00", meeting_type="committee")
        # Outside the report: the quarter before, and another committee's cell.
        cls._held(cls.cell_a1, "2026-09-08 01:00:00").official_rating = "poor"
        cls._held(cls.cell_b1, "2026-10-06 01:00:00")
        # A meeting on 1 October at 06:00 in Vietnam is 30 September in UTC: it counts.
        cls._held(cls.cell_a2, "2026-09-30 23:00:00", meeting_type="thematic", topic_id=topic.id)

        env = cls.env
        candidate = cls._employee("Lý Thị Hoa")
        env["party.admission"].create([
            {"employee_id": candidate.id, "organization_id": cls.cell_a1.id,
             "state": "admitted", "ceremony_date": "2026-11-19"},
            {"employee_id": cls._employee("Mai Văn Tâm").id, "organization_id": cls.cell_b1.id,
             "state": "admitted", "ceremony_date": "2026-11-19"},
        ])
        probationary = cls._member("Đinh Văn Phúc", cls.cell_a2, state="probationary",
                                   admission_date="2025-10-01", official_date=False)
        env["party.recognition"].create({
            "member_id": probationary.id, "state": "recognised", "decision_date": "2026-10-20"})
        Transfer = env["party.member.transfer"]
        Transfer.create([
            {"member_id": cls.member2.id, "direction": "out", "state": "done",
             "date": "2026-10-15", "from_organization_id": cls.cell_a1.id,
             "external_organization": "Đảng bộ Sở Công Thương"},
            {"member_id": cls.member_a2.id, "direction": "internal", "state": "done",
             "date": "2026-11-15", "from_organization_id": cls.cell_a2.id,
             "to_organization_id": cls.cell_a1.id},
            {"member_id": cls.member_a2.id, "direction": "in", "state": "done",
             "date": "2026-12-15", "to_organization_id": cls.cell_a2.id,
             "external_organization": "Đảng bộ Sở Tài chính"},
            {"member_id": cls.member_a2.id, "direction": "out", "state": "draft",
             "date": "2026-12-20", "external_organization": "Đảng bộ Sở Nội vụ"},
        ])
        env["party.discipline"].create({
            "member_id": cls.member_a2.id, "date": "2026-12-10", "level": "reprimand",
            "reason": "Vi phạm quy định về sinh hoạt đảng."})
        plan = env["party.visit.plan"].create({"organization_id": cls.committee_a.id,
                                               "year": 2026})
        visitor = cls._employee("Phạm Quang Vinh")
        env["party.visit"].create([
            {"plan_id": plan.id, "organization_id": cls.cell_a1.id, "month": 10,
             "visitor_employee_id": visitor.id, "state": "reported", "done_date": "2026-10-06",
             "weaknesses": "<p>Chưa lấy phiếu đánh giá sau sinh hoạt.</p>",
             "proposed_rating": "fair"},
            {"plan_id": plan.id, "organization_id": cls.cell_a2.id, "month": 11,
             "visitor_employee_id": visitor.id, "state": "missed"},
            {"plan_id": plan.id, "organization_id": cls.cell_a2.id, "month": 9,
             "visitor_employee_id": visitor.id, "state": "done", "done_date": "2026-09-08"},
        ])

    def _report(self, user=None, **vals):
        Report = self.env["party.periodic.report"].with_user(user or self.user_officer)
        return Report.create(dict({"organization_id": self.committee_a.id,
                                   "period_kind": "quarter", "year": 2026, "quarter": "4"},
                                  **vals))


@tagged("post_install", "-at_install")
class TestPeriodicReportFigures(PeriodicReportCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._fill_quarter()

    def test_figures_of_the_quarter(self):
        with freeze_time("2027-01-05 03:00:00"):
            report = self._report()
        self.assertEqual((report.date_from.isoformat(), report.date_to.isoformat()),
                         ("2026-10-01", "2026-12-31"))
        figures = report.read([
            "cell_count", "meeting_held_count", "thematic_count", "meeting_missed_count",
            "committee_meeting_count", "rating_good_count", "rating_fair_count",
            "rating_average_count", "rating_poor_count", "rating_none_count",
            "admission_count", "recognition_count", "transfer_in_count", "transfer_out_count",
            "discipline_count", "visit_count", "visit_missed_count"])[0]
        figures.pop("id")
        self.maxDiff = None
        self.assertEqual(figures, {
            "cell_count": 2, "meeting_held_count": 4, "thematic_count": 2,
            "meeting_missed_count": 2, "committee_meeting_count": 1,
            "rating_good_count": 1, "rating_fair_count": 1, "rating_average_count": 0,
            "rating_poor_count": 0, "rating_none_count": 2,
            "admission_count": 1, "recognition_count": 1,
            "transfer_in_count": 1, "transfer_out_count": 1, "discipline_count": 1,
            "visit_count": 1, "visit_missed_count": 1,
        })
        self.assertIn("Chưa lấy phiếu đánh giá sau sinh hoạt.", report.visit_findings)
        self.assertIn("Khá", report.visit_findings)
        # The body is prefilled from the figures, for the committee to complete.
        self.assertIn("2 chi bộ trực thuộc đã tổ chức 4 buổi sinh hoạt chi bộ", report.body)
        self.assertIn("2 buổi chưa tổ chức theo kế hoạch", report.body)
        self.assertIn("PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", report.body)

    def test_a_committee_member_counts_what_they_cannot_read(self):
        """The deputy secretary is a plain member of cell A1: the report still counts cell
        A2's records, which they do not read."""
        with freeze_time("2027-01-05 03:00:00"):
            report = self._report(user=self.user_member)
        self.assertEqual((report.meeting_held_count, report.discipline_count,
                          report.recognition_count), (4, 1, 1))
        with self.assertRaises(AccessError):
            self.env["party.discipline"].with_user(self.user_member).search([])

    def test_a_planned_meeting_is_missed_only_once_past(self):
        with freeze_time("2026-11-04 02:00:00"):
            report = self._report()
        self.assertEqual(report.meeting_missed_count, 1)  # the cancelled one only
        with freeze_time("2026-11-05"):
            report.action_refresh_figures()
        self.assertEqual(report.meeting_missed_count, 2)

    def test_a_month_and_moved_dates(self):
        with freeze_time("2027-01-05"):
            report = self._report(period_kind="month", month="11")
            self.assertEqual((report.date_from.isoformat(), report.date_to.isoformat()),
                             ("2026-11-01", "2026-11-30"))
            self.assertEqual((report.meeting_held_count, report.thematic_count,
                              report.committee_meeting_count), (1, 1, 1))
            # A committee whose month runs from the 15th: the figures follow the dates.
            report.write({"date_from": "2026-10-15", "date_to": "2026-11-14"})
            self.assertEqual((report.meeting_held_count, report.transfer_out_count), (1, 1))
            self.assertEqual(report.admission_count, 0)

    def test_issued_figures_do_not_change(self):
        with freeze_time("2027-01-05"):
            report = self._report()
            report.action_issue()
        self._held(self.cell_a1, "2026-12-08 01:00:00")
        self.env.invalidate_all()
        self.assertEqual(report.meeting_held_count, 4)
        with self.assertRaisesRegex(UserError, "not possible"):
            report.action_refresh_figures()
        self.assertEqual(report.meeting_held_count, 4)


@tagged("post_install", "-at_install")
class TestPeriodicReportWorkflow(PeriodicReportCase):

    def _issue(self, day, **vals):
        with freeze_time(day):
            report = self._report(**vals)
            report.action_issue()
        return report

    def test_numbers_run_within_the_term(self):
        first = self._issue("2026-10-05", period_kind="quarter", quarter="3")
        second = self._issue("2026-11-05", period_kind="month", month="10")
        self.assertEqual((first.number, second.number), ("01-BC/ĐU", "02-BC/ĐU"))
        self.assertEqual(first.number_period, f"term:{self.term_a.id}")
        # The term's minutes and resolutions keep their own numbering.
        self.assertFalse(self.term_a.resolution_sequence_id)
        # A new year within the term goes on.
        self.assertEqual(self._issue("2027-01-05", period_kind="year").number, "03-BC/ĐU")
        # A new term starts again from 01.
        (self.post_secretary | self.post_deputy | self.post_member).date_to = "2027-05-31"
        self.term_a.date_end = "2027-05-31"
        self.env["party.term"].create({"organization_id": self.committee_a.id,
                                       "name": "Nhiệm kỳ 2027–2032",
                                       "date_start": "2027-06-01"})
        self.assertEqual(self._issue("2027-07-05", period_kind="quarter", year=2027,
                                     quarter="2").number, "01-BC/ĐU")

    def test_without_a_term_numbers_run_per_year(self):
        self.committee_b.committee_user_ids = self.user_officer
        numbers = [self._issue(day, organization_id=self.committee_b.id, period_kind="month",
                               year=year, month=month).number
                   for day, year, month in (("2026-11-05", 2026, "10"),
                                            ("2026-12-05", 2026, "11"),
                                            ("2027-01-05", 2026, "12"))]
        self.assertEqual(numbers, ["01-BC/ĐU", "02-BC/ĐU", "01-BC/ĐU"])
        # A grassroots cell numbers as a cell.
        self.cell_b1.write({"org_type": "grassroots_cell", "parent_id": self.upper.id})
        self.cell_b1.committee_user_ids = self.user_officer
        self.assertEqual(self._issue("2026-11-05", organization_id=self.cell_b1.id).number,
                         "01-BC/CB")

    def test_issue_stores_the_pdf_and_locks(self):
        report = self._issue("2027-01-05")
        self.assertEqual((report.state, report.date_issued.isoformat()),
                         ("issued", "2027-01-05"))
        self.assertEqual(report.attachment_id.name, "Báo cáo 01-BC-ĐU.pdf")
        self.assertEqual((report.attachment_id.res_model, report.attachment_id.res_id),
                         (report._name, report.id))
        officer = report.with_user(self.user_officer)
        for vals in ({"body": "<p>Sửa</p>"}, {"number": "09-BC/ĐU"}, {"state": "draft"},
                     {"meeting_held_count": 9}, {"date_to": "2026-12-15"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                officer.write(vals)
        with self.assertRaises(UserError):
            officer.unlink()
        with self.assertRaises(UserError):
            report.attachment_id.with_user(self.user_officer).unlink()
        with self.assertRaisesRegex(UserError, "not possible"):
            officer.action_issue()

    def test_cancel_belongs_to_the_office(self):
        report = self._issue("2027-01-05")
        with self.assertRaises(AccessError):
            report.with_user(self.user_member).action_cancel()
        report.with_user(self.user_officer).action_cancel()
        self.assertEqual((report.state, report.number), ("cancelled", "01-BC/ĐU"))
        # The period is free again; the number of the cancelled report is not given twice.
        self.assertEqual(self._issue("2027-01-06").number, "02-BC/ĐU")

    def test_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self._report(date_from="2026-12-31", date_to="2026-10-01")
        report = self._report()
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            report.write({"date_to": "2026-09-30"})
        with self.assertRaisesRegex(ValidationError, "already has a report for Q.IV/2026"):
            self._report(user=self.user_member)
        with self.assertRaisesRegex(ValidationError, "month or quarter"):
            self._report(period_kind="month", month=False, year=2026)
        with self.assertRaisesRegex(UserError, "figures of a report are counted"):
            self._report(quarter="3", meeting_held_count=40)
        with self.assertRaisesRegex(UserError, "starts as a draft"):
            self.env["party.periodic.report"].with_user(self.user_officer).with_context(
                default_state="issued").create({"organization_id": self.committee_a.id,
                                                "year": 2026, "quarter": "2"})
        report.body = False
        with self.assertRaisesRegex(UserError, "Write the assessment"):
            report.with_user(self.user_officer).action_issue()
        self.assertEqual(self.env["party.periodic.report"].search_count([]), 1)
        self.assertEqual((report.state, report.number), ("draft", False))


@tagged("post_install", "-at_install")
class TestPeriodicReportAccess(PeriodicReportCase):

    def test_who_reads_and_writes(self):
        report = self._report()
        Report = self.env["party.periodic.report"]
        readers = {
            "committee office": (self.user_officer, True),
            "deputy secretary (plain member of A1 on the committee)": (self.user_member, True),
            "inspector of the committee": (self.user_inspector, False),
            "admin": (self.user_admin, True),
        }
        for label, (user, writes) in readers.items():
            with self.subTest(user=label):
                self.assertEqual(Report.with_user(user).search([]), report)
                self.assertEqual(report.with_user(user).has_access("write"), writes)
        for label, user in (("plain member of A1", self.user_member2),
                            ("secretary of cell B1", self.user_secretary_b),
                            ("office of company Z", self.user_officer_z)):
            with self.subTest(user=label):
                self.assertFalse(Report.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    report.with_user(user).read(["body"])
        with self.assertRaises(AccessError):
            self._report(user=self.user_member2, quarter="3")
        with self.assertRaises(AccessError):
            self._report(user=self.user_inspector, quarter="3")


@tagged("post_install", "-at_install")
class TestPeriodicReportPdf(PeriodicReportCase, HttpCase):
    """The issued report through wkhtmltopdf, read back with pdftotext."""

    def test_issued_report_prints_in_the_party_format(self):
        if not shutil.which("pdftotext"):
            self.fail("pdftotext not found: install poppler-utils to check printed documents.")
        self._fill_quarter()
        report = self._report().with_context(force_report_rendering=True)
        with freeze_time("2027-01-05 03:00:00"):
            report.action_issue()
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(report.attachment_id.raw)
            f.flush()
            text = squash(subprocess.run(["pdftotext", "-layout", f.name, "-"],
                                         capture_output=True, check=True,
                                         timeout=60).stdout.decode())
        for expected in (
            "ĐẢNG BỘ KHỐI", "ĐẢNG ỦY CỤC A", "*", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 01-BC/ĐU",
            "Thanh Hóa, ngày 05 tháng 01 năm 2027", "BÁO CÁO",
            "Kết quả công tác đảng quý IV năm 2026",
            "Từ ngày 01/10/2026 đến ngày 31/12/2026",
            "Số buổi sinh hoạt chi bộ đã tổ chức 4", "Trong đó sinh hoạt chuyên đề 2",
            "Chưa lấy phiếu đánh giá sau sinh hoạt.", "PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
            "T/M ĐẢNG ỦY", "BÍ THƯ", "Lê Văn Cường", "Nơi nhận:",
            "- Ban Thường vụ Đảng ủy Khối (để báo cáo),", "- Lưu Văn phòng Đảng ủy.",
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, text)
