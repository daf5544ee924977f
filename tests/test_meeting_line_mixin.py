from odoo_test_helper import FakeModelLoader

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.party_lock import open_lock
from .common import PartyCase


@tagged("post_install", "-at_install")
class TestMeetingLineMixin(PartyCase):
    """Any model built on the mixin is locked with its approved meeting."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .fake_models import PartyMeetingNote

        cls.loader.update_registry((PartyMeetingNote,))
        cls.addClassCleanup(cls.loader.restore_registry)
        cls.env["ir.model.access"].create({
            "name": "note secretary", "perm_read": True, "perm_write": True,
            "perm_create": True, "perm_unlink": True,
            "model_id": cls.env["ir.model"]._get_id("party.meeting.note.test"),
            "group_id": cls.env.ref("party_cell.group_party_secretary").id,
        })

    def test_lines_follow_the_meeting_lock(self):
        meeting = self._meeting(self.cell_a1, chair_id=self.secretary.id,
                                minute_taker_id=self.member2.id, conclusion="<p>Xong</p>")
        # As the secretary: the superuser (data files, the shell) passes every lock.
        Note = self.env["party.meeting.note.test"].with_user(self.user_secretary)
        note = Note.create({"meeting_id": meeting.id, "text": "Ghi chú"})
        self.assertEqual(note.organization_id, self.cell_a1)
        note.text = "Ghi chú đã sửa"
        meeting.action_plan()
        meeting.action_hold()
        meeting.action_approve()
        with self.assertRaisesRegex(UserError, "approved and locked"):
            note.text = "Sửa sau khi thông qua"
        with self.assertRaisesRegex(UserError, "approved and locked"):
            Note.create({"meeting_id": meeting.id, "text": "Thêm"})
        with self.assertRaisesRegex(UserError, "approved and locked"):
            note.unlink()
        with self.assertRaisesRegex(UserError, "approved and locked"):
            note.with_context(party_meeting_correction=True).text = "Khóa ngữ cảnh"
        with open_lock(note, {"text"}):
            note.text = "Đính chính"
        self.assertEqual(note.text, "Đính chính")
        with self.assertRaisesRegex(UserError, "stays with its meeting"):
            note.meeting_id = self._meeting(self.cell_a1, start="2026-12-03 07:00:00")
