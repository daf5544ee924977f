from odoo import api, models

from .party_document import ROMAN
from .quality_summary_xlsx import quality_period


class ReportPartyQualitySummary(models.AbstractModel):
    """Báo cáo tổng hợp chất lượng sinh hoạt: one document per organisation and period."""

    _name = "report.party_cell.party_quality_summary_document"
    _description = "Meeting Quality Summary Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        orgs = self.env["party.organization"].browse(docids)
        # The date line and the default year: where the issuing organisation is.
        today = orgs[:1]._today()
        year = int(data.get("year") or today.year)
        quarter = int(data.get("quarter") or 0)
        start, end = quality_period(year, quarter)
        summary = self.env["party.compliance.matrix"]._quality_summary(orgs, start, end)
        period = f"quý {ROMAN[quarter - 1]} năm {year}" if quarter else f"năm {year}"
        return {
            "doc_ids": orgs.ids,
            "doc_model": "party.organization",
            "docs": orgs,
            "summary": summary,
            "period_label": period,
            "print_date": today,
            "fmt": self._fmt,
        }

    @api.model
    def _fmt(self, value, digits=1):
        """A number the Vietnamese way: comma for decimals, no trailing zero, dash if none."""
        if value is None:
            return "-"
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else str(int(value))
        return text.replace(".", ",")
