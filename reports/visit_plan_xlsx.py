from odoo import _, fields, models

from .xlsx_base import XlsxBuilder


class VisitPlanXlsx(XlsxBuilder):
    """A visit plan, one sheet per plan, one row per visit the user may see."""


    HEADERS_WIDTHS = (6, 8, 34, 20, 26, 22, 14, 14, 16, 14, 14)

    def render(self):
        env = self.env
        visit_fields = env["party.visit"]._fields
        self.kinds = dict(visit_fields["visit_kind"]._description_selection(env))
        self.states = dict(visit_fields["state"]._description_selection(env))
        # The rating is a finding: plain members and cluster heads outside the groups
        # get the column left out rather than an access error.
        self.show_rating = visit_fields["proposed_rating"].is_accessible(env)
        self.ratings = dict(visit_fields["proposed_rating"]._description_selection(env))
        # One search for every plan: the record rules decide which lines the user gets.
        visits = env["party.visit"].search(
            [("plan_id", "in", self.records.ids), ("state", "!=", "cancelled")],
            order="plan_id, month, organization_id, visitor_name, id",
        )
        by_plan = visits.grouped("plan_id")
        for index, plan in enumerate(self.records, start=1):
            self._write_plan(plan, by_plan.get(plan, visits.browse()), index)

    def _write_plan(self, plan, visits, index):
        # Sheet names are limited to 31 characters and must be unique.
        sheet = self.book.add_worksheet(f"{index}. {plan.year}"[:31])
        headers = [
            _("No."), _("Month"), _("Organisation"), _("Kind"), _("Official"),
            _("Job Title"), _("Status"), _("Contact Deadline"), _("Meeting"),
            _("Reported On"), _("Proposed Rating"),
        ]
        if not self.show_rating:
            headers.pop()
        last = len(headers) - 1
        sheet.merge_range(0, 0, 0, last, plan.name.upper(), self.formats["title"])
        sheet.merge_range(1, 0, 1, last, _("Printed on %(date)s", date=fields.Date.context_today(
            plan).strftime("%d/%m/%Y")), self.formats["subtitle"])
        row = self._header(sheet, 3, headers, widths=self.HEADERS_WIDTHS)
        sheet.freeze_panes(row, 0)
        formats = self.formats
        for number, visit in enumerate(visits, start=1):
            if visit.is_overdue:
                status_format = formats["fill_bad"]
            elif visit.state in ("done", "reported"):
                status_format = formats["fill_good"]
            elif visit.state == "missed":
                status_format = formats["fill_warn"]
            else:
                status_format = formats["number"]
            sheet.write(row, 0, number, formats["number"])
            sheet.write(row, 1, visit.month, formats["number"])
            # sudo: the visited organisation's name only; a visitor may not read the record.
            sheet.write(row, 2, visit.organization_id.sudo().name, formats["cell"])
            sheet.write(row, 3, self.kinds.get(visit.visit_kind, ""), formats["cell"])
            sheet.write(row, 4, visit.visitor_name or "", formats["cell"])
            sheet.write(row, 5, visit.visitor_job_title or "", formats["cell"])
            status = self.states.get(visit.state, "")
            if visit.is_overdue:
                status = f"{status} ({visit.overdue_label})"
            sheet.write(row, 6, status, status_format)
            self._write_date(sheet, row, 7, visit.contact_deadline)
            self._write_date(sheet, row, 8, visit.meeting_id and fields.Datetime.context_timestamp(
                visit, visit.visit_date).date())
            self._write_date(sheet, row, 9, visit.report_date)
            if self.show_rating:
                sheet.write(row, 10, self.ratings.get(visit.proposed_rating, ""),
                            formats["cell"])
            row += 1
        sheet.write(row, 2, _("Total: %(count)s visits", count=len(visits)), formats["total"])

    def _write_date(self, sheet, row, col, value):
        if value:
            sheet.write_datetime(row, col, fields.Datetime.to_datetime(value), self.formats["date"])
        else:
            sheet.write_blank(row, col, None, self.formats["cell"])


class ReportVisitPlanXlsx(models.AbstractModel):
    _name = "report.party_cell.visit_plan_xlsx"
    _inherit = "report.party_cell.xlsx"
    _description = "Visit Plan (XLSX)"

    _builder = VisitPlanXlsx
