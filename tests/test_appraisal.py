import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PartyCase


@tagged("post_install", "-at_install")
class TestAppraisal(PartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.extra = cls.env["party.member"]
        for i in range(8):
            cls.extra |= cls._member(f"Đảng viên A2 số {i}", cls.cell_a2)

    def _propose(self, member, rating, score=None, user=None):
        """Self-assessed (by the cell, for a member without a user) and proposed."""
        appraisal = self.env["party.appraisal"].with_user(user or self.user_officer).create({
            "year": 2026, "member_id": member.id,
            "score": score if score is not None else {"excellent": 95, "good": 80}[rating],
            "self_rating": rating,
        })
        appraisal.action_self_assess()
        appraisal.proposed_rating = rating
        appraisal.action_propose()
        return appraisal

    def _decide(self, appraisal, rating):
        appraisal.write({"rating": rating})
        appraisal.action_decide()
        return appraisal

    def test_workflow_and_suggestion(self):
        appraisal = self.env["party.appraisal"].with_user(self.user_secretary).create({
            "year": 2026, "member_id": self.member.id, "score": 91,
        })
        self.assertEqual(appraisal.suggested_rating, "excellent")
        self.assertEqual(appraisal.grassroots_id, self.committee_a)
        own = appraisal.with_user(self.user_member)
        with self.assertRaisesRegex(UserError, "Fill in"):
            own.action_self_assess()
        own.write({"self_assessment": "Hoàn thành tốt nhiệm vụ được giao.", "self_rating": "good"})
        own.action_self_assess()
        with self.assertRaises(AccessError):
            own.write({"rating": "excellent"})
        with self.assertRaises(AccessError):
            own.action_propose()
        appraisal.proposed_rating = "good"
        appraisal.action_propose()
        with self.assertRaises(AccessError):
            appraisal.with_user(self.user_secretary).write({"rating": "good"})
        with self.assertRaisesRegex(UserError, "moves on with its buttons"):
            appraisal.with_user(self.user_secretary).write({"state": "decided"})
        appraisal.with_user(self.user_officer).write({"rating": "good"})
        appraisal.with_user(self.user_officer).action_decide()
        self.assertEqual(appraisal.state, "decided")

    def test_appraisals_hidden_from_other_members(self):
        mine = self.env["party.appraisal"].create({"year": 2026, "member_id": self.member.id})
        other = self.env["party.appraisal"].create({"year": 2026, "member_id": self.member2.id})
        self.assertEqual(self.env["party.appraisal"].with_user(self.user_member).search([]), mine)
        with self.assertRaises(AccessError):
            other.with_user(self.user_member).read(["rating"])
        self.assertEqual(
            self.env["party.appraisal"].with_user(self.user_secretary).search([]), mine | other)

    def test_excellent_cap_per_grassroots_organisation(self):
        # 10 members of committee A proposed good or better: 20% allows two excellent.
        people = self.extra | self.member | self.member2
        proposals = [self._propose(m, "excellent" if i < 3 else "good")
                     for i, m in enumerate(people)]
        self._decide(proposals[0], "excellent")
        self._decide(proposals[1], "excellent")
        with self.assertRaisesRegex(ValidationError, r"at most 20.0% .* 2 of 10, not 3"):
            self._decide(proposals[2], "excellent")
        self._decide(proposals[2], "good")
        # Another grassroots organisation counts on its own: A's ten do not help B's one.
        other = self._propose(self.secretary_b, "excellent", 96, self.user_admin)
        with self.assertRaisesRegex(ValidationError, "Đảng bộ Cục B .* 0 of 1, not 1"):
            self._decide(other, "excellent")
        self.env["ir.config_parameter"].set_param("party_cell.excellent_cap_percent", "30")
        # Only the committee takes its decision back; the cell then proposes again.
        with self.assertRaises(AccessError):
            proposals[2].with_user(self.user_secretary).action_reset()
        proposals[2].action_reset()
        proposals[2].action_self_assess()
        proposals[2].action_propose()
        self.assertEqual(self._decide(proposals[2], "excellent").rating, "excellent")

    @mute_logger("odoo.sql_db")
    def test_one_target_and_unique_per_year(self):
        with self.assertRaises(psycopg2.IntegrityError), self.cr.savepoint():
            self.env["party.appraisal"].create({"year": 2026})
        self.env["party.appraisal"].create({"year": 2026, "organization_id": self.cell_a1.id})
        with self.assertRaises(psycopg2.IntegrityError), self.cr.savepoint():
            self.env["party.appraisal"].create({"year": 2026,
                                                "organization_id": self.cell_a1.id})

    def test_meeting_summary_for_organisation(self):
        meeting = self._meeting(self.cell_a1)
        meeting.write({"chair_id": self.secretary.id, "minute_taker_id": self.member2.id,
                       "conclusion": "<p>Kết luận</p>"})
        meeting.action_plan()
        meeting.action_hold()
        meeting.action_approve()
        appraisal = self.env["party.appraisal"].create(
            {"year": 2026, "organization_id": self.cell_a1.id})
        self.assertEqual(appraisal.meeting_unrated, 1)
        self.assertEqual(appraisal.meeting_good, 0)
