"""Thematic resolutions of a whole đảng bộ: drafted, sent to the cells, commented, adopted."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_committee import CommitteeCase

ACTIVITY = "party_cell.mail_activity_type_resolution_comment"


class ResolutionDraftCase(CommitteeCase):
    """Committee A consults its cells A1 and A2; A2's deputy secretary answers for it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_deputy_a2 = cls._user("deputy_a2", "group_party_secretary")
        cls.deputy_a2 = cls._member("Ngô Thị Lan", cls.cell_a2, user=cls.user_deputy_a2,
                                    committee_role="deputy_secretary", card_number="78.000030")
        cls.meeting_a1 = cls._meeting(cls.cell_a1, start="2026-11-03 07:00:00")
        cls.meeting_a2 = cls._meeting(cls.cell_a2, start="2026-11-04 07:00:00")
        cls.committee_meeting = cls._meeting(
            cls.committee_a, start="2026-11-12 07:00:00", meeting_type="committee",
            conclusion="<p>Đảng ủy thống nhất.</p>")

    def _draft(self, **vals):
        return self.env["party.resolution.draft"].with_user(self.user_officer).create(dict({
            "name": "Nâng cao chất lượng sinh hoạt chi bộ",
            "organization_id": self.committee_a.id,
            "body": "<p>Đảng ủy quyết nghị …</p>",
            "comment_deadline": "2026-11-10",
        }, **vals))

    def _line(self, draft, cell):
        return draft.comment_ids.filtered(lambda c: c.organization_id == cell)

    def _hold_committee_meeting(self):
        self.committee_meeting.action_plan()
        self.committee_meeting.action_hold()


@tagged("post_install", "-at_install")
class TestResolutionDraft(ResolutionDraftCase):

    @freeze_time("2026-11-02")
    def test_consultation_and_adoption(self):
        draft = self._draft(comment_deadline="2026-11-20")
        draft.action_send()
        self.env.invalidate_all()
        self.assertEqual(draft.state, "consultation")
        self.assertEqual(draft.comment_ids.organization_id, self.cell_a1 | self.cell_a2)
        line_a1, line_a2 = self._line(draft, self.cell_a1), self._line(draft, self.cell_a2)
        # The reminders, as the secretaries find them in their activities.
        reminders = self.env["mail.activity"].search([
            ("res_model", "=", line_a1._name), ("res_id", "in", draft.comment_ids.ids)])
        self.assertEqual(reminders.res_id, line_a1.id)
        self.assertEqual(reminders.user_id, self.user_secretary)
        self.assertEqual(reminders.activity_type_id, self.env.ref(ACTIVITY))
        # Cell A2's secretary has no user: nobody is reminded, the committee sees the line
        # waiting.

        line_a1.with_user(self.user_secretary).write({
            "comment": "Đề nghị bổ sung chỉ tiêu sinh hoạt chuyên đề.",
            "meeting_id": self.meeting_a1.id})
        self.assertTrue(line_a1.is_answered)
        self.assertFalse(reminders.exists(), "the reminder is done once the cell answered")
        self.assertEqual(draft.answered_count, 1)

        with freeze_time("2026-11-12 08:00:00"):
            self._hold_committee_meeting()
            draft.with_user(self.user_officer).meeting_id = self.committee_meeting
            with self.assertRaisesRegex(UserError, "Chi bộ A2"):
                draft.with_user(self.user_officer).action_adopt()
        line_a2.with_user(self.user_deputy_a2).comment = "Nhất trí với dự thảo."
        with freeze_time("2026-11-12 08:00:00"):
            draft.with_user(self.user_officer).action_adopt()
            self.assertEqual(draft.state, "adopted")
            self.assertEqual(draft.resolution_number, "01-NQ/ĐU")
            self.assertEqual(str(draft.adopted_date), "2026-11-12")
            # The meeting's own resolution follows in the same run of numbers.
            self.committee_meeting.resolution = "<p>Nghị quyết tháng 11.</p>"
            self.committee_meeting.action_approve()
        self.assertEqual(self.committee_meeting.resolution_number, "02-NQ/ĐU")

    def test_adopted_after_the_deadline_without_every_comment(self):
        with freeze_time("2026-11-02"):
            draft = self._draft()
            draft.action_send()
        with freeze_time("2026-11-12 08:00:00"):
            self._hold_committee_meeting()
            draft.with_user(self.user_officer).write({"meeting_id": self.committee_meeting.id})
            draft.with_user(self.user_officer).action_adopt()
        self.assertEqual(draft.state, "adopted")
        self.assertEqual(draft.answered_count, 0)
        self.assertFalse(self.env["mail.activity"].search([
            ("res_model", "=", draft.comment_ids._name), ("res_id", "in", draft.comment_ids.ids),
        ]), "reminders go with the consultation")

    @freeze_time("2026-11-02")
    def test_who_sees_what(self):
        draft = self._draft()
        draft.action_send()
        line_a1, line_a2 = self._line(draft, self.cell_a1), self._line(draft, self.cell_a2)
        Comment = self.env["party.resolution.comment"]
        cases = [
            ("secretary of A1", self.user_secretary, line_a1 | line_a2),  # also on committee A
            ("plain member of A1", self.user_member2, line_a1),
            ("deputy secretary of A2", self.user_deputy_a2, line_a2),
            ("committee office", self.user_officer, line_a1 | line_a2),
            ("inspector", self.user_inspector, line_a1 | line_a2),
            ("secretary of another committee's cell", self.user_secretary_b, Comment),
        ]
        for label, user, expected in cases:
            with self.subTest(label):
                seen = Comment.with_user(user).search([("draft_id", "=", draft.id)])
                self.assertEqual(seen, expected.with_user(user))
                drafts = self.env["party.resolution.draft"].with_user(user).search([])
                self.assertEqual(drafts.ids, draft.ids if expected else [])
        # The draft's lines, as a cell reads them through the draft: its own only.
        self.env.invalidate_all()
        self.assertEqual(draft.with_user(self.user_deputy_a2).read(["comment_ids"])[0][
            "comment_ids"], line_a2.ids)
        with self.assertRaises(AccessError):
            line_a1.with_user(self.user_deputy_a2).read(["comment"])
        with self.assertRaises(AccessError):
            line_a1.with_user(self.user_deputy_a2).comment = "Ý kiến thay chi bộ khác"
        # The committee office reads every line but does not write a cell's word.
        with self.assertRaises(AccessError):
            line_a2.with_user(self.user_officer).comment = "Ý kiến thay chi bộ"
        self.assertFalse(line_a2.comment)


@tagged("post_install", "-at_install")
class TestResolutionDraftLocks(ResolutionDraftCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-11-12 08:00:00"):
            cls.committee_meeting.action_plan()
            cls.committee_meeting.action_hold()
            cls.draft = cls.env["party.resolution.draft"].with_user(cls.user_officer).create({
                "name": "Chuyển đổi số trong công tác đảng", "organization_id": cls.committee_a.id,
                "body": "<p>Dự thảo</p>", "comment_deadline": "2026-11-20"})
            cls.draft.action_send()
            cls.draft.comment_ids.filtered(
                lambda c: c.organization_id == cls.cell_a1).with_user(
                cls.user_secretary).comment = "Nhất trí."
            cls.draft.comment_ids.filtered(
                lambda c: c.organization_id == cls.cell_a2).with_user(
                cls.user_deputy_a2).comment = "Nhất trí."
            cls.draft.meeting_id = cls.committee_meeting
            cls.draft.with_user(cls.user_officer).action_adopt()

    def test_adopted_text_is_locked(self):
        draft = self.draft.with_user(self.user_officer)
        for vals in ({"body": "<p>Sửa</p>"}, {"name": "Khác"}, {"state": "consultation"},
                     {"resolution_number": "09-NQ/ĐU"}, {"comment_deadline": "2026-12-31"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                draft.write(vals)
        with self.assertRaises(UserError):
            draft.unlink()
        with self.assertRaises(UserError):
            draft.action_cancel()
        line = self._line(self.draft, self.cell_a1).with_user(self.user_secretary)
        with self.assertRaisesRegex(UserError, "not open"):
            line.comment = "Sửa ý kiến sau khi thông qua"
        self.assertEqual(self.draft.body, "<p>Dự thảo</p>")
        self.assertEqual(line.comment, "Nhất trí.")

    def test_line_keeps_its_draft_and_cell(self):
        line = self._line(self.draft, self.cell_a1)
        for vals in ({"organization_id": self.cell_a2.id}, {"answered_date": False},
                     {"draft_id": self._draft().id}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                line.with_user(self.user_secretary).write(vals)
        with self.assertRaises(UserError):
            line.with_user(self.user_officer).unlink()


@tagged("post_install", "-at_install")
class TestResolutionDraftBadInput(ResolutionDraftCase):

    @freeze_time("2026-11-02")
    def test_refused_with_a_reason(self):
        Draft = self.env["party.resolution.draft"]
        with self.assertRaisesRegex(AccessError, "committee office"):
            Draft.with_user(self.user_secretary).create({
                "name": "Dự thảo của chi bộ", "organization_id": self.committee_a.id})
        with self.assertRaises(ValidationError):
            self._draft(organization_id=self.cell_a1.id)
        with self.assertRaisesRegex(UserError, "text"):
            self._draft(body=False).action_send()
        with self.assertRaisesRegex(UserError, "deadline"):
            self._draft(comment_deadline="2026-11-01").action_send()
        with self.assertRaises(ValidationError):
            self._draft(meeting_id=self.meeting_a1.id)
        draft = self._draft()
        draft.action_send()
        with self.assertRaisesRegex(UserError, "held committee meeting"):
            draft.action_adopt()
        self.assertEqual(draft.state, "consultation")
        line = self._line(draft, self.cell_a1).with_user(self.user_secretary)
        with self.assertRaises(ValidationError):
            line.meeting_id = self.meeting_a2
        with self.assertRaisesRegex(UserError, "itself"):
            self.env["party.resolution.comment"].with_user(self.user_officer).create({
                "draft_id": self._draft().id, "organization_id": self.cell_a1.id,
                "comment": "Ý kiến do văn phòng viết"})
        with self.assertRaises(ValidationError):
            self.env["party.resolution.comment"].with_user(self.user_officer).create({
                "draft_id": self._draft().id, "organization_id": self.cell_b1.id})
        self.assertEqual(len(draft.comment_ids), 2, "nothing half-written")
