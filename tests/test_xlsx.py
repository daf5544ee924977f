import io

import openpyxl

from odoo.tests import tagged

from ..reports.xlsx_base import XLSX_BUILDERS
from .common import PartyCase


@tagged("post_install", "-at_install")
class TestMemberListXlsx(PartyCase):
    def test_member_list_values_and_rules(self):
        env = self.env(user=self.user_secretary)
        members = env["party.member"].search([])
        content = XLSX_BUILDERS["member_list"](env, members).build()
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        names = [sheet.cell(row=r, column=2).value for r in range(5, 5 + len(members))]
        self.assertEqual(sorted(names), sorted(["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]))
        self.assertEqual(sheet.cell(row=5, column=4).value, "Chi bộ A1")
        self.assertEqual(sheet.cell(row=8, column=2).value, "Total: 3 members")

    def test_export_action_points_to_download(self):
        action = self.member.with_user(self.user_secretary).action_export_xlsx()
        self.assertEqual(action["url"], f"/party_cell/xlsx/member_list?ids={self.member.id}")
