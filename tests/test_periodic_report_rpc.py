"""Periodic reports over the external API: an issued report holds for every role, and who
reads which report.

The machinery of test_locks_rpc: each attempt runs for every role in a savepoint that is
rolled back; unless the table names the role as one whose decision it is, it must be
refused with the reports, their stored PDF and every party table's row count unchanged.
The member of the table sits on committee A (its deputy secretary) and so writes its
drafts, as does the secretary of cell A1 (its secretary): the strongest members there are.
"""

import base64
import logging

from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_bad_input import party_row_counts
from .test_external_api import ApiCase
from .test_locks_rpc import ROLES, _call, _create, _load, _w
from .test_periodic_report import PeriodicReportCase

_logger = logging.getLogger(__name__)

WRITERS = ("member", "secretary", "committee", "admin")
MODEL = "party.periodic.report"
FORGED_PDF = base64.b64encode(b"%PDF-1.4 forged").decode()


def _new(vals, context=None):
    return _create(MODEL, lambda t: dict({"organization_id": t.targets["issued"].organization_id.id,
                                          "period_kind": "month", "year": 2026, "month": "7"},
                                         **vals), context)


ATTEMPTS = [
    ("issued: rewrite the body", _w("issued", {"body": "<p>Sửa</p>"}), ()),
    ("issued: renumber", _w("issued", {"number": "99-BC/ĐU"}), ()),
    ("issued: renumber the sequence", _w("issued", {"number_sequence": 99}), ()),
    ("issued: back to draft", _w("issued", {"state": "draft"}), ()),
    ("issued: write a figure", _w("issued", {"meeting_held_count": 40}), ()),
    ("issued: write the findings", _w("issued", {"visit_findings": "<p>Tốt</p>"}), ()),
    ("issued: move its dates", _w("issued", {"date_to": "2026-12-15"}), ()),
    ("issued: another period", _w("issued", {"quarter": "3"}), ()),
    ("issued: another organisation", _w("issued", lambda t: {
        "organization_id": t.targets["other_org"].id}), ()),
    ("issued: back-date the issue", _w("issued", {"date_issued": "2026-01-01"}), ()),
    ("issued: point to another PDF", _w("issued", lambda t: {
        "attachment_id": t.targets["forged"].id}), ()),
    ("issued: write with a lock context key", _w("issued", {"body": "<p>Sửa</p>"},
                                                 {"party_lock_open": True, "force": True}), ()),
    ("issued: delete", _call("issued", "unlink"), ()),
    ("issued: import over it (load)", _load(MODEL, [".id", "body"], lambda t: [
        [str(t.targets["issued"].id), "Sửa"]]), ()),
    ("issued: mass write with a draft", lambda t: (
        "write", MODEL, [t.ids("draft") + t.ids("issued"), {"body": "<p>Sửa</p>"}], {}), ()),
    ("issued: issue again", _call("issued", "action_issue"), ()),
    ("issued: count the figures again", _call("issued", "action_refresh_figures"), ()),
    ("issued: call the private figures method", _call("issued", "_fill_figures"), ()),
    ("issued: call the private workflow write", _call(
        "issued", "_write_workflow", {"state": "draft"}), ()),
    ("issued: replace the stored PDF", _w("pdf", {"datas": FORGED_PDF}), ()),
    ("issued: delete the stored PDF", _call("pdf", "unlink"), ()),
    ("issued: cancel (the office's decision)", _call("issued", "action_cancel"),
     ("committee", "admin")),
    ("draft: write a figure", _w("draft", {"rating_good_count": 5}), ()),
    ("draft: write a number", _w("draft", {"number": "07-BC/ĐU"}), ()),
    ("draft: issue by writing state", _w("draft", {"state": "issued"}), ()),
    ("draft: write the assessment", _w("draft", {"body": "<p>Đánh giá.</p>"}), WRITERS),
    ("new: create issued", _new({"state": "issued", "number": "50-BC/ĐU"}), ()),
    ("new: create issued through a default", _new({}, {"default_state": "issued",
                                                      "default_number": "50-BC/ĐU"}), ()),
    ("new: create with figures", _new({"meeting_held_count": 12}), ()),
    ("new: same quarter as the issued one", _create(MODEL, lambda t: {
        "organization_id": t.targets["issued"].organization_id.id, "period_kind": "quarter",
        "year": 2026, "quarter": "4"}), ()),
    ("new: a draft for July", _new({}), WRITERS),
]


@tagged("post_install", "-at_install")
class TestPeriodicReportOverRpc(ApiCase, PeriodicReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Report = env["party.periodic.report"].with_user(cls.user_officer)
        issued = Report.create({"organization_id": cls.committee_a.id,
                                "period_kind": "quarter", "year": 2026, "quarter": "4"})
        issued.action_issue()
        draft = Report.create({"organization_id": cls.committee_a.id, "period_kind": "month",
                               "year": 2026, "month": "8"})
        other = env["party.periodic.report"].create({
            "organization_id": cls.committee_b.id, "period_kind": "quarter", "year": 2026,
            "quarter": "4"})
        forged = env["ir.attachment"].create({
            "name": "forged.pdf", "raw": b"%PDF-1.4 forged", "res_model": MODEL,
            "res_id": draft.id})
        cls.targets = {"issued": issued, "draft": draft, "other": other, "forged": forged,
                       "pdf": issued.attachment_id, "other_org": cls.committee_b}
        cls.role_users = {
            "member": cls.user_member, "secretary": cls.user_secretary,
            "committee": cls.user_officer, "inspector": cls.user_inspector,
            "admin": cls.user_admin,
        }

    def ids(self, key):
        return self.targets[key].ids

    def _snapshot(self):
        self.env.invalidate_all()
        reports = self.env[MODEL].sudo().search([]).read(
            [name for name, field in self.env[MODEL]._fields.items()
             if field.column_type and name not in ("write_date", "write_uid")])
        pdf = self.targets["pdf"].sudo()
        return reports, (pdf.checksum, pdf.name), party_row_counts(self.env)

    @mute_logger("odoo.sql_db", "odoo.http")
    def test_an_issued_report_holds_for_every_role(self):
        self._run_lock_table(ATTEMPTS, ROLES, "periodic reports")

    def test_who_reads_which_report(self):
        committee_a = {self.targets["issued"].id, self.targets["draft"].id}
        expected = {
            self.user_member: committee_a,  # deputy secretary on committee A
            self.user_member2: set(),  # a plain member of cell A1
            self.user_secretary_b: set(),  # secretary of cell B1, not on committee A
            self.user_officer: committee_a,
            self.user_inspector: committee_a,
            self.user_admin: committee_a | {self.targets["other"].id},
            self.user_officer_z: set(),
        }
        for user, ids in expected.items():
            with self.subTest(user=user.login):
                client = self._client(user)
                rows = self._call(client, MODEL, "search_read", [], ["number", "body"])
                self.assertEqual({row["id"] for row in rows}, ids)
        member2 = self._client(self.user_member2)
        self._refused("odoo.exceptions.AccessError", "", member2, MODEL, "read",
                      self.ids("issued"), ["body"])
        inspector = self._client(self.user_inspector)
        self._refused("odoo.exceptions.AccessError", "", inspector, MODEL, "write",
                      self.ids("draft"), {"body": "<p>Sửa</p>"})
