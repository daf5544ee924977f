"""The monthly routine as the form and the menus drive it, for each role.

New records from "New" (defaults, the company check of the organisation field), holding and
approving that wait for the meeting's time, the secretary's "next meeting", ownership that
follows an employee's user, the actions each role is offered, and Vietnamese formats.
"""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import PartyCase

UTC_NOON = "2026-12-01 05:00:00"  # 12:00 in Hà Nội


@tagged("post_install", "-at_install")
class TestCreateFromNew(PartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cell_a1.write({
            "meeting_place": "Hội trường tầng 3", "meeting_hour": 14.0, "meeting_day_from": 2,
            "meeting_day_to": 5, "tz": "Asia/Ho_Chi_Minh",
        })
        cls.member2.committee_role = "committee_member"

    def _organisations_offered(self, model, user, field="organization_id"):
        """What the field's drop-down offers on a new record, as the web client asks it."""
        Model = self.env[model].with_user(user)
        record = Model.new(Model.default_get(list(Model._fields)))
        domain = safe_eval(Model._fields[field]._description_domain(self.env), {
            "company_id": record.company_id.id, "organization_id": record.organization_id.id,
        })
        return self.env["party.organization"].with_user(user).search(domain)

    def test_organisation_field_finds_organisations_on_every_new_record(self):
        cases = [
            ("party.meeting", self.user_secretary, self.cell_a1),
            ("party.meeting", self.user_admin, self.cell_b1),
            ("party.member", self.user_admin, self.cell_a2),
            ("party.task", self.user_secretary, self.cell_a1),
            ("party.visit.plan", self.user_officer, self.committee_a),
            ("party.visit", self.user_officer, self.cell_a2),
            ("party.topic.assignment", self.user_admin, self.cell_b1),
        ]
        for model, user, expected in cases:
            with self.subTest(model=model, user=user.login):
                self.assertIn(expected, self._organisations_offered(model, user))
        self.assertNotIn(self.cell_z1, self._organisations_offered("party.meeting",
                                                                   self.user_admin))

    def test_new_meeting_defaults_from_the_cell(self):
        with freeze_time(UTC_NOON):
            form = Form(self.env["party.meeting"].with_user(self.user_secretary))
            self.assertEqual(form.organization_id, self.cell_a1, "the secretary's own cell")
            self.assertEqual(form.name, "Regular cell meeting of 12/2026")
            # Day 2 of the window at 14:00 in Hà Nội: 07:00 UTC.
            start = fields.Datetime.to_datetime(form.date_start)
            self.assertEqual(fields.Datetime.to_string(start), "2026-12-02 07:00:00")
            self.assertEqual(fields.Datetime.to_datetime(form.date_end) - start,
                             timedelta(minutes=90))
            self.assertEqual(form.location, "Hội trường tầng 3")
            self.assertEqual(form.chair_id, self.secretary)
            self.assertEqual(form.minute_taker_id, self.member2)
            meeting = form.save()
        self.assertEqual(len(meeting.attendance_ids), 3, "members summoned on save")

    def test_next_slot_follows_the_window_and_the_meetings_held(self):
        Meeting = self.env["party.meeting"]
        slot = Meeting._next_slot(self.cell_a1, now=fields.Datetime.to_datetime(
            "2026-12-03 08:00:00"))  # 15:00 in Hà Nội, after the usual hour
        self.assertEqual(fields.Datetime.to_string(slot), "2026-12-04 07:00:00")
        after_window = Meeting._next_slot(self.cell_a1, now=fields.Datetime.to_datetime(
            "2026-12-10 08:00:00"))
        self.assertEqual(fields.Datetime.to_string(after_window), "2027-01-02 07:00:00")
        self._meeting(self.cell_a1, start="2026-12-02 07:00:00")
        taken = Meeting._next_slot(self.cell_a1, now=fields.Datetime.to_datetime(UTC_NOON))
        self.assertEqual(fields.Datetime.to_string(taken), "2027-01-02 07:00:00",
                         "the month's regular meeting exists: next month")

    def test_moving_the_start_keeps_the_length(self):
        meeting = self._meeting(self.cell_a1, minutes=150).with_user(self.user_secretary)
        with Form(meeting) as form:
            form.date_start = fields.Datetime.to_datetime(form.date_start) + timedelta(days=1)
        self.assertEqual(meeting.date_end - meeting.date_start, timedelta(minutes=150))

    def test_name_in_the_agency_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["party_cell"], ["vi_VN"])
        self.company.partner_id.lang = "vi_VN"
        topic = self.env["party.topic"].create({"name": "Tự soi, tự sửa", "year": 2026})
        regular = self._meeting(self.cell_a1, start="2027-01-04 07:00:00")
        thematic = self._meeting(self.cell_a1, start="2027-01-18 07:00:00",
                                 meeting_type="thematic", topic_id=topic.id)
        self.assertEqual(regular.name, "Sinh hoạt chi bộ định kỳ tháng 1/2027")
        self.assertEqual(thematic.name, "Sinh hoạt chuyên đề tháng 1/2027: Tự soi, tự sửa")

    def test_next_meeting_entry_point(self):
        Meeting = self.env["party.meeting"].with_user(self.user_secretary)
        action = Meeting._action_next_meeting()
        self.assertFalse(action.get("res_id"))
        self.assertEqual(action["context"], {"default_organization_id": self.cell_a1.id})
        draft = self._meeting(self.cell_a1, start="2027-01-04 07:00:00")
        self.assertEqual(Meeting._action_next_meeting()["res_id"], draft.id)
        officer = self.env["party.meeting"].with_user(self.user_officer)._action_next_meeting()
        self.assertEqual(officer["res_model"], "party.meeting")
        self.assertIn("search_default_filter_upcoming", officer["context"])


@tagged("post_install", "-at_install")
class TestMeetingTime(PartyCase):
    def _planned(self, hours_from_now):
        start = fields.Datetime.now() + timedelta(hours=hours_from_now)
        meeting = self._meeting(self.cell_a1, start=fields.Datetime.to_string(start),
                                chair_id=self.secretary.id, minute_taker_id=self.member2.id,
                                conclusion="<p>Thống nhất</p>")
        meeting.with_user(self.user_secretary).action_plan()
        return meeting.with_user(self.user_secretary)

    def test_holding_waits_for_the_meeting(self):
        soon = self._planned(hours_from_now=2)
        with self.assertRaisesRegex(UserError, "not possible yet: .* starts on"):
            soon.action_hold()
        self.assertEqual(soon.state, "planned")
        begun = self._planned(hours_from_now=-1)
        begun.action_hold()
        self.assertEqual(begun.state, "held")

    def test_approving_waits_for_the_meeting(self):
        meeting = self._planned(hours_from_now=-1)
        meeting.action_hold()
        # Moved to next week over RPC after holding: its minutes cannot be adopted yet.
        meeting.sudo().write({"date_start": fields.Datetime.now() + timedelta(days=7),
                              "date_end": fields.Datetime.now() + timedelta(days=7, hours=2)})
        with self.assertRaisesRegex(UserError, "not possible yet"):
            meeting.action_approve()
        self.assertFalse(meeting.minutes_number)


@tagged("post_install", "-at_install")
class TestOwnership(PartyCase):
    """Linking or changing an employee's user re-owns their ballots, tasks and member page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr = new_test_user(cls.env, login="hr_officer",
                                    groups="base.group_user,hr.group_hr_user")
        cls.late_member = cls._member("Đỗ Văn Muộn", cls.cell_a1, card_number="78.000020")
        cls.late_user = cls._user("late_member", "group_party_member")
        cls.other_user = cls._user("other_member", "group_party_member")
        start = fields.Datetime.now() - timedelta(days=1)
        cls.meeting = cls._meeting(cls.cell_a1, start=fields.Datetime.to_string(start),
                                   chair_id=cls.secretary.id, minute_taker_id=cls.member2.id)
        cls.meeting.action_plan()
        cls.meeting.action_hold()

    def _link(self, user):
        self.late_member.employee_id.with_user(self.user_hr).write({"user_id": user.id})

    def test_ballot_follows_the_user(self):
        # Entered before the member had a user (imported from the paper ballots).
        ballot = self.env["party.ballot"].create({
            "meeting_id": self.meeting.id, "voter_id": self.late_member.id, "role": "member",
        })
        self.assertFalse(ballot.voter_user_id)
        self._link(self.late_user)
        self.assertEqual(ballot.voter_user_id, self.late_user)
        mine = self.env["party.ballot"].with_user(self.late_user).search(
            [("voter_user_id", "=", self.late_user.id)])
        self.assertEqual(mine, ballot, "My Ballots lists it")
        action = self.meeting.with_user(self.late_user).action_my_ballot()
        self.assertEqual(action["res_id"], ballot.id, "My Ballot opens it, not a duplicate")
        self._link(self.other_user)
        self.assertEqual(ballot.voter_user_id, self.other_user)
        self.assertFalse(self.env["party.ballot"].with_user(self.late_user).search([]))

    def test_member_page_follows_the_user(self):
        self._link(self.late_user)
        own = self.env["party.member"].with_user(self.late_user).search(
            [("user_id", "=", self.late_user.id)])
        self.assertEqual(own, self.late_member)
        self.assertIn(self.cell_a1, self.late_user.party_cell_ids)

    def test_task_reminders_follow_the_user(self):
        task = self.env["party.task"].with_user(self.user_secretary).create({
            "name": "Báo cáo tình hình đoàn viên", "meeting_id": self.meeting.id,
            "assignee_ids": [(6, 0, self.late_member.ids)],
            "deadline": fields.Date.today() + timedelta(days=10),
        })
        self.assertFalse(task.activity_ids)
        self._link(self.late_user)
        self.assertEqual(task.activity_ids.user_id, self.late_user)
        self._link(self.other_user)
        self.assertEqual(task.activity_ids.user_id, self.other_user, "moved, not doubled")
        self.assertEqual(task.with_user(self.other_user).search([("id", "=", task.id)]), task)

    def test_my_ballots_hands_out_the_recent_ballots(self):
        Ballot = self.env["party.ballot"].with_user(self.user_member)
        action = Ballot._action_my_ballots()
        self.assertEqual(action["res_model"], "party.ballot")
        ballot = Ballot.search([("voter_user_id", "=", self.user_member.id)])
        self.assertEqual((ballot.meeting_id, ballot.state), (self.meeting, "draft"))
        Ballot._action_my_ballots()
        self.assertEqual(Ballot.search_count([("voter_user_id", "=", self.user_member.id)]), 1)
        self.meeting.scoring_closed = True
        Ballot.with_user(self.user_member2)._action_my_ballots()
        self.assertFalse(Ballot.with_user(self.user_member2).search([]),
                         "no ballot once scoring is closed")


@tagged("post_install", "-at_install")
class TestOfferedActions(PartyCase):
    def test_only_those_who_run_the_meeting_may(self):
        meeting = self._meeting(self.cell_a1)
        for user, expected in ((self.user_member, False), (self.user_secretary, True),
                               (self.user_officer, True), (self.user_inspector, False)):
            with self.subTest(user=user.login):
                self.assertEqual(meeting.with_user(user).can_manage, expected)

    def test_form_offers_no_action_that_can_only_fail(self):
        views = {
            "party.meeting": "party_cell.party_meeting_view_form",
            "party.ballot": "party_cell.party_ballot_view_form",
            "party.member": "party_cell.party_member_view_form",
        }
        for model, xmlid in views.items():
            arch = self.env[model].get_view(self.env.ref(xmlid).id, "form")["arch"]
            self.assertIn('duplicate="0"', arch, model)
        arch = self.env["party.meeting"].get_view(
            self.env.ref("party_cell.party_meeting_view_form").id, "form")["arch"]
        for button in ("action_add_turn", "action_close_scoring", "action_hold"):
            self.assertRegex(arch, rf'name="{button}"[^>]*invisible="[^"]*can_manage', button)


@tagged("post_install", "-at_install")
class TestVietnameseFormats(PartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(["party_cell"], ["vi_VN"])
        (cls.user_secretary | cls.user_member).lang = "vi_VN"

    def test_lists_show_the_short_name(self):
        short = self.cell_a1.with_context(hierarchical_naming=False).display_name
        self.assertEqual(short, "Chi bộ A1")
        self.assertEqual(self.cell_a1.display_name, "Đảng bộ Khối / Đảng bộ Cục A / Chi bộ A1")

    def test_measured_percentages_use_the_decimal_comma(self):
        start = fields.Datetime.now() - timedelta(days=1)
        meeting = self._meeting(self.cell_a1, start=fields.Datetime.to_string(start),
                                chair_id=self.secretary.id, minute_taker_id=self.member2.id)
        meeting.action_plan()
        meeting.attendance_ids.filtered(lambda a: a.member_id == self.member2).write(
            {"status": "excused", "reason": "Ốm"})
        meeting.action_hold()
        # A browser's request carries the user's language.
        ballot = self.env["party.ballot"].with_user(self.user_member).with_context(
            lang="vi_VN").create({
                "meeting_id": meeting.id, "voter_id": self.member.id, "role": "member",
            })
        explanations = ballot.line_ids.mapped("explanation")
        self.assertIn("Đo được 66,7%.", explanations)

    def test_reminders_in_the_recipient_language(self):
        meeting = self._meeting(self.cell_a1, start="2026-10-06 07:00:00",
                                chair_id=self.secretary.id, minute_taker_id=self.member2.id)
        self.env["party.task"].create({
            "name": "Nộp báo cáo", "meeting_id": meeting.id,
            "assignee_ids": [(6, 0, self.member.ids)], "deadline": "2026-10-20",
        })
        self.env["party.meeting"].with_context(lang="en_US")._cron_reminders()
        activity = meeting.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(
                "party_cell.mail_activity_type_task_overdue"))
        self.assertEqual(activity.user_id, self.user_secretary)
        self.assertIn("quá hạn", activity.summary)
