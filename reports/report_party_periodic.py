"""Báo cáo kết quả công tác đảng tháng / quý / năm of a committee, to the level above.

Printed in Vietnamese whatever the user's language (Hướng dẫn 36-HD/VPTW), from the figures
stored on the report: an issued report prints what was counted when it was issued.
"""
from odoo import api, models

from .party_document import (
    ROMAN,
    party_doc_number,
    party_issuer_name,
    party_sign_for,
)


def period_phrase(report):
    """tháng 11 năm 2026, quý III năm 2026, năm 2026"""
    if report.period_kind == "month":
        return f"tháng {report.month} năm {report.year}"
    if report.period_kind == "quarter":
        return f"quý {ROMAN[int(report.quarter) - 1]} năm {report.year}"
    return f"năm {report.year}"


class ReportPartyPeriodic(models.AbstractModel):
    _name = "report.party_cell.report_periodic_report"
    _description = "Periodic Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        reports = self.env["party.periodic.report"].browse(docids)
        reports.check_access("read")
        values = {}
        for report in reports:
            # sudo: the upper organisation and the committee's secretary are printed by
            # name, as the guide asks, whatever the reader may open.
            org = report.organization_id.sudo()
            parent = org.parent_id
            is_cell = org.is_cell
            recipients = []
            if parent:
                upper_body = party_issuer_name(parent, committee=True)
                recipients.append(f"Ban Thường vụ {upper_body} (để báo cáo)")
            if not is_cell:
                recipients += ["Các đồng chí đảng ủy viên", "Các chi bộ trực thuộc"]
            recipients.append("Lưu Văn phòng Đảng ủy" if not is_cell else "Lưu chi bộ")
            number = party_doc_number(report.number_sequence, "BC", org.doc_suffix or "CB")
            values[report.id] = {
                "issuer_name": party_issuer_name(org, committee=True),
                "number": number,
                "subject": f"Kết quả công tác đảng {period_phrase(report)}",
                "period": period_phrase(report),
                "unit_word": "chi bộ" if is_cell else "đảng bộ",
                "sign_for": party_sign_for(org),
                "sign_name": org.secretary_id.name or "",
                "recipients": recipients,
            }
        return {
            "doc_ids": reports.ids,
            "doc_model": "party.periodic.report",
            "docs": reports,
            "report_values": values,
        }
