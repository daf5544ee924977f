import subprocess

from odoo.tests import HttpCase, tagged

from .test_score import ScoreCase


@tagged("post_install", "-at_install")
class TestBallotSheetHtml(ScoreCase):
    def _scored_meeting(self):
        meeting = self._held(minutes=125)
        self._fill(self._ballot(meeting, self.user_secretary, self.secretary, "committee"),
                   3).action_submit()
        upper = self._employee("Trần Văn Thanh Tra", user_id=self.user_inspector.id)
        ballot = self.env["party.ballot"].with_user(self.user_inspector).create({
            "meeting_id": meeting.id, "role": "upper", "voter_employee_id": upper.id})
        self._fill(ballot, 2).action_submit()
        return meeting

    def _html(self, report, meeting, user):
        html, _type = self.env["ir.actions.report"].with_user(user)._render_qweb_html(
            report, meeting.ids)
        return html.decode()

    def test_filled_sheet_has_both_columns(self):
        meeting = self._scored_meeting()
        html = self._html("party_cell.report_ballot_filled", meeting, self.user_secretary)
        self.assertIn("PHIẾU ĐÁNH GIÁ", html)
        self.assertIn("Chi bộ tự chấm", html)
        self.assertIn("Cấp trên chấm", html)
        self.assertIn("Trần Văn Thanh Tra", html)
        committee = meeting.ballot_ids.filtered(lambda b: b.role == "committee")
        total = f"{committee.total:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        self.assertIn(f"<b>{total}</b>", html)
        self.assertIn("Thực hiện nguyên tắc tập trung dân chủ", html)

    def test_blank_sheet_has_no_scores(self):
        meeting = self._scored_meeting()
        html = self._html("party_cell.report_ballot_blank", meeting, self.user_member)
        self.assertIn("Tốt □ Khá □ Trung bình □ Kém □", html)
        self.assertNotIn("Trần Văn Thanh Tra", html)


@tagged("post_install", "-at_install")
class TestBallotSheetPdf(HttpCase):
    def test_blank_sheet_pdf(self):
        cell = self.env["party.organization"].create({"name": "Chi bộ Phòng Kế hoạch"})
        employee = self.env["hr.employee"].create({"name": "Nguyễn Thị Ánh Tuyết"})
        member = self.env["party.member"].create({
            "employee_id": employee.id, "organization_id": cell.id, "state": "official",
            "admission_date": "2010-01-01", "official_date": "2011-01-01",
            "committee_role": "secretary",
        })
        meeting = self.env["party.meeting"].create({
            "organization_id": cell.id, "date_start": "2026-11-03 07:00:00",
            "date_end": "2026-11-03 09:00:00", "location": "Phòng họp",
            "chair_id": member.id, "minute_taker_id": member.id,
        })
        pdf, _type = self.env["ir.actions.report"].with_context(
            force_report_rendering=True)._render_qweb_pdf(
            "party_cell.action_report_ballot_blank", meeting.ids)
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf,
                              capture_output=True, check=True).stdout.decode()
        self.assertIn("PHIẾU ĐÁNH GIÁ", text)
        self.assertIn("Chất lượng sinh hoạt chi bộ tháng 11/2026", text)
        self.assertIn("Tỷ lệ đảng viên phát biểu", text)
        self.assertIn("Nguyễn Thị Ánh Tuyết", text)
        self.assertIn("Tổng cộng", text)
