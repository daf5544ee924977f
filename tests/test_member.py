import psycopg2
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PartyCase


@tagged("post_install", "-at_install")
class TestMember(PartyCase):
    def test_one_active_membership_per_employee(self):
        with self.assertRaisesRegex(ValidationError, "already has an active party membership"):
            self.env["party.member"].create({
                "employee_id": self.member.employee_id.id,
                "organization_id": self.cell_a2.id,
            })
        # Once the first membership has ended, a new one is allowed.
        self.member.write({"state": "transferred", "end_date": "2025-01-01"})
        again = self.env["party.member"].create({
            "employee_id": self.member.employee_id.id,
            "organization_id": self.cell_a2.id,
        })
        self.assertEqual(again.state, "probationary")

    @mute_logger("odoo.sql_db")
    def test_card_number_unique(self):
        employee = self._employee("Đỗ Văn Hải")
        with self.assertRaises(psycopg2.IntegrityError), self.cr.savepoint():
            self.env["party.member"].create({
                "employee_id": employee.id, "organization_id": self.cell_a1.id,
                "card_number": "78.000001",
            })
        # Several members without a card number are fine.
        for name in ("Một", "Hai"):
            self.env["party.member"].create({
                "employee_id": self._employee(name).id, "organization_id": self.cell_a2.id,
            })

    def test_official_date_after_admission(self):
        with self.assertRaisesRegex(ValidationError, "official date must come after"):
            self.member.official_date = "2009-01-01"

    def test_admission_age(self):
        employee = self._employee("Ngô Văn Khoa", birthday="2010-01-01")
        with self.assertRaisesRegex(ValidationError, "between 18 and 60"):
            self.env["party.member"].create({
                "employee_id": employee.id, "organization_id": self.cell_a1.id,
                "admission_date": "2025-06-01",
            })
        employee.birthday = "1960-01-01"
        with self.assertRaisesRegex(ValidationError, "was 65 at admission"):
            self.env["party.member"].create({
                "employee_id": employee.id, "organization_id": self.cell_a1.id,
                "admission_date": "2025-06-01",
            })
        employee.birthday = "1990-01-01"
        member = self.env["party.member"].create({
            "employee_id": employee.id, "organization_id": self.cell_a1.id,
            "admission_date": "2025-06-01",
        })
        self.assertEqual(member.probation_end_date, fields.Date.to_date("2026-06-01"))

    def test_official_needs_date(self):
        with self.assertRaisesRegex(ValidationError, "need an official date"):
            self.member.official_date = False

    def test_party_age_and_badges(self):
        self.member.admission_date = "1996-11-22"
        member = self.member.with_context(party_today=fields.Date.to_date("2026-11-22"))
        self.assertEqual(member.party_age, 30)
        self.assertEqual(member.next_badge_years, 40)
        self.assertEqual(member.next_badge_date, fields.Date.to_date("2036-11-22"))
        member = self.member.with_context(party_today=fields.Date.to_date("2026-11-21"))
        self.assertEqual(member.party_age, 29)
        self.assertEqual(member.next_badge_years, 30)

    def test_probation_reminder_cron(self):
        employee = self._employee("Bùi Thị Lan")
        probationer = self.env["party.member"].create({
            "employee_id": employee.id, "organization_id": self.cell_a1.id,
            "admission_date": "2025-11-20",
        })
        activity_type = self.env.ref("party_cell.mail_activity_type_probation_end")

        def reminders():
            return self.env["mail.activity"].search([
                ("res_model", "=", "party.member"), ("res_id", "=", probationer.id),
                ("activity_type_id", "=", activity_type.id),
            ])

        with freeze_time("2026-11-19"):
            self.env["party.member"]._cron_probation_reminder()
        self.assertFalse(reminders())
        with freeze_time("2026-11-20"):
            self.env["party.member"]._cron_probation_reminder()
            self.env["party.member"]._cron_probation_reminder()
        self.assertEqual(len(reminders()), 1, "one reminder, not one per run")
        self.assertEqual(reminders().user_id, self.user_secretary)

    def test_state_wizard(self):
        employee = self._employee("Đinh Văn Minh")
        probationer = self.env["party.member"].create({
            "employee_id": employee.id, "organization_id": self.cell_a1.id,
            "admission_date": "2025-10-01",
        })
        Wizard = self.env["party.member.state.wizard"].with_user(self.user_secretary)
        Wizard.create({
            "member_ids": [probationer.id], "new_state": "official", "date": "2026-10-01",
            "vote_for": 3, "decision_number": "15-QĐ/ĐU",
        }).action_apply()
        self.assertEqual(probationer.state, "official")
        self.assertEqual(probationer.official_date, fields.Date.to_date("2026-10-01"))
        Wizard.create({
            "member_ids": [probationer.id], "new_state": "exempted", "date": "2026-10-05",
            "reason": "Ốm dài ngày",
        }).action_apply()
        Wizard.create({
            "member_ids": [probationer.id], "new_state": "official", "date": "2026-11-05",
        }).action_apply()
        self.assertEqual(probationer.official_date, fields.Date.to_date("2026-10-01"),
                         "resuming keeps the original official date")
        Wizard.create({
            "member_ids": [probationer.id], "new_state": "deceased", "date": "2026-11-10",
        }).action_apply()
        with self.assertRaisesRegex(UserError, "cannot change from Deceased"):
            Wizard.create({
                "member_ids": [probationer.id], "new_state": "official", "date": "2026-11-11",
            })

    def test_transfers(self):
        Transfer = self.env["party.member.transfer"].with_user(self.user_officer)
        Transfer.create({
            "member_id": self.member.id, "direction": "internal",
            "to_organization_id": self.cell_a2.id, "date": "2026-03-01",
        }).action_done()
        self.assertEqual(self.member.organization_id, self.cell_a2)
        self.assertEqual(self.member.transfer_ids.from_organization_id, self.cell_a1)
        out = Transfer.create({
            "member_id": self.member.id, "direction": "out", "date": "2026-06-01",
            "external_organization": "Đảng bộ tỉnh Nghệ An",
        })
        out.action_done()
        self.assertEqual(self.member.state, "transferred")
        self.assertEqual(self.member.end_date, fields.Date.to_date("2026-06-01"))
        with self.assertRaisesRegex(UserError, "part of the member's history"):
            out.unlink()
        with self.assertRaisesRegex(ValidationError, "needs the receiving cell"):
            Transfer.create({"member_id": self.member2.id, "direction": "internal"})
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            Transfer.create({
                "member_id": self.member2.id, "direction": "in", "transfer_type": "temporary",
                "external_organization": "Chi bộ X", "date": "2026-06-01",
                "date_end": "2026-05-01",
            })
