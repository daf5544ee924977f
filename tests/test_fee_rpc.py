"""The fee ledger over the external API: a closed month and a paid fee hold for every role,
and a member of one cell reads no other member's fees.

The same machinery as test_locks_rpc: each attempt runs for every role in a savepoint that
is rolled back; it must be refused with the ledger (and every party table's row count)
unchanged. The table of outcomes is logged.
"""

import logging

from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_bad_input import party_row_counts
from .test_external_api import ApiCase
from .test_locks_rpc import ROLES, _call, _create, _load, _w

_logger = logging.getLogger(__name__)

ATTEMPTS = [
    ("closed month: change a base", _w("closed_line", {"base_amount": 1}), ()),
    ("closed month: write the amount", _w("closed_line", {"amount": 1}), ()),
    ("closed month: mark paid", _w("closed_line", {
        "state": "paid", "receipt_number": "GIA-1", "paid_date": "2026-02-05"}), ()),
    ("closed month: excuse the arrears", _w("closed_line", {"excused": True}), ()),
    ("closed month: delete a line", _call("closed_line", "unlink"), ()),
    ("closed month: add a line", _create("party.fee.line", lambda t: {
        "period_id": t.targets["closed"].id, "member_id": t.targets["newcomer"].id}), ()),
    ("closed month: import a line (load)", _load(
        "party.fee.line", ["period_id/.id", "member_id/.id", "base_amount"],
        lambda t: [[str(t.targets["closed"].id), str(t.targets["newcomer"].id), "100"]]), ()),
    ("closed month: reopen by writing state", _w("closed", {"state": "open"}), ()),
    ("closed month: change its month", _w("closed", {"month": "2026-05-01"}), ()),
    ("closed month: delete", _call("closed", "unlink"), ()),
    ("closed month: move a line to an open month", _w("closed_line", lambda t: {
        "period_id": t.targets["open"].id}), ()),
    ("open month: move it to another month", _w("open", {"month": "2026-06-01"}), ()),
    ("open month: back-date its closing", _w("open", {"closed_date": "2026-03-31"}), ()),
    ("paid fee: rewrite the receipt", _w("paid_line", {"receipt_number": "GIA-2"}), ()),
    ("paid fee: back to due", _w("paid_line", {"state": "due"}), ()),
    ("paid fee: lower the base", _w("paid_line", {"base_amount": 0}), ()),
    ("paid fee: delete", _call("paid_line", "unlink"), ()),
    ("paid fee: import over it (load)", _load(
        "party.fee.line", [".id", "receipt_number"],
        lambda t: [[str(t.targets["paid_line"].id), "GIA-3"]]), ()),
    ("due fee: pay by writing state", _w("due_line", {
        "state": "paid", "receipt_number": "GIA-4", "paid_date": "2026-03-05"}), ()),
    ("due fee: call the private payment method", _call(
        "due_line", "_record_payment", "PT-0301", "2026-03-05"), ()),
    ("due fee: move to another member", _w("due_line", lambda t: {
        "member_id": t.targets["newcomer"].id}), ()),
    ("due fee: write the rule applied", _w("due_line", lambda t: {
        "rule_id": t.targets["old_rule"].id}), ()),
    ("other cell: read its fees", _call("other_line", "read", ["amount", "receipt_number"]),
     ("admin",)),
]


@tagged("post_install", "-at_install")
class TestFeeLocksOverRpc(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.cell_a1.fee_treasurer_id = cls.member2
        for member in (cls.member, cls.member2, cls.secretary, cls.secretary_b):
            member.fee_base_amount = 7_000_000
        Period = env["party.fee.period"]
        closed = Period.create({"organization_id": cls.cell_a1.id, "month": "2026-02-01"})
        closed.action_generate_lines()
        closed.line_ids[:1]._record_payment("PT-0201", "2026-02-05")
        closed.action_close()
        open_ = Period.create({"organization_id": cls.cell_a1.id, "month": "2026-03-01"})
        open_.action_generate_lines()
        paid = open_.line_ids.filtered(lambda line: line.member_id == cls.member)
        paid._record_payment("PT-0301", "2026-03-05")
        other = Period.create({"organization_id": cls.cell_b1.id, "month": "2026-03-01"})
        other.action_generate_lines()
        cls.newcomer = cls._member("Đảng viên mới", cls.cell_a1, admission_date="2026-01-10",
                                   official_date=False, state="probationary")
        cls.targets = {
            "closed": closed, "closed_line": closed.line_ids.filtered(
                lambda line: line.state == "due")[:1],
            "open": open_, "paid_line": paid,
            "due_line": open_.line_ids.filtered(lambda line: line.state == "due")[:1],
            "other_line": other.line_ids[:1], "newcomer": cls.newcomer,
            "old_rule": env.ref("party_cell.party_fee_rule_342_salary"),
        }
        cls.role_users = {
            "member": cls.user_member2,  # the cell's treasurer
            "secretary": cls.user_secretary, "committee": cls.user_officer,
            "inspector": cls.user_inspector, "admin": cls.user_admin,
        }

    def ids(self, key):
        return self.targets[key].ids

    def _snapshot(self):
        self.env.invalidate_all()
        Line = self.env["party.fee.line"].sudo()
        lines = Line.search([]).read(
            ["period_id", "member_id", "base_amount", "amount", "rule_id", "state",
             "receipt_number", "paid_date", "excused"])
        periods = self.env["party.fee.period"].sudo().search([]).read(
            ["organization_id", "month", "state", "closed_date"])
        return lines, periods, party_row_counts(self.env)

    @mute_logger("odoo.sql_db", "odoo.http")
    def test_the_ledger_holds_for_every_role(self):
        self._run_lock_table(ATTEMPTS, ROLES, "fee ledger")

    def test_a_member_reads_only_their_own_fees(self):
        member = self._client(self.user_member)
        own = self._call(member, "party.fee.line", "search_read", [], ["member_id", "amount"])
        self.assertEqual({row["member_id"][0] for row in own}, {self.member.id})
        self.assertEqual(len(own), 2)  # February and March
        self._refused("odoo.exceptions.AccessError", "", member, "party.fee.line", "read",
                      self.ids("other_line"), ["amount"])
        other_secretary = self._client(self.user_secretary_b)
        seen = self._call(other_secretary, "party.fee.line", "search_read",
                          [("organization_id", "=", self.cell_a1.id)], ["amount"])
        self.assertEqual(seen, [])
        self._refused("odoo.exceptions.AccessError", "", other_secretary, "party.fee.line",
                      "read", self.ids("due_line"), ["amount"])
