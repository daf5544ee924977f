import re
import shutil
import subprocess
import tempfile
from datetime import date
from unittest.mock import patch

from odoo.addons.party_cell.models import ir_actions_report as party_report
from odoo.addons.party_cell.reports.party_document import party_date_line, party_doc_number
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

REPORT = "party_cell.action_report_party_member_list"
# pdftotext -bbox draws a word box as tall as the font's ascent plus descent: 1.107 times the
# font size for Liberation Serif (0.891 + 0.216, its hhea metrics).
LIBERATION_SERIF_BOX = 1.107


class PartyReportData:
    """A committee, a cell of three members and a cell of one, and the users who print."""

    @classmethod
    def _build_party_data(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        company = cls.env.company
        company.city = "Thanh Hóa"
        Org = cls.env["party.organization"]
        cls.upper = Org.create({
            "name": "Đảng bộ Sở Tư pháp", "org_type": "grassroots_committee", "code": "RPT_DB",
        })
        cls.cell = Org.create({
            "name": "Chi bộ Văn phòng Sở", "parent_id": cls.upper.id, "code": "RPT_VP",
        })
        cls.cell2 = Org.create({
            "name": "Chi bộ Phòng Hành chính", "parent_id": cls.upper.id, "code": "RPT_HC",
        })
        cls.officer = new_test_user(
            cls.env, login="rpt_officer", groups="base.group_user,party_cell.group_party_committee",
        )
        cls.upper.committee_user_ids = cls.officer
        cls.secretary_user = new_test_user(
            cls.env, login="rpt_secretary",
            groups="base.group_user,party_cell.group_party_secretary",
        )
        cls.tuyet = cls._member("Nguyễn Thị Ánh Tuyết", "Chánh Văn phòng", cls.cell,
                                committee_role="secretary", user=cls.secretary_user)
        cls.manh = cls._member("Phạm Đức Mạnh", "Phó Chánh Văn phòng", cls.cell,
                               committee_role="deputy_secretary")
        cls.huong = cls._member("Lê Văn Hưởng", "Chuyên viên", cls.cell, state="probationary",
                                admission_date="2026-01-02", official_date=False)
        cls.viet = cls._member("Trần Quốc Việt", "Trưởng phòng", cls.cell2,
                               committee_role="secretary")

    @classmethod
    def _member(cls, name, job_title, cell, user=None, **vals):
        employee = cls.env["hr.employee"].create({
            "name": name, "job_title": job_title, "user_id": user.id if user else False,
        })
        return cls.env["party.member"].create(dict({
            "employee_id": employee.id,
            "organization_id": cell.id,
            "state": "official",
            "admission_date": "2008-05-19",
            "official_date": "2009-05-19",
        }, **vals))


class TestPartyDateLine(TransactionCase):

    def test_date_line_pads_day_below_10_and_month_below_3(self):
        cases = {
            date(2026, 11, 5): "Thanh Hóa, ngày 05 tháng 11 năm 2026",
            date(2026, 1, 1): "Thanh Hóa, ngày 01 tháng 01 năm 2026",
            date(2026, 2, 15): "Thanh Hóa, ngày 15 tháng 02 năm 2026",
            date(2026, 3, 9): "Thanh Hóa, ngày 09 tháng 3 năm 2026",
            date(2026, 12, 31): "Thanh Hóa, ngày 31 tháng 12 năm 2026",
            date(2027, 10, 10): "Thanh Hóa, ngày 10 tháng 10 năm 2027",
        }
        for day, expected in cases.items():
            with self.subTest(day=day):
                self.assertEqual(party_date_line("Thanh Hóa", day), expected)
        self.assertEqual(
            party_date_line("Hà Nội", "2026-03-20"), "Hà Nội, ngày 20 tháng 3 năm 2026"
        )

    def test_date_line_without_place_or_date(self):
        self.assertEqual(party_date_line(False, date(2026, 6, 7)), "ngày 07 tháng 6 năm 2026")
        self.assertRegex(party_date_line("Thanh Hóa", False), r"^Thanh Hóa, ngày +tháng +năm$")

    def test_doc_number(self):
        self.assertEqual(party_doc_number(5, "BB", "CB"), "Số 05-BB/CB")
        self.assertEqual(party_doc_number(12, "NQ", "CB"), "Số 12-NQ/CB")
        self.assertRegex(party_doc_number(False, "NQ", "CB"), r"^Số +-NQ/CB$")


class TestReportLayoutHtml(PartyReportData, TransactionCase):
    """The HTML of the report: no wkhtmltopdf involved, so a TransactionCase is enough."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_party_data()

    def _html(self, user, ids, report_type="pdf"):
        Report = self.env["ir.actions.report"].with_user(user)
        html = Report._render_qweb_html(REPORT, ids, data={"report_type": report_type})[0]
        return html.decode()

    def test_one_article_and_page_header_per_record(self):
        """One article per record, so that the patched build prints them in one run and Odoo
        keeps one PDF per record; the page header before each numbers its pages."""
        html = self._html(self.officer, [self.cell.id, self.cell2.id])
        self.assertEqual(html.count('class="article'), 2)
        self.assertEqual(html.count('class="header party-running-header"'), 2)
        self.assertEqual(html.count('class="party-page"'), 2)
        for cell in (self.cell, self.cell2):
            self.assertIn(f'data-oe-model="party.organization" data-oe-id="{cell.id}"', html)

    def test_zoom_only_with_unpatched_wkhtmltopdf(self):
        with patch.object(party_report, "_wkhtmltopdf_is_patched", return_value=False):
            html = self._html(self.officer, self.cell.ids)
            self.assertIn("party-zoom", html)
            self.assertIn(f"zoom: {party_report.UNPATCHED_QT_ZOOM}", html)
            self.assertNotIn("party-zoom", self._html(self.officer, self.cell.ids, "html"))
        with patch.object(party_report, "_wkhtmltopdf_is_patched", return_value=True):
            self.assertNotIn("party-zoom", self._html(self.officer, self.cell.ids))

    def test_secretary_prints_the_upper_name(self):
        """A secretary cannot read the upper organisation, but its name heads the document."""
        html = self._html(self.secretary_user, self.cell.ids)
        self.assertIn("Đảng bộ Sở Tư pháp", html)
        self.assertIn("Nguyễn Thị Ánh Tuyết", html)


@tagged("post_install", "-at_install")
class TestReportLayout(PartyReportData, HttpCase):
    """Real PDFs through wkhtmltopdf, read back with poppler's tools."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_party_data()
        missing = [tool for tool in ("pdftotext", "pdffonts") if not shutil.which(tool)]
        cls.missing_tools = missing

    def setUp(self):
        super().setUp()
        if self.missing_tools:
            self.fail(f"{', '.join(self.missing_tools)} not found: install poppler-utils to "
                      "check the printed documents.")

    def _pdf(self, ids):
        Report = self.env["ir.actions.report"].with_user(self.officer)
        pdf, report_type = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            REPORT, ids
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return pdf

    def _poppler(self, tool, pdf, *args):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            return subprocess.run(
                [tool, *args, f.name, "-"] if tool != "pdffonts" else [tool, f.name],
                capture_output=True, check=True, timeout=60,
            ).stdout.decode()

    def _word_sizes(self, pdf, word):
        """Printed font sizes (pt) of every occurrence of a word, from its box height."""
        bbox = self._poppler("pdftotext", pdf, "-bbox")
        boxes = re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
            + re.escape(word) + "</word>", bbox,
        )
        self.assertTrue(boxes, f"{word!r} not found in the PDF")
        return [(float(y_max) - float(y_min)) / LIBERATION_SERIF_BOX for y_min, y_max in boxes]

    def test_member_list_text(self):
        pdf = self._pdf(self.cell.ids)
        text = self._poppler("pdftotext", pdf, "-layout")
        for expected in (
            "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ SỞ TƯ PHÁP", "CHI BỘ VĂN PHÒNG SỞ",
            "DANH SÁCH ĐẢNG VIÊN", "Chi bộ Văn phòng Sở", "Nguyễn Thị Ánh Tuyết",
            "Phạm Đức Mạnh", "Lê Văn Hưởng", "T/M CHI BỘ", "BÍ THƯ", "19/05/2008",
        ):
            self.assertIn(expected, text)
        self.assertRegex(text, r"Thanh Hóa, ngày \d\d? tháng \d\d? năm \d{4}")
        # Dated where the cell is, whatever the zone of the officer who prints.
        self.assertIn(party_date_line("Thanh Hóa", self.cell._today()), text)
        # Secretary, deputy, then members; the secretary signs at the bottom.
        body = text[text.index("STT"):]
        self.assertLess(body.index("Tuyết"), body.index("Mạnh"))
        self.assertLess(body.index("Mạnh"), body.index("Hưởng"))
        self.assertIn("Nguyễn Thị Ánh Tuyết", body[body.index("BÍ THƯ"):])
        self.assertNotIn("Trần Quốc Việt", text)

    def test_member_list_fonts_are_liberation_serif(self):
        fonts = self._poppler("pdffonts", self._pdf(self.cell.ids)).splitlines()[2:]
        self.assertTrue(fonts)
        for line in fonts:
            self.assertTrue(line.startswith("LiberationSerif"), f"unexpected font: {line}")

    def test_member_list_prints_true_sizes(self):
        """14pt body text prints at 14pt with the build on PATH (both builds:
        test_documents.py). Without the zoom the unpatched build prints it at about 10.5pt.
        """
        pdf = self._pdf(self.cell.ids)
        for size in self._word_sizes(pdf, "Tổng"):  # 14pt body paragraph
            self.assertAlmostEqual(size, 14, delta=0.5, msg="14pt body text")
        for size in self._word_sizes(pdf, "CỘNG"):  # 15pt party name
            self.assertAlmostEqual(size, 15, delta=0.5, msg="15pt party name")

    def test_two_cells_print_together(self):
        """Each cell on its own pages, whatever the build (one run or one per record)."""
        pdf = self._pdf([self.cell.id, self.cell2.id])
        pages = self._poppler("pdftotext", pdf, "-layout").split("\f")
        self.assertIn("Nguyễn Thị Ánh Tuyết", pages[0])
        self.assertNotIn("Trần Quốc Việt", pages[0])
        self.assertIn("Trần Quốc Việt", pages[1])
        self.assertIn("DANH SÁCH ĐẢNG VIÊN", pages[1])

    def test_one_attachment_per_record(self):
        """A report that saves its PDFs prints records one by one to save one file each."""
        report = self.env.ref(REPORT)
        report.attachment = "'DS %s.pdf' % object.name"
        self._pdf([self.cell.id, self.cell2.id])
        attachments = self.env["ir.attachment"].search([
            ("res_model", "=", "party.organization"),
            ("res_id", "in", [self.cell.id, self.cell2.id]),
        ])
        self.assertEqual(
            sorted(attachments.mapped("name")),
            ["DS Chi bộ Phòng Hành chính.pdf", "DS Chi bộ Văn phòng Sở.pdf"],
        )
        text = self._poppler("pdftotext", attachments.filtered(
            lambda a: a.res_id == self.cell2.id).raw, "-layout")
        self.assertIn("Trần Quốc Việt", text)
        self.assertNotIn("Nguyễn Thị Ánh Tuyết", text)
