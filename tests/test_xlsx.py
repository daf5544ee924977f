from odoo.exceptions import AccessError
from odoo.tests import tagged

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
                ("compliance_matrix_xlsx", "party.organization"))},
        )
