import shutil
import subprocess
import tempfile
from datetime import date, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import PartyCase

TODAY = date(2026, 10, 3)


class QualityData:
    """Two held meetings in cell A1 in Q3 2026, one in cell B1, an open task in A1."""

    @classmethod
    def _build_quality_data(cls):
        cls.env = cls.env(context=dict(cls.env.context, party_today=TODAY))
        for start in ("2026-07-03 07:00:00", "2026-08-04 07:00:00"):
            cls._held(cls.cell_a1, start)
        cls._held(cls.cell_b1, "2026-07-02 07:00:00", chair=cls.secretary_b)
        cls.env["party.task"].create({
            "name": "Hoàn thiện chuyên đề", "organization_id": cls.cell_a1.id,
            "assignee_ids": [(6, 0, cls.member.ids)], "deadline": "2026-09-10",
        })

    @classmethod
    def _held(cls, cell, start, chair=None):
        chair = chair or cls.secretary
        start_dt = fields.Datetime.to_datetime(start)
        meeting = cls.env["party.meeting"].create({
            "organization_id": cell.id, "date_start": start_dt,
            "date_end": start_dt + timedelta(minutes=120), "location": "Hội trường",
            "chair_id": chair.id, "minute_taker_id": chair.id,
        })
        meeting.action_plan()
        meeting.action_hold()
        return meeting


@tagged("post_install", "-at_install")
class TestQualitySummary(QualityData, PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_quality_data()

    def _values(self, user, orgs, data):
        Report = self.env(user=user)["report.party_cell.party_quality_summary_document"]
        return Report._get_report_values(orgs.ids, data)

    def test_values_per_cell_and_totals(self):
        values = self._values(self.user_admin, self.upper, {"year": 2026, "quarter": 3})
        self.assertEqual(values["period_label"], "quý III năm 2026")
        summary = values["summary"][self.upper.id]
        rows = {row["cell"].name: row["totals"] for row in summary["rows"]}
        self.assertEqual(set(rows), {"Chi bộ A1", "Chi bộ A2", "Chi bộ B1"})
        self.assertEqual(rows["Chi bộ A1"]["held_total"], 2)
        self.assertEqual(rows["Chi bộ A1"]["missing"], 1)
        self.assertEqual(rows["Chi bộ A1"]["tasks_total"], 1)
        self.assertEqual(rows["Chi bộ A1"]["tasks_overdue"], 1)
        self.assertEqual(rows["Chi bộ A2"]["missing"], 3)
        self.assertEqual(summary["totals"]["held_total"], 3)
        self.assertEqual(summary["totals"]["due"], 9)
        self.assertEqual(summary["totals"]["cells"], 3)

    def test_officer_sees_only_the_subtree(self):
        values = self._values(self.user_officer, self.committee_a, {"year": 2026})
        rows = values["summary"][self.committee_a.id]["rows"]
        self.assertEqual({r["cell"].name for r in rows}, {"Chi bộ A1", "Chi bộ A2"})
        self.assertEqual(values["period_label"], "năm 2026")

    def test_html_in_vietnamese(self):
        html = self.env["ir.actions.report"]._render_qweb_html(
            "party_cell.action_report_party_quality_summary", self.committee_a.ids,
            data={"year": 2026, "quarter": 3})[0].decode()
        self.assertIn("Tổng hợp chất lượng sinh hoạt chi bộ quý III năm 2026", html)
        self.assertIn("Chi bộ A1", html)
        self.assertNotIn("Chi bộ B1", html)

    def test_wizard_pdf_and_xlsx(self):
        Wizard = self.env["party.report.wizard"].with_user(self.user_officer)
        wizard = Wizard.create({"year": 2026, "period": "3", "output": "pdf"})
        self.assertEqual(wizard.organization_ids, self.committee_a)
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "party_cell.party_quality_summary_document")
        self.assertEqual(action["data"], {"year": 2026, "quarter": 3})
        wizard.output = "xlsx"
        action = wizard.action_print()
        self.assertEqual((action["type"], action["report_type"], action["report_name"]),
                         ("ir.actions.report", "xlsx", "party_cell.quality_summary_xlsx"))
        self.assertEqual(action["data"], {"year": 2026, "quarter": 3})
        self.assertEqual(action["context"]["active_ids"], self.committee_a.ids)

    def test_member_statistics_follow_rules(self):
        Member = self.env["party.member"].with_user(self.user_officer)
        groups = Member._read_group([], ["organization_id", "admission_date:year"], ["__count"])
        self.assertEqual({org.id for org, _year, _count in groups},
                         set((self.cell_a1 | self.cell_a2).ids))
        self.assertEqual(sum(count for _org, _year, count in groups), 4)


@tagged("post_install", "-at_install")
class TestQualitySummaryPdf(QualityData, PartyCase, HttpCase):
    """One real PDF: the summary prints in Vietnamese with its figures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not shutil.which("pdftotext"):
            cls.skipTest(cls, "pdftotext (poppler-utils) is needed")
        cls._build_quality_data()

    def test_pdf_text(self):
        Report = self.env["ir.actions.report"].with_user(self.user_officer).with_context(
            force_report_rendering=True)
        pdf, report_type = Report._render_qweb_pdf(
            "party_cell.action_report_party_quality_summary", self.committee_a.ids,
            data={"year": 2026, "quarter": 3})
        self.assertEqual(report_type, "pdf")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(["pdftotext", "-layout", handle.name, "-"],
                                  capture_output=True, check=True).stdout.decode()
        for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO", "quý III năm 2026",
                         "Chi bộ A1", "Chi bộ A2", "2/3", "Cộng"):
            self.assertIn(expected, text)
        self.assertNotIn("Chi bộ B1", text)
