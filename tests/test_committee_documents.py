import shutil
import subprocess
import tempfile

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .test_committee import CommitteeCase

MINUTES = "party_cell.action_report_meeting_minutes"
RESOLUTION = "party_cell.action_report_meeting_resolution"


def squash(text):
    return " ".join(text.split())


class CommitteeDocumentData(CommitteeCase):
    """Committee A meets with its three members; the deputy secretary (a plain member of
    cell A1) chairs, the secretary of cell A2 (a committee member above) takes the minutes,
    and the resolution directs both cells."""

    @classmethod
    def _held_committee_meeting(cls, **vals):
        meeting = cls._meeting(cls.committee_a, meeting_type="committee",
                               resolution="<p>Lãnh đạo thực hiện nhiệm vụ tháng 11.</p>", **vals)
        meeting.write({"chair_id": cls.member.id, "minute_taker_id": cls.secretary_a2.id})
        meeting.action_plan()
        with freeze_time("2026-11-03 10:00:00"):
            meeting.action_hold()
        meeting.vote_for = meeting.vote_total
        Directive = cls.env["party.directive"]
        Directive.create([
            {"meeting_id": meeting.id, "organization_id": cls.cell_a1.id,
             "name": "Quán triệt Nghị quyết Trung ương", "deadline": "2026-11-30"},
            {"meeting_id": meeting.id, "organization_id": cls.cell_a2.id,
             "name": "Kiểm tra hồ sơ đảng viên", "deadline": "2026-12-15"},
        ])
        return meeting


@tagged("post_install", "-at_install")
class TestCommitteeDocumentHtml(CommitteeDocumentData):
    """What the committee's minutes and resolution say, read from their HTML."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._held_committee_meeting()

    def _html(self, report, meeting, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.user_officer)
        return squash(Report._render_qweb_html(
            report, meeting.ids, data={"report_type": "pdf"})[0].decode())

    def test_minutes_count_the_committee(self):
        minutes = self._html(MINUTES, self.meeting)
        for expected in (
            "Hội nghị Ban Chấp hành Đảng bộ tháng 11 năm 2026",
            # The committee issues its minutes; the organisation above heads them.
            '<div class="party-upper">Đảng bộ Khối</div> '
            '<div class="party-org">Đảng ủy Cục A</div>',
            "Tổng số ủy viên Ban Chấp hành: 3 đồng chí.",
            "Số ủy viên Ban Chấp hành được triệu tập: 3 đồng chí",
            # Titles from the posts on this committee, not from the roles in their cells.
            "Chủ trì: đồng chí Nguyễn Văn An, Phó Bí thư Đảng ủy.",
            "Thư ký: đồng chí Đỗ Minh Khoa, Đảng ủy viên.",
            "Ban Chấp hành Đảng bộ nhất trí thông qua.",
            "CHỈ ĐẠO CÁC CHI BỘ",
            "Quán triệt Nghị quyết Trung ương", "Chi bộ A2", "15/12/2026",
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, minutes)
        for wrong in ("Tổng số đảng viên của", "Sinh hoạt chi ủy", "Bí thư đảng bộ",
                      "NỘI DUNG SINH HOẠT"):
            with self.subTest(wrong=wrong):
                self.assertNotIn(wrong, minutes)

    def test_resolution_lists_the_directions(self):
        resolution = self._html(RESOLUTION, self.meeting)
        for expected in (
            "Ban Chấp hành Đảng bộ đã tiến hành hội nghị Ban Chấp hành Đảng bộ tháng 11",
            "có 3/3 đồng chí ủy viên Ban Chấp hành dự",
            "BAN CHẤP HÀNH ĐẢNG BỘ QUYẾT NGHỊ:",
            "1. Nhiệm vụ giao các chi bộ trực thuộc:",
            "Chi bộ thực hiện", "Người chịu trách nhiệm",
            "Quán triệt Nghị quyết Trung ương", "Chi bộ A1", "30/11/2026",
            "Kiểm tra hồ sơ đảng viên", "Chi bộ A2", "Đỗ Minh Khoa", "15/12/2026",
            "T/M ĐẢNG ỦY", "PHÓ BÍ THƯ",
            "Các chi bộ trực thuộc (để thực hiện),",
            "TỰ ĐÁNH GIÁ CHẤT LƯỢNG BUỔI HỌP",
            "Ủy viên Ban Chấp hành dự họp: 3/3 đồng chí",
            '<div class="party-org">Đảng ủy Cục A</div>',
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, resolution)
        self.assertNotIn("Đảng viên trong", resolution)
        self.assertIn("Ban Chấp hành Đảng bộ thống nhất với đánh giá kết quả thực hiện nhiệm vụ "
                      "đã báo cáo tại buổi họp.", resolution)

    def test_member_of_the_committee_prints(self):
        """A plain member of cell A1 who sits on the committee prints its papers."""
        resolution = self._html(RESOLUTION, self.meeting, user=self.user_member)
        self.assertIn("Kiểm tra hồ sơ đảng viên", resolution)
        self.assertIn("Chi bộ A2", resolution)

    def test_bodies_name_their_meetings(self):
        self.member2.committee_role = "deputy_secretary"
        cases = [
            (self.committee_a, "standing", "Hội nghị Ban Thường vụ Đảng ủy tháng 12 năm 2026",
             "Tổng số ủy viên Ban Thường vụ: 2 đồng chí."),
            (self.cell_a1, "cell_committee", "Sinh hoạt chi ủy tháng 12 năm 2026",
             "Tổng số chi ủy viên: 2 đồng chí."),
        ]
        for day, (org, body, subject, total) in zip((1, 8), cases):
            with self.subTest(body=body):
                meeting = self._meeting(org, start=f"2026-12-{day:02d} 07:00:00",
                                        meeting_type="committee", committee_body=body)
                minutes = self._html(MINUTES, meeting, user=self.user_admin)
                self.assertIn(subject, minutes)
                self.assertIn(total, minutes)
                self.assertIn(f'<div class="party-org">{org.name}</div>' if org.is_cell
                              else '<div class="party-org">Đảng ủy Cục A</div>', minutes)


@tagged("post_install", "-at_install")
class TestCommitteeDocumentPdf(CommitteeDocumentData, HttpCase):
    """The approved committee's resolution through wkhtmltopdf, read back with pdftotext."""

    def test_approved_resolution_prints_the_directions(self):
        if not shutil.which("pdftotext"):
            self.fail("pdftotext not found: install poppler-utils to check printed documents.")
        meeting = self._held_committee_meeting().with_user(self.user_officer).with_context(
            force_report_rendering=True)
        with freeze_time("2026-11-03 12:00:00"):
            meeting.action_approve()
        texts = {}
        for kind, attachment in (("minutes", meeting.minutes_attachment_id),
                                 ("resolution", meeting.resolution_attachment_id)):
            with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
                f.write(attachment.raw)
                f.flush()
                texts[kind] = squash(subprocess.run(
                    ["pdftotext", "-layout", f.name, "-"], capture_output=True, check=True,
                    timeout=60).stdout.decode())
        self.assertIn("Tổng số ủy viên Ban Chấp hành: 3 đồng chí.", texts["minutes"])
        self.assertIn("Phó Bí thư Đảng ủy", texts["minutes"])
        for expected in ("NGHỊ QUYẾT", meeting.resolution_number, "BAN CHẤP HÀNH ĐẢNG BỘ QUYẾT",
                         "Quán triệt Nghị quyết Trung ương", "Kiểm tra hồ sơ đảng viên",
                         "Đỗ Minh Khoa", "15/12/2026", "T/M ĐẢNG ỦY", "ĐẢNG ỦY CỤC A"):
            with self.subTest(expected=expected):
                self.assertIn(expected, texts["resolution"])


@tagged("post_install", "-at_install")
class TestNumberingPerTerm(CommitteeCase):
    """Numbers run from 01 per kind of document and issuer within a term (HD 36)."""

    def _approve(self, start):
        meeting = self._meeting(self.committee_a, start=start, meeting_type="committee",
                                resolution="<p>Nghị quyết.</p>")
        meeting.action_plan()
        with freeze_time(start):
            meeting.action_hold()
            meeting.with_user(self.user_officer).action_approve()
        return meeting

    def test_numbers_run_within_the_term(self):
        # A resolution numbered per year before the upgrade keeps its number; the term's
        # numbering goes on after it.
        before = self._approve("2026-10-06 07:00:00")
        self.assertEqual(before.resolution_number, "01-NQ/ĐU")
        self.term_a.resolution_sequence_id.unlink()
        self.term_a.minutes_sequence_id.unlink()
        before.env.cr.execute(
            "UPDATE party_meeting SET resolution_sequence = 7, resolution_number = '07-NQ/ĐU',"
            " number_period = 'year:2026' WHERE id = %s", [before.id])
        self.assertEqual(self._approve("2026-11-03 07:00:00").resolution_number, "08-NQ/ĐU")
        # A new year within the term goes on.
        self.assertEqual(self._approve("2027-01-05 07:00:00").resolution_number, "09-NQ/ĐU")
        # A new term starts again from 01, in the same year.
        (self.post_secretary | self.post_deputy | self.post_member).date_to = "2027-05-31"
        self.term_a.date_end = "2027-05-31"
        term = self.env["party.term"].create({
            "organization_id": self.committee_a.id, "name": "Nhiệm kỳ 2027–2032",
            "date_start": "2027-06-01"})
        self.env["party.committee.post"].create([
            {"term_id": term.id, "member_id": self.secretary.id, "post": "secretary"},
            {"term_id": term.id, "member_id": self.member.id, "post": "committee_member"},
        ])
        first = self._approve("2027-06-08 07:00:00")
        self.assertEqual((first.minutes_number, first.resolution_number),
                         ("01-BB/ĐU", "01-NQ/ĐU"))
        self.assertEqual(self._approve("2027-07-06 07:00:00").resolution_number, "02-NQ/ĐU")

    def test_without_a_term_numbers_run_per_year(self):
        cell = self.env["party.organization"].create(
            {"name": "Chi bộ B2", "parent_id": self.committee_b.id})
        chair = self._member("Hoàng Văn Nam", cell, card_number="78.000030")
        taker = self._member("Ngô Thị Lan", cell, card_number="78.000031")
        self.assertFalse(self.env["party.term"].search([("organization_id", "=", cell.id)]))
        numbers = []
        for start in ("2026-11-03 07:00:00", "2026-12-01 07:00:00", "2027-01-05 07:00:00"):
            meeting = self._meeting(cell, start=start, conclusion="<p>Kết luận.</p>",
                                    chair_id=chair.id, minute_taker_id=taker.id)
            meeting.action_plan()
            with freeze_time(start):
                meeting.action_hold()
                meeting.action_approve()
            numbers.append(meeting.minutes_number)
        self.assertEqual(numbers, ["01-BB/CB", "02-BB/CB", "01-BB/CB"])
