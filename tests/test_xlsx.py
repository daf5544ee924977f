import io
import json
from datetime import date

import openpyxl

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PartyCase, render_xlsx

REPORT = "party_cell.action_report_member_list_xlsx"


@tagged("post_install", "-at_install")
class TestMemberListXlsx(PartyCase):
    def test_member_list_values_and_rules(self):
        env = self.env(user=self.user_secretary)
        members = env["party.member"].search([])
        sheet = render_xlsx(env, REPORT, members).active
        names = [sheet.cell(row=r, column=2).value for r in range(5, 5 + len(members))]
        self.assertEqual(sorted(names), sorted(["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]))
        self.assertEqual(sheet.cell(row=5, column=4).value, "Chi bộ A1")
        self.assertEqual(sheet.cell(row=8, column=2).value, "Total: 3 members")

    def test_member_of_another_cell_is_refused(self):
        env = self.env(user=self.user_secretary)
        outsider = env["party.member"].browse(self.secretary_b.id)
        with self.assertRaises(AccessError):
            render_xlsx(env, REPORT, outsider)

    def test_export_button_prints_the_report(self):
        action = self.member.with_user(self.user_secretary).action_export_xlsx()
        self.assertEqual((action["type"], action["report_type"], action["report_name"]),
                         ("ir.actions.report", "xlsx", "party_cell.member_list_xlsx"))
        self.assertEqual(action["context"]["active_ids"], self.member.ids)

    def test_every_workbook_is_in_the_print_menu(self):
        reports = self.env["ir.actions.report"].search([
            ("report_type", "=", "xlsx"), ("report_name", "=like", "party_cell.%")])
        self.assertEqual(
            {(r.report_name, r.model, r.binding_type, bool(r.binding_model_id)) for r in reports},
            {(f"party_cell.{name}", model, "report", True) for name, model in (
                ("member_list_xlsx", "party.member"), ("task_list_xlsx", "party.task"),
                ("visit_plan_xlsx", "party.visit.plan"),
                ("quality_summary_xlsx", "party.organization"),
                ("compliance_matrix_xlsx", "party.organization"),
                ("fee_book_xlsx", "party.organization"))},
        )


@tagged("post_install", "-at_install")
class TestTaskListXlsx(PartyCase):
    def test_tasks_of_the_cell_with_overdue_marked(self):
        Task = self.env["party.task"]
        late = Task.create({"name": "Số hóa hồ sơ", "organization_id": self.cell_a1.id,
                            "deadline": "2026-01-15", "assignee_ids": [(6, 0, self.member.ids)]})
        done = Task.create({"name": "Báo cáo quý", "organization_id": self.cell_a1.id,
                            "deadline": "2026-02-15", "state": "done", "done_date": "2026-02-10",
                            "assignee_ids": [(6, 0, (self.member | self.member2).ids)]})
        Task.create({"name": "Việc của chi bộ B1", "organization_id": self.cell_b1.id,
                     "deadline": "2026-03-01", "assignee_ids": [(6, 0, self.secretary_b.ids)]})
        env = self.env(user=self.user_secretary,
                       context=dict(self.env.context, party_today=date(2026, 6, 1)))
        tasks = env["party.task"].search([])
        self.assertEqual(tasks, late | done, "record rules: the cell's tasks only")
        sheet = render_xlsx(env, "party_cell.action_report_task_list_xlsx", tasks).active
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5, max_row=7)]
        self.assertEqual(rows[0][1:3], ["Số hóa hồ sơ", "Task"])
        self.assertEqual(rows[0][5], "Nguyễn Văn An")
        self.assertEqual(rows[0][7], "Open (overdue)")
        self.assertEqual(rows[1][5], "Nguyễn Văn An, Trần Thị Bình")
        self.assertEqual((rows[1][7], rows[1][8].date().isoformat()), ("Done", "2026-02-10"))
        self.assertEqual(rows[2][1], "Total: 2 tasks")


@tagged("post_install", "-at_install")
class TestXlsxDownload(PartyCase, HttpCase):
    """The web client's way: report_xlsx posts the report's URL to /report/download."""

    def _download(self, url):
        response = self.url_open("/report/download", data={
            "data": json.dumps([url, "xlsx"]),
            "context": json.dumps({"lang": "en_US"}),
            "csrf_token": http.Request.csrf_token(self),
        })
        response.raise_for_status()
        return response

    def test_many_members_in_the_posted_request(self):
        """Any number of records: the ids travel in the POST body, not in a URL."""
        employees = self.env["hr.employee"].create(
            [{"name": f"Đảng viên {i:03d}"} for i in range(200)])
        self.env["party.member"].create([{
            "employee_id": employee.id, "organization_id": self.cell_a1.id,
            "state": "official", "admission_date": "2010-05-19", "official_date": "2011-05-19",
        } for employee in employees])
        self.authenticate("secretary_a1", "secretary_a1")
        members = self.env["party.member"].with_user(self.user_secretary).search([])
        self.assertEqual(len(members), 203)
        response = self._download(
            f"/report/xlsx/party_cell.member_list_xlsx/{','.join(map(str, members.ids))}")
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertIn("Member%20List", response.headers["Content-Disposition"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet.cell(row=5 + 203, column=2).value, "Total: 203 members")

    def test_matrix_with_its_options(self):
        self.authenticate("officer_a", "officer_a")
        options = json.dumps({"date_from": "2026-07-01", "date_to": "2026-09-30"})
        response = self._download(
            f"/report/xlsx/party_cell.compliance_matrix_xlsx?options={options}&context={{}}")
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(book.sheetnames, ["Matrix", "Summary"])
        header = [c.value for c in book["Matrix"][4]]
        self.assertEqual(header[2:5], ["07/2026", "08/2026", "09/2026"])

    def test_another_cells_member_is_refused(self):
        self.authenticate("secretary_a1", "secretary_a1")
        # report_xlsx logs the refusal it answers with as an error.
        with mute_logger("odoo.addons.report_xlsx.controllers.main"):
            response = self._download(
                f"/report/xlsx/party_cell.member_list_xlsx/{self.secretary_b.id}")
        self.assertNotIn("spreadsheetml", response.headers["Content-Type"])
        self.assertIn("odoo.exceptions.AccessError", response.text)
