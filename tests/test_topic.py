import base64
import shutil
import subprocess
import tempfile

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged

from .common import PartyCase


class TopicCase(PartyCase):
    """Committee A orients a topic to cells A1 and A2; committee B one to B1; A1 has its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Topic = cls.env["party.topic"]
        cls.topic = Topic.create({
            "name": "Xây dựng khối đoàn kết nội bộ", "category": "party_building",
            "issuer_id": cls.committee_a.id, "year": 2026, "quarter": "4",
            "organization_ids": [fields.Command.set((cls.cell_a1 | cls.cell_a2).ids)],
        })
        cls.topic.action_issue()
        cls.topic_b = Topic.create({
            "name": "Chuyên đề của Đảng bộ Cục B", "issuer_id": cls.committee_b.id,
            "year": 2026, "organization_ids": [fields.Command.set(cls.cell_b1.ids)],
        })
        cls.topic_b.action_issue()
        cls.own_topic = Topic.create({
            "name": "Nâng cao chất lượng tham mưu", "category": "professional",
            "issuer_id": cls.cell_a1.id, "year": 2026,
            "organization_ids": [fields.Command.set(cls.cell_a1.ids)],
        })
        cls.catalogue = cls.env.ref("party_cell.party_topic_catalogue_self_correction")
        cls.assignment = cls.topic.assignment_ids.filtered(
            lambda a: a.organization_id == cls.cell_a1
        )

    @classmethod
    def _thematic(cls, cell, start, state="draft", **vals):
        meeting = cls._meeting(cell, start=start, **dict({
            "meeting_type": "thematic", "topic_id": cls.topic.id,
        }, **vals))
        if state != "draft":
            officers = cell.member_ids[:1]
            # Straight to the state: these tests count meetings, not the workflow.
            meeting.write({"chair_id": officers.id, "minute_taker_id": officers.id,
                           "state": state})
        return meeting

    def _upload(self, assignment, user, name, field="draft_attachment_ids"):
        attachment = self.env["ir.attachment"].with_user(user).create({
            "name": name, "datas": base64.b64encode(b"draft"),
            "res_model": assignment._name, "res_id": assignment.id,
        })
        assignment.with_user(user).write({field: [fields.Command.link(attachment.id)]})
        return attachment


@tagged("post_install", "-at_install")
class TestTopic(TopicCase):
    def test_issue_creates_one_assignment_per_cell(self):
        self.assertEqual(
            self.topic.assignment_ids.organization_id, self.cell_a1 | self.cell_a2
        )
        self.assertEqual(self.assignment.quarter, "4")
        self.assertEqual(self.assignment.year, 2026)
        self.assertTrue(self.own_topic.is_own)
        self.assertFalse(self.topic.is_own)
        topic = self.env["party.topic"].with_user(self.user_officer).create({
            "name": "Trách nhiệm nêu gương", "issuer_id": self.committee_a.id, "year": 2026,
            "organization_ids": [fields.Command.set(self.cell_a1.ids)],
        })
        topic.action_issue()
        self.assertEqual(topic.assignment_count, 1)
        topic.organization_ids = [fields.Command.link(self.cell_a2.id)]
        self.assertEqual(topic.assignment_ids.organization_id, self.cell_a1 | self.cell_a2)
        with self.assertRaisesRegex(ValidationError, "only to cells under its issuer"):
            topic.sudo().organization_ids = [fields.Command.link(self.cell_b1.id)]

    def test_catalogue_ships_and_is_copied_into_an_orientation(self):
        catalogue = self.env["party.topic"].search([("is_catalogue", "=", True)])
        self.assertGreaterEqual(len(catalogue), 10)
        self.assertEqual(self.catalogue.guidance_ref, "Kết luận 21-KL/TW")
        self.assertFalse(self.catalogue.company_id)
        with self.assertRaisesRegex(UserError, "catalogue item"):
            self.catalogue.action_issue()
        action = self.catalogue.with_user(self.user_officer).action_use_catalogue()
        topic = self.env["party.topic"].browse(action["res_id"])
        self.assertFalse(topic.is_catalogue)
        self.assertEqual(topic.issuer_id, self.committee_a)
        # A secretary adopts it as the cell's own topic.
        action = self.catalogue.with_user(self.user_secretary).action_use_catalogue()
        own = self.env["party.topic"].browse(action["res_id"])
        self.assertEqual((own.issuer_id, own.organization_ids), (self.cell_a1, self.cell_a1))
        self.assertTrue(own.is_own)

    @freeze_time("2026-11-01 02:00:00")
    def test_draft_cycle(self):
        sec = self.assignment.with_user(self.user_secretary)
        sec.write({"drafter_id": self.member.id, "deadline": "2026-10-25"})
        # The drafting member uploads two versions; both stay, numbered.
        v1 = self._upload(self.assignment, self.user_member, "Du thao chuyen de.docx")
        v2 = self._upload(self.assignment, self.user_member, "Du thao chuyen de (sua).docx")
        self.assertTrue(v1.name.startswith("v01 – 2026-11-01 – "), v1.name)
        self.assertTrue(v2.name.startswith("v02 – "), v2.name)
        self.assertEqual(sec.draft_attachment_ids, v1 | v2)
        drafter = self.assignment.with_user(self.user_member)
        with self.assertRaises(AccessError):
            drafter.action_approve()
        with self.assertRaises(AccessError):
            drafter.deadline = "2026-12-01"
        with self.assertRaises(AccessError):
            self.assignment.with_user(self.user_member2).final_report = "<p>Không phải tôi</p>"
        sec.action_approve()
        self.assertEqual(sec.state, "approved")
        with self.assertRaisesRegex(UserError, "kept once the draft is approved"):
            sec.draft_attachment_ids = [fields.Command.unlink(v1.id)]
        with self.assertRaisesRegex(UserError, "Link .* to its thematic meeting"):
            sec.action_send()
        # The cell plans its thematic meeting on the topic: the assignment links to it.
        meeting = self.env["party.meeting"].with_user(self.user_secretary).create({
            "organization_id": self.cell_a1.id, "meeting_type": "thematic",
            "topic_id": self.topic.id, "location": "Phòng họp số 2",
            "date_start": "2026-11-03 07:00:00", "date_end": "2026-11-03 09:00:00",
            "chair_id": self.secretary.id, "minute_taker_id": self.member2.id,
        })
        self.assertEqual(sec.meeting_id, meeting)
        sec.action_send()
        self.assertEqual(sec.state, "sent")
        self.assertFalse(sec.sent_late, "sent two days ahead")
        self.assertIn(v2, meeting.document_ids, "the latest version goes with the meeting")
        self.assertTrue(meeting.documents_sent_date)
        with self.assertRaisesRegex(UserError, "not been held"):
            sec.action_discuss()
        meeting.action_plan()
        with freeze_time("2026-11-03 09:00:00"):  # the meeting has taken place
            meeting.action_hold()
        sec.action_discuss()
        with self.assertRaisesRegex(UserError, "Write the final text"):
            sec.action_finalise()
        drafter.final_report = "<p>Chi bộ thống nhất các giải pháp xây dựng đoàn kết.</p>"
        sec.action_finalise()
        sec.action_submit()
        self.assertEqual(sec.state, "submitted")
        self.assertEqual(sec.submitted_date, fields.Date.to_date("2026-11-01"))
        self.assertIn(self.user_officer.partner_id, sec.message_ids[0].partner_ids,
                      "the committee above is told")
        with self.assertRaises(AccessError):
            sec.upper_assessment = "good"
        self.assertFalse(sec.can_assess)
        officer = self.assignment.with_user(self.user_officer)
        self.assertTrue(officer.can_assess)
        officer.write({"upper_assessment": "good",
                       "upper_comment": "<p>Chuyên đề sát thực tế cơ quan.</p>"})
        self.assertEqual(self.assignment.upper_assessment, "good")

    def test_late_sending_is_flagged(self):
        self.assignment.write({
            "drafter_id": self.member.id, "state": "approved",
        })
        self._upload(self.assignment, self.user_member, "Du thao.docx")
        meeting = self._thematic(self.cell_a1, "2026-11-03 07:00:00")
        sec = self.assignment.with_user(self.user_secretary)
        with freeze_time("2026-11-02 23:00:00"):
            sec.action_send()
        self.assertTrue(sec.sent_late)
        self.assertIn("less than a day", sec.message_ids[0].body)
        self.assertEqual(sec.meeting_id, meeting)
        with freeze_time("2026-11-03 08:00:00"):
            self.assignment.state = "approved"
            with self.assertRaisesRegex(UserError, "already started"):
                sec.action_send()

    def test_assessment_needs_submission(self):
        with self.assertRaisesRegex(ValidationError, "Only a submitted report"):
            self.assignment.upper_assessment = "good"

    def test_compliance_counts_per_quarter(self):
        self._thematic(self.cell_a1, "2026-02-10 07:00:00", state="held")
        self._meeting(self.cell_a1, start="2026-05-05 07:00:00", includes_thematic=True,
                      topic_id=self.topic.id).write({
                          "chair_id": self.secretary.id, "minute_taker_id": self.member.id,
                          "state": "approved"})
        self._meeting(self.cell_a1, start="2026-05-20 07:00:00")  # regular only: no count
        self._thematic(self.cell_a1, "2026-08-10 07:00:00")
        self._thematic(self.cell_a1, "2026-11-10 07:00:00", state="cancelled")
        self._meeting(self.cell_a2, start="2026-02-10 07:00:00")
        self.env.flush_all()
        rows = self.env["party.thematic.compliance"].with_user(self.user_officer).search(
            [("year", "=", 2026)]
        )
        self.assertEqual(rows.organization_id, self.cell_a1 | self.cell_a2,
                         "an officer sees the cells of the subtree only")
        status = {(r.organization_id, r.quarter): r.status for r in rows}
        self.assertEqual(
            [status[self.cell_a1, q] for q in "1234"], ["held", "held", "planned", "missing"]
        )
        self.assertEqual([status[self.cell_a2, q] for q in "1234"], ["missing"] * 4)
        groups = self.env["party.thematic.compliance"].with_user(self.user_officer).read_group(
            [("year", "=", 2026)], ["held_count:sum", "missing_count:sum"], ["organization_id"]
        )
        totals = {g["organization_id"][0]: (g["held_count"], g["missing_count"]) for g in groups}
        self.assertEqual(totals[self.cell_a1.id], (2, 2))
        self.assertEqual(totals[self.cell_a2.id], (0, 4))
        member_rows = self.env["party.thematic.compliance"].with_user(self.user_member).search([])
        self.assertEqual(member_rows.organization_id, self.cell_a1)

    def test_access(self):
        Topic = self.env["party.topic"]
        visible = Topic.with_user(self.user_member).search([("is_catalogue", "=", False)])
        self.assertEqual(visible, self.topic | self.own_topic)
        self.assertIn(self.catalogue, Topic.with_user(self.user_member).search([]))
        with self.assertRaises(AccessError):
            self.topic.with_user(self.user_member).name = "x"
        # A secretary issues the cell's own topics, not the committee's.
        own = Topic.with_user(self.user_secretary).create({
            "name": "Văn hóa công sở", "issuer_id": self.cell_a1.id, "year": 2026,
            "organization_ids": [fields.Command.set(self.cell_a1.ids)],
        })
        own.action_issue()
        self.assertEqual(own.assignment_ids.organization_id, self.cell_a1)
        with self.assertRaises(AccessError):
            Topic.with_user(self.user_secretary).create({
                "name": "Định hướng", "issuer_id": self.committee_a.id, "year": 2026,
            })
        with self.assertRaises(AccessError):
            self.topic.with_user(self.user_secretary).name = "x"
        Assignment = self.env["party.topic.assignment"]
        self.assertEqual(
            Assignment.with_user(self.user_secretary_b).search([]).organization_id, self.cell_b1
        )
        self.assertEqual(
            Assignment.with_user(self.user_member).search([]).organization_id, self.cell_a1
        )
        with self.assertRaises(AccessError):
            self.assignment.with_user(self.user_member).deadline = "2026-12-01"
        # Officers read what was sent to their subtree, inspectors read it too.
        self.assertEqual(
            Topic.with_user(self.user_officer).search([("is_catalogue", "=", False)]),
            self.topic | self.own_topic | own,
        )
        inspector = Topic.with_user(self.user_inspector).search([("is_catalogue", "=", False)])
        self.assertEqual(inspector, self.topic | self.own_topic | own)
        self.assertEqual(
            Assignment.with_user(self.user_inspector).search([]).organization_id,
            self.cell_a1 | self.cell_a2,
        )
        with self.assertRaises(AccessError):
            self.assignment.with_user(self.user_inspector).deadline = "2026-12-01"
        # Another company sees the catalogue, not our topics.
        z_topics = Topic.with_user(self.user_officer_z).search([])
        self.assertIn(self.catalogue, z_topics)
        self.assertFalse(z_topics & (self.topic | self.topic_b | self.own_topic))
        self.assertFalse(Topic.with_user(self.user_plain).has_access("read"))

    def test_reminder_cron(self):
        self._thematic(self.cell_a1, "2026-12-05 07:00:00")
        Compliance = self.env["party.thematic.compliance"]
        with freeze_time("2026-11-15 01:00:00"):
            self.assertFalse(Compliance._cron_remind_missing(), "not the last month")
        with freeze_time("2026-12-10 01:00:00"):
            self.assertFalse(Compliance._cron_remind_missing(), "past the first days")
        with freeze_time("2026-12-01 01:00:00"):
            activities = Compliance._cron_remind_missing()
            self.assertFalse(Compliance._cron_remind_missing(), "open reminders not repeated")
        by_org = {(a.res_id, a.user_id): a for a in activities}
        admin = self.env.ref("base.user_admin")
        self.assertEqual(set(by_org), {
            (self.cell_a2.id, admin),  # no secretary: the administrator
            (self.cell_b1.id, self.user_secretary_b),
            (self.cell_z1.id, admin),
            (self.committee_a.id, self.user_officer),
            (self.committee_z.id, self.user_officer_z),
        })
        summary = by_org[self.committee_a.id, self.user_officer]
        self.assertIn("Chi bộ A2", summary.note)
        self.assertNotIn("Chi bộ B1", summary.note)
        self.assertIn("Q4/2026", by_org[self.cell_b1.id, self.user_secretary_b].summary)
        self.assertEqual(
            activities.activity_type_id,
            self.env.ref("party_cell.mail_activity_type_thematic_missing"),
        )

    def test_pilot_rollout(self):
        pilot = self._thematic(self.cell_a1, "2026-10-05 07:00:00", state="held", is_pilot=True)
        wizard = Form(self.env["party.pilot.rollout.wizard"].with_user(self.user_officer)
                      .with_context(default_meeting_id=pilot.id))
        self.assertEqual(wizard.organization_ids[:], self.cell_a2, "the other cells of A")
        wizard.date_start = fields.Datetime.to_datetime("2026-10-01 07:00:00")
        wizard = wizard.save()
        with self.assertRaisesRegex(UserError, "after the pilot"):
            wizard.action_create()
        wizard.date_start = fields.Datetime.to_datetime("2026-10-20 07:00:00")
        wizard.action_create()
        follower = pilot.follower_meeting_ids
        self.assertEqual(follower.organization_id, self.cell_a2)
        self.assertEqual((follower.topic_id, follower.meeting_type, follower.state),
                         (self.topic, "thematic", "draft"))
        self.assertEqual(follower.date_start, fields.Datetime.to_datetime("2026-10-20 07:00:00"))
        a2 = self.topic.assignment_ids.filtered(lambda a: a.organization_id == self.cell_a2)
        self.assertEqual(a2.meeting_id, follower, "the cell's report goes to that meeting")
        # Lessons are written once the pilot's minutes are approved and locked.
        pilot.state = "approved"
        pilot.with_user(self.user_officer).lessons_learned = "<p>Chuẩn bị kỹ dự thảo.</p>"
        with self.assertRaises(UserError):
            pilot.with_user(self.user_officer).location = "Nơi khác"


@tagged("post_install", "-at_install")
class TestTopicVolumeValues(TopicCase):
    def _finalise(self, assignment, text, quarter="4"):
        assignment.write({"state": "finalised", "final_report": text, "quarter": quarter,
                          "drafter_id": assignment.organization_id.member_ids[:1].id})

    def test_volume_values_and_html(self):
        a2 = self.topic.assignment_ids - self.assignment
        self._finalise(a2, "<p>Báo cáo của chi bộ A2.</p>")
        self._finalise(self.assignment, "<p>Báo cáo của chi bộ A1.</p>")
        own = self.own_topic
        own.action_issue()
        Report = self.env["report.party_cell.party_topic_volume_document"].with_user(
            self.user_officer
        )
        values = Report._get_report_values([], {"year": 2026,
                                                "organization_ids": self.committee_a.ids})
        items = values["assignments_by_org"][self.committee_a.id]
        self.assertEqual(items.organization_id.mapped("name"), ["Chi bộ A1", "Chi bộ A2"])
        with self.assertRaisesRegex(UserError, "no finalised thematic report for 2025"):
            Report._get_report_values(self.committee_a.ids, {"year": 2025})
        html = self.env["ir.actions.report"].with_user(self.user_officer)._render_qweb_html(
            "party_cell.action_report_party_topic_volume", self.committee_a.ids,
            data={"year": 2026, "report_type": "pdf"},
        )[0].decode()
        self.assertEqual(html.count('class="article'), 1)
        self.assertEqual(html.count('class="party-page"'), 4, "cover, contents, two reports")
        for text in ("Tập chuyên đề", "NĂM 2026", "Mục lục", "Báo cáo của chi bộ A1"):
            self.assertIn(text, html)
        action = self.env["party.topic.volume.wizard"].with_user(self.user_officer).create(
            {"organization_id": self.committee_a.id, "year": 2026}
        ).action_print()
        self.assertEqual(action["data"]["organization_ids"], self.committee_a.ids)


@tagged("post_install", "-at_install")
class TestTopicVolumePdf(TopicCase, HttpCase):
    """The bound volume through wkhtmltopdf, read back with pdftotext (one PDF: ~1.5 s)."""

    def test_volume_pdf(self):
        if not shutil.which("pdftotext"):
            self.fail("pdftotext not found: install poppler-utils to check printed documents.")
        a2 = self.topic.assignment_ids - self.assignment
        for assignment, text in ((self.assignment, "Đoàn kết là sức mạnh của chi bộ A1."),
                                 (a2, "Chi bộ A2 phát huy dân chủ trong sinh hoạt.")):
            assignment.write({"state": "submitted", "final_report": f"<p>{text}</p>",
                              "drafter_id": assignment.organization_id.member_ids[:1].id})
        pdf, report_type = self.env["ir.actions.report"].with_user(self.user_officer).with_context(
            force_report_rendering=True
        )._render_qweb_pdf("party_cell.action_report_party_topic_volume", [],
                           data={"year": 2026, "organization_ids": self.committee_a.ids})
        self.assertEqual(report_type, "pdf")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            text = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True,
                                  check=True, timeout=60).stdout.decode()
        pages = text.split("\f")
        for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ CỤC A", "TẬP CHUYÊN ĐỀ", "NĂM 2026"):
            self.assertIn(expected, pages[0])
        self.assertIn("MỤC LỤC", pages[1])
        self.assertIn("Chi bộ A2", pages[1])
        self.assertIn("CHI BỘ A1", pages[2])
        self.assertIn("Đoàn kết là sức mạnh của chi bộ A1.", pages[2])
        self.assertNotIn("Chi bộ A2 phát huy", pages[2])
        self.assertIn("Chi bộ A2 phát huy dân chủ trong sinh hoạt.", pages[3])
        self.assertIn("BÁO CÁO CHUYÊN ĐỀ", pages[3])
