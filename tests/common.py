import io
from contextlib import contextmanager
from datetime import timedelta

import openpyxl

from odoo import fields
from odoo.tests import TransactionCase, new_test_user


def render_xlsx(env, report, records=None, data=None):
    """A workbook printed through its ir.actions.report as ``env``'s user, read back.

    The same path as the Print menu: report_xlsx's _render_xlsx on the report action.
    """
    ids = records.ids if records else None
    content, kind = env["ir.actions.report"]._render_xlsx(report, ids, dict(data or {}))
    assert kind == "xlsx", kind
    return openpyxl.load_workbook(io.BytesIO(content))


class PartyCase(TransactionCase):
    """A small party tree in two companies, with a user of every kind.

    Company 1: upper U > committees A and B; A has cells A1 and A2, B has cell B1.
    Company 2: committee Z with cell Z1.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company2 = cls.env["res.company"].create({"name": "Sở Tư pháp"})
        Org = cls.env["party.organization"]
        cls.upper = Org.create({"name": "Đảng bộ Khối", "org_type": "upper", "code": "DBK"})
        cls.committee_a = Org.create({
            "name": "Đảng bộ Cục A", "org_type": "grassroots_committee", "parent_id": cls.upper.id,
        })
        cls.committee_b = Org.create({
            "name": "Đảng bộ Cục B", "org_type": "grassroots_committee", "parent_id": cls.upper.id,
        })
        cls.cell_a1 = Org.create(
            {"name": "Chi bộ A1", "parent_id": cls.committee_a.id, "code": "A1"}
        )
        cls.cell_a2 = Org.create({"name": "Chi bộ A2", "parent_id": cls.committee_a.id})
        cls.cell_b1 = Org.create({"name": "Chi bộ B1", "parent_id": cls.committee_b.id})
        cls.committee_z = Org.create({
            "name": "Đảng bộ Z", "org_type": "grassroots_committee", "company_id": cls.company2.id,
        })
        cls.cell_z1 = Org.create({
            "name": "Chi bộ Z1", "parent_id": cls.committee_z.id, "company_id": cls.company2.id,
        })

        cls.user_member = cls._user("member_a1", "group_party_member")
        cls.user_member2 = cls._user("member2_a1", "group_party_member")
        cls.user_secretary = cls._user("secretary_a1", "group_party_secretary")
        cls.user_secretary_b = cls._user("secretary_b1", "group_party_secretary")
        cls.user_officer = cls._user("officer_a", "group_party_committee")
        cls.user_inspector = cls._user("inspector_a", "group_party_inspector")
        cls.user_admin = cls._user("party_admin", "group_party_admin")
        cls.user_officer_z = cls._user(
            "officer_z", "group_party_committee", company=cls.company2
        )
        cls.user_plain = new_test_user(cls.env, login="plain_user", groups="base.group_user")

        cls.committee_a.committee_user_ids = cls.user_officer
        cls.committee_a.inspector_user_ids = cls.user_inspector
        cls.committee_z.committee_user_ids = cls.user_officer_z

        cls.member = cls._member("Nguyễn Văn An", cls.cell_a1, user=cls.user_member,
                                 card_number="78.000001")
        cls.member2 = cls._member("Trần Thị Bình", cls.cell_a1, user=cls.user_member2,
                                  card_number="78.000002")
        cls.secretary = cls._member("Lê Văn Cường", cls.cell_a1, user=cls.user_secretary,
                                    committee_role="secretary", card_number="78.000003")
        cls.member_a2 = cls._member("Phạm Thị Dung", cls.cell_a2, card_number="78.000004")
        cls.secretary_b = cls._member("Hoàng Văn Em", cls.cell_b1, user=cls.user_secretary_b,
                                      committee_role="secretary", card_number="78.000005")
        cls.member_z = cls._member("Vũ Thị Giang", cls.cell_z1, card_number="78.000006")

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # noqa: N802 (unittest's name)
        """Like Odoo's assertRaises: roll the failed operation back, then check the message."""
        with self._assertRaises(exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), regex)

    @classmethod
    def _user(cls, login, group, company=None):
        company = company or cls.company
        return new_test_user(
            cls.env, login=login, groups=f"base.group_user,party_cell.{group}",
            company_id=company.id, company_ids=[company.id],
        )

    @classmethod
    def _employee(cls, name, company=None, **vals):
        return cls.env["hr.employee"].create(
            dict({"name": name, "company_id": (company or cls.company).id}, **vals)
        )

    @classmethod
    def _meeting(cls, cell, start="2026-11-03 07:00:00", minutes=120, **vals):
        start_dt = fields.Datetime.to_datetime(start)
        return cls.env["party.meeting"].create(dict({
            "organization_id": cell.id,
            "date_start": start_dt,
            "date_end": start_dt + timedelta(minutes=minutes),
            "location": "Hội trường tầng 3",
        }, **vals))

    @classmethod
    def _member(cls, name, cell, user=None, **vals):
        employee = cls._employee(
            name, company=cell.company_id, user_id=user.id if user else False
        )
        return cls.env["party.member"].create(dict({
            "employee_id": employee.id,
            "organization_id": cell.id,
            "state": "official",
            "admission_date": "2010-05-19",
            "official_date": "2011-05-19",
        }, **vals))
