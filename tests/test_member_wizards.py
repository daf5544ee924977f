from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PartyCase


@tagged("post_install", "-at_install")
class TestMemberCreation(PartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department = cls.env["hr.department"].create({"name": "Đội QLTT số 1"})
        cls.cell_a1.department_ids = cls.department
        cls.new_employees = cls.env["hr.employee"].create([
            {"name": "Nguyễn Thị Hoa", "department_id": cls.department.id},
            {"name": "Trịnh Văn Quang", "department_id": cls.department.id},
        ])

    def test_create_from_employees_by_department(self):
        wizard = self.env["party.member.create.wizard"].with_user(self.user_secretary).create({
            "employee_ids": [(6, 0, (self.new_employees | self.member.employee_id).ids)],
            "state": "official", "admission_date": "2015-01-01", "official_date": "2016-01-01",
        })
        self.assertEqual(wizard.skipped_employee_ids, self.member.employee_id)
        action = wizard.action_create()
        created = self.env["party.member"].browse(action["domain"][0][2])
        self.assertEqual(created.employee_id, self.new_employees)
        self.assertEqual(created.organization_id, self.cell_a1)
        self.assertEqual(set(created.mapped("state")), {"official"})

    def test_create_without_cell_is_refused(self):
        lonely = self.env["hr.employee"].create({"name": "Lý Văn Tài"})
        wizard = self.env["party.member.create.wizard"].with_user(self.user_secretary).create({
            "employee_ids": [(6, 0, lonely.ids)], "state": "probationary",
        })
        with self.assertRaisesRegex(UserError, "No cell is linked"):
            wizard.action_create()
        self.assertFalse(self.env["party.member"].search([("employee_id", "=", lonely.id)]))

    def test_all_already_members(self):
        wizard = self.env["party.member.create.wizard"].create({
            "employee_ids": [(6, 0, self.member.employee_id.ids)], "state": "official",
        })
        with self.assertRaisesRegex(UserError, "already a party member"):
            wizard.action_create()

    @mute_logger("odoo.sql_db")
    def test_import_reports_bad_rows(self):
        employees = self.env["hr.employee"].create([
            {"name": "Import Một"}, {"name": "Import Hai"}, {"name": "Import Ba"},
        ])
        fields_ = ["employee_id", "organization_id", "state", "admission_date", "official_date",
                   "card_number"]
        good = [employees[0].name, self.cell_a1.complete_name, "Official", "2012-01-01",
                "2013-01-01", "78.100001"]
        Member = self.env["party.member"].with_user(self.user_admin)
        result = Member.load(fields_, [good])
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(len(result["ids"]), 1)
        bad_dates = [employees[1].name, self.cell_a1.complete_name, "Official", "2012-01-01",
                     "2011-01-01", "78.100002"]
        result = Member.load(fields_, [bad_dates])
        self.assertFalse(result["ids"])
        self.assertIn("official date must come after", result["messages"][0]["message"])
        unknown_cell = [employees[2].name, "Chi bộ không tồn tại", "Official", "2012-01-01",
                        "2013-01-01", "78.100003"]
        result = Member.load(fields_, [unknown_cell])
        self.assertFalse(result["ids"])
        self.assertIn("Chi bộ không tồn tại", result["messages"][0]["message"])
