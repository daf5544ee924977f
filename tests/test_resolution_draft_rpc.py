"""Thematic resolution drafts over JSON-RPC: the adopted text and the cells' comments hold.

As in test_locks_rpc, each attempt is tried by a member of cell A1, its secretary, the
committee office, the inspector and the party administrator, in a savepoint always rolled
back; it must be refused with nothing changed unless the table names the role as one whose
decision it is.
"""

import logging

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_bad_input import party_row_counts
from .test_external_api import ApiCase
from .test_locks_rpc import ROLES, _call, _create, _w

_logger = logging.getLogger(__name__)

ATTEMPTS = [
    # The adopted resolution ---------------------------------------------------------------
    ("adopted: rewrite its text", _w("adopted", {"body": "<p>Sửa</p>"}), ()),
    ("adopted: rename it", _w("adopted", {"name": "Nghị quyết khác"}), ()),
    ("adopted: back to consultation by writing state",
     _w("adopted", {"state": "consultation"}), ()),
    ("adopted: renumber it", _w("adopted", {"resolution_number": "01-NQ/ĐU"}), ()),
    ("adopted: another adopting meeting", _w("adopted", lambda t: {
        "meeting_id": t.targets["other_meeting"].id}), ()),
    ("adopted: cancel it", _call("adopted", "action_cancel"), ()),
    ("adopted: delete it", _call("adopted", "unlink"), ()),
    ("adopted: rewrite A1's comment", _w("adopted_a1", {"comment": "Ý kiến khác"}), ()),
    ("adopted: delete A1's comment", _call("adopted_a1", "unlink"), ()),
    ("adopted: add a new cell's comment", _create("party.resolution.comment", lambda t: {
        "draft_id": t.targets["adopted"].id, "organization_id": t.targets["cell_a3"].id}), ()),
    # A draft in consultation ---------------------------------------------------------------
    ("consultation: adopt by writing state", _w("open", {"state": "adopted"}), ()),
    ("consultation: answer for cell A1", _w("open_a1", {"comment": "Nhất trí."}),
     ("secretary", "admin")),
    ("consultation: answer for cell A2", _w("open_a2", {"comment": "Thay chi bộ A2."}),
     ("admin",)),
    ("consultation: A1's comment moved to cell A2", _w("open_a1", lambda t: {
        "organization_id": t.targets["cell_a2"].id}), ()),
    ("consultation: A1's comment marked answered", _w("open_a1", {
        "answered_date": "2026-11-05 08:00:00"}), ()),
    ("consultation: a line with a comment written for the cell",
     _create("party.resolution.comment", lambda t: {
         "draft_id": t.targets["open"].id, "organization_id": t.targets["cell_b1"].id,
         "comment": "Ý kiến viết hộ"}), ()),
    ("consultation: revise the text", _w("open", {"body": "<p>Dự thảo lần 2</p>"}),
     ("committee", "admin")),
]


@tagged("post_install", "-at_install")
class TestResolutionDraftRpc(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        term = env["party.term"].create({
            "organization_id": cls.committee_a.id, "name": "Nhiệm kỳ 2025–2030",
            "date_start": "2025-06-15"})
        env["party.committee.post"].create([
            {"term_id": term.id, "member_id": cls.secretary.id, "post": "secretary"},
            {"term_id": term.id, "member_id": cls.member_a2.id, "post": "committee_member"},
        ])
        meeting, other = (cls._meeting(
            cls.committee_a, start=start, meeting_type="committee", chair_id=cls.secretary.id,
            minute_taker_id=cls.member_a2.id,
        ) for start in ("2026-11-12 07:00:00", "2026-11-13 07:00:00"))
        Draft = env["party.resolution.draft"].with_user(cls.user_officer)
        with freeze_time("2026-11-14 08:00:00"):
            (meeting | other).action_plan()
            (meeting | other).action_hold()
            adopted, open_draft = Draft.create([{
                "name": name, "organization_id": cls.committee_a.id,
                "body": "<p>Dự thảo</p>", "comment_deadline": "2026-11-20",
            } for name in ("Chuyển đổi số", "Công tác cán bộ")])
            (adopted | open_draft).action_send()
            adopted.write({"meeting_id": meeting.id})
            for comment in adopted.comment_ids:
                comment.sudo().comment = "Nhất trí."
            adopted.action_adopt()

        # A cell opened after the adoption: it was not consulted.
        cell_a3 = env["party.organization"].create(
            {"name": "Chi bộ A3", "parent_id": cls.committee_a.id})

        def line(draft, cell):
            return draft.comment_ids.filtered(lambda c: c.organization_id == cell)

        cls.targets = {
            "adopted": adopted, "adopted_a1": line(adopted, cls.cell_a1),
            "open": open_draft, "open_a1": line(open_draft, cls.cell_a1),
            "open_a2": line(open_draft, cls.cell_a2), "other_meeting": other,
            "cell_a2": cls.cell_a2, "cell_a3": cell_a3, "cell_b1": cls.cell_b1,
        }
        cls.role_users = {
            "member": cls.user_member, "secretary": cls.user_secretary,
            "committee": cls.user_officer, "inspector": cls.user_inspector,
            "admin": cls.user_admin,
        }

    def ids(self, key):
        return self.targets[key].ids

    def _snapshot(self):
        self.env.invalidate_all()
        values = {}
        for key in ("adopted", "adopted_a1", "open", "open_a1", "open_a2"):
            record = self.targets[key].sudo().exists()
            fnames = [name for name, field in record._fields.items() if field.store
                      and field.type not in ("binary", "one2many") and not name.startswith(
                          ("message_", "activity_", "write_", "__"))]
            values[key] = record.read(fnames) if record else "deleted"
        values["rows"] = party_row_counts(self.env)
        return values

    @mute_logger("odoo.sql_db", "odoo.http")
    def test_adopted_text_and_comments_hold_for_every_role(self):
        self.assertEqual(self._snapshot()["adopted"][0]["resolution_number"], "01-NQ/ĐU")
        self._run_lock_table(ATTEMPTS, ROLES, "resolution drafts")
