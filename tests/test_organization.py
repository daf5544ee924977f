import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import PartyCase


@tagged("post_install", "-at_install")
class TestOrganization(PartyCase):
    def test_tree_names_and_cells(self):
        self.assertEqual(self.cell_a1.complete_name, "Đảng bộ Khối / Đảng bộ Cục A / Chi bộ A1")
        self.assertTrue(self.cell_a1.is_cell)
        self.assertFalse(self.committee_a.is_cell)
        self.committee_a.name = "Đảng bộ Cục Quản lý thị trường"
        self.assertEqual(
            self.cell_a1.complete_name,
            "Đảng bộ Khối / Đảng bộ Cục Quản lý thị trường / Chi bộ A1",
        )

    def test_child_of_search(self):
        Org = self.env["party.organization"].with_user(self.user_admin)
        found = Org.search([("id", "child_of", self.committee_a.id)])
        self.assertEqual(found, self.committee_a | self.cell_a1 | self.cell_a2)
        members = self.env["party.member"].with_user(self.user_admin).search(
            [("organization_id", "child_of", self.committee_a.id)]
        )
        self.assertEqual(members, self.member | self.member2 | self.secretary | self.member_a2)

    def test_no_cycles(self):
        with self.assertRaisesRegex(UserError, "Recursion"):
            self.upper.parent_id = self.committee_a

    def test_cell_has_no_children(self):
        with self.assertRaisesRegex(ValidationError, "cannot have sub-organisations"):
            self.env["party.organization"].create(
                {"name": "Tổ đảng", "parent_id": self.cell_a1.id}
            )
        with self.assertRaisesRegex(ValidationError, "cannot become a cell"):
            self.committee_a.org_type = "cell"

    def test_officers_from_member_roles(self):
        self.assertEqual(self.cell_a1.secretary_id, self.secretary)
        self.assertFalse(self.cell_a1.deputy_secretary_id)
        self.member.committee_role = "deputy_secretary"
        self.assertEqual(self.cell_a1.deputy_secretary_id, self.member)
        self.assertEqual(self.cell_a1.committee_member_ids, self.secretary | self.member)
        self.assertEqual(self.cell_a1.official_count, 3)
        self.assertEqual(self.committee_a.official_count, 4, "a committee counts its cells")
        self.assertEqual(self.upper.member_count, 5)

    def test_operational_below_minimum_warns_but_saves(self):
        self.assertTrue(self.cell_a2.below_minimum)
        self.assertFalse(self.cell_a1.below_minimum)
        form = Form(self.cell_a2.with_user(self.user_officer))
        form.is_operational = True  # the onchange warning is shown, not raised
        form.save()
        self.assertTrue(self.cell_a2.is_operational)
        result = self.cell_a2._onchange_is_operational()
        self.assertIn("at least 3 official members", result["warning"]["message"])
        self.env["ir.config_parameter"].set_param("party_cell.min_official_members", "4")
        self.cell_a1.invalidate_recordset(["below_minimum"])
        self.assertTrue(self.cell_a1.below_minimum)

    def test_delete_refused_when_used_archive_allowed(self):
        org = self.cell_a1.with_user(self.user_officer)
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            org.unlink()
        org.action_archive()
        self.assertFalse(self.cell_a1.active)
        empty = self.env["party.organization"].with_user(self.user_officer).create(
            {"name": "Chi bộ mới", "parent_id": self.committee_a.id}
        )
        empty.unlink()
        self.assertFalse(empty.exists())

    @mute_logger("odoo.sql_db")
    def test_code_unique_per_company(self):
        with self.assertRaises(psycopg2.IntegrityError), self.cr.savepoint():
            self.env["party.organization"].create(
                {"name": "Khác", "code": "A1", "parent_id": self.committee_b.id}
            )
        other = self.env["party.organization"].create(
            {"name": "Khác", "code": "A1", "parent_id": self.committee_z.id,
             "company_id": self.company2.id}
        )
        self.assertEqual(other.code, "A1")

    def test_cluster_counts(self):
        cluster = self.env["party.cluster"].create({"name": "Cụm số 3"})
        (self.committee_a | self.committee_b).cluster_id = cluster
        self.assertEqual(cluster.organization_count, 2)
