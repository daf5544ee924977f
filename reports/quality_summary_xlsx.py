from datetime import date

from odoo import _, fields, models

from .xlsx_base import XlsxBuilder


def quality_period(year, quarter):
    """First and last day of a year (quarter 0 or empty) or of one of its quarters."""
    year, quarter = int(year), int(quarter or 0)
    if quarter:
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
        return start, date.fromordinal(end.toordinal() - 1)
    return date(year, 1, 1), date(year, 12, 31)


class QualitySummaryXlsx(XlsxBuilder):
    """Quarterly or annual quality summary: one sheet per organisation, one row per cell.

    Options: ``year`` and ``quarter`` (0 or empty for the whole year).
    """


    HEADERS_WIDTHS = (6, 36, 10, 10, 10, 10, 11, 11, 11, 9, 7, 7, 7, 7, 9, 9, 9, 9)

    def render(self):
        today = fields.Date.context_today(self.env.user)
        year = self._option_int("year", _("Year"), today.year, 2000, 2100)
        quarter = self._option_int("quarter", _("Quarter"), 0, 0, 4)
        start, end = quality_period(year, quarter)
        self.period = _("Quarter %(quarter)s/%(year)s", quarter=quarter, year=year) \
            if quarter else _("Year %(year)s", year=year)
        summary = self.env["party.compliance.matrix"]._quality_summary(self.records, start, end)
        for index, org in enumerate(self.records, start=1):
            self._write_org(org, summary[org.id], index)

    def _write_org(self, org, summary, index):
        sheet = self.book.add_worksheet(f"{index}. {org.name}"[:31])
        formats = self.formats
        headers = [
            _("No."), _("Cell"), _("Months Due"), _("Meetings Held"), _("On Time"),
            _("Not Held"), _("Thematic Quarters"), _("Attendance (%)"), _("Speaking (%)"),
            _("Score"), _("Good"), _("Fair"), _("Average"), _("Poor"), _("Ballots Missing"),
            _("Tasks"), _("Tasks Done"), _("Overdue Tasks"),
        ]
        last = len(headers) - 1
        sheet.merge_range(0, 0, 0, last, _("MEETING QUALITY SUMMARY: %(org)s",
                                           org=org.name.upper()), formats["title"])
        sheet.merge_range(1, 0, 1, last, self.period, formats["subtitle"])
        row = self._header(sheet, 3, headers, widths=self.HEADERS_WIDTHS)
        sheet.freeze_panes(row, 2)
        for number, line in enumerate(summary["rows"], start=1):
            self._write_line(sheet, row, number, line["cell"].name, line["totals"])
            row += 1
        self._write_line(sheet, row, "", _("Total (%(count)s cells)",
                                          count=len(summary["rows"])), summary["totals"],
                         fmt=formats["total"])

    def _write_line(self, sheet, row, number, name, totals, fmt=None):
        formats = self.formats
        sheet.write(row, 0, number, fmt or formats["number"])
        sheet.write(row, 1, name, fmt or formats["cell"])
        held = totals.get("held_total", 0)
        on_time = totals.get("held", 0) + totals.get("issues", 0)
        missing = totals.get("missing", 0)
        quarters = f"{int(totals.get('thematic_quarters', 0))}/{int(totals.get('quarters', 0))}"
        values = [
            totals.get("due", 0), held, on_time, missing, quarters,
            totals.get("attendance"), totals.get("speaking"), totals.get("score"),
            totals.get("rating_good", 0), totals.get("rating_fair", 0),
            totals.get("rating_average", 0), totals.get("rating_poor", 0),
            totals.get("ballots_missing", 0), totals.get("tasks_total", 0),
            totals.get("tasks_done", 0), totals.get("tasks_overdue", 0),
        ]
        for col, value in enumerate(values, start=2):
            cell_format = fmt or (formats["fill_bad"] if col == 5 and value else
                                  formats["percent"] if col in (7, 8, 9) else formats["number"])
            if value is None:
                sheet.write_blank(row, col, None, cell_format)
            else:
                sheet.write(row, col, value, cell_format)


class ReportQualitySummaryXlsx(models.AbstractModel):
    _name = "report.party_cell.quality_summary_xlsx"
    _inherit = "report.party_cell.xlsx"
    _description = "Meeting Quality Summary (XLSX)"

    _builder = QualitySummaryXlsx
