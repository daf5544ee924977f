from odoo import _, fields, models

from .xlsx_base import XlsxBuilder


class TaskListXlsx(XlsxBuilder):
    """The selected tasks, commitments and pledges, one row each, overdue ones marked."""

    HEADERS_WIDTHS = (6, 44, 20, 30, 30, 34, 12, 12, 12)

    def render(self):
        env = self.env
        task_fields = env["party.task"]._fields
        kinds = dict(task_fields["kind"]._description_selection(env))
        states = dict(task_fields["state"]._description_selection(env))
        formats = self.formats
        sheet = self.book.add_worksheet(_("Tasks"))
        headers = [
            _("No."), _("Task"), _("Kind"), _("Organisation"), _("Meeting"), _("Assignees"),
            _("Deadline"), _("Status"), _("Done On"),
        ]
        last = len(headers) - 1
        sheet.merge_range(0, 0, 0, last, _("TASKS ASSIGNED AT MEETINGS"), formats["title"])
        sheet.merge_range(1, 0, 1, last, _("Printed on %(date)s", date=fields.Date.context_today(
            self.records).strftime("%d/%m/%Y")), formats["subtitle"])
        row = self._header(sheet, 3, headers, widths=self.HEADERS_WIDTHS)
        sheet.freeze_panes(row, 2)
        tasks = self.records.sorted(lambda t: (t.deadline, t.id))
        for number, task in enumerate(tasks, start=1):
            sheet.write(row, 0, number, formats["number"])
            sheet.write(row, 1, task.name, formats["cell"])
            sheet.write(row, 2, kinds.get(task.kind, ""), formats["cell"])
            sheet.write(row, 3, task.organization_id.name or "", formats["cell"])
            sheet.write(row, 4, task.meeting_id.name or "", formats["cell"])
            # sudo: a member reads only their own member record, yet the list names who
            # carries each task, as the printed minutes do; only the names leave here.
            sheet.write(row, 5, ", ".join(task.assignee_ids.sudo().mapped("name")),
                        formats["cell"])
            sheet.write_datetime(row, 6, fields.Datetime.to_datetime(task.deadline),
                                 formats["date"])
            status = states.get(task.state, "")
            if task.is_overdue:
                status = _("%(status)s (overdue)", status=status)
            sheet.write(row, 7, status, formats["fill_bad"] if task.is_overdue else
                        formats["fill_good"] if task.state == "done" else formats["number"])
            if task.done_date:
                sheet.write_datetime(row, 8, fields.Datetime.to_datetime(task.done_date),
                                     formats["date"])
            else:
                sheet.write_blank(row, 8, None, formats["cell"])
            row += 1
        sheet.write(row, 1, _("Total: %(count)s tasks", count=len(tasks)), formats["total"])


class ReportTaskListXlsx(models.AbstractModel):
    _name = "report.party_cell.task_list_xlsx"
    _inherit = "report.party_cell.xlsx"
    _description = "Task List (XLSX)"

    _builder = TaskListXlsx
