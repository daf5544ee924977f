"""Who reads a committee's meetings, tried over JSON-RPC as each role.

A plain member of a cell reads the cell's meetings but not its chi ủy's; whoever sits on a
committee reads that committee's meetings, the standing committee's only when they sit on
it; the committee office that keeps the record and the inspectors read them all.
"""

from odoo.tests import tagged

from .test_committee import CommitteeCase
from .test_external_api import ApiCase


@tagged("post_install", "-at_install")
class TestCommitteeRecordsRpc(CommitteeCase, ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A plain member of cell A2 on the full committee of A, not its standing committee.
        cls.user_committee_member = cls._user("committee_member_a2", "group_party_member")
        cls.committee_member = cls._member("Vũ Thị Hoa", cls.cell_a2,
                                           user=cls.user_committee_member,
                                           card_number="78.000020")
        cls.env["party.committee.post"].create({
            "term_id": cls.term_a.id, "member_id": cls.committee_member.id,
            "post": "committee_member", "date_from": "2026-01-01"})
        cls.meetings = {
            "cell": cls._meeting(cls.cell_a1),
            "chi_uy": cls._meeting(cls.cell_a1, start="2026-11-02 07:00:00",
                                   meeting_type="committee"),
            "executive": cls._meeting(cls.committee_a, start="2026-11-04 07:00:00",
                                      meeting_type="committee"),
            "standing": cls._meeting(cls.committee_a, start="2026-11-05 07:00:00",
                                     meeting_type="committee", committee_body="standing"),
        }
        for meeting in cls.meetings.values():
            meeting.guest_ids = [(0, 0, {"name": "Đại biểu cấp trên", "title": "Ủy viên"})]

    def test_who_reads_which_meeting(self):
        every = set(self.meetings)
        cases = [
            ("plain member of the cell", self.user_member2, {"cell"}),
            ("member of the full committee", self.user_committee_member, {"executive"}),
            ("deputy secretary of the committee", self.user_member,
             {"cell", "executive", "standing"}),
            ("secretary of the cell and of the committee", self.user_secretary, every),
            ("secretary of another committee's cell", self.user_secretary_b, set()),
            ("committee office", self.user_officer, every),
            ("inspector", self.user_inspector, every),
            ("administrator", self.user_admin, every),
        ]
        ids = {key: meeting.id for key, meeting in self.meetings.items()}
        by_id = {value: key for key, value in ids.items()}
        for label, user, expected in cases:
            with self.subTest(label):
                client = self._client(user)
                for model, field in (("party.meeting", "id"),
                                     ("party.meeting.attendance", "meeting_id"),
                                     ("party.meeting.guest", "meeting_id")):
                    rows = self._call(client, model, "search_read",
                                      [(field, "in", list(ids.values()))], ["id", field])
                    seen = {by_id[row[field][0] if isinstance(row[field], list) else row[field]]
                            for row in rows}
                    self.assertEqual(seen, expected, model)
                for key in every - expected:
                    self._refused("odoo.exceptions.AccessError", "", client, "party.meeting",
                                  "read", [ids[key]], ["name"])

    def test_plain_member_cannot_open_the_chi_uy_meeting(self):
        client = self._client(self.user_member2)
        self._refused("odoo.exceptions.AccessError", "", client, "party.meeting", "read",
                      [self.meetings["chi_uy"].id], ["conclusion"])
        self.assertFalse(self._call(client, "party.meeting", "search_count",
                                    [("meeting_type", "=", "committee")]))
