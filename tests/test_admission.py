import base64

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PartyCase

PDF = base64.b64encode(b"%PDF-1.4 giay to").decode()


class AdmissionCase(PartyCase):
    """Cell A1 has three official members (An, Bình, the secretary Cường)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.candidate = cls._employee("Đỗ Thị Hạnh")

    def _admission(self, user=None, **vals):
        return self.env["party.admission"].with_user(user or self.user_secretary).create(
            dict({"employee_id": self.candidate.id, "organization_id": self.cell_a1.id}, **vals))

    def _to_dossier(self, admission):
        admission.write({"course_date": "2026-03-10", "course_certificate": PDF,
                         "course_certificate_name": "giay_chung_nhan.pdf"})
        admission.action_complete_course()
        admission.write({
            "cv_date": "2026-04-01", "cv_document": PDF, "cv_document_name": "ly_lich.pdf",
            "introducer_ids": [(6, 0, (self.member | self.member2).ids)],
            "mass_organization_comment": "Công đoàn và Đoàn Thanh niên đề nghị kết nạp.",
            "mass_organization_date": "2026-04-05",
            "residence_comment": "Chấp hành tốt chủ trương, pháp luật nơi cư trú.",
            "residence_date": "2026-04-08",
        })
        admission.action_complete_dossier()
        return admission

    def _to_decided(self, admission):
        self._to_dossier(admission)
        admission.write({"vote_date": "2026-05-05", "vote_for": 3})
        admission.action_record_vote()
        officer = admission.with_user(self.user_officer)
        officer.write({"decision_number": "15-QĐ/ĐU", "decision_date": "2026-05-20"})
        officer.action_decide()
        return admission


@tagged("post_install", "-at_install")
class TestAdmission(AdmissionCase):
    def test_candidate_admitted_step_by_step(self):
        admission = self._admission()
        self.assertEqual(admission.vote_total, 3, "the cell's official members")
        self.assertIn("Awareness course: the certificate", admission.missing)
        self.assertIn("two official members as introducers (0 given)", admission.missing)
        self._to_decided(admission)
        self.assertEqual(admission.state, "decided")
        self.assertEqual(admission.course_user_id, self.user_secretary)
        self.assertEqual(admission.dossier_user_id, self.user_secretary)
        self.assertEqual(admission.vote_user_id, self.user_secretary)
        self.assertEqual(admission.decision_user_id, self.user_officer)
        self.assertEqual(admission.missing, "The admission ceremony")
        admission.write({"ceremony_date": "2026-06-01"})
        admission.action_hold_ceremony()
        member = admission.member_id
        self.assertEqual(admission.state, "admitted")
        self.assertEqual(admission.ceremony_user_id, self.user_secretary)
        self.assertFalse(admission.missing)
        self.assertEqual((member.state, member.organization_id, member.employee_id),
                         ("probationary", self.cell_a1, self.candidate))
        self.assertEqual(member.admission_date, fields.Date.to_date("2026-06-01"))
        # Twelve months of probation from the ceremony (party_rules.probation_months).
        self.assertEqual(member.probation_end_date, fields.Date.to_date("2027-06-01"))
        self.assertEqual({member.introducer_1, member.introducer_2},
                         {self.member.name, self.member2.name})
        self.assertEqual((member.admission_vote_for, member.admission_vote_total), (3, 3))

    def test_bad_steps_are_refused(self):
        admission = self._admission()
        with self.assertRaisesRegex(UserError, "awareness course and its certificate"):
            admission.action_complete_course()
        with self.assertRaisesRegex(UserError, "not possible"):
            admission.action_record_vote()
        admission.write({"course_date": "2026-03-10", "course_certificate": PDF})
        admission.action_complete_course()
        with self.assertRaisesRegex(UserError, "curriculum vitae"):
            admission.action_complete_dossier()
        with self.assertRaisesRegex(ValidationError, "must be official members"):
            admission.introducer_ids = self.newcomer()
        with self.assertRaisesRegex(ValidationError, "two introducers"):
            admission.introducer_ids = self.member | self.member2 | self.secretary
        admission.write({"cv_document": PDF, "introducer_ids": [(6, 0, self.member.ids)],
                         "mass_organization_comment": "Đồng ý", "residence_comment": "Tốt"})
        with self.assertRaisesRegex(UserError, "two official members"):
            admission.action_complete_dossier()
        admission.introducer_ids = self.member | self.member2
        admission.action_complete_dossier()
        for label, votes, total, message in (
            ("one of three", 1, 3, "at least 2/3"),
            ("more than the cell", 4, 3, "votes for, out of"),
            ("no total", 0, 0, "votes for, out of"),
            ("negative", -1, 3, "votes for, out of"),
        ):
            with self.subTest(label):
                admission.write({"vote_date": "2026-05-05", "vote_for": votes,
                                 "vote_total": total})
                with self.assertRaisesRegex(UserError, message):
                    admission.action_record_vote()
        admission.write({"vote_for": 2, "vote_total": 3})
        admission.action_record_vote()
        with self.assertRaises(AccessError):
            admission.action_decide()
        officer = admission.with_user(self.user_officer)
        officer.write({"decision_number": "15-QĐ/ĐU", "decision_date": "2026-05-01"})
        with self.assertRaisesRegex(UserError, "after the cell's vote"):
            officer.action_decide()
        officer.decision_date = "2026-05-20"
        officer.action_decide()
        admission.ceremony_date = "2026-05-19"
        with self.assertRaisesRegex(UserError, "follows the committee's decision"):
            admission.action_hold_ceremony()

    def newcomer(self):
        return self._member("Đảng viên dự bị", self.cell_a1, admission_date="2026-01-10",
                            official_date=False, state="probationary")

    def test_decided_steps_are_locked(self):
        admission = self._to_decided(self._admission())
        for user in (self.user_secretary, self.user_officer, self.user_admin):
            for label, vals in (
                ("the vote", {"vote_for": 2}),
                ("the decision", {"decision_number": "99-QĐ/ĐU"}),
                ("the dossier", {"residence_comment": "Sửa"}),
                ("the state", {"state": "admitted"}),
                ("who decided", {"decision_user_id": self.user_admin.id}),
            ):
                with self.subTest(user=user.login, field=label):
                    with self.assertRaises(UserError):
                        admission.with_user(user).write(vals)
        with self.assertRaisesRegex(UserError, "part of the record"):
            admission.with_user(self.user_officer).unlink()
        admission.ceremony_date = "2026-06-01"
        admission.action_hold_ceremony()
        with self.assertRaisesRegex(UserError, "part of the record"):
            admission.with_user(self.user_officer).ceremony_date = "2026-06-02"

    def test_refusal_needs_reason_and_level(self):
        admission = self._to_dossier(self._admission())
        with self.assertRaisesRegex(UserError, "reason of the refusal"):
            admission.action_refuse()
        admission.write({"vote_date": "2026-05-05", "vote_for": 2})
        admission.action_record_vote()
        admission.refusal_reason = "Cấp ủy chưa đồng ý."
        with self.assertRaises(AccessError):
            admission.action_refuse()
        admission.with_user(self.user_officer).action_refuse()
        self.assertEqual(admission.state, "refused")
        # A new admission of the same candidate may start again.
        self.assertEqual(self._admission().state, "candidate")

    def test_one_admission_per_candidate_and_no_member(self):
        self._admission()
        with self.assertRaisesRegex(ValidationError, "already has an admission"):
            self._admission()
        with self.assertRaisesRegex(ValidationError, "already a party member"):
            self._admission(employee_id=self.member.employee_id.id)
        with self.assertRaisesRegex(UserError, "step by step"):
            self._admission(employee_id=self._employee("Người khác").id, state="admitted")


@tagged("post_install", "-at_install")
class TestRecognitionReview(AdmissionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.probationary = cls._member("Ngô Văn Khoa", cls.cell_a1,
                                       admission_date="2025-12-01", official_date=False,
                                       state="probationary")

    def _open(self):
        with freeze_time("2026-11-05"):
            return self.env["party.recognition"]._cron_open_reviews()

    def _review(self, recognition, vote_date="2026-12-03"):
        recognition.write({
            "self_review": "Hoàn thành tốt nhiệm vụ, giữ gìn phẩm chất.",
            "introducer_comment": "Đủ tư cách đảng viên chính thức.",
            "residence_comment": "Gương mẫu nơi cư trú.", "vote_date": vote_date,
            "vote_for": 3,
        })
        return recognition

    def test_cron_opens_review_and_reminds_the_cell(self):
        recognition = self._open()
        self.assertEqual(recognition.member_id, self.probationary)
        self.assertEqual(recognition.probation_end_date, fields.Date.to_date("2026-12-01"))
        # 30 working days after Tuesday 1 December 2026.
        self.assertEqual(recognition.due_date, fields.Date.to_date("2027-01-12"))
        activity = recognition.activity_ids
        self.assertEqual(activity.user_id, self.user_secretary)
        self.assertIn("Ngô Văn Khoa", activity.summary)
        self.assertFalse(self._open(), "opened once")

    def test_recognised_on_time_from_end_of_probation(self):
        recognition = self._review(self._open()).with_user(self.user_secretary)
        recognition.vote_date = "2026-11-30"
        with self.assertRaisesRegex(UserError, "after the probation"):
            recognition.action_record_vote()
        recognition.vote_date = "2026-12-03"
        recognition.action_record_vote()
        with self.assertRaises(AccessError):
            recognition.action_decide()
        officer = recognition.with_user(self.user_officer)
        officer.write({"decision_number": "40-QĐ/ĐU", "decision_date": "2026-12-15"})
        officer.action_decide()
        member = self.probationary
        self.assertEqual((recognition.state, recognition.outcome), ("recognised", "on_time"))
        self.assertEqual(member.state, "official")
        self.assertEqual(member.official_date, fields.Date.to_date("2026-12-01"))
        self.assertEqual(member.official_decision_number, "40-QĐ/ĐU")
        self.assertEqual((member.official_vote_for, member.official_vote_total), (3, 3))
        with self.assertRaises(UserError):
            officer.write({"vote_for": 2})

    def test_late_recognition_records_its_reason(self):
        recognition = self._review(self._open(), "2027-02-01").with_user(self.user_secretary)
        self.assertTrue(recognition.is_late)
        with self.assertRaisesRegex(UserError, "reason of the delay"):
            recognition.action_record_vote()
        recognition.late_reason = "Đảng viên đi công tác dài ngày."
        recognition.action_record_vote()
        officer = recognition.with_user(self.user_officer)
        officer.write({"decision_number": "41-QĐ/ĐU", "decision_date": "2027-02-10"})
        officer.action_decide()
        self.assertEqual(recognition.outcome, "late")
        self.assertEqual(self.probationary.official_date, fields.Date.to_date("2026-12-01"))

    def test_refused_recognition_removes_with_reason(self):
        recognition = self._review(self._open()).with_user(self.user_secretary)
        recognition.vote_for = 1
        with self.assertRaisesRegex(UserError, "at least 2/3"):
            recognition.action_record_vote()
        officer = recognition.with_user(self.user_officer)
        with self.assertRaisesRegex(UserError, "reason of the refusal"):
            officer.action_refuse()
        officer.write({"refusal_reason": "Vi phạm tư cách đảng viên.",
                       "decision_number": "42-QĐ/ĐU", "decision_date": "2026-12-20"})
        with self.assertRaises(AccessError):
            recognition.action_refuse()
        officer.action_refuse()
        self.assertEqual((recognition.state, recognition.outcome), ("refused", "refused"))
        self.assertEqual(self.probationary.state, "removed")
        self.assertEqual(self.probationary.end_date, fields.Date.to_date("2026-12-20"))


@tagged("post_install", "-at_install")
class TestAppraisalReview(PartyCase):
    def _appraisal(self, score=95):
        appraisal = self.env["party.appraisal"].with_user(self.user_secretary).create({
            "year": 2026, "member_id": self.member2.id, "score": score, "self_rating": "good",
            "cell_comment": "Hoàn thành tốt nhiệm vụ.",
        })
        appraisal.action_self_assess()
        return appraisal

    def test_residence_comments_awaited_until_deadline(self):
        appraisal = self._appraisal()
        appraisal.write({"residence_sent_date": "2026-11-02", "proposed_rating": "good"})
        # 15 working days after Monday 2 November 2026.
        self.assertEqual(appraisal.residence_deadline, fields.Date.to_date("2026-11-23"))
        with freeze_time("2026-11-20"):
            self.assertEqual(appraisal.residence_status, "waiting")
            with self.assertRaisesRegex(UserError, "awaited until"):
                appraisal.action_propose()
            # A caller's "today" in the context moves no deadline.
            with self.assertRaisesRegex(UserError, "awaited until"):
                appraisal.with_context(party_today=fields.Date.to_date("2027-01-31")
                                       ).action_propose()
        with freeze_time("2026-11-24"):
            appraisal.invalidate_recordset(["residence_status"])
            self.assertEqual(appraisal.residence_status, "overdue")
        appraisal.write({"residence_received_date": "2026-11-18",
                         "residence_comment": "Gương mẫu ở khu dân cư."})
        self.assertEqual(appraisal.residence_status, "received")
        appraisal.action_propose()
        self.assertEqual(appraisal.state, "proposed")

    def test_excellent_needs_its_points(self):
        appraisal = self._appraisal(score=85)
        appraisal.proposed_rating = "excellent"
        with self.assertRaisesRegex(UserError, "at least 90.0 points"):
            appraisal.action_propose()
        appraisal.score = 92
        appraisal.action_propose()

    def test_commitments_followed_up_next_year(self):
        appraisal = self._appraisal()
        task = self.env["party.task"].with_user(self.user_secretary).create({
            "name": "Khắc phục việc chậm nộp báo cáo", "kind": "commitment",
            "appraisal_id": appraisal.id, "deadline": "2027-06-30",
            "assignee_ids": [(6, 0, self.member2.ids)],
        })
        self.assertEqual(task.organization_id, self.cell_a1)
        self.assertEqual(appraisal.commitment_ids, task)
        following = self.env["party.appraisal"].with_user(self.user_secretary).create({
            "year": 2027, "member_id": self.member2.id})
        self.assertEqual(following.previous_commitment_ids, task)
        self.assertEqual(following.commitments_open, 1)
        task.with_user(self.user_member2).write({"state": "done", "result": "Đã khắc phục."})
        following.invalidate_recordset(["commitments_open"])
        self.assertEqual(following.commitments_open, 0)
