from odoo import api, models

from .party_document import RATING_WORDS, party_short_date

# Printed documents are Vietnamese whatever the user's language (Hướng dẫn 36-HD/VPTW).
VN_KIND = {
    "upper": "Dự sinh hoạt chi bộ",
    "cross": "Dự sinh hoạt chéo",
    "inspection": "Kiểm tra",
}
VN_VERB = {"upper": "đã dự", "cross": "đã dự (sinh hoạt chéo)", "inspection": "đã kiểm tra"}
VN_CHECK = {"yes": "Đạt", "partly": "Đạt một phần", "no": "Chưa đạt"}
VN_STATE = {
    "planned": "Kế hoạch", "contacted": "Đã liên hệ", "confirmed": "Đã xác nhận",
    "done": "Đã dự", "reported": "Đã báo cáo", "missed": "Không thực hiện",
    "cancelled": "Hủy",
}
VN_MEETING_TYPE = {
    "regular": "định kỳ", "thematic": "chuyên đề", "committee": "chi ủy",
    "extraordinary": "bất thường",
}
# The checklist as printed: field and what visitors look for.
VN_CHECKLIST = [
    ("check_procedure", "Thực hiện đúng quy trình, nội dung sinh hoạt"),
    ("check_documents", "Tài liệu gửi trước cho đảng viên"),
    ("check_attendance", "Tỷ lệ đảng viên dự sinh hoạt"),
    ("check_thematic", "Sinh hoạt chuyên đề trong quý"),
    ("check_tasks", "Phân công nhiệm vụ cụ thể, có người phụ trách và thời hạn"),
    ("check_ballots", "Thực hiện phiếu đánh giá chất lượng sinh hoạt"),
    ("check_concerns", "Giải đáp tâm tư, kiến nghị của đảng viên"),
    ("check_minutes", "Sổ biên bản ghi chép đầy đủ"),
]


class ReportPartyVisit(models.AbstractModel):
    """Báo cáo kết quả dự sinh hoạt / kiểm tra: the official's report of one visit."""

    _name = "report.party_cell.party_visit_report_document"
    _description = "Visit Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        visits = self.env["party.visit"].browse(docids)
        # Reading the findings checks the field groups: plain members cannot print a report.
        visits.check_access("read")
        visits.read(["strengths", "weaknesses", "recommendations", "proposed_rating"])
        return {
            "doc_ids": visits.ids,
            "doc_model": "party.visit",
            "docs": visits,
            # sudo: the official may not read the issuing or the visited organisation, yet
            # the guide prints their names, and the visited cell's officers sign its papers.
            "issuers": {v.id: v.issuer_id.sudo() for v in visits},
            "targets": {v.id: v.organization_id.sudo() for v in visits},
            "officers": {v.id: (v.meeting_id.sudo().chair_id.name or "",
                                v.meeting_id.sudo().minute_taker_id.name or "")
                         for v in visits},
            "vn_kind": VN_KIND,
            "vn_verb": VN_VERB,
            "vn_rating": RATING_WORDS,
            "vn_check": VN_CHECK,
            "vn_meeting_type": VN_MEETING_TYPE,
            "checklist": VN_CHECKLIST,
            "meeting_time": self._meeting_time,
            "print_date": visits[:1].issuer_id._today(),
        }

    def _meeting_time(self, meeting):
        """'14 giờ 00, ngày 03/11/2026' where the meeting was held."""
        if not meeting:
            return ""
        start = meeting._local(meeting.date_start)
        end = meeting._local(meeting.date_end)
        return (f"từ {start:%H} giờ {start:%M} đến {end:%H} giờ {end:%M}, "
                f"ngày {party_short_date(start)}")


class ReportPartyVisitPlan(models.AbstractModel):
    """Kế hoạch dự sinh hoạt chi bộ: the plan's lines as a table, by month."""

    _name = "report.party_cell.party_visit_plan_document"
    _description = "Visit Plan Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        plans = self.env["party.visit.plan"].browse(docids)
        # One search for every printed plan; record rules decide which lines appear.
        visits = self.env["party.visit"].search(
            [("plan_id", "in", plans.ids), ("state", "!=", "cancelled")],
            order="plan_id, month, organization_id, visitor_name, id",
        )
        lines_by_plan = {plan.id: recs for plan, recs in visits.grouped("plan_id").items()}
        return {
            "doc_ids": plans.ids,
            "doc_model": "party.visit.plan",
            "docs": plans,
            # sudo: names printed in the heading and the table only.
            "issuers": {p.id: p.organization_id.sudo() for p in plans},
            "lines_by_plan": lines_by_plan,
            "vn_kind": VN_KIND,
            "vn_state": VN_STATE,
            "print_date": plans[:1].organization_id._today(),
        }
