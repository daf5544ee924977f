from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import PartyCase


@tagged("post_install", "-at_install")
class TestMeetingCron(PartyCase):
    def _activities(self, meetings, xmlid):
        return self.env["mail.activity"].search([
            ("res_model", "=", "party.meeting"), ("res_id", "in", meetings.ids),
            ("activity_type_id", "=", self.env.ref(xmlid).id),
        ])

    def test_monthly_planning_creates_one_draft_per_cell(self):
        self.cell_a2.write({"meeting_day_from": 3, "meeting_hour": 8.5})
        Meeting = self.env["party.meeting"].with_context(tz="Asia/Ho_Chi_Minh")
        with freeze_time("2026-11-15 01:00:00"):
            created = Meeting._cron_plan_next_month()
            again = Meeting._cron_plan_next_month()
        self.assertFalse(again, "a second run creates nothing")
        self.assertEqual(
            set(created.organization_id.ids),
            {self.cell_a1.id, self.cell_a2.id, self.cell_b1.id, self.cell_z1.id},
        )
        self.assertEqual(set(created.mapped("state")), {"draft"})
        self.assertEqual(set(created.mapped("month")), {"2026-12"})
        a1 = created.filtered(lambda m: m.organization_id == self.cell_a1)
        a2 = created.filtered(lambda m: m.organization_id == self.cell_a2)
        # Day 1 at 14:00 and day 3 at 08:30, Hanoi time (UTC+7).
        self.assertEqual(a1.date_start, fields.Datetime.to_datetime("2026-12-01 07:00:00"))
        self.assertEqual(a2.date_start, fields.Datetime.to_datetime("2026-12-03 01:30:00"))
        self.assertEqual(a1.duration, 90)
        self.assertEqual(len(a1.attendance_ids), 3)
        activity = self._activities(a1, "party_cell.mail_activity_type_meeting_plan")
        self.assertEqual(activity.user_id, self.user_secretary)
        self.assertEqual(activity.date_deadline, fields.Date.to_date("2026-11-20"))

    def test_cancelled_meeting_does_not_count_as_planned(self):
        self._meeting(self.cell_a1, start="2026-12-02 07:00:00").action_cancel()
        with freeze_time("2026-11-15 01:00:00"):
            created = self.env["party.meeting"]._cron_plan_next_month()
        self.assertIn(self.cell_a1, created.organization_id)

    def test_reminders(self):
        draft = self._meeting(self.cell_a1, start="2026-12-02 07:00:00")
        soon = self._meeting(self.cell_a2, start="2026-11-19 07:00:00")
        soon.action_plan()
        late = self._meeting(self.cell_b1, start="2026-11-10 07:00:00")
        late.write({"chair_id": self.secretary_b.id, "minute_taker_id": self.secretary_b.id})
        late.action_plan()
        late.action_hold()
        task = self.env["party.task"].create({
            "name": "Báo cáo kết quả", "meeting_id": late.id, "deadline": "2026-11-15",
            "assignee_ids": [(6, 0, self.secretary_b.ids)],
        })
        Meeting = self.env["party.meeting"]
        with freeze_time("2026-11-12 02:00:00"):
            Meeting._cron_reminders()
        self.assertFalse(self._activities(draft, "party_cell.mail_activity_type_meeting_plan"))
        self.assertFalse(self._activities(soon, "party_cell.mail_activity_type_meeting_documents"))
        self.assertFalse(self._activities(late, "party_cell.mail_activity_type_meeting_minutes"))
        with freeze_time("2026-11-18 02:00:00"):
            Meeting._cron_reminders()
            Meeting._cron_reminders()
        plan = self._activities(draft, "party_cell.mail_activity_type_meeting_plan")
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.user_id, self.user_secretary)
        self.assertEqual(plan.date_deadline, fields.Date.to_date("2026-11-20"))
        self.assertEqual(
            len(self._activities(soon, "party_cell.mail_activity_type_meeting_documents")), 1)
        minutes = self._activities(late, "party_cell.mail_activity_type_meeting_minutes")
        self.assertEqual(minutes.user_id, self.user_secretary_b)
        overdue = self._activities(late, "party_cell.mail_activity_type_task_overdue")
        self.assertEqual(len(overdue), 1)
        self.assertIn("1 task(s)", overdue.summary)
        # No e-mail per reminder to the secretaries: a province's first run would send
        # thousands (the members still hear about their unanswered invitations).
        self.assertFalse(self.env["mail.message"].search([
            ("model", "=", "party.meeting"), ("res_id", "in", (draft | soon | late).ids),
            ("message_type", "=", "user_notification"),
            ("partner_ids", "in", (self.user_secretary | self.user_secretary_b).partner_id.ids),
        ]))
        # Sending the documents settles it for the next run; approving clears the minutes one.
        task.action_done()
        late.conclusion = "<p>Kết luận</p>"
        late.with_user(self.user_secretary_b).action_approve()
        self.assertFalse(self._activities(late, "party_cell.mail_activity_type_meeting_minutes"))
