"""Several database connections doing the same thing at once: exactly one wins.

These tests cannot use the test transaction (nothing it writes is visible to another
connection), so they commit their own data on fresh connections and remove it afterwards.
"""

import threading
from datetime import timedelta

import psycopg2

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestConcurrency(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.db = db_connect(cls.env.cr.dbname)
        with cls.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            cell = env["party.organization"].create({"name": "Chi bộ đồng thời", "code": "DT"})
            employees = env["hr.employee"].create(
                [{"name": f"Đảng viên đồng thời {i}"} for i in range(3)])
            members = env["party.member"].create([{
                "employee_id": e.id, "organization_id": cell.id, "state": "official",
                "admission_date": "2010-01-01", "official_date": "2011-01-01",
            } for e in employees])
            start = fields.Datetime.to_datetime("2026-11-03 07:00:00")
            meetings = env["party.meeting"].create([{
                "organization_id": cell.id, "date_start": start + timedelta(days=7 * i),
                "date_end": start + timedelta(days=7 * i, minutes=120), "location": "Phòng họp",
                "chair_id": members[0].id, "minute_taker_id": members[1].id,
                "conclusion": "<p>Thống nhất</p>",
            } for i in range(3)])
            meetings.action_plan()
            meetings.action_hold()
            # Committed: the other connections of the test must see it.
            cr.commit()  # pylint: disable=invalid-commit
            cls.cell_id, cls.member_ids = cell.id, members.ids
            cls.meeting_ids, cls.employee_ids = meetings.ids, employees.ids
        cls.addClassCleanup(cls._cleanup)

    @classmethod
    def _cleanup(cls):
        with cls.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            meetings = env["party.meeting"].browse(cls.meeting_ids)
            attachments = env["ir.attachment"].search(
                [("res_model", "=", "party.meeting"), ("res_id", "in", meetings.ids)])
            env["party.ballot"].search([("meeting_id", "in", meetings.ids)]).unlink()
            cr.execute("DELETE FROM party_meeting WHERE id IN %s", [tuple(meetings.ids)])
            attachments.unlink()
            env["party.member"].browse(cls.member_ids).unlink()
            env["hr.employee"].browse(cls.employee_ids).unlink()
            org = env["party.organization"].browse(cls.cell_id)
            sequences = org.minutes_sequence_id | org.resolution_sequence_id
            org.unlink()
            sequences.unlink()
            # Committed: the other connections of the test must see it.
            cr.commit()  # pylint: disable=invalid-commit

    def _race(self, *jobs):
        """Run each job on its own connection at the same moment; return outcomes."""
        barrier = threading.Barrier(len(jobs))
        outcomes = [None] * len(jobs)

        registry = self.env.registry

        def run(index, job):
            with self.db.cursor() as cr:
                # The test runner holds the registry lock: give the cursor its transaction
                # directly instead of letting Environment look the registry up.
                cr.transaction = api.Transaction(registry)
                env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
                try:
                    barrier.wait(timeout=10)
                    outcomes[index] = ("ok", job(env))
                    # Committed: the other connections of the test must see it.
                    cr.commit()  # pylint: disable=invalid-commit
                except (UserError, psycopg2.Error) as error:
                    cr.rollback()
                    outcomes[index] = ("refused", error)

        threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        return outcomes

    def _read(self, func):
        with self.db.cursor() as cr:
            return func(api.Environment(cr, SUPERUSER_ID, {}))

    @mute_logger("odoo.sql_db")
    def test_same_ballot_twice(self):
        meeting_id, member_id = self.meeting_ids[0], self.member_ids[2]

        def submit(env):
            ballot = env["party.ballot"].create({
                "meeting_id": meeting_id, "voter_id": member_id, "role": "member"})
            ballot.action_submit()
            env.flush_all()
            return ballot.id

        outcomes = self._race(submit, submit, submit)
        winners = [o for o in outcomes if o[0] == "ok"]
        self.assertEqual(len(winners), 1, outcomes)
        for kind, error in outcomes:
            if kind == "refused":
                self.assertIsInstance(error, psycopg2.errors.UniqueViolation)
        count = self._read(lambda env: env["party.ballot"].search_count(
            [("meeting_id", "=", meeting_id), ("voter_id", "=", member_id)]))
        self.assertEqual(count, 1)

    @mute_logger("odoo.sql_db")
    def test_same_meeting_approved_twice(self):
        meeting_id = self.meeting_ids[1]

        def approve(env):
            meeting = env["party.meeting"].browse(meeting_id)
            meeting.action_approve()
            env.flush_all()
            return meeting.minutes_number

        outcomes = self._race(approve, approve)
        self.assertEqual(sorted(o[0] for o in outcomes), ["ok", "refused"], outcomes)
        refused = next(o[1] for o in outcomes if o[0] == "refused")
        # The loser waits for no one: a lock error the RPC layer retries, or the clear
        # "not possible" message if it came second.
        self.assertIsInstance(refused, (psycopg2.errors.LockNotAvailable,
                                        psycopg2.errors.SerializationFailure, UserError))
        state = self._read(lambda env: env["party.meeting"].browse(meeting_id).state)
        self.assertEqual(state, "approved")

    @mute_logger("odoo.sql_db")
    def test_next_numbers_at_once(self):
        first, second = self.meeting_ids[0], self.meeting_ids[2]

        def approve(meeting_id):
            def job(env):
                meeting = env["party.meeting"].browse(meeting_id)
                meeting.action_approve()
                env.flush_all()
                return meeting.minutes_number
            return job

        outcomes = self._race(approve(first), approve(second))
        # Retry what lost the lock, as the RPC layer would.
        for index, (kind, _value) in enumerate(outcomes):
            if kind == "refused":
                outcomes[index] = self._race(approve((first, second)[index]))[0]
        numbers = sorted(o[1] for o in outcomes)
        self.assertEqual([o[0] for o in outcomes], ["ok", "ok"], outcomes)
        self.assertEqual(len(set(numbers)), 2, "no duplicate numbers")
        self.assertTrue(all(n.endswith("-BB/CB") for n in numbers))
