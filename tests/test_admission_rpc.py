"""Admission, recognition and the yearly review over the external API: the locks hold, the
dossiers stay private.

The table follows tests/test_locks_rpc.py: each attempt, as a member, the cell's secretary,
a committee officer of its organisation, an inspector who follows it and a party
administrator, runs over JSON-RPC (odoorpc) in a savepoint that is rolled back, and is
expected refused with every locked record and every party table unchanged, unless the
table names the roles whose decision it is.
"""

import base64
import logging

from odoo.tests import tagged
from odoo.tools import mute_logger

from . import test_locks_rpc as locks
from .test_bad_input import party_row_counts
from .test_external_api import ApiCase
from .test_locks_rpc import ROLES, _call, _create, _load, _w

_logger = logging.getLogger(__name__)
PDF = base64.b64encode(b"%PDF-1.4 giay to").decode()

ATTEMPTS = [
    # The admitted candidate ---------------------------------------------------------------
    ("admitted: rewrite the vote", _w("admitted", {"vote_for": 2, "vote_total": 2}), ()),
    ("admitted: renumber the decision", _w("admitted", {"decision_number": "99-QĐ/ĐU"}), ()),
    ("admitted: move the ceremony", _w("admitted", {"ceremony_date": "2026-07-01"}), ()),
    ("admitted: back to voted by writing state", _w("admitted", {"state": "voted"}), ()),
    ("admitted: point to another membership", _w("admitted", lambda t: {
        "member_id": t.targets["other_member"].id}), ()),
    ("admitted: rewrite who decided", _w("admitted", lambda t: {
        "decision_user_id": t.role_users["member"].id}), ()),
    ("admitted: replace the decision file", _w("admitted", {"decision_document": PDF}), ()),
    ("admitted: delete", _call("admitted", "unlink"), ()),
    ("admitted: copy", _call("admitted", "copy"), ()),
    ("admitted: ceremony again", _call("admitted", "action_hold_ceremony"), ()),
    ("admitted: refuse it now", _call("admitted", "action_refuse"), ()),
    ("admitted: private _write_workflow", _call("admitted", "_write_workflow",
                                               {"state": "candidate"}), ()),
    ("admitted: import over it (load)", _load(
        "party.admission", [".id", "decision_number"],
        lambda t: [[str(t.targets["admitted"].id), "99-QĐ/ĐU"]]), ()),
    ("admission: create it admitted", _create("party.admission", lambda t: {
        "employee_id": t.targets["free_employee"].id,
        "organization_id": t.targets["admitted"].organization_id.id, "state": "admitted",
        "vote_for": 3, "vote_total": 3}), ()),
    ("admission: create with context default_state", _create("party.admission", lambda t: {
        "employee_id": t.targets["free_employee"].id,
        "organization_id": t.targets["admitted"].organization_id.id},
        context={"default_state": "decided", "default_decision_user_id": 2}), ()),
    # The admission the cell voted on ------------------------------------------------------
    ("voted: rewrite the vote", _w("voted", {"vote_for": 3}), ()),
    ("voted: change the introducers", _w("voted", {"introducer_ids": [(6, 0, [])]}), ()),
    ("voted: rewrite the residence comments", _w("voted", {"residence_comment": "Sửa"}), ()),
    ("voted: skip to admitted by writing state", _w("voted", {"state": "admitted"}), ()),
    ("voted: delete", _call("voted", "unlink"), ()),
    ("voted: the committee decides", _call("voted", "action_decide"), ("committee", "admin")),
    # The recognised member --------------------------------------------------------------
    ("recognised: rewrite the vote", _w("recognised", {"vote_for": 1}), ()),
    ("recognised: call it late", _w("recognised", {"outcome": "late"}), ()),
    ("recognised: reopen by writing state", _w("recognised", {"state": "review"}), ()),
    ("recognised: renumber the decision", _w("recognised", {"decision_number": "9"}), ()),
    ("recognised: delete", _call("recognised", "unlink"), ()),
    ("recognised: decide again", _call("recognised", "action_decide"), ()),
    ("recognised: refuse it now", _call("recognised", "action_refuse"), ()),
    ("recognition: create it recognised", _create("party.recognition", lambda t: {
        "member_id": t.targets["probationary"].id, "state": "recognised",
        "outcome": "on_time"}), ()),
    # The decided yearly review ------------------------------------------------------------
    ("review: rewrite the cell's comments", _w("review", {"cell_comment": "Sửa"}), ()),
    ("review: rewrite the residence comments", _w("review", {
        "residence_comment": "Sửa", "residence_received_date": "2026-12-30"}), ()),
    ("review: move the residence deadline", _w("review", {
        "residence_deadline": "2027-03-01"}), ()),
    ("review: commitments (0) add through it", _w("review", lambda t: {"commitment_ids": [
        (0, 0, {"name": "Cam kết thêm", "deadline": "2027-06-30", "kind": "commitment",
                "assignee_ids": [(6, 0, t.targets["other_member"].ids)]})]}), ()),
]
SNAPSHOT_KEYS = ("admitted", "voted", "recognised", "official_member", "review")


@tagged("post_install", "-at_install")
class TestAdmissionOverRpc(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.cell_a1_member3 = cls._member("Đinh Văn Lâm", cls.cell_a1)
        introducers = cls.member | cls.member2

        def admission(name, until):
            record = env["party.admission"].create({
                "employee_id": cls._employee(name).id, "organization_id": cls.cell_a1.id,
                "course_date": "2026-03-10", "course_certificate": PDF, "cv_document": PDF,
                "introducer_ids": [(6, 0, introducers.ids)],
                "mass_organization_comment": "Đồng ý", "residence_comment": "Tốt",
            })
            record.action_complete_course()
            record.action_complete_dossier()
            record.write({"vote_date": "2026-05-05", "vote_for": 4,
                          "decision_number": "15-QĐ/ĐU", "decision_date": "2026-05-20"})
            record.action_record_vote()
            if until == "admitted":
                record.action_decide()
                record.ceremony_date = "2026-06-01"
                record.action_hold_ceremony()
            return record

        admitted = admission("Đỗ Thị Hạnh", "admitted")
        voted = admission("Mai Văn Long", "voted")
        official = cls._member("Ngô Văn Khoa", cls.cell_a1, admission_date="2025-10-01",
                               official_date=False, state="probationary")
        recognised = env["party.recognition"].create({
            "member_id": official.id, "self_review": "Tốt", "introducer_comment": "Đủ tư cách",
            "residence_comment": "Gương mẫu", "vote_date": "2026-10-05", "vote_for": 4,
            "decision_number": "40-QĐ/ĐU", "decision_date": "2026-10-15",
        })
        recognised.action_record_vote()
        recognised.action_decide()
        review = env["party.appraisal"].create({
            "year": 2026, "member_id": cls.member2.id, "score": 85, "self_rating": "good",
            "proposed_rating": "good", "rating": "good", "state": "decided",
            "cell_comment": "Hoàn thành tốt nhiệm vụ", "residence_sent_date": "2026-11-02",
            "residence_received_date": "2026-11-16", "residence_comment": "Gương mẫu",
        })
        cls.targets = {
            "admitted": admitted, "voted": voted, "recognised": recognised, "review": review,
            "official_member": official, "other_member": cls.member2,
            "free_employee": cls._employee("Quần chúng ưu tú"),
            "probationary": cls._member("Dự bị khác", cls.cell_a1, admission_date="2026-01-05",
                                        official_date=False, state="probationary"),
        }
        cls.role_users = {
            "member": cls.user_member, "secretary": cls.user_secretary,
            "committee": cls.user_officer, "inspector": cls.user_inspector,
            "admin": cls.user_admin,
        }

    # The targets' ids as test_locks_rpc reads them (the class itself is not imported
    # here, or the runner would run it twice).
    ids = locks.TestLocksOverRpc.ids

    def _snapshot(self):
        self.env.invalidate_all()
        values = {}
        for key in SNAPSHOT_KEYS:
            record = self.targets[key].sudo().exists()
            fnames = [name for name, field in record._fields.items() if field.store
                      and field.type != "one2many" and not name.startswith(
                          ("message_", "activity_", "write_", "__"))]
            values[key] = record.read(fnames) if record else "deleted"
        values["rows"] = party_row_counts(self.env)
        return values

    @mute_logger("odoo.sql_db", "odoo.http")
    def test_every_lock_holds_for_every_role(self):
        self.assertEqual(
            (self.targets["admitted"].state, self.targets["voted"].state,
             self.targets["recognised"].state, self.targets["official_member"].state),
            ("admitted", "voted", "recognised", "official"))
        self._run_lock_table(ATTEMPTS, ROLES, "admissions and recognitions")


@tagged("post_install", "-at_install")
class TestAdmissionPrivacyOverRpc(ApiCase):
    """Members read their own dossier only, secretaries their cells', committees their tree."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.user_probationary = cls._user("probationary_a1", "group_party_member")
        cls.probationary = cls._member("Ngô Văn Khoa", cls.cell_a1, user=cls.user_probationary,
                                       admission_date="2025-12-01", official_date=False,
                                       state="probationary")
        cls.own_review = env["party.recognition"].create({"member_id": cls.probationary.id})
        cls.other_review = env["party.recognition"].create({
            "member_id": cls._member("Dự bị A2", cls.cell_a2, admission_date="2025-12-01",
                                     official_date=False, state="probationary").id})
        cls.admission_a1 = env["party.admission"].create({
            "employee_id": cls._employee("Ứng viên A1").id, "organization_id": cls.cell_a1.id})
        cls.admission_b1 = env["party.admission"].create({
            "employee_id": cls._employee("Ứng viên B1").id, "organization_id": cls.cell_b1.id})
        cls.appraisal_b1 = env["party.appraisal"].create({
            "year": 2026, "member_id": cls.secretary_b.id, "cell_comment": "Tốt",
            "residence_comment": "Gương mẫu"})

    def _visible(self, client, model):
        return set(self._call(client, model, "search", []))

    @mute_logger("odoo.http")
    def test_each_role_reads_its_own_dossiers(self):
        expected = {
            # role: (admissions, recognitions) it may read
            self.user_probationary: (set(), {self.own_review.id}),
            self.user_member: (set(), set()),
            self.user_secretary: ({self.admission_a1.id}, {self.own_review.id}),
            self.user_secretary_b: ({self.admission_b1.id}, set()),
            self.user_officer: ({self.admission_a1.id},
                                {self.own_review.id, self.other_review.id}),
            self.user_officer_z: (set(), set()),
        }
        for user, (admissions, reviews) in expected.items():
            with self.subTest(user=user.login):
                client = self._client(user)
                self.assertEqual(self._visible(client, "party.admission"), admissions)
                self.assertEqual(self._visible(client, "party.recognition"), reviews)
        member = self._client(self.user_probationary)
        for model, record in (("party.admission", self.admission_b1),
                              ("party.admission", self.admission_a1),
                              ("party.recognition", self.other_review),
                              ("party.appraisal", self.appraisal_b1)):
            with self.subTest(model=model, record=record.display_name):
                self._refused("odoo.exceptions.AccessError", "", member, model, "read",
                              record.ids, ["display_name"])
        self._refused("odoo.exceptions.AccessError", "", self._client(self.user_secretary_b),
                      "party.recognition", "write", self.own_review.ids, {"self_review": "x"})
        self._refused("odoo.exceptions.AccessError", "", member, "party.recognition", "write",
                      self.own_review.ids, {"self_review": "Tự viết"})
