"""XLSX reports through OCA's report_xlsx: each workbook is an ``ir.actions.report`` of type
xlsx (reports/party_xlsx_reports.xml), in the Print menu of its model.

A report model ``report.party_cell.<name>`` names a small builder class that writes the
sheets; the workbook is built as the requesting user, so record rules decide what it holds.
"""

from odoo import _, models
from odoo.exceptions import UserError

# Fills used by every sheet, so that colours mean the same thing in every export.
FILLS = {
    "good": "#C6EFCE",
    "warn": "#FFEB9C",
    "bad": "#FFC7CE",
    "late": "#F8CBAD",
    "planned": "#DDEBF7",
    "none": "#EDEDED",
    "untracked": "#FFFFFF",
    "head": "#D9E1F2",
}


class XlsxBuilder:
    """Writes one report into a workbook; subclasses implement ``render``.

    ``records`` are the printed records (read as the user), ``options`` the report's data
    (e.g. the year of a summary, given by a wizard or the compliance matrix).
    """

    def __init__(self, env, records, options, book):
        self.env = env
        self.records = records
        self.options = options or {}
        self.book = book
        self.formats = self._make_formats()

    def _make_formats(self):
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter"}
        book = self.book
        formats = {
            "title": book.add_format(dict(base, bold=True, font_size=14, align="center")),
            "subtitle": book.add_format(dict(base, italic=True, align="center")),
            "head": book.add_format(dict(base, bold=True, border=1, align="center",
                                         text_wrap=True, bg_color=FILLS["head"])),
            "cell": book.add_format(dict(base, border=1, text_wrap=True)),
            "number": book.add_format(dict(base, border=1, align="center")),
            "percent": book.add_format(dict(base, border=1, num_format="0.0", align="center")),
            "date": book.add_format(dict(base, border=1, num_format="dd/mm/yyyy",
                                         align="center")),
            "total": book.add_format(dict(base, bold=True, border=1)),
        }
        for key, color in FILLS.items():
            formats[f"fill_{key}"] = book.add_format(
                dict(base, border=1, align="center", bg_color=color)
            )
        return formats

    def render(self):
        raise NotImplementedError

    def _header(self, sheet, row, headers, widths=None):
        for col, label in enumerate(headers):
            sheet.write(row, col, label, self.formats["head"])
            if widths:
                sheet.set_column(col, col, widths[col])
        return row + 1

    def _option_int(self, key, label, default, low, high):
        """An integer option (year, quarter) checked against its range; ``label`` names it
        in the error."""
        value = self.options.get(key)
        if value in (None, "", False):
            return default
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = None
        if value is None or not low <= value <= high:
            raise UserError(_("%(name)s must be a whole number from %(low)s to %(high)s.",
                              name=label, low=low, high=high))
        return value


class PartyXlsxReport(models.AbstractModel):
    """Base of the party workbooks: the printed records, read as the user, go to a builder."""

    _name = "report.party_cell.xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Party XLSX Report"

    _builder = None  # the XlsxBuilder subclass of each report

    def _get_objs_for_report(self, docids, data):
        records = super()._get_objs_for_report(docids, data)
        # report_xlsx browses whatever ids it is given: a record the user may not read
        # raises here rather than leak its name into a workbook.
        records.check_access("read")
        return records

    def generate_xlsx_report(self, workbook, data, objs):
        self._builder(self.env, objs, data, workbook).render()
