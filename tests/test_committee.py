from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PartyCase


class CommitteeCase(PartyCase):
    """Committee A (grassroots) with a term and its committee: the secretaries of cells A1
    and A2 sit on it, with a member of A1 as deputy secretary."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secretary_a2 = cls._member("Đỗ Minh Khoa", cls.cell_a2, committee_role="secretary",
                                       card_number="78.000010")
        cls.term_a = cls.env["party.term"].create({
            "organization_id": cls.committee_a.id, "name": "Nhiệm kỳ 2025–2030",
            "date_start": "2025-06-15", "congress_reference": "01-NQ/ĐH ngày 15/6/2025",
        })
        Post = cls.env["party.committee.post"]
        cls.post_secretary = Post.create({"term_id": cls.term_a.id, "member_id": cls.secretary.id,
                                          "post": "secretary"})
        cls.post_deputy = Post.create({"term_id": cls.term_a.id, "member_id": cls.member.id,
                                       "post": "deputy_secretary"})
        cls.post_member = Post.create({"term_id": cls.term_a.id,
                                       "member_id": cls.secretary_a2.id,
                                       "post": "committee_member"})


@tagged("post_install", "-at_install")
class TestCommitteePosts(CommitteeCase):

    def test_officers_come_from_posts(self):
        committee = self.committee_a.with_user(self.user_officer)
        self.assertEqual(committee.secretary_id, self.secretary)
        self.assertEqual(committee.deputy_secretary_id, self.member)
        self.assertEqual(committee.committee_member_ids,
                         self.secretary | self.member | self.secretary_a2)
        # A seat on the committee above is not a post in one's own cell.
        self.assertEqual(self.member.committee_role, "member")
        self.assertEqual(self.cell_a1.secretary_id, self.secretary)

    def test_history_is_kept(self):
        with freeze_time("2026-03-01"):
            self.post_deputy.date_to = date(2026, 2, 28)
            self.env["party.committee.post"].with_user(self.user_officer).create({
                "term_id": self.term_a.id, "member_id": self.member2.id,
                "post": "deputy_secretary", "date_from": "2026-03-01",
            })
            self.committee_a.invalidate_recordset()
            self.assertEqual(self.committee_a.deputy_secretary_id, self.member2)
        self.assertEqual(self.committee_a.post_ids.filtered(
            lambda p: p.post == "deputy_secretary").member_id, self.member | self.member2)
        with freeze_time("2026-01-10"):
            self.committee_a.invalidate_recordset()
            self.assertEqual(self.committee_a.deputy_secretary_id, self.member)

    def test_member_role_records_a_post(self):
        """Setting a role on the member (as demo data and forms do) records the post."""
        self.member2.with_user(self.user_officer).committee_role = "deputy_secretary"
        post = self.member2.post_ids
        self.assertEqual(post.post, "deputy_secretary")
        self.assertEqual(post.organization_id, self.cell_a1)
        self.assertEqual(self.cell_a1.deputy_secretary_id, self.member2)
        self.assertEqual(self.member2.committee_role, "deputy_secretary")
        # The cell's term was opened for it; the secretary's post sits in the same term.
        self.assertEqual(self.secretary.post_ids.filtered(
            lambda p: p.organization_id == self.cell_a1).term_id, post.term_id)
        self.member2.with_user(self.user_officer).committee_role = "member"
        self.assertFalse(self.cell_a1.deputy_secretary_id)
        self.assertEqual(self.member2.committee_role, "member")

    def test_only_the_committee_office_writes_posts(self):
        vals = {"term_id": self.term_a.id, "member_id": self.member2.id,
                "post": "committee_member"}
        Post = self.env["party.committee.post"]
        for user in (self.user_member, self.user_secretary, self.user_inspector):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Post.with_user(user).create(vals)
                with self.assertRaises(AccessError):
                    self.post_member.with_user(user).write({"date_to": "2026-01-01"})
                with self.assertRaises(AccessError):
                    self.term_a.with_user(user).write({"name": "Khác"})
        with self.assertRaises(AccessError):
            self.member2.with_user(self.user_secretary).committee_role = "committee_member"
        with self.assertRaises(AccessError):
            Post.with_user(self.user_officer_z).create(vals)
        Post.with_user(self.user_officer).create(vals)

    def test_who_reads_the_committee(self):
        Post = self.env["party.committee.post"]
        # A plain member of B1 sees nothing of committee A; a member of A1 sees A1's posts
        # and, sitting on committee A, committee A's.
        self.assertFalse(Post.with_user(self.user_secretary_b).search(
            [("organization_id", "=", self.committee_a.id)]))
        self.assertEqual(Post.with_user(self.user_member).search(
            [("organization_id", "=", self.committee_a.id)]),
            self.post_secretary | self.post_deputy | self.post_member)
        self.assertTrue(self.committee_a.with_user(self.user_member).read(["name"]))
        self.assertEqual(Post.with_user(self.user_member2).search(
            [("organization_id", "=", self.committee_a.id)]), Post)
        self.assertTrue(Post.with_user(self.user_inspector).search(
            [("organization_id", "=", self.committee_a.id)]))

    def test_bad_posts(self):
        Post = self.env["party.committee.post"]
        cases = {
            "ends before it starts": {"member_id": self.member2.id, "date_from": "2026-01-10",
                                      "date_to": "2026-01-01"},
            "outside the term": {"member_id": self.member2.id, "date_from": "2024-01-01"},
            "same time": {"member_id": self.member2.id, "post": "secretary"},
        }
        for message, vals in cases.items():
            with self.subTest(message), self.assertRaisesRegex(ValidationError, message):
                Post.create(dict({"term_id": self.term_a.id, "post": "committee_member"},
                                 **vals))
        with self.assertRaisesRegex(ValidationError, "overlap"):
            self.env["party.term"].create({"organization_id": self.committee_a.id,
                                           "name": "Khác", "date_start": "2026-01-01"})

    def test_import_a_term_committee(self):
        """A term's committee imported from a spreadsheet (the Import path: load)."""
        term = self.env["party.term"].create({
            "organization_id": self.committee_b.id, "name": "Nhiệm kỳ B 2025–2030",
            "date_start": "2025-07-01"})
        rows = [
            ["Nhiệm kỳ B 2025–2030", "Hoàng Văn Em", "Secretary", "2025-07-01", "1"],
            ["Nhiệm kỳ B 2025–2030", "Nguyễn Văn An", "Inspection Commission Chair",
             "2025-07-01", "0"],
        ]
        result = self.env["party.committee.post"].with_user(self.user_admin).load(
            ["term_id", "member_id", "post", "date_from", "elected"], rows)
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(len(result["ids"]), 2)
        self.assertEqual(self.committee_b.secretary_id, self.secretary_b)
        chair = term.post_ids.filtered(lambda p: p.post == "inspection_chair")
        self.assertEqual(chair.member_id, self.member)
        self.assertFalse(chair.elected)
        # A row that breaks a rule is reported, nothing is half-imported.
        result = self.env["party.committee.post"].with_user(self.user_admin).load(
            ["term_id", "member_id", "post", "date_from"],
            [["Nhiệm kỳ B 2025–2030", "Trần Thị Bình", "Secretary", "2025-08-01"]])
        self.assertTrue(result["messages"])
        self.assertEqual(len(term.post_ids), 2)


@tagged("post_install", "-at_install")
class TestCommitteeMeetings(CommitteeCase):
    """The grassroots committee meets with its members from several cells."""

    def _committee_meeting(self, **vals):
        return self._meeting(self.committee_a, meeting_type="committee", **vals).with_user(
            self.user_officer)

    def test_summons_the_committee_from_several_cells(self):
        meeting = self._committee_meeting()
        self.assertEqual(meeting.committee_body, "executive")
        self.assertEqual(meeting.attendance_ids.member_id,
                         self.secretary | self.member | self.secretary_a2)
        self.assertEqual(set(meeting.attendance_ids.member_id.organization_id.ids),
                         {self.cell_a1.id, self.cell_a2.id})
        self.assertEqual(meeting.chair_id, self.secretary)
        self.assertIn(meeting.minute_taker_id, self.member | self.secretary_a2)
        self.assertEqual(meeting.name, "Committee meeting of 11/2026")
        # The standing committee: secretary and deputy only.
        standing = self._committee_meeting(start="2026-11-10 07:00:00",
                                           committee_body="standing")
        self.assertEqual(standing.attendance_ids.member_id, self.secretary | self.member)

    def test_held_with_quorum_and_majority(self):
        meeting = self._committee_meeting(conclusion="<p>Đảng ủy thống nhất.</p>")
        meeting.action_plan()
        lines = meeting.attendance_ids
        with freeze_time("2026-11-03 10:00:00"):
            lines.filtered(lambda a: a.member_id == self.secretary_a2).write(
                {"status": "excused", "reason": "Đi công tác"})
            meeting.action_hold()
        self.assertEqual(meeting.state, "held")
        self.assertTrue(meeting.quorum_reached)
        self.assertEqual(meeting.vote_total, 3)
        meeting.vote_for = 2
        self.assertTrue(meeting.vote_passed, "2 of 3 committee members: more than half")
        meeting.vote_for = 1
        self.assertFalse(meeting.vote_passed)

    def test_no_quorum_no_meeting(self):
        meeting = self._committee_meeting()
        meeting.action_plan()
        others = meeting.attendance_ids.filtered(lambda a: a.member_id != self.secretary)
        others.write({"status": "excused", "reason": "Ốm"})
        with freeze_time("2026-11-03 10:00:00"), self.assertRaisesRegex(
                ValidationError, "more than 1/2 of its members present"):
            meeting.action_hold()
        self.assertEqual(meeting.state, "planned")

    def test_quorum_follows_the_settings(self):
        self.env["ir.config_parameter"].set_param("party_cell.committee_quorum_share", "2/3")
        meeting = self._committee_meeting()
        meeting.action_plan()
        meeting.attendance_ids.filtered(lambda a: a.member_id == self.secretary_a2).write(
            {"status": "excused", "reason": "Ốm"})
        self.assertFalse(meeting.quorum_reached, "2 of 3 is not more than two thirds")

    def test_only_committee_members_are_summoned(self):
        meeting = self._committee_meeting()
        Attendance = self.env["party.meeting.attendance"].with_user(self.user_officer)
        for member in (self.member2, self.member_a2):
            with self.subTest(member=member.name), self.assertRaisesRegex(
                    ValidationError, "Only the committee's members"):
                Attendance.create({"meeting_id": meeting.id, "member_id": member.id})
        # Who joins the committee is summoned from the day of their post.
        self.env["party.committee.post"].create({
            "term_id": self.term_a.id, "member_id": self.member2.id,
            "post": "committee_member", "date_from": "2026-11-01"})
        Attendance.create({"meeting_id": meeting.id, "member_id": self.member2.id})
        self.assertIn(self.member2, meeting.attendance_ids.member_id)

    def test_cell_committee_prepares_the_cell_meeting(self):
        self.member2.committee_role = "deputy_secretary"
        cell_meeting = self._meeting(self.cell_a1, start="2026-11-05 07:00:00")
        self.assertFalse(cell_meeting.committee_met_first)
        chi_uy = self._meeting(self.cell_a1, start="2026-11-02 07:00:00",
                               meeting_type="committee", prepares_meeting_id=cell_meeting.id,
                               conclusion="<p>Chuẩn bị nội dung.</p>").with_user(
            self.user_secretary)
        self.assertEqual(chi_uy.committee_body, "cell_committee")
        self.assertEqual(chi_uy.attendance_ids.member_id, self.secretary | self.member2)
        self.assertEqual(cell_meeting.prepared_by_ids, chi_uy)
        chi_uy.action_plan()
        with freeze_time("2026-11-02 10:00:00"):
            chi_uy.action_hold()
        self.assertTrue(cell_meeting.committee_met_first)
        self.assertEqual(cell_meeting._score_facts()["committee_met_first"], 100.0)
        criterion = self.env.ref("party_cell.score_criterion_a_05")
        self.assertEqual(criterion.auto_source, "committee_met_first")
        self.assertEqual(criterion._auto_score(cell_meeting._score_facts())[0], 2)
        with self.assertRaisesRegex(ValidationError, "Only a chi ủy meeting prepares"):
            self._meeting(self.committee_a, start="2026-11-20 07:00:00",
                          meeting_type="committee", prepares_meeting_id=cell_meeting.id)

    def test_committee_member_reads_the_committee_meeting(self):
        meeting = self._committee_meeting()
        Meeting = self.env["party.meeting"]
        self.assertEqual(Meeting.with_user(self.user_member).search(
            [("organization_id", "=", self.committee_a.id)]), meeting)
        self.assertFalse(Meeting.with_user(self.user_member2).search(
            [("organization_id", "=", self.committee_a.id)]))
        with self.assertRaises(AccessError):
            meeting.with_user(self.user_member).write({"location": "Khác"})


@tagged("post_install", "-at_install")
class TestDirectives(CommitteeCase):
    """The committee's resolution directs its cells; each cell carries out its part."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._meeting(cls.committee_a, meeting_type="committee",
                                   resolution="<p>Nghị quyết lãnh đạo tháng 11.</p>")
        cls.meeting.action_plan()
        with freeze_time("2026-11-03 10:00:00"):
            cls.meeting.action_hold()
        Directive = cls.env["party.directive"].with_user(cls.user_officer)
        cls.task_a1 = Directive.create({
            "meeting_id": cls.meeting.id, "organization_id": cls.cell_a1.id,
            "name": "Quán triệt Nghị quyết Trung ương", "deadline": "2026-11-30"})
        cls.task_a2 = Directive.create({
            "meeting_id": cls.meeting.id, "organization_id": cls.cell_a2.id,
            "name": "Kiểm tra hồ sơ đảng viên", "deadline": "2026-12-15"})

    def test_resolution_directs_the_cells(self):
        self.assertEqual(self.task_a1.owner_id, self.secretary, "the cell's secretary answers")
        self.assertEqual(self.meeting.directive_ids, self.task_a1 | self.task_a2)
        with freeze_time("2026-11-03 12:00:00"):
            self.meeting.with_user(self.user_officer).action_approve()
        self.assertRegex(self.task_a1.resolution_number, r"^\d{2}-NQ/ĐU$")
        # The cells' next meetings show what they must carry out; an earlier one does not.
        next_a1 = self._meeting(self.cell_a1, start="2026-12-03 07:00:00")
        next_a2 = self._meeting(self.cell_a2, start="2026-12-03 07:00:00")
        before = self._meeting(self.cell_a1, start="2026-11-02 07:00:00")
        self.assertEqual(next_a1.with_user(self.user_member2).upper_directive_ids, self.task_a1)
        self.assertEqual(next_a2.upper_directive_ids, self.task_a2)
        self.assertFalse(before.upper_directive_ids)
        # The cell's secretary reports and marks it done; it stays shown at that meeting.
        mine = self.task_a1.with_user(self.user_secretary)
        mine.write({"report": "Chi bộ đã quán triệt.", "implemented_meeting_id": next_a1.id})
        mine.action_done()
        self.assertEqual(self.task_a1.state, "done")
        next_a1.invalidate_recordset(["upper_directive_ids"])
        self.assertEqual(next_a1.upper_directive_ids, self.task_a1)
        # What the committee sees per cell.
        groups = self.env["party.directive"].with_user(self.user_officer)._read_group(
            [("meeting_id", "=", self.meeting.id)], ["organization_id", "state"], ["__count"])
        self.assertEqual({(org.id, state) for org, state, _count in groups},
                         {(self.cell_a1.id, "done"), (self.cell_a2.id, "open")})

    def test_who_writes_what(self):
        with freeze_time("2026-11-03 12:00:00"):
            self.meeting.with_user(self.user_officer).action_approve()
        cases = [
            (self.user_officer, {"name": "Khác"}, UserError),
            (self.user_officer, {"state": "done"}, UserError),
            (self.user_secretary, {"deadline": "2027-01-31"}, AccessError),
            (self.user_member, {"report": "Đã làm"}, AccessError),
        ]
        for user, vals, error in cases:
            with self.subTest(user=user.login, vals=vals), self.assertRaises(error):
                self.task_a1.with_user(user).write(vals)
        with self.assertRaises(AccessError):
            self.task_a1.with_user(self.user_member).action_done()
        with self.assertRaises(AccessError):
            self.task_a2.with_user(self.user_secretary).action_done()
        self.assertFalse(self.env["party.directive"].with_user(self.user_secretary_b).search([]))
        self.assertEqual(self.env["party.directive"].with_user(self.user_member).search([]),
                         self.task_a1 | self.task_a2, "a member of the committee reads them all")
        with self.assertRaises(UserError):
            self.env["party.directive"].with_user(self.user_officer).create({
                "meeting_id": self.meeting.id, "organization_id": self.cell_a1.id,
                "name": "Thêm sau khi thông qua"})

    def test_bad_directives(self):
        Directive = self.env["party.directive"].with_user(self.user_admin)
        cell_meeting = self._meeting(self.cell_a1, start="2026-11-10 07:00:00")
        cases = [
            ("a cell outside the committee", {"meeting_id": self.meeting.id,
                                              "organization_id": self.cell_b1.id}),
            ("the committee itself", {"meeting_id": self.meeting.id,
                                      "organization_id": self.committee_a.id}),
            ("from a cell meeting", {"meeting_id": cell_meeting.id,
                                     "organization_id": self.cell_a1.id}),
        ]
        for label, vals in cases:
            with self.subTest(label), self.assertRaisesRegex(
                    ValidationError, "directs an organisation below"):
                Directive.create(dict(vals, name="Việc"))
