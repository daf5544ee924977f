from unittest.mock import patch

from freezegun import freeze_time

from odoo.addons.party_cell.models.party_meeting_planning import PartyMeeting
from odoo.tests import tagged

from .common import PartyCase


@tagged("post_install", "-at_install")
class TestPlanningBatches(PartyCase):
    """The monthly planning in batches: queries per batch, progress, reruns after a crash."""

    @classmethod
    def _cells(cls, count, tag, secretary_users=False):
        """``count`` cells of three members each; with ``secretary_users`` each secretary
        has a user of their own, as in production (otherwise every reminder goes to the
        administrator)."""
        cells = cls.env["party.organization"].create([
            {"name": f"Chi bộ {tag} {i:02d}", "parent_id": cls.committee_b.id}
            for i in range(count)
        ])
        employees = cls.env["hr.employee"].create([
            {"name": f"Đảng viên {tag} {i:02d}-{j}"}
            for i in range(count) for j in range(3)
        ])
        cls.env["party.member"].create([{
            "employee_id": employee.id, "organization_id": cells[index // 3].id,
            "state": "official", "admission_date": "2010-01-01", "official_date": "2011-01-01",
            "committee_role": "secretary" if index % 3 == 0 else "member",
        } for index, employee in enumerate(employees)])
        if secretary_users:
            secretaries = employees[::3]
            users = cls.env["res.users"].with_context(no_reset_password=True).create([
                {"name": employee.name, "login": f"sec_{tag}_{i}",
                 "groups_id": [(4, cls.env.ref("party_cell.group_party_secretary").id)]}
                for i, employee in enumerate(secretaries)
            ])
            for employee, user in zip(secretaries, users):
                employee.user_id = user
        return cells

    def _plan(self, **kwargs):
        return self.env["party.meeting"]._cron_plan_next_month(**kwargs)

    def _regulars(self, cells):
        return self.env["party.meeting"].search([
            ("organization_id", "in", cells.ids), ("meeting_type", "=", "regular"),
            ("month", "=", "2026-12"),
        ])

    def test_queries_grow_per_batch_not_per_meeting(self):
        with freeze_time("2026-11-15 01:00:00"):
            self._plan(batch_size=0)  # the fixture's cells, and Odoo's caches warm
            few = self._cells(4, "n")
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            planned = self._plan(batch_size=0)
            self.env.flush_all()  # as assertQueryCount counts
            queries = self.cr.sql_log_count - before
            self.assertEqual(planned.organization_id, few)
            many = self._cells(8, "2n")
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(queries):
                planned = self._plan(batch_size=0)
        self.assertEqual(planned.organization_id, many)
        self.assertEqual(len(planned.attendance_ids), 24)
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "party.meeting"), ("res_id", "in", planned.ids)])
        self.assertEqual(len(activities), 8)
        self.assertEqual(activities.user_id, self.env.ref("base.user_admin"))

    def test_queries_do_not_grow_with_the_secretaries(self):
        # Odoo's activities subscribe each assignee on their own, a few queries a person:
        # with a secretary user per cell that was five queries a cell (10,000 on a
        # province). The planning makes them follow their meetings in one go.
        with freeze_time("2026-11-15 01:00:00"):
            self._plan(batch_size=0)
            few = self._cells(4, "u", secretary_users=True)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self._plan(batch_size=0)
            self.env.flush_all()
            queries = self.cr.sql_log_count - before
            many = self._cells(8, "2u", secretary_users=True)
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(queries):
                planned = self._plan(batch_size=0)
        self.assertEqual(planned.organization_id, many)
        for meeting in planned | self._regulars(few):
            secretary = meeting.organization_id.secretary_id.user_id
            self.assertTrue(secretary)
            self.assertIn(secretary.partner_id, meeting.message_partner_ids,
                          "the secretary follows the meeting, as Odoo's activities do")
            self.assertEqual(meeting.activity_ids.user_id, secretary)
            followers = meeting.message_follower_ids.filtered(
                lambda f, partner=secretary.partner_id: f.partner_id == partner)
            self.assertEqual(
                followers.subtype_ids,
                self.env["mail.message.subtype"].default_subtypes("party.meeting")[0],
                "with Odoo's default subtypes")

    def test_progress_and_rerun(self):
        cron = self.env.ref("party_cell.ir_cron_plan_next_month")
        cells = self.env["party.organization"].search([("is_cell", "=", True)])
        with freeze_time("2026-11-15 01:00:00"):
            done = []
            for _run in range(4):
                progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
                planned = self.env["party.meeting"].with_context(
                    ir_cron_progress_id=progress.id)._cron_plan_next_month(batch_size=3)
                done.append((len(planned), progress.done, progress.remaining))
        self.assertEqual(done, [(3, 3, len(cells) - 3), (len(cells) - 3, len(cells) - 3, 0),
                                (0, 0, 0), (0, 0, 0)])
        self.assertEqual(len(self._regulars(cells)), len(cells), "one meeting per cell")

    def test_crash_halfway_loses_nothing_and_rerun_completes(self):
        cells = self.env["party.organization"].search([("is_cell", "=", True)])

        def crash(meetings, *args):
            raise RuntimeError("server stopped")

        with freeze_time("2026-11-15 01:00:00"):
            first = self._plan(batch_size=2)  # a batch the scheduler committed
            with patch.object(PartyMeeting, "_schedule_secretary_activity", crash), \
                    self.assertRaises(RuntimeError):
                self._plan(batch_size=2)
            self.assertEqual(self._regulars(cells), first, "the crashed batch left nothing")
            rest = self._plan(batch_size=0)
            again = self._plan(batch_size=0)
        self.assertFalse(again, "a rerun creates nothing new")
        self.assertEqual(len(first) + len(rest), len(cells))
        self.assertEqual(self._regulars(cells), first | rest)
        self.assertEqual(len(self.env["mail.activity"].search([
            ("res_model", "=", "party.meeting"), ("res_id", "in", (first | rest).ids)])),
            len(cells))
