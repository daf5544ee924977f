"""Every party document printed with both builds of wkhtmltopdf, read back with poppler.

Production servers run wkhtmltopdf built with patched Qt; Debian's build is not patched. The
builds are the one Odoo finds (PATH, ``bin_path``) and those named in the ``[party_cell]``
section of Odoo's configuration file (``test_wkhtmltopdf = /path/a,/path/b``, written by
scripts/lib.sh): both kinds must be there. Each document is printed once per build in
setUpClass, several records at a time where a report prints several; each test then checks
one rule on every build's PDF.
"""
import os
import re
import subprocess
import tempfile
from collections import defaultdict
from datetime import timedelta
from unittest.mock import patch

from PIL import Image

from odoo import fields
from odoo.addons.base.models import ir_actions_report as base_report
from odoo.tests import HttpCase, tagged
from odoo.tools import config

from .common import PartyCase
from .test_visit import FINDINGS, VisitData

# Box height of a word in pdftotext -bbox: ascent plus descent of Liberation Serif
# (0.891 + 0.216 of the size, its hhea metrics).
LIBERATION_SERIF_BOX = 1.107
MARGIN_TOP = 20 * 72 / 25.4  # pt; the party paper formats' top margin
DOCUMENTS = ("minutes", "resolution", "ballot_blank", "ballot_filled", "visit_report",
             "visit_plan", "quality_summary", "member_list", "volume")
# Documents of several records, printed in one go: the first page of each record holds this.
FIRST_PAGE_MARK = "ĐẢNG CỘNG SẢN VIỆT NAM"


def wkhtmltopdf_builds():
    """{"patched" | "unpatched": path} of the builds to print with."""
    extra = config.misc.get("party_cell", {}).get("test_wkhtmltopdf") or ""
    paths = [base_report._get_wkhtmltopdf_bin(), *filter(None, map(str.strip, extra.split(",")))]
    builds = {}
    for path in filter(None, paths):
        version = subprocess.run([path, "--version"], capture_output=True, check=True,
                                 timeout=30).stdout.lower()
        builds.setdefault("patched" if b"with patched qt" in version else "unpatched", path)
    return builds


def poppler(tool, pdf, *args):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        command = [tool, *args, handle.name] + (["-"] if tool == "pdftotext" else [])
        return subprocess.run(command, capture_output=True, check=True,
                              timeout=60).stdout.decode()


def words(pdf):
    """[(page, word, x_min, y_min, x_max, y_max)] from pdftotext -bbox (pages from 1)."""
    found = []
    for page, chunk in enumerate(poppler("pdftotext", pdf, "-bbox").split("<page ")[1:], 1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', chunk):
            found.append((page, m.group(5), *map(float, m.group(1, 2, 3, 4))))
    return found


def squash(text):
    return " ".join(text.split())


def recipient_blocks(pdf):
    """The "Nơi nhận" blocks of a PDF, each as its list of lines (text under the label in the
    left half of the page, until a gap of more than a line)."""
    found = words(pdf)
    blocks = []
    for index, (page, word, _x, _y, _x2, y_max) in enumerate(found):
        if word != "nhận:" or index == 0 or found[index - 1][1] != "Nơi":
            continue
        middle = found[index - 1][2] + 200
        lines, last = {}, y_max
        for other in sorted((w for w in found if w[0] == page and w[3] > y_max
                             and w[2] < middle), key=lambda w: (w[3], w[2])):
            if other[3] - last > 12:
                break
            key = round(other[3])
            line = next((k for k in lines if abs(k - key) <= 2), key)
            lines.setdefault(line, []).append(other[1])
            last = max(last, other[5])
        blocks.append([" ".join(parts) for _y, parts in sorted(lines.items())])
    return blocks


class DocumentData(VisitData):
    """Committee A with cell A1 (a secretary, no cell committee) and cell A2 (a chi ủy of
    three), a held meeting in each (A1's vote fails), ballots, a visit plan with a reported
    visit, and a finalised thematic report in each cell."""

    @classmethod
    def _build_document_data(cls):
        cls.company.city = "Thanh Hóa"
        cls.upper.name = "Đảng bộ Khối các cơ quan tỉnh"
        cls._build_visit_data()
        # Cell A2 elects a chi ủy: secretary, deputy and a committee member.
        cls.a2_secretary = cls._member("Trịnh Thị Hạnh", cls.cell_a2, committee_role="secretary")
        cls.a2_deputy = cls._member("Đinh Công Hậu", cls.cell_a2,
                                    committee_role="deputy_secretary")
        cls.a2_committee = cls._member("Mai Văn Khoa", cls.cell_a2,
                                       committee_role="committee_member")
        cls.member_a2.committee_role = "member"
        cls.meeting_a1 = cls._document_meeting(
            cls.cell_a1, cls.secretary, cls.member2, vote_for=1,
            absences={cls.member: ("excused", "đi công tác tại Hà Nội")})
        cls.meeting_a2 = cls._document_meeting(
            cls.cell_a2, cls.a2_secretary, cls.a2_deputy, vote_for=3,
            absences={cls.member_a2: ("unexcused", "")})
        ballot = cls.env["party.ballot"].with_user(cls.user_secretary).create({
            "meeting_id": cls.meeting_a1.id, "voter_id": cls.secretary.id, "role": "committee",
        })
        for line in ballot.line_ids.filtered(lambda line: not line.is_auto):
            line.points = line.max_points
        ballot.action_submit()
        cls.visit = cls._visit(meeting_id=cls.meeting_a1.id, state="reported",
                               report_date="2026-11-05", **FINDINGS)
        cls._visit(cell=cls.cell_a2, month=3, official=cls.official2, visit_kind="inspection")
        cls.plan.write({"doc_number": 12, "issue_date": "2026-01-15"})
        topic = cls.env["party.topic"].create({
            "name": "Xây dựng khối đoàn kết nội bộ", "category": "party_building",
            "issuer_id": cls.committee_a.id, "year": 2026, "quarter": "4",
            "organization_ids": [fields.Command.set((cls.cell_a1 | cls.cell_a2).ids)],
        })
        topic.action_issue()
        for assignment in topic.assignment_ids:
            paragraphs = "".join(
                f"<p>Đoạn {i}: {assignment.organization_id.name} phát huy dân chủ, giữ gìn "
                "đoàn kết, thực hiện nghiêm nguyên tắc tập trung dân chủ trong sinh hoạt.</p>"
                for i in range(1, 25))
            assignment.write({"state": "submitted", "final_report": paragraphs,
                              "drafter_id": assignment.organization_id.member_ids[:1].id})

    @classmethod
    def _document_meeting(cls, cell, chair, minute_taker, vote_for, absences):
        start = fields.Datetime.to_datetime("2026-11-03 07:00:00")
        long_text = "".join(
            f"<p>Nội dung {i}: tiếp tục quán triệt, triển khai các nghị quyết, chỉ thị của "
            "cấp ủy cấp trên; nâng cao chất lượng tham mưu, hoàn thành nhiệm vụ chuyên môn.</p>"
            for i in range(1, 9))
        meeting = cls.env["party.meeting"].create({
            "organization_id": cell.id, "date_start": start,
            "date_end": start + timedelta(minutes=120), "location": "Phòng họp tầng 3",
            "chair_id": chair.id, "minute_taker_id": minute_taker.id,
            "situation": long_text, "news": long_text, "next_tasks": long_text,
            "conclusion": "<p>Chi bộ thống nhất các nhiệm vụ trọng tâm tháng 11.</p>",
            "resolution": "<p>Lãnh đạo hoàn thành toàn bộ nhiệm vụ chuyên môn.</p>",
        })
        meeting.action_plan()
        for line in meeting.attendance_ids:
            if line.member_id in absences:
                status, reason = absences[line.member_id]
                line.write({"status": status, "reason": reason})
            elif line.member_id == chair:
                line.write({"speaking_turns": 1, "opinion": "Tiếp thu và giải trình."})
        meeting.action_hold()
        meeting.vote_for = vote_for
        cls.env["party.task"].create({
            "name": "Số hóa hồ sơ lưu trữ năm 2025", "meeting_id": meeting.id,
            "deadline": "2026-11-30", "assignee_ids": [fields.Command.set(minute_taker.ids)],
        })
        return meeting


@tagged("post_install", "-at_install")
class TestDocumentsOnBothBuilds(DocumentData, PartyCase, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_document_data()
        cls.builds = wkhtmltopdf_builds()
        cls.pdfs, cls.runs = {}, defaultdict(int)
        for build, path in cls.builds.items():
            with patch.object(base_report, "_get_wkhtmltopdf_bin", return_value=path):
                for document in DOCUMENTS:
                    cls.pdfs[build, document] = cls._print(build, document)
        cls._keep_documents()

    @classmethod
    def _print(cls, build, document):
        meetings = cls.meeting_a1 | cls.meeting_a2
        report, records, data, user = {
            "minutes": ("party_cell.action_report_meeting_minutes", meetings, None,
                        cls.user_officer),
            "resolution": ("party_cell.action_report_meeting_resolution", meetings, None,
                           cls.user_officer),
            "ballot_blank": ("party_cell.action_report_ballot_blank", meetings, None,
                             cls.user_officer),
            "ballot_filled": ("party_cell.action_report_ballot_filled", cls.meeting_a1, None,
                              cls.user_secretary),
            "visit_report": ("party_cell.action_report_party_visit", cls.visit, None,
                             cls.user_visitor),
            "visit_plan": ("party_cell.action_report_party_visit_plan", cls.plan, None,
                           cls.user_officer),
            "quality_summary": ("party_cell.action_report_party_quality_summary",
                                cls.committee_a, {"year": 2026}, cls.user_officer),
            "member_list": ("party_cell.action_report_party_member_list",
                            cls.committee_a | cls.cell_a1, None, cls.user_officer),
            "volume": ("party_cell.action_report_party_topic_volume", cls.committee_a,
                       {"year": 2026}, cls.user_officer),
        }[document]
        Report = cls.env["ir.actions.report"].with_user(user).with_context(
            force_report_rendering=True)
        popen = subprocess.Popen

        def count_runs(command, *args, **kwargs):
            if command[0] == cls.builds[build] and "--version" not in command:
                cls.runs[build, document] += 1
            return popen(command, *args, **kwargs)

        with patch.object(base_report.subprocess, "Popen", side_effect=count_runs):
            pdf, kind = Report._render_qweb_pdf(report, records.ids, data=data)
        assert kind == "pdf" and pdf.startswith(b"%PDF"), f"{document}: no PDF ({kind})"
        return pdf

    @classmethod
    def _keep_documents(cls):
        """Leave the PDFs for people to look at when the configuration names a folder."""
        folder = config.misc.get("party_cell", {}).get("document_dir")
        if folder:
            os.makedirs(folder, exist_ok=True)
            for (build, document), pdf in cls.pdfs.items():
                with open(os.path.join(folder, f"{document}-{build}.pdf"), "wb") as handle:
                    handle.write(pdf)

    def _texts(self, document, squashed=True):
        """{build: text} of a document, every build."""
        return {build: squash(poppler("pdftotext", self.pdfs[build, document]))
                if squashed else poppler("pdftotext", self.pdfs[build, document])
                for build in self.builds}

    def _assert_in_every_build(self, document, *expected):
        for build, text in self._texts(document).items():
            for phrase in expected:
                with self.subTest(build=build, document=document):
                    self.assertIn(phrase, text)

    # ---------------------------------------------------------------- the builds

    def test_both_builds_print(self):
        self.assertEqual(
            set(self.builds), {"patched", "unpatched"},
            "print with both builds: name the other one in the [party_cell] section of the "
            "Odoo configuration (test_wkhtmltopdf = /path/to/wkhtmltopdf); scripts/setup.sh "
            "installs the patched one",
        )

    def test_several_records_in_one_run_where_the_build_allows(self):
        for document in ("minutes", "resolution", "ballot_blank", "member_list"):
            with self.subTest(document=document):
                self.assertEqual(self.runs["patched", document], 1)
                self.assertEqual(self.runs["unpatched", document], 2, "one article per run")
                for build in self.builds:
                    firsts = [page for page in self._texts(document, squashed=False)[build]
                              .split("\f") if FIRST_PAGE_MARK in page]
                    self.assertEqual(len(firsts), 2, f"{build}: one document per record")

    def test_fonts_are_liberation_serif_embedded(self):
        for (build, document), pdf in self.pdfs.items():
            lines = poppler("pdffonts", pdf).splitlines()[2:]
            with self.subTest(build=build, document=document):
                self.assertTrue(lines)
                for line in lines:
                    name, emb = line.split()[0], line.split()[-5]
                    # A subset's name carries a six-letter tag: AAAAAA+LiberationSerif.
                    self.assertRegex(name, r"^([A-Z]{6}\+)?LiberationSerif(-|$)", line)
                    self.assertEqual(emb, "yes", f"not embedded: {line}")

    def test_body_prints_at_14pt(self):
        """Body paragraphs at 14 pt ±0.5 pt: without its zoom the unpatched build prints
        them at about 10.5 pt."""
        probes = {"minutes": "quán", "resolution": "Căn", "visit_report": "Điểm",
                  "visit_plan": "Tổng", "member_list": "Tổng", "volume": "Đoạn",
                  "quality_summary": "Số", "ballot_blank": "Bộ", "ballot_filled": "Bộ"}
        for (build, document), pdf in self.pdfs.items():
            sizes = [(y_max - y_min) / LIBERATION_SERIF_BOX
                     for _p, word, _x, y_min, _x2, y_max in words(pdf) if word == probes[document]]
            with self.subTest(build=build, document=document):
                self.assertTrue(sizes, f"{probes[document]!r} not found")
                for size in sizes:
                    self.assertAlmostEqual(size, 14, delta=0.5)

    TITLES = {"minutes": "BIÊN", "resolution": "NGHỊ", "ballot_blank": "PHIẾU",
              "ballot_filled": "PHIẾU", "visit_report": "BÁO", "visit_plan": "KẾ",
              "quality_summary": "BÁO", "member_list": "DANH", "volume": "STT"}

    def test_same_layout_on_both_builds(self):
        for document in DOCUMENTS:
            # "CỘNG" of the party's name, top right, and the first word of the title (of the
            # contents page for the volume, whose cover is laid out in millimetres).
            page = 2 if document == "volume" else 1
            boxes = {build: [next(w for w in words(self.pdfs[build, document])
                                  if w[0] == page and w[1] == probe)
                             for probe in ("CỘNG" if page == 1 else "MỤC",
                                           self.TITLES[document])]
                     for build in self.builds}
            with self.subTest(document=document):
                pages = {build: poppler("pdfinfo", self.pdfs[build, document]) for build in
                         self.builds}
                counts = {b: re.search(r"Pages:\s+(\d+)", info).group(1)
                          for b, info in pages.items()}
                self.assertEqual(len(set(counts.values())), 1, f"page counts {counts}")
                patched, unpatched = boxes["patched"], boxes["unpatched"]
                for a, b in zip(patched, unpatched):
                    # Same place on the page (centre, top) within 2 mm: the builds round font
                    # sizes apart.
                    self.assertAlmostEqual((a[2] + a[4]) / 2, (b[2] + b[4]) / 2, delta=6)
                    self.assertAlmostEqual(a[3], b[3], delta=6)

    def test_pages_numbered_from_the_second_of_each_document(self):
        """The figure sits centred in the top margin; each record starts again at 1, unnumbered."""
        centre = (30 + (210 - 30 - 15) / 2) * 72 / 25.4
        for document in ("minutes", "resolution", "volume"):
            for build in self.builds:
                pdf = self.pdfs[build, document]
                pages = poppler("pdftotext", pdf).split("\f")[:-1]
                in_margin = defaultdict(list)
                for page, word, x_min, _y, x_max, y_max in words(pdf):
                    if y_max < MARGIN_TOP:
                        in_margin[page].append((word, (x_min + x_max) / 2))
                # The volume is one document whose reports carry their own heading.
                expected, number = {}, 0
                for index, text in enumerate(pages, 1):
                    restart = FIRST_PAGE_MARK in text and (document != "volume" or index == 1)
                    number = 1 if restart else number + 1
                    expected[index] = number
                with self.subTest(document=document, build=build):
                    self.assertGreater(len(pages), 2, "a document of several pages")
                    for page, number in expected.items():
                        if number == 1:
                            self.assertFalse(in_margin[page], f"page {page} is numbered")
                        else:
                            [(word, x)] = in_margin[page]
                            self.assertEqual(word, str(number), f"page {page}")
                            self.assertAlmostEqual(x, centre, delta=4)

    def test_no_lines_around_header_blocks(self):
        """The patched build drew Bootstrap's zero-width cell borders as hairlines."""
        for (build, document), pdf in self.pdfs.items():
            with tempfile.TemporaryDirectory() as folder:
                with tempfile.NamedTemporaryFile(suffix=".pdf", dir=folder) as handle:
                    handle.write(pdf)
                    handle.flush()
                    subprocess.run(["pdftoppm", "-r", "72", "-gray", "-f", "1", "-l", "1",
                                    "-png", handle.name, f"{folder}/page"], check=True,
                                   timeout=60)
                [png] = [f for f in os.listdir(folder) if f.endswith(".png")]
                image = Image.open(os.path.join(folder, png)).convert("L")
            # The header block spans the text width from the top margin for about 40 mm:
            # look for a long vertical dark run along its left and right edges (72 dpi: a
            # pixel is a point).
            landscape = document == "quality_summary"
            left = round((20 if landscape else 30) * 72 / 25.4)
            right = image.width - round(15 * 72 / 25.4)
            top, bottom = round(MARGIN_TOP) - 4, round(MARGIN_TOP + 40 * 72 / 25.4)
            with self.subTest(build=build, document=document):
                for x in (*range(left - 3, left + 4), *range(right - 3, right + 4)):
                    run = longest = 0
                    for y in range(top, bottom):
                        run = run + 1 if image.getpixel((x, y)) < 128 else 0
                        longest = max(longest, run)
                    self.assertLess(longest, 25, f"a vertical line at x={x}px")

    # ------------------------------------------------------------- HD 36 rules

    def test_asterisk_under_the_issuer(self):
        issuers = {"minutes": "CHI BỘ A1", "resolution": "CHI BỘ A1", "ballot_blank": "CHI BỘ A1",
                   "ballot_filled": "CHI BỘ A1", "visit_report": "ĐẢNG BỘ CỤC A",
                   "visit_plan": "ĐẢNG BỘ CỤC A", "quality_summary": "ĐẢNG BỘ CỤC A",
                   "member_list": "ĐẢNG BỘ CỤC A", "volume": "ĐẢNG BỘ CỤC A"}
        for document, issuer in issuers.items():
            for build, text in self._texts(document, squashed=False).items():
                with self.subTest(document=document, build=build):
                    self.assertRegex(text, re.escape(issuer) + r"\n\*\n")

    def test_resolution_decides_in_capitals(self):
        for build, text in self._texts("resolution").items():
            with self.subTest(build=build):
                # A2's vote passed; A1's did not, so it has no decision line.
                self.assertEqual(text.count("CHI BỘ QUYẾT NGHỊ:"), 1)
                self.assertNotIn("Chi bộ QUYẾT NGHỊ", text)

    def test_failed_resolution_says_why(self):
        why = ("Nghị quyết chưa được thông qua vì chưa được quá một nửa số đảng viên chính thức "
               "được triệu tập tán thành (1/3 đồng chí, cần ít nhất 2/3 đồng chí).")
        for document in ("minutes", "resolution"):
            for build, text in self._texts(document).items():
                first = text.split(FIRST_PAGE_MARK)[1]  # A1's document comes first
                with self.subTest(document=document, build=build):
                    self.assertIn(why, first)
        self._assert_in_every_build("minutes", "Chi bộ nhất trí thông qua.")

    def test_ballot_sheets_sign_for_the_cell_without_a_committee(self):
        for build, text in self._texts("ballot_blank").items():
            a1, a2 = text.split(FIRST_PAGE_MARK)[1:]
            with self.subTest(build=build):
                self.assertIn("T/M CHI BỘ", a1)
                self.assertNotIn("T/M CHI ỦY", a1)
                self.assertIn("T/M CHI ỦY", a2, "a cell with a chi ủy signs for it")
        self._assert_in_every_build("ballot_filled", "T/M CHI BỘ", "Lê Văn Cường")

    def test_member_list_of_a_committee_lists_its_cells(self):
        for build, text in self._texts("member_list").items():
            committee, cell = text.split(FIRST_PAGE_MARK)[1:]
            with self.subTest(build=build):
                for name in ("Chi bộ A1", "Lê Văn Cường", "Nguyễn Văn An", "Chi bộ A2",
                             "Phạm Thị Dung", "Trịnh Thị Hạnh", "T/M ĐẢNG ỦY"):
                    self.assertIn(name, committee)
                self.assertIn("Tổng số: 7 đảng viên", committee)
                self.assertLess(committee.index("Chi bộ A1"), committee.index("Lê Văn Cường"))
                self.assertLess(committee.index("Nguyễn Văn An"), committee.index("Chi bộ A2"))
                self.assertNotIn("Trịnh Thị Hạnh", cell)
                self.assertIn("T/M CHI BỘ", cell)

    def test_quality_summary_number_addressee_and_recipients(self):
        for build, text in self._texts("quality_summary").items():
            with self.subTest(build=build):
                self.assertRegex(text, r"Số +-BC/ĐU")
                self.assertIn("Kính gửi: Đảng bộ Khối các cơ quan tỉnh", text)
                self.assertIn("Nơi nhận: - Như trên, - Lưu Văn phòng Đảng ủy.", text)
                self.assertIn("T/M ĐẢNG ỦY", text)

    def test_recipients_punctuated_as_hd36(self):
        """Each "Nơi nhận" line starts with a dash and ends with a comma, the last with a stop."""
        for document in ("resolution", "visit_report", "visit_plan", "quality_summary"):
            for build in self.builds:
                blocks = recipient_blocks(self.pdfs[build, document])
                with self.subTest(document=document, build=build):
                    self.assertTrue(blocks)
                    for lines in blocks:
                        # A long recipient wraps: its next line does not start with a dash.
                        entries = [squash(e) for e in ("\n" + "\n".join(lines)).split("\n- ")[1:]]
                        self.assertGreaterEqual(len(entries), 2, lines)
                        for entry in entries[:-1]:
                            self.assertTrue(entry.endswith(","), entry)
                        self.assertTrue(entries[-1].startswith("Lưu"), entries[-1])
                        self.assertTrue(entries[-1].endswith("."), entries[-1])

    def test_same_words_for_the_roll_call(self):
        for document in ("minutes", "resolution", "visit_report"):
            for build, text in self._texts(document).items():
                lowered = text.lower()
                with self.subTest(document=document, build=build):
                    self.assertIn("vắng không có lý do", lowered)
                    self.assertIn("vắng có lý do", lowered)
                    self.assertNotIn("vắng không lý do", lowered)
                    self.assertNotIn("phải triệu tập", lowered)
        self._assert_in_every_build("minutes", "Số đảng viên được triệu tập: 3 đồng chí")
        self._assert_in_every_build("visit_report", "Tổng số đảng viên được triệu tập: 3")
