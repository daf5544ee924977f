"""Corrections of approved minutes and changes of sensitive data leave a trail: who, when,
which field, from what to what; the committee reads it, nobody else, and nobody edits it."""

from odoo.addons.mail.tools.discuss import Store
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PartyCase


@tagged("post_install", "-at_install")
class TestAuditTrail(PartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_officer_b = cls._user("officer_b", "group_party_committee")
        cls.committee_b.committee_user_ids = cls.user_officer_b
        meeting = cls._meeting(cls.cell_a1, chair_id=cls.secretary.id,
                               minute_taker_id=cls.member2.id,
                               conclusion="<p>Chi bộ thống nhất ba nhiệm vụ.</p>")
        meeting.action_plan()
        meeting.action_hold()
        meeting.action_approve()
        cls.meeting = meeting

    def _trail(self, user=None, **domain):
        Log = self.env["party.audit.log"].with_user(user or self.user_officer)
        return Log.search([(k, "=", v) for k, v in domain.items()])

    def _correct(self, user, **vals):
        return self.env["party.meeting.correction.wizard"].with_user(user).create(
            dict({"meeting_id": self.meeting.id}, **vals))

    def test_correction_of_the_minutes_is_logged(self):
        with self.assertRaises(AccessError):
            self._correct(self.user_secretary, field_name="conclusion", reason="Sửa")
        # Even holding a wizard, a secretary does not get past the committee's check.
        foreign = self.env["party.meeting.correction.wizard"].with_user(
            self.user_secretary).sudo().create({
                "meeting_id": self.meeting.id, "field_name": "conclusion", "reason": "Sửa",
                "new_text": "<p>Khác</p>"}).with_user(self.user_secretary).sudo(False)
        with self.assertRaises(AccessError):
            foreign.action_apply()
        with self.assertRaises(AccessError):
            self._correct(self.user_officer_b, field_name="conclusion", reason="Sửa",
                          new_text="<p>Khác</p>").action_apply()
        with self.assertRaisesRegex(UserError, "changes nothing"):
            self._correct(self.user_officer, field_name="conclusion",
                          reason="Không đổi").action_apply()

        self._correct(self.user_officer, field_name="conclusion",
                      new_text="<p>Chi bộ thống nhất bốn nhiệm vụ.</p>",
                      reason="Thư ký ghi thiếu một nhiệm vụ").action_apply()
        wizard = self._correct(self.user_officer, field_name="attendance",
                               reason="Đồng chí Bình vắng có lý do, ghi nhầm là có mặt")
        line = wizard.line_ids.filtered(lambda w: w.attendance_id.member_id == self.member2)
        line.write({"status": "excused", "reason": "Đi công tác"})
        wizard.action_apply()

        self.assertEqual(self.meeting.conclusion, "<p>Chi bộ thống nhất bốn nhiệm vụ.</p>")
        self.assertEqual(self.meeting.excused_count, 1)
        body = self.meeting.message_ids[:1].body
        self.assertIn("Trần Thị Bình – Status: Present → Absent with Reason", body)
        self.assertIn("Đồng chí Bình vắng có lý do", body)
        trail = self._trail(meeting_id=self.meeting.id, operation="correction")
        self.assertEqual(
            sorted((log.field_name, log.old_value, log.new_value) for log in trail),
            [("conclusion", "Chi bộ thống nhất ba nhiệm vụ.", "Chi bộ thống nhất bốn nhiệm vụ."),
             ("reason", False, "Đi công tác"),
             ("status", "Present", "Absent with Reason")],
        )
        self.assertEqual(trail.user_id, self.user_officer)
        self.assertEqual(set(trail.mapped("reason")), {
            "Thư ký ghi thiếu một nhiệm vụ", "Đồng chí Bình vắng có lý do, ghi nhầm là có mặt"})
        # Nobody else reads the trail, and nobody changes it, not even the committee.
        for user in (self.user_member, self.user_secretary, self.user_inspector):
            with self.assertRaises(AccessError):
                self._trail(user, meeting_id=self.meeting.id)
        self.assertFalse(self._trail(self.user_officer_b, meeting_id=self.meeting.id))
        with self.assertRaises(AccessError):
            trail[:1].with_user(self.user_officer).write({"new_value": "Khác"})
        with self.assertRaises(AccessError):
            trail[:1].with_user(self.user_admin).unlink()

    def test_sensitive_data_changes_are_kept(self):
        secretary = self.member2.with_user(self.user_secretary).with_context(
            tracking_disable=False)
        secretary.card_number = "78.000099"
        self.env["party.member.state.wizard"].with_user(self.user_secretary).create({
            "member_ids": [(6, 0, self.member2.ids)], "new_state": "exempted",
            "date": "2026-11-10", "reason": "Tuổi cao",
        }).action_apply()
        discipline = self.env["party.discipline"].with_user(self.user_officer).create({
            "member_id": self.member2.id, "date": "2026-11-12", "level": "reprimand",
            "reason": "Vi phạm quy chế", "decision_number": "07-QĐ/ĐU",
        })
        discipline.with_user(self.user_officer).level = "warning"
        discipline.with_user(self.user_officer).unlink()
        self.meeting.with_user(self.user_officer).official_rating = "fair"

        trail = self._trail(member_id=self.member2.id)
        changes = {(log.operation, log.field_name): (log.old_value, log.new_value, log.user_id)
                   for log in trail}
        self.assertEqual(changes["write", "card_number"],
                         ("78.000002", "78.000099", self.user_secretary))
        self.assertEqual(changes["write", "state"][:2], ("Official", "Exempted"))
        self.assertEqual(changes["create", "level"][1], "Reprimand")
        self.assertEqual(changes["write", "level"][:2], ("Reprimand", "Warning"))
        self.assertEqual(changes["unlink", "decision_number"][0], "07-QĐ/ĐU")
        rating = self._trail(meeting_id=self.meeting.id, field_name="official_rating")
        self.assertEqual((rating.old_value, rating.new_value, rating.user_id),
                         (False, "Fair", self.user_officer))
        self.assertFalse(self._trail(self.user_officer_b, member_id=self.member2.id))

        # The member reads their own record and its chatter, never the card number.
        self.member.with_user(self.user_secretary).with_context(tracking_disable=False).write(
            {"card_number": "78.000077"})
        # Posts are the committee office's to record.
        self.member.with_user(self.user_officer).with_context(tracking_disable=False).write(
            {"committee_role": "committee_member"})
        self.env.cr.precommit.run()  # tracking messages are written at commit
        own = self.member.with_user(self.user_member)
        store = Store()
        # What the chatter of the member's own record sends them (tracking values included).
        own.message_ids._to_store(store, for_current_user=True)
        formatted = str(store.get_result())
        self.assertIn("Committee Member", formatted, "the role change is shown")
        self.assertNotIn("78.000077", formatted)
        self.assertNotIn("78.000001", formatted)
        with self.assertRaises(AccessError):
            self._trail(self.user_member, member_id=self.member.id)

    def test_decided_ratings_are_kept(self):
        appraisal = self.env["party.appraisal"].with_user(self.user_secretary).create({
            "year": 2026, "member_id": self.member.id, "score": 85, "self_rating": "good",
        })
        appraisal.with_user(self.user_member).action_self_assess()
        appraisal.proposed_rating = "good"
        appraisal.with_user(self.user_secretary).action_propose()
        officer = appraisal.with_user(self.user_officer)
        officer.rating = "good"
        officer.action_decide()
        with self.assertRaises(AccessError):
            appraisal.with_user(self.user_secretary).action_reset()
        with self.assertRaisesRegex(UserError, "moves on with its buttons"):
            appraisal.with_user(self.user_member).write({"state": "draft"})
        officer.action_reset()
        trail = self._trail(res_model="party.appraisal", res_id=appraisal.id,
                            field_name="rating")
        self.assertEqual(sorted((log.old_value or "", log.new_value or "") for log in trail),
                         [("", "Well Completed"), ("Well Completed", "")])
        self.assertEqual(trail.user_id, self.user_officer)
