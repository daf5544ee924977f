from unittest.mock import patch

from odoo.modules.registry import Registry
from odoo.tests import new_test_user, tagged

from .common import PartyCase


@tagged("post_install", "-at_install")
class TestRuleCache(PartyCase):
    """Access follows memberships and officers at once, with no cache cleared.

    Every Odoo worker (and every node) keeps its own cache of evaluated record rules; a
    change that needed it cleared sent all of them back to the database. Here the cached
    domains hold only the user's id, so nothing is cleared and nothing goes stale.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.b1_meeting = cls._meeting(cls.cell_b1)
        cls.newcomer = new_test_user(
            cls.env, login="newcomer", groups="base.group_user,party_cell.group_party_member")
        cls.officer_b = new_test_user(
            cls.env, login="officer_b", groups="base.group_user,party_cell.group_party_committee")

    def _visible(self, user):
        return self.env["party.meeting"].with_user(user).search(
            [("id", "=", self.b1_meeting.id)])

    def _cleared(self):
        """Records every cache the registry is told to clear."""
        calls = []
        original = Registry.clear_cache

        def clear_cache(registry, *names):
            calls.append(names or ("default",))
            return original(registry, *names)
        return calls, patch.object(Registry, "clear_cache", clear_cache)

    def test_new_member_reads_the_cell_without_cache_clear(self):
        self.assertFalse(self._visible(self.newcomer))  # the rule domain is now cached
        calls, spy = self._cleared()
        with spy:
            self._member("Đỗ Văn Hải", self.cell_b1, user=self.newcomer)
            self.assertEqual(self._visible(self.newcomer), self.b1_meeting)
        self.assertEqual(calls, [], "creating a member clears no cache")

    def test_officer_and_parent_changes_without_cache_clear(self):
        self.assertFalse(self._visible(self.officer_b))
        calls, spy = self._cleared()
        with spy:
            self.committee_b.committee_user_ids = self.officer_b
            self.assertEqual(self._visible(self.officer_b), self.b1_meeting)
            # B1 moves under committee A: officer B loses it, officer A gains it.
            self.assertFalse(self._visible(self.user_officer))
            self.cell_b1.parent_id = self.committee_a
            self.assertFalse(self._visible(self.officer_b))
            self.assertEqual(self._visible(self.user_officer), self.b1_meeting)
        self.assertEqual(calls, [], "changing an organisation clears no cache")

    def test_member_leaving_loses_access_without_cache_clear(self):
        self.assertTrue(self.env["party.meeting"].with_user(self.user_secretary_b).search(
            [("id", "=", self.b1_meeting.id)]))
        calls, spy = self._cleared()
        with spy:
            self.secretary_b.employee_id.user_id = False
            self.assertFalse(self.env["party.meeting"].with_user(self.user_secretary_b).search(
                [("id", "=", self.b1_meeting.id)]))
        self.assertEqual(calls, [])
