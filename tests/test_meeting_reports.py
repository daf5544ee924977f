import shutil
import subprocess
import tempfile
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

MINUTES = "party_cell.action_report_meeting_minutes"
RESOLUTION = "party_cell.action_report_meeting_resolution"
PART_HEADINGS = (
    "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
    "II. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    "III. PHÂN CÔNG THỰC HIỆN",
    "IV. TỰ ĐÁNH GIÁ CHẤT LƯỢNG BUỔI SINH HOẠT",
)


def squash(text):
    """Text with its whitespace runs made one space: phrases survive line wraps."""
    return " ".join(text.split())


class MeetingReportData:
    """A cell of five members under a committee, users who print, and one held meeting.

    Roll call: Tuyết (secretary, chairs) and Mạnh (deputy, takes the minutes) present and
    speaking; Hà absent with a reason; Hưởng (probationary) absent without one; Lộc exempted.
    Official members summoned to vote: Tuyết, Mạnh, Hà; two vote for.
    """

    @classmethod
    def _build_meeting_data(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env.company.city = "Thanh Hóa"
        Org = cls.env["party.organization"]
        cls.upper = Org.create({
            "name": "Đảng bộ Sở Tư pháp", "org_type": "grassroots_committee", "code": "MR_DB",
        })
        cls.cell = Org.create({
            "name": "Chi bộ Văn phòng Sở", "parent_id": cls.upper.id, "code": "MR_VP",
        })
        cls.secretary_user = cls._report_user("mr_secretary", "group_party_secretary")
        cls.officer = cls._report_user("mr_officer", "group_party_committee")
        cls.inspector = cls._report_user("mr_inspector", "group_party_inspector")
        cls.upper.write({
            "committee_user_ids": [(6, 0, cls.officer.ids)],
            "inspector_user_ids": [(6, 0, cls.inspector.ids)],
        })
        cls.tuyet = cls._cell_member("Nguyễn Thị Ánh Tuyết", committee_role="secretary",
                                     user=cls.secretary_user)
        cls.manh = cls._cell_member("Phạm Đức Mạnh", committee_role="deputy_secretary")
        cls.ha = cls._cell_member("Trần Thị Thu Hà")
        cls.huong = cls._cell_member("Lê Văn Hưởng", state="probationary",
                                     admission_date="2026-01-02", official_date=False)
        cls.loc = cls._cell_member("Cao Văn Lộc", state="exempted")
        cls.meeting = cls._held_meeting()

    @classmethod
    def _report_user(cls, login, group):
        return new_test_user(
            cls.env, login=login, tz="Asia/Ho_Chi_Minh",
            groups=f"base.group_user,party_cell.{group}",
        )

    @classmethod
    def _cell_member(cls, name, user=None, **vals):
        employee = cls.env["hr.employee"].create({
            "name": name, "user_id": user.id if user else False,
        })
        return cls.env["party.member"].create(dict({
            "employee_id": employee.id,
            "organization_id": cls.cell.id,
            "state": "official",
            "admission_date": "2008-05-19",
            "official_date": "2009-05-19",
        }, **vals))

    @classmethod
    def _held_meeting(cls, start="2026-11-03 07:00:00", **vals):
        """A meeting held from 14:00 to 16:00 Vietnam time, roll call and content filled."""
        start_dt = fields.Datetime.to_datetime(start)
        meeting = cls.env["party.meeting"].with_user(cls.secretary_user).create(dict({
            "organization_id": cls.cell.id,
            "date_start": start_dt,
            "date_end": start_dt + timedelta(minutes=120),
            "location": "Phòng họp tầng 3",
            "chair_id": cls.tuyet.id,
            "minute_taker_id": cls.manh.id,
            "party_fee_report": "Thu đảng phí tháng 10 của 4/4 đồng chí.",
            "situation": "<p>Văn phòng hoàn thành nhiệm vụ tháng 10.</p>",
            "last_resolution_results": "<p>Đạt 9/10 chỉ tiêu nghị quyết kỳ trước.</p>",
            "news": "<p>Thông tin kết quả Hội nghị Trung ương.</p>",
            "next_tasks": "<p>Hoàn thành số hóa hồ sơ lưu trữ.</p>",
            "conclusion": "<p>Chi bộ thống nhất các nhiệm vụ trọng tâm tháng 11.</p>",
            "resolution": "<p>Lãnh đạo hoàn thành toàn bộ nhiệm vụ chuyên môn.</p>",
            "guest_ids": [(0, 0, {
                "name": "Lê Hồng Quân", "title": "Phó Bí thư Đảng ủy",
                "organization_name": "Đảng bộ Sở Tư pháp",
            })],
        }, **vals))
        meeting.action_plan()
        lines = {line.member_id: line for line in meeting.attendance_ids}
        # A chi ủy meeting summons the chi ủy only (secretary and deputy here).
        for member, line_vals in (
            (cls.ha, {"status": "excused", "reason": "đi công tác tại Hà Nội"}),
            (cls.huong, {"status": "unexcused"}),
            (cls.manh, {"speaking_turns": 2,
                        "opinion": "Đề nghị phân công người phụ trách số hóa."}),
            (cls.tuyet, {"speaking_turns": 1, "opinion": "Tiếp thu và giải trình."}),
        ):
            if member in lines:
                lines[member].write(line_vals)
        meeting.action_hold()
        cls.env["party.task"].with_user(cls.secretary_user).create({
            "name": "Số hóa hồ sơ lưu trữ năm 2025",
            "meeting_id": meeting.id,
            "deadline": "2026-11-30",
            "assignee_ids": [(6, 0, (cls.manh | cls.ha).ids)],
        })
        meeting.vote_for = 2
        return meeting


class TestMeetingReportHtml(MeetingReportData, TransactionCase):
    """What the documents say, read from their HTML (no wkhtmltopdf: TransactionCase)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_meeting_data()

    def _html(self, report, meeting, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.secretary_user)
        html = Report._render_qweb_html(report, meeting.ids, data={"report_type": "pdf"})[0]
        return squash(html.decode())

    def test_minutes_record_every_fact(self):
        html = self._html(MINUTES, self.meeting)
        self.assertEqual(html.count('class="article'), 1)
        self.assertIn(f'data-oe-id="{self.meeting.id}"', html)
        self.assertRegex(html, r"Số +-BB/CB", "no number before approval")
        for expected in (
            "ĐẢNG CỘNG SẢN VIỆT NAM", "Đảng bộ Sở Tư pháp", "Chi bộ Văn phòng Sở", "BIÊN BẢN",
            "Sinh hoạt chi bộ định kỳ tháng 11 năm 2026",
            "Thanh Hóa, ngày 03 tháng 11 năm 2026",
            "Thời gian: bắt đầu lúc 14 giờ 00 phút, ngày 03/11/2026",
            "Địa điểm: Phòng họp tầng 3",
            "Tổng số đảng viên của chi bộ: 5 đồng chí; trong đó chính thức 3, dự bị 1, "
            "miễn công tác và sinh hoạt đảng 1",
            "Số đảng viên được triệu tập: 4 đồng chí; có mặt: 2 đồng chí (đạt 50%)",
            "Vắng có lý do: 1 đồng chí, gồm: Trần Thị Thu Hà (đi công tác tại Hà Nội)",
            "Vắng không có lý do: 1 đồng chí, gồm: Lê Văn Hưởng",
            "Đồng chí Lê Hồng Quân, Phó Bí thư Đảng ủy, Đảng bộ Sở Tư pháp",
            "Chủ trì: đồng chí Nguyễn Thị Ánh Tuyết, Bí thư chi bộ",
            "Thư ký: đồng chí Phạm Đức Mạnh, Phó Bí thư chi bộ",
            "Thu đảng phí tháng 10 của 4/4 đồng chí.",
            "Văn phòng hoàn thành nhiệm vụ tháng 10.",
            "Đạt 9/10 chỉ tiêu nghị quyết kỳ trước.",
            "Thông tin kết quả Hội nghị Trung ương.",
            "Hoàn thành số hóa hồ sơ lưu trữ.",
            "<b>Phạm Đức Mạnh</b> (2 lượt): Đề nghị phân công người phụ trách số hóa.",
            "<b>Nguyễn Thị Ánh Tuyết</b>: Tiếp thu và giải trình.",
            "Có 3 lượt ý kiến phát biểu của 2 đồng chí (100% số đảng viên có mặt)",
            "Chi bộ thống nhất các nhiệm vụ trọng tâm tháng 11.",
            "Lãnh đạo hoàn thành toàn bộ nhiệm vụ chuyên môn.",
            "Biểu quyết: 2/3 đồng chí tán thành, đạt 66,7%",
            "Số hóa hồ sơ lưu trữ năm 2025", "Phạm Đức Mạnh, Trần Thị Thu Hà", "30/11/2026",
            "Cuộc họp kết thúc lúc 16 giờ 00 phút cùng ngày",
            "Biên bản đã được đọc lại trước chi bộ",
            "THƯ KÝ", "CHỦ TRÌ",
        ):
            self.assertIn(expected, html)
        # Empty sections are left out: no review of members' tasks was written.
        self.assertNotIn("Kiểm điểm việc thực hiện nhiệm vụ", html)
        # The minute-taker signs on the left, the chair on the right.
        signatures = html[html.index("THƯ KÝ"):]
        self.assertLess(signatures.index("Phạm Đức Mạnh"), signatures.index("CHỦ TRÌ"))
        self.assertIn("Nguyễn Thị Ánh Tuyết", signatures[signatures.index("CHỦ TRÌ"):])
        self.assertNotIn("Điểm đánh giá", html, "no score yet: nothing printed")

    def test_score_and_rating_when_the_meeting_has_them(self):
        if not {"score", "rating"} <= set(self.meeting._fields):
            self.skipTest("no scoring of meetings installed")
        # The score is computed from ballots; only its printing is tested here.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE party_meeting SET score = 85.5, rating = 'fair' WHERE id = %s",
            [self.meeting.id],
        )
        self.env.invalidate_all()
        for report in (MINUTES, RESOLUTION):
            html = self._html(report, self.meeting)
            self.assertIn("Điểm đánh giá chất lượng buổi sinh hoạt: 85,5 điểm", html)
            self.assertIn("Xếp loại chất lượng buổi sinh hoạt: Khá", html)

    def test_numbers_after_approval(self):
        self.meeting.with_user(self.secretary_user).action_approve()
        self.assertIn("Số 01-BB/CB", self._html(MINUTES, self.meeting))
        self.assertIn("Số 01-NQ/CB", self._html(RESOLUTION, self.meeting))

    def test_resolution_parts_and_signature(self):
        html = self._html(RESOLUTION, self.meeting)
        self.assertRegex(html, r"Số +-NQ/CB")
        for expected in (
            "NGHỊ QUYẾT", "Sinh hoạt chi bộ tháng 11/2026",
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam",
            "Ngày 03/11/2026, Chi bộ Văn phòng Sở đã tiến hành sinh hoạt định kỳ tháng 11 "
            "năm 2026, có 2/4 đồng chí đảng viên dự và 1 đại biểu",
            "CHI BỘ QUYẾT NGHỊ:", *PART_HEADINGS,
            "Văn phòng hoàn thành nhiệm vụ tháng 10.", "Đạt 9/10 chỉ tiêu nghị quyết kỳ trước.",
            "Hoàn thành số hóa hồ sơ lưu trữ.", "Lãnh đạo hoàn thành toàn bộ nhiệm vụ chuyên môn.",
            "Số hóa hồ sơ lưu trữ năm 2025", "30/11/2026",
            "Đảng viên dự sinh hoạt: 2/4 đồng chí (đạt 50%)",
            "Nghị quyết được 2/3 đồng chí tán thành, đạt 66,7%",
            "Nơi nhận:", "Đảng bộ Sở Tư pháp (để báo cáo),", "Lưu chi bộ.",
            "T/M CHI BỘ", "BÍ THƯ", "Nguyễn Thị Ánh Tuyết",
        ):
            self.assertIn(expected, html)
        for first, second in zip(PART_HEADINGS, PART_HEADINGS[1:]):
            self.assertLess(html.index(first), html.index(second))
        self.assertNotIn("PHÓ BÍ THƯ", html)

    def test_deputy_chair_signs_as_deputy(self):
        self.meeting.chair_id = self.manh
        html = self._html(RESOLUTION, self.meeting)
        self.assertIn("PHÓ BÍ THƯ", html)
        self.assertIn("Phạm Đức Mạnh", html[html.index("PHÓ BÍ THƯ"):])

    @freeze_time("2026-12-20 08:00:00")  # the meetings of December have taken place
    def test_subject_follows_meeting_type(self):
        topic = self.env["party.topic"].create({"name": "Tự soi, tự sửa", "year": 2026})
        cases = [
            ({"meeting_type": "thematic", "topic_id": topic.id},
             "Sinh hoạt chuyên đề tháng 12 năm 2026: Tự soi, tự sửa"),
            ({"meeting_type": "committee"}, "Sinh hoạt chi ủy tháng 12 năm 2026"),
            ({"includes_thematic": True, "topic_id": topic.id},
             "Sinh hoạt chi bộ định kỳ kết hợp sinh hoạt chuyên đề tháng 12 năm 2026: "
             "Tự soi, tự sửa"),
        ]
        for day, (vals, subject) in zip((1, 8, 15), cases):
            with self.subTest(subject=subject):
                meeting = self._held_meeting(start=f"2026-12-{day:02d} 07:00:00", **vals)
                self.assertIn(subject, self._html(MINUTES, meeting))

    def test_officer_and_inspector_print(self):
        """Readers who cannot write the meeting, or read the committee above, still print."""
        self.meeting.with_user(self.secretary_user).action_approve()
        for user in (self.officer, self.inspector):
            with self.subTest(user=user.login):
                minutes = self._html(MINUTES, self.meeting, user=user)
                self.assertIn("Số 01-BB/CB", minutes)
                self.assertIn("Đảng bộ Sở Tư pháp", minutes)
                self.assertIn("Trần Thị Thu Hà (đi công tác tại Hà Nội)", minutes)
                resolution = self._html(RESOLUTION, self.meeting, user=user)
                self.assertIn("Đảng bộ Sở Tư pháp (để báo cáo),", resolution)

    def test_queries_do_not_grow_with_the_meeting(self):
        """Roll call, guests, speakers and tasks are read in one go, not one by one."""
        Report = self.env["ir.actions.report"].with_user(self.secretary_user)
        new_members = [self._cell_member(f"Đảng viên Số {i}") for i in range(4)]
        big = self._held_meeting(start="2026-12-01 07:00:00")
        lines = big.attendance_ids.filtered(lambda a: a.member_id.name.startswith("Đảng viên"))
        lines.write({"speaking_turns": 1, "opinion": "Nhất trí."})
        big.guest_ids = [(0, 0, {"name": f"Khách {i}", "title": "Chuyên viên"}) for i in range(3)]
        self.env["party.task"].create([{
            "name": f"Việc {i}", "meeting_id": big.id, "deadline": "2026-12-20",
            "assignee_ids": [(6, 0, member.ids)],
        } for i, member in enumerate(new_members)])
        # Both votes pass, so that both print the same templates.
        big.vote_for = big.vote_total
        self.assertEqual((len(big.attendance_ids), len(big.task_ids)), (9, 5))
        self.assertEqual(len(self.meeting.attendance_ids), 5)

        def count(meeting):
            Report._render_qweb_html(MINUTES, meeting.ids, data={"report_type": "pdf"})
            # Same start for both: compiled templates kept, records and access rules cold.
            self.env.flush_all()
            self.env.invalidate_all()
            self.env.registry.clear_cache()
            before = self.env.cr.sql_log_count
            Report._render_qweb_html(MINUTES, meeting.ids, data={"report_type": "pdf"})
            return self.env.cr.sql_log_count - before

        self.assertEqual(count(big), count(self.meeting))


@tagged("post_install", "-at_install")
class TestMeetingReportPdf(MeetingReportData, HttpCase):
    """Real PDFs through wkhtmltopdf, read back with pdftotext."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_meeting_data()

    def setUp(self):
        super().setUp()
        if not shutil.which("pdftotext"):
            self.fail("pdftotext not found: install poppler-utils to check printed documents.")

    def _text(self, pdf):
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            return squash(subprocess.run(
                ["pdftotext", "-layout", f.name, "-"], capture_output=True, check=True,
                timeout=60,
            ).stdout.decode())

    def test_approval_stores_the_documents_and_reprints_them(self):
        meeting = self.meeting.with_user(self.secretary_user).with_context(
            force_report_rendering=True)
        meeting.action_approve()
        self.assertTrue(meeting.minutes_attachment_id and meeting.resolution_attachment_id)

        minutes = self._text(meeting.minutes_attachment_id.raw)
        for expected in (
            "ĐẢNG CỘNG SẢN VIỆT NAM", "BIÊN BẢN", "Số 01-BB/CB", "THƯ KÝ", "CHỦ TRÌ",
            "Nguyễn Thị Ánh Tuyết", "Trần Thị Thu Hà (đi công tác tại Hà Nội)",
            "Thanh Hóa, ngày 03 tháng 11 năm 2026", "2/3 đồng chí tán thành, đạt 66,7%",
            "Chi bộ thống nhất các nhiệm vụ trọng tâm tháng 11.",
        ):
            self.assertIn(expected, minutes)
        resolution = self._text(meeting.resolution_attachment_id.raw)
        for expected in ("NGHỊ QUYẾT", "Số 01-NQ/CB", "T/M CHI BỘ", *PART_HEADINGS):
            self.assertIn(expected, resolution)

        # A logged correction changes the record, not the adopted document: printing again
        # returns the stored PDF.
        self.env["party.meeting.correction.wizard"].with_user(self.officer).create({
            "meeting_id": self.meeting.id, "field_name": "conclusion",
            "new_text": "<p>Nội dung sửa sau khi thông qua.</p>", "reason": "Ghi sót ý kiến",
        }).action_apply()
        Report = self.env["ir.actions.report"].with_user(self.inspector).with_context(
            force_report_rendering=True)
        pdf, _report_type = Report._render_qweb_pdf(MINUTES, self.meeting.ids)
        self.assertEqual(pdf, meeting.minutes_attachment_id.raw)
        reprinted = self._text(pdf)
        self.assertIn("Chi bộ thống nhất các nhiệm vụ trọng tâm tháng 11.", reprinted)
        self.assertNotIn("Nội dung sửa sau khi thông qua.", reprinted)
        self.assertEqual(self.env["ir.attachment"].search_count([
            ("res_model", "=", "party.meeting"), ("res_id", "=", self.meeting.id),
            ("name", "=", "Biên bản 01-BB-CB.pdf"),
        ]), 1)
