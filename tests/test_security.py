from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PartyCase


@tagged("post_install", "-at_install")
class TestSecurity(PartyCase):
    def _visible(self, user, model):
        return self.env[model].with_user(user).search([])

    def test_member_sees_own_cell_and_own_record(self):
        self.assertEqual(self._visible(self.user_member, "party.organization"), self.cell_a1)
        self.assertEqual(self._visible(self.user_member, "party.member"), self.member)
        with self.assertRaises(AccessError):
            self.member2.with_user(self.user_member).read(["name"])
        with self.assertRaises(AccessError):
            self.cell_b1.with_user(self.user_member).read(["name"])
        with self.assertRaises(AccessError):
            self.member.with_user(self.user_member).write({"theory_level": "advanced"})
        with self.assertRaises(AccessError):
            self.cell_a1.with_user(self.user_member).write({"name": "Đổi tên"})

    def test_member_never_reads_card_numbers(self):
        record = self.member.with_user(self.user_member)
        with self.assertRaises(AccessError):
            record.read(["card_number"])
        self.assertNotIn("card_number", record.fields_get())
        with self.assertRaises(AccessError):
            record.search([("card_number", "=", "78.000002")])
        with self.assertRaises(AccessError):
            self.env["party.discipline"].with_user(self.user_member).search([])

    def test_secretary_manages_only_own_cells(self):
        Member = self.env["party.member"].with_user(self.user_secretary)
        self.assertEqual(Member.search([]), self.member | self.member2 | self.secretary)
        self.assertEqual(self.member2.with_user(self.user_secretary).card_number, "78.000002")
        self.member2.with_user(self.user_secretary).write({"theory_level": "intermediate"})
        self.assertEqual(self.member2.theory_level, "intermediate")
        with self.assertRaises(AccessError):
            self.member_a2.with_user(self.user_secretary).write({"theory_level": "advanced"})
        with self.assertRaises(AccessError):
            Member.create({
                "employee_id": self._employee("Người ngoài").id,
                "organization_id": self.cell_b1.id,
            })
        newcomer = Member.create({
            "employee_id": self._employee("Người mới").id,
            "organization_id": self.cell_a1.id,
        })
        self.assertEqual(newcomer.organization_id, self.cell_a1)
        with self.assertRaises(AccessError):
            self.cell_a1.with_user(self.user_secretary).unlink()
        with self.assertRaises(AccessError):
            self.env["party.organization"].with_user(self.user_secretary).create(
                {"name": "Chi bộ lạ", "parent_id": self.committee_a.id}
            )

    def test_officer_manages_subtree(self):
        Org = self.env["party.organization"].with_user(self.user_officer)
        self.assertEqual(Org.search([]), self.committee_a | self.cell_a1 | self.cell_a2)
        cell = Org.create({"name": "Chi bộ A3", "parent_id": self.committee_a.id})
        self.assertTrue(cell.exists())
        self.member_a2.with_user(self.user_officer).write({"committee_role": "secretary"})
        with self.assertRaises(AccessError):
            self.cell_b1.with_user(self.user_officer).write({"name": "B1 mới"})
        with self.assertRaises(AccessError):
            self.secretary_b.with_user(self.user_officer).read(["name"])
        with self.assertRaises(AccessError):
            Org.create({"name": "Chi bộ B2", "parent_id": self.committee_b.id})

    def test_inspector_reads_but_never_writes(self):
        Org = self.env["party.organization"].with_user(self.user_inspector)
        self.assertEqual(Org.search([]), self.committee_a | self.cell_a1 | self.cell_a2)
        self.assertEqual(
            self.env["party.member"].with_user(self.user_inspector).search([]),
            self.member | self.member2 | self.secretary | self.member_a2,
        )
        with self.assertRaises(AccessError):
            self.cell_a1.with_user(self.user_inspector).write({"name": "Sửa"})
        with self.assertRaises(AccessError):
            self.member.with_user(self.user_inspector).write({"theory_level": "advanced"})
        with self.assertRaises(AccessError):
            Org.create({"name": "Mới", "parent_id": self.committee_a.id})

    def test_nobody_crosses_companies(self):
        for user in (self.user_admin, self.user_officer, self.user_member):
            self.assertNotIn(self.cell_z1, self._visible(user, "party.organization"))
            self.assertNotIn(self.member_z, self._visible(user, "party.member"))
        self.assertEqual(
            self._visible(self.user_officer_z, "party.organization"),
            self.committee_z | self.cell_z1,
        )
        with self.assertRaises(AccessError):
            self.cell_a1.with_user(self.user_officer_z).read(["name"])
        with self.assertRaises(AccessError):
            self.member_z.with_user(self.user_admin).read(["name"])

    def test_plain_user_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.env["party.organization"].with_user(self.user_plain).search([])
        with self.assertRaises(AccessError):
            self.env["party.member"].with_user(self.user_plain).search([])

    def test_employee_party_tab_field_is_protected(self):
        employee = self.member.employee_id
        self.assertNotIn("party_member_ids", employee.with_user(self.user_member).fields_get())
        self.assertEqual(
            employee.with_user(self.user_secretary).party_member_id, self.member
        )

    def test_rules_follow_membership_changes(self):
        # The rule cache must not keep a user in a cell they left.
        Org = self.env["party.organization"].with_user(self.user_member)
        self.assertEqual(Org.search([]), self.cell_a1)
        self.env["party.member.transfer"].create({
            "member_id": self.member.id, "direction": "internal",
            "to_organization_id": self.cell_a2.id,
        }).action_done()
        self.assertEqual(Org.search([]), self.cell_a2)
