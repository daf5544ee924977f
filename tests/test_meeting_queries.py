from unittest.mock import patch

from odoo.addons.party_cell.tools.meeting_form_spec import FORM_SPEC
from odoo.tests import tagged

from .common import PartyCase


@tagged("post_install", "-at_install")
class TestMeetingQueries(PartyCase):
    """Opening and saving a meeting costs the same whatever the size of the cell."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.big_cell = cls.env["party.organization"].create(
            {"name": "Chi bộ lớn", "parent_id": cls.committee_a.id}
        )
        cls.small_cell = cls.env["party.organization"].create(
            {"name": "Chi bộ nhỏ", "parent_id": cls.committee_a.id}
        )
        cls.committee_a.committee_user_ids = cls.user_officer
        for cell, size in ((cls.big_cell, 60), (cls.small_cell, 10)):
            employees = cls.env["hr.employee"].create(
                [{"name": f"Đảng viên {cell.name} {i:02d}"} for i in range(size)]
            )
            cls.env["party.member"].create([{
                "employee_id": employee.id, "organization_id": cell.id, "state": "official",
                "admission_date": "2010-01-01", "official_date": "2011-01-01",
            } for employee in employees])
        cls.big = cls._meeting(cls.big_cell)
        cls.small = cls._meeting(cls.small_cell)

    def _count(self, func):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        return self.cr.sql_log_count - before

    def _read(self, meeting):
        return meeting.with_user(self.user_officer).web_read(FORM_SPEC)

    def _save(self, meeting, shift=0):
        commands = [
            (1, line.id, {"status": "present" if i % 5 else "excused",
                          "speaking_turns": (i + shift) % 3 if i % 5 else 0,
                          "reason": False if i % 5 else "Công tác"})
            for i, line in enumerate(meeting.attendance_ids)
        ]
        meeting.with_user(self.user_officer).write({"attendance_ids": commands})
        meeting.env.flush_all()

    def test_form_read_constant(self):
        self.assertEqual(len(self.big.attendance_ids), 60)
        self._read(self.big)  # warm the registry caches (rules, fields)
        small = self._count(lambda: self._read(self.small))
        big = self._count(lambda: self._read(self.big))
        self.assertEqual(big, small, "reading 60 attendance lines costs as much as 10")
        self.env.invalidate_all()
        with self.assertQueryCount(big):
            self._read(self.big)

    def test_attendance_save_constant(self):
        self._save(self.small)  # warm the caches: the first save of a session costs more
        self._save(self.big)
        self._count(lambda: self._save(self.small, shift=1))
        self._count(lambda: self._save(self.big, shift=1))
        small = self._count(lambda: self._save(self.small, shift=2))
        big = self._count(lambda: self._save(self.big, shift=2))
        self.assertLessEqual(big, small, "saving 60 attendance lines costs no more than 10")
        self.env.invalidate_all()
        with self.assertQueryCount(small):
            self._save(self.big, shift=0)
        self.assertEqual(self.big.present_count, 48)
        self.assertEqual(self.big.excused_count, 12)

    def test_roll_call_rules_join_the_meeting(self):
        """The record rules of roll-call lines test the meeting's type and body through a
        join: as a subquery each read scanned every meeting of the province."""
        meeting = self._meeting(self.cell_a1, meeting_type="regular")
        meeting.action_plan()
        queries = []
        original = type(self.cr).execute

        def execute(cr, query, params=None, log_exceptions=True):
            queries.append(str(getattr(query, "code", query)))
            return original(cr, query, params, log_exceptions)
        self.env.invalidate_all()
        with patch.object(type(self.cr), "execute", execute):
            for user in (self.user_member, self.user_secretary):
                lines = self.env["party.meeting.attendance"].with_user(user).search(
                    [("meeting_id", "=", meeting.id)])
                self.assertEqual(lines, meeting.attendance_ids)
        rule_queries = [q for q in queries if 'FROM "party_meeting_attendance"' in q]
        self.assertTrue(rule_queries)
        for query in rule_queries:
            self.assertNotIn('IN (SELECT "party_meeting"."id" FROM "party_meeting"', query)
