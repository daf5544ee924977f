from odoo import _, models

from .report_party_fee_book import fee_book_range
from .xlsx_base import XlsxBuilder


class FeeBookXlsx(XlsxBuilder):
    """The fee book of each printed organisation over the months asked (this quarter by
    default): one sheet per organisation, one row per cell below it; a cell's own sheet
    lists its members month by month."""

    def render(self):
        date_from, date_to = fee_book_range(self.env, self.options)
        Line = self.env["party.fee.line"]
        rollup = Line._rollup(self.records, date_from, date_to)
        money = self.book.add_format({"font_name": "Times New Roman", "font_size": 12,
                                      "border": 1, "num_format": "#,##0"})
        label = f"{date_from.month:02d}/{date_from.year} – {date_to.month:02d}/{date_to.year}"
        for org in self.records:
            sheet = self.book.add_worksheet(org.code or org.name[:31])
            sheet.merge_range(0, 0, 0, 6, _("PARTY FEE BOOK"), self.formats["title"])
            sheet.merge_range(1, 0, 1, 6, _("%(org)s, %(period)s", org=org.name, period=label),
                              self.formats["subtitle"])
            if org.is_cell:
                self._member_rows(sheet, org, date_from, date_to, money)
                continue
            row = self._header(sheet, 3, [
                _("No."), _("Organisation"), _("Members"), _("Due"), _("Collected"),
                _("Kept"), _("Remitted Upward"),
            ], widths=[6, 34, 10, 16, 16, 16, 16])
            mark = f"/{org.id}/"
            cells = sorted((cell for cell in rollup if mark in f"/{cell.parent_path}"),
                           key=lambda cell: cell.complete_name)
            first = row
            for index, cell in enumerate(cells, start=1):
                values = rollup[cell]
                sheet.write(row, 0, index, self.formats["number"])
                sheet.write(row, 1, cell.name, self.formats["cell"])
                sheet.write(row, 2, values["members"], self.formats["number"])
                for col, key in enumerate(("due", "paid", "kept", "remitted"), start=3):
                    sheet.write_number(row, col, values[key], money)
                row += 1
            sheet.write(row, 1, _("Total"), self.formats["total"])
            for col, key in enumerate(("members", "due", "paid", "kept", "remitted"), start=2):
                letter = chr(ord("A") + col)
                # A formula, so that the book still adds up after a correction by hand; the
                # computed total is cached for readers that do not calculate.
                sheet.write_formula(row, col, f"=SUM({letter}{first + 1}:{letter}{row})",
                                    money, sum(rollup[cell][key] for cell in cells))

    def _member_rows(self, sheet, cell, date_from, date_to, money):
        lines = self.env["party.fee.line"].search([
            ("organization_id", "=", cell.id), ("month", ">=", date_from),
            ("month", "<=", date_to)], order="month, member_name")
        states = dict(lines._fields["state"]._description_selection(self.env))
        row = self._header(sheet, 3, [
            _("Month"), _("Member"), _("Base"), _("Due"), _("Status"), _("Receipt"),
            _("Payment Date"),
        ], widths=[10, 30, 16, 14, 12, 14, 14])
        for line in lines:
            sheet.write(row, 0, line._month_label(), self.formats["number"])
            sheet.write(row, 1, line.member_name, self.formats["cell"])
            sheet.write_number(row, 2, line.base_amount, money)
            sheet.write_number(row, 3, line.amount, money)
            sheet.write(row, 4, states[line.state], self.formats["cell"])
            sheet.write(row, 5, line.receipt_number or "", self.formats["cell"])
            sheet.write(row, 6, line.paid_date.strftime("%d/%m/%Y") if line.paid_date else "",
                        self.formats["number"])
            row += 1


class ReportFeeBookXlsx(models.AbstractModel):
    _name = "report.party_cell.fee_book_xlsx"
    _inherit = "report.party_cell.xlsx"
    _description = "Party Fee Book (XLSX)"

    _builder = FeeBookXlsx
