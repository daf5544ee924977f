from datetime import date

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import PartyCase


class FeeCase(PartyCase):
    """Cell A1 collects its fees: member2 is its treasurer, the secretary its secretary."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cell_a1.fee_treasurer_id = cls.member2
        bases = {cls.member: 8_000_000, cls.member2: 6_500_000, cls.secretary: 12_000_000,
                 cls.member_a2: 5_000_000, cls.secretary_b: 7_000_000}
        for member, base in bases.items():
            member.fee_base_amount = base
        cls.env.invalidate_all()

    def _period(self, cell, month, user=None):
        period = self.env["party.fee.period"].with_user(user or self.user_secretary).create(
            {"organization_id": cell.id, "month": month})
        period.action_generate_lines()
        return period

    def _pay(self, line, receipt, day="2026-03-05", user=None):
        wizard = self.env["party.fee.payment.wizard"].with_user(
            user or self.user_member2).create(
            {"line_id": line.id, "receipt_number": receipt, "paid_date": day})
        wizard.action_apply()


@tagged("post_install", "-at_install")
class TestFeeRule(FeeCase):
    def test_the_rule_in_force_sets_the_amount(self):
        Rule = self.env["party.fee.rule"]
        cases = [  # (kind, month, base, amount, reference)
            ("salary", "2025-12-01", 8_000_000, 80_000, "342-QĐ/TW"),
            ("salary", "2026-03-01", 8_000_000, 80_000, "01-QĐ/TW"),
            ("pension", "2026-03-01", 4_000_000, 20_000, "01-QĐ/TW"),
            ("allowance", "2026-03-01", 3_000_000, 30_000, "01-QĐ/TW"),
            ("student", "2025-06-01", 0, 2_000, "342-QĐ/TW"),
            ("student", "2026-03-01", 0, 5_000, "01-QĐ/TW"),
        ]
        for kind, month, base, amount, reference in cases:
            with self.subTest(kind=kind, month=month):
                day = fields.Date.to_date(month)
                rule = Rule._rules_for([day])[kind, day]
                self.assertEqual(rule.reference, reference)
                self.assertEqual(rule._amount(base), amount)

    def test_bad_rules_are_refused(self):
        Rule = self.env["party.fee.rule"].with_user(self.user_admin)
        base = {"name": "Quy định mới", "reference": "02-QĐ/TW", "reference_date": "2027-01-01",
                "income_kind": "salary"}
        cases = {
            "overlaps the rule in force": {"date_from": "2026-06-01", "rate": 1.0},
            "ends before it starts": {"date_from": "2030-06-01", "date_to": "2030-01-01",
                                      "rate": 1.0},
            "rate above 100%": {"date_from": "2030-01-01", "rate": 150.0},
            "neither rate nor amount": {"date_from": "2030-01-01"},
        }
        for label, vals in cases.items():
            with self.subTest(label), self.assertRaises(ValidationError):
                Rule.create(dict(base, **vals))
        with self.assertRaises(AccessError):
            self.env["party.fee.rule"].with_user(self.user_officer).create(
                dict(base, date_from="2030-01-01", rate=1.0))

    def test_the_next_rule_closes_the_previous_one(self):
        current = self.env.ref("party_cell.party_fee_rule_01_salary")
        current.with_user(self.user_admin).date_to = "2029-12-31"
        new = self.env["party.fee.rule"].with_user(self.user_admin).create({
            "name": "Quy định 2030", "reference": "99-QĐ/TW", "reference_date": "2029-11-01",
            "date_from": "2030-01-01", "income_kind": "salary", "rate": 1.5})
        day = fields.Date.to_date("2030-02-01")
        self.assertEqual(self.env["party.fee.rule"]._rules_for([day])["salary", day], new)

    @mute_logger("odoo.sql_db")
    def test_bases_are_imported_per_member(self):
        Member = self.env["party.member"].with_user(self.user_secretary)
        result = Member.load([".id", "fee_base_amount", "fee_income_kind"], [
            [str(self.member.id), "9500000", "Pension"],
            [str(self.member2.id), "7000000", "Salary (social insurance base)"],
        ])
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(self.member.fee_base_amount, 9_500_000)
        self.assertEqual(self.member.fee_income_kind, "pension")
        bad = Member.load([".id", "fee_base_amount"], [[str(self.member.id), "-5"]])
        self.assertFalse(bad["ids"])
        self.assertEqual(self.member.fee_base_amount, 9_500_000)
        # A plain member cannot set anyone's base, not even their own.
        with self.assertRaises(AccessError):
            self.member.with_user(self.user_member).fee_base_amount = 1

    def test_settings_page_holds_the_fee_rules(self):
        user = self.env["res.users"].create({
            "name": "Sys", "login": "sys_fee",
            "groups_id": [(6, 0, [self.env.ref("base.group_system").id,
                                  self.env.ref("base.group_user").id])]})
        form = Form(self.env["res.config.settings"].with_user(user))
        self.assertEqual(form.party_fee_keep_cell, 30.0)
        form.party_fee_keep_cell = 40.0
        form.save().execute()
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param(
            "party_cell.fee_keep_cell"), "40.0")
        for field, value in (("party_fee_keep_cell", 120.0), ("party_fee_removal_months", 0)):
            with self.subTest(field=field), self.assertRaises(ValidationError):
                form = Form(self.env["res.config.settings"].with_user(user))
                setattr(form, field, value)
                form.save()


@tagged("post_install", "-at_install")
class TestFeeCollection(FeeCase):
    def test_a_month_is_collected_shared_and_closed(self):
        meeting = self._meeting(self.cell_a1, start="2026-03-03 07:00:00")
        period = self._period(self.cell_a1, "2026-03-01", user=self.user_member2)
        lines = period.line_ids
        self.assertEqual(sorted(lines.mapped("member_name")),
                         sorted(["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]))
        self.assertEqual(sum(lines.mapped("amount")), 80_000 + 65_000 + 120_000)
        self.assertEqual(set(lines.rule_id.mapped("reference")), {"01-QĐ/TW"})
        # Generating again adds nobody twice.
        self.assertFalse(period.action_generate_lines())
        line_an = lines.filtered(lambda line: line.member_id == self.member)
        line_binh = lines.filtered(lambda line: line.member_id == self.member2)
        self._pay(line_an, "PT-001")
        self._pay(line_binh, "PT-002", user=self.user_secretary)
        self.assertEqual(line_an.state, "paid")
        self.assertEqual(period.amount_paid, 145_000)
        self.assertEqual(period.amount_kept, round(145_000 * 0.3))
        self.assertEqual(period.amount_remitted, 145_000 - round(145_000 * 0.3))
        self.assertIn("2 of 3", meeting.party_fee_report)
        line_cuong = lines - line_an - line_binh
        bad = [  # (label, line, receipt, day)
            ("paid twice", line_an, "PT-009", "2026-03-06"),
            ("duplicate receipt", line_cuong, "PT-001", "2026-03-06"),
            ("no receipt", line_cuong, " ", "2026-03-06"),
            ("future date", line_cuong, "PT-010", "2099-01-01"),
        ]
        for label, line, receipt, day in bad:
            with self.subTest(label), self.assertRaises(UserError):
                self._pay(line, receipt, day)
        self.assertEqual(line_cuong.state, "due")
        with self.assertRaises(UserError):  # a payment is never written directly
            line_cuong.with_user(self.user_member2).write(
                {"state": "paid", "receipt_number": "X", "paid_date": "2026-03-05"})
        # Another cell's secretary collects nothing here.
        with self.assertRaises(UserError):
            self._pay(line_cuong, "PT-011", user=self.user_secretary_b)
        period.with_user(self.user_member2).action_close()
        self.assertEqual(period.state, "closed")
        for label, call in (
            ("write a line", lambda: line_cuong.with_user(self.user_secretary).write(
                {"base_amount": 1})),
            ("delete a line", lambda: line_cuong.with_user(self.user_secretary).unlink()),
            ("add a line", lambda: self.env["party.fee.line"].with_user(
                self.user_secretary).create({"period_id": period.id,
                                             "member_id": self.member.id})),
            ("reopen as secretary", lambda: period.with_user(self.user_secretary)
             .action_reopen()),
            ("write the state", lambda: period.with_user(self.user_officer).write(
                {"state": "open"})),
            ("pay on a closed month", lambda: self._pay(line_cuong, "PT-012")),
        ):
            with self.subTest(label), self.assertRaises(UserError):
                call()
        period.with_user(self.user_officer).action_reopen()
        self.assertEqual(period.state, "open")

    def test_bad_amounts_are_refused(self):
        period = self._period(self.cell_a1, "2026-04-01")
        line = period.line_ids[:1]
        for value in (-1, -1_000_000):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                line.with_user(self.user_secretary).base_amount = value
        with self.assertRaises(ValidationError):
            self.env["party.fee.period"].with_user(self.user_secretary).create(
                {"organization_id": self.cell_a1.id, "month": "2026-06-15"}).flush_recordset()

    def test_one_line_per_member_and_month(self):
        self._period(self.cell_a1, "2026-05-01")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["party.fee.line"].with_user(self.user_secretary).create({
                "period_id": self.env["party.fee.period"].search([
                    ("organization_id", "=", self.cell_a1.id)]).id,
                "member_id": self.member.id}).flush_recordset()

    def test_who_sees_which_fees(self):
        period_a1 = self._period(self.cell_a1, "2026-03-01")
        period_b1 = self._period(self.cell_b1, "2026-03-01", user=self.user_secretary_b)
        Line = self.env["party.fee.line"]
        self.assertEqual(Line.with_user(self.user_member).search([]).member_id, self.member)
        self.assertEqual(Line.with_user(self.user_member2).search([]), period_a1.line_ids,
                         "the treasurer sees the cell's lines")
        self.assertEqual(Line.with_user(self.user_secretary_b).search([]), period_b1.line_ids)
        self.assertEqual(Line.with_user(self.user_officer).search([]), period_a1.line_ids)
        with self.assertRaises(AccessError):  # inspectors do not read the ledger
            Line.with_user(self.user_inspector).search([])
        with self.assertRaises(AccessError):
            period_b1.line_ids[:1].with_user(self.user_member).read(["amount"])
        with self.assertRaises(AccessError):
            period_a1.with_user(self.user_member).read(["amount_paid"])

    def test_three_months_in_arrears_flag_the_member(self):
        for month in ("2026-01-01", "2026-02-01", "2026-03-01"):
            period = self._period(self.cell_a1, month)
            for line in period.line_ids.filtered(lambda line: line.member_id != self.member):
                self._pay(line, f"PT-{month}-{line.id}", day="2026-03-20")
            period.action_close()
        Member = self.env["party.member"].with_user(self.user_officer).with_context(
            party_today=date(2026, 4, 1))
        flagged = Member.search([("removal_flag", "=", True)])
        self.assertEqual(flagged, self.member)
        self.assertEqual(flagged.fee_unpaid_months, 3)
        # A good reason accepted for one month takes the member off the list.
        february = self.env["party.fee.line"].search([
            ("member_id", "=", self.member.id), ("month", "=", "2026-02-01")])
        february.period_id.with_user(self.user_officer).action_reopen()
        february.with_user(self.user_secretary).excused = True
        self.assertFalse(Member.search([("removal_flag", "=", True)]))


@tagged("post_install", "-at_install")
class TestFeeBooks(FeeCase):
    def test_the_books_add_up(self):
        from .common import render_xlsx
        for cell, user in ((self.cell_a1, self.user_secretary),
                           (self.cell_b1, self.user_secretary_b)):
            for month in ("2026-01-01", "2026-02-01"):
                period = self._period(cell, month, user=user)
                for line in period.line_ids[:1]:
                    self._pay(line, f"PT-{cell.id}-{month}", day="2026-02-20", user=user)
        values = self.env["report.party_cell.party_fee_book_committee_document"].with_user(
            self.user_officer)._get_report_values(
            self.committee_a.ids, {"date_from": "2026-01-01", "date_to": "2026-03-01"})
        book = values["books"][self.committee_a.id]
        self.assertEqual([cell for cell, _row in book["rows"]], [self.cell_a1],
                         "the officer's book holds the committee's cells only")
        row = book["rows"][0][1]
        self.assertEqual(row["members"], 3)
        self.assertEqual(row["due"], 2 * (80_000 + 65_000 + 120_000))
        # The first line in name order paid each month: Lê Văn Cường, 120,000.
        self.assertEqual(row["paid"], 240_000)
        self.assertEqual(row["kept"], 72_000)
        self.assertEqual(book["totals"]["org_kept"], round(168_000 * 0.5))
        workbook = render_xlsx(self.env(user=self.user_officer), self.env.ref(
            "party_cell.action_report_party_fee_book_xlsx"), self.committee_a | self.cell_a1,
            {"date_from": "2026-01-01", "date_to": "2026-03-01"})
        sheet = workbook[self.committee_a.name[:31]]
        self.assertEqual(sheet["B5"].value, self.cell_a1.name)
        self.assertEqual(sheet["E5"].value, 240_000)
        cell_sheet = workbook["A1"]
        self.assertEqual(cell_sheet.max_row, 4 + 6)
        self.assertEqual(cell_sheet["A5"].value, "01/2026")
