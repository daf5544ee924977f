from odoo import _, fields, models
from odoo.exceptions import UserError

from .xlsx_base import FILLS, XlsxBuilder


class ComplianceMatrixXlsx(XlsxBuilder):
    """The compliance matrix as the user sees it: organisations × months, same colours.

    Options: ``date_from``, ``date_to`` (YYYY-MM-DD, default: this year) and ``filters`` as
    taken by ``party.compliance.matrix.get_matrix``, given by the matrix screen. Printed from
    organisations (Print menu), it holds one matrix per organisation, over its subtree; else
    every cell the user may read.
    """

    def _labels(self):
        env = self.env
        ratings = dict(env["party.meeting"]._fields["rating"]._description_selection(env))
        return {
            "status": {
                "held": _("Held"), "issues": _("Held*"), "late": _("Late"),
                "missing": _("Not held"), "planned": _("Planned"), "future": "", "untracked": "",
            },
            "ratings": ratings,
        }

    def render(self):
        today = fields.Date.context_today(self.env.user)
        try:
            date_from = fields.Date.to_date(self.options.get("date_from")) or \
                today.replace(month=1, day=1)
            date_to = fields.Date.to_date(self.options.get("date_to")) or \
                today.replace(month=12, day=31)
        except ValueError as error:
            raise UserError(_("Give the period as dates (YYYY-MM-DD).")) from error
        if date_to < date_from:
            raise UserError(_("The period ends before it starts."))
        filters = self.options.get("filters") or {}
        if not isinstance(filters, dict):
            raise UserError(_("The matrix filters must be a dictionary."))
        self.labels = self._labels()
        Matrix = self.env["party.compliance.matrix"]
        if not self.records:
            matrix = Matrix.get_matrix(date_from, date_to, filters)
            self._write_matrix(matrix, _("Matrix"))
            self._write_summary(matrix, _("Summary"))
            return
        for index, org in enumerate(self.records, start=1):
            matrix = Matrix.get_matrix(date_from, date_to,
                                       dict(filters, organization_id=org.id))
            self._write_matrix(matrix, f"{index}. {org.name}"[:31], org.name)
            self._write_summary(matrix, f"{index}. {_('Summary')}"[:31])

    def cell_text(self, cell):
        """Text of one month: status, then attendance, score and rating when held."""
        parts = [self.labels["status"][cell["status"]]]
        details = []
        if cell["attendance"] is not None:
            details.append(f"{cell['attendance']:.0f}%")
        if cell["score"] is not None:
            details.append(f"{cell['score']:.1f}")
        if cell["rating"]:
            details.append(self.labels["ratings"].get(cell["rating"], ""))
        if details:
            parts.append(" · ".join(details))
        marks = []
        if cell["thematic"] == "held":
            marks.append(_("Thematic"))
        elif cell["thematic"] == "missing":
            marks.append(_("No thematic"))
        if cell["ballots_missing"]:
            marks.append(_("No ballots"))
        if cell["tasks_overdue"]:
            marks.append(_("%(count)s overdue", count=cell["tasks_overdue"]))
        if cell["visits"]:
            marks.append(_("%(count)s visit(s)", count=cell["visits"]))
        if marks:
            parts.append(", ".join(marks))
        return "\n".join(p for p in parts if p)

    def _write_matrix(self, matrix, sheet_name, org_name=None):
        sheet = self.book.add_worksheet(sheet_name)
        months = matrix["months"]
        totals_heads = [_("Held"), _("On Time"), _("Late"), _("Not Held"),
                        _("Thematic Quarters"), _("Attendance (%)"), _("Score"),
                        _("Ballots Missing"), _("Overdue Tasks")]
        last = 1 + len(months) + len(totals_heads)
        formats = self.formats
        title = _("MEETING COMPLIANCE MATRIX")
        if org_name:
            title = f"{title}: {org_name.upper()}"
        sheet.merge_range(0, 0, 0, last, title, formats["title"])
        sheet.merge_range(1, 0, 1, last, _("From %(start)s to %(end)s", start=fields.Date.to_date(
            matrix["date_from"]).strftime("%d/%m/%Y"), end=fields.Date.to_date(
            matrix["date_to"]).strftime("%d/%m/%Y")), formats["subtitle"])
        headers = [_("No."), _("Organisation")] + [m["label"] for m in months] + totals_heads
        widths = [6, 40] + [16] * len(months) + [9] * len(totals_heads)
        row = self._header(sheet, 3, headers, widths=widths)
        sheet.freeze_panes(row, 2)
        book = self.book
        base = {"font_name": "Times New Roman", "font_size": 10, "valign": "top",
                "text_wrap": True, "border": 1}
        fills = {key: book.add_format(dict(base, bg_color=FILLS[key]))
                 for key in FILLS}
        heading = book.add_format(dict(base, bold=True, bg_color="#F2F2F2"))
        number = 0
        for line in matrix["rows"]:
            indent = "    " * line["depth"]
            totals = line.get("totals", {})
            if not line["is_cell"]:
                sheet.write(row, 0, "", heading)
                sheet.write(row, 1, f"{indent}{line['name']}", heading)
                for col in range(2, last + 1):
                    sheet.write_blank(row, col, None, heading)
                sheet.write(row, 2 + len(months), totals.get("held_total", 0), heading)
                sheet.write(row, 5 + len(months), totals.get("missing", 0), heading)
                row += 1
                continue
            number += 1
            sheet.write(row, 0, number, formats["number"])
            sheet.write(row, 1, f"{indent}{line['name']}", formats["cell"])
            for col, month in enumerate(months, start=2):
                cell = line["cells"][month["key"]]
                sheet.write(row, col, self.cell_text(cell), fills[cell["color"]])
            col = 2 + len(months)
            values = [
                totals.get("held_total", 0), totals.get("held", 0) + totals.get("issues", 0),
                totals.get("late", 0), totals.get("missing", 0),
                f"{int(totals.get('thematic_quarters', 0))}/{int(totals.get('quarters', 0))}",
                totals.get("attendance"), totals.get("score"),
                totals.get("ballots_missing", 0), totals.get("tasks_overdue", 0),
            ]
            for offset, value in enumerate(values):
                if value is None:
                    sheet.write_blank(row, col + offset, None, formats["number"])
                else:
                    sheet.write(row, col + offset, value, formats["number"])
            row += 1
        row += 1
        for item in matrix["legend"]:
            sheet.write(row, 1, item["label"], fills[item["color"]])
            row += 1

    def _write_summary(self, matrix, sheet_name):
        sheet = self.book.add_worksheet(sheet_name)
        months = matrix["months"]
        formats = self.formats
        sheet.merge_range(0, 0, 0, len(months) + 1, _("SUMMARY BY MONTH"), formats["title"])
        row = self._header(sheet, 2, [_("Status")] + [m["label"] for m in months]
                           + [_("Total")], widths=[44] + [10] * (len(months) + 1))
        counts = {m["key"]: {} for m in months}
        cell_rows = [r for r in matrix["rows"] if r["is_cell"]]
        for line in cell_rows:
            for key, cell in line["cells"].items():
                counts[key][cell["status"]] = counts[key].get(cell["status"], 0) + 1
                counts[key]["ballots_missing"] = counts[key].get("ballots_missing", 0) + \
                    cell["ballots_missing"]
                counts[key]["tasks_overdue"] = counts[key].get("tasks_overdue", 0) + \
                    cell["tasks_overdue"]
                counts[key]["thematic"] = counts[key].get("thematic", 0) + \
                    (cell["thematic"] == "held")
        lines = [(item["key"], item["label"], f"fill_{item['color']}")
                 for item in matrix["legend"]]
        lines += [("thematic", _("Thematic meetings held"), "number"),
                  ("ballots_missing", _("Meetings without ballots"), "number"),
                  ("tasks_overdue", _("Overdue tasks"), "number")]
        for key, label, fmt in lines:
            sheet.write(row, 0, label, formats[fmt] if fmt != "number" else formats["cell"])
            total = 0
            for col, month in enumerate(months, start=1):
                value = counts[month["key"]].get(key, 0)
                total += value
                sheet.write(row, col, value, formats["number"])
            sheet.write(row, len(months) + 1, total, formats["total"])
            row += 1
        sheet.write(row, 0, _("Cells"), formats["total"])
        sheet.write(row, 1, len(cell_rows), formats["total"])


class ReportComplianceMatrixXlsx(models.AbstractModel):
    _name = "report.party_cell.compliance_matrix_xlsx"
    _inherit = "report.party_cell.xlsx"
    _description = "Compliance Matrix (XLSX)"

    _builder = ComplianceMatrixXlsx
