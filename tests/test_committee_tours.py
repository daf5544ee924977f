"""Browser tours of a committee's resolution and its directions to the cells
(static/tests/tours/party_committee_tours.js), in Vietnamese.

The committee of A met two days ago and approved its resolution (01-NQ/ĐU) with one
direction for each of its cells: A2 reports its direction done, A1 will take its own up at
its next meeting, in five days. The committee office follows them from the menus, and A1's
secretary finds the direction on that next meeting. Fixtures only, no demo data.
"""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .test_tours import TourCase


@tagged("post_install", "-at_install")
class TestCommitteeTours(TourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        term = cls.env["party.term"].create({
            "organization_id": cls.committee_a.id, "name": "Nhiệm kỳ 2025–2030",
            "date_start": "2025-06-15"})
        cls.env["party.committee.post"].create([
            {"term_id": term.id, "member_id": cls.secretary.id, "post": "secretary"},
            {"term_id": term.id, "member_id": cls.member.id, "post": "deputy_secretary"},
            {"term_id": term.id, "member_id": cls.member_a2.id, "post": "committee_member"},
        ])
        start = cls.now - timedelta(hours=48)
        cls.committee_meeting = cls._meeting(
            cls.committee_a, start=fields.Datetime.to_string(start), meeting_type="committee",
            name="Hội nghị Ban Chấp hành Đảng bộ thường kỳ", chair_id=cls.secretary.id,
            minute_taker_id=cls.member.id, conclusion="<p>Ban Chấp hành thống nhất.</p>",
            resolution="<p>Giao các chi bộ thực hiện các nhiệm vụ dưới đây.</p>")
        cls.committee_meeting.action_plan()
        cls.committee_meeting.action_hold()
        cls.committee_meeting.vote_for = 3
        Directive = cls.env["party.directive"]
        cls.direction_a1, cls.direction_a2 = Directive.create([
            {"meeting_id": cls.committee_meeting.id, "organization_id": cls.cell_a1.id,
             "name": "Số hóa hồ sơ đảng viên của chi bộ",
             "deadline": fields.Date.to_string(cls.now.date() + timedelta(days=30))},
            {"meeting_id": cls.committee_meeting.id, "organization_id": cls.cell_a2.id,
             "name": "Tham mưu kế hoạch kiểm tra chuyên đề quý tới",
             "deadline": fields.Date.to_string(cls.now.date() + timedelta(days=20))},
        ])
        cls.committee_meeting.action_approve()
        cls.direction_a2.report = "Chi bộ đã trình dự thảo kế hoạch."
        cls.direction_a2.action_done()
        next_start = cls.now + timedelta(days=5)
        cls.next_meeting = cls._meeting(
            cls.cell_a1, start=fields.Datetime.to_string(next_start),
            name="Sinh hoạt chi bộ tháng tới", chair_id=cls.secretary.id,
            minute_taker_id=cls.minute_taker.id)
        cls.next_meeting.action_plan()
        cls.direction_a1.implemented_meeting_id = cls.next_meeting

    def test_committee_office_follows_the_directions(self):
        self.assertEqual(self.committee_meeting.resolution_number, "01-NQ/ĐU")
        self._tour("party_cell_committee_directions_tour", self.user_officer)
        # The tour only reads: the resolution and its directions are as the committee left them.
        self.assertEqual((self.direction_a1.state, self.direction_a2.state), ("open", "done"))

    def test_cell_secretary_finds_the_direction_on_the_next_meeting(self):
        self.assertIn(self.direction_a1, self.next_meeting.upper_directive_ids)
        self._tour("party_cell_cell_upper_direction_tour", self.user_secretary)
        self.assertEqual(self.direction_a1.state, "open")
