"""Browser tours of a member's life in the party (static/tests/tours/party_admission_tours.js).

The steps before each tour are made here (tests/test_admission.py covers them one by one);
each tour does, from the menus, the step its user takes, and the records are checked here.
"""

import base64

from odoo.tests import tagged

from .test_tours import TourCase

PDF = base64.b64encode(b"%PDF-1.4 giay to").decode()


@tagged("post_install", "-at_install")
class TestAdmissionTour(TourCase):
    def test_secretary_holds_the_admission_ceremony(self):
        admission = self.env["party.admission"].create({
            "employee_id": self._employee("Đỗ Thị Hạnh").id, "organization_id": self.cell_a1.id,
            "course_date": "2026-03-10", "course_certificate": PDF, "cv_document": PDF,
            "introducer_ids": [(6, 0, (self.member | self.member2).ids)],
            "mass_organization_comment": "Đồng ý giới thiệu", "residence_comment": "Tốt",
        })
        admission.action_complete_course()
        admission.action_complete_dossier()
        admission.write({"vote_date": "2026-05-05", "vote_for": 4,
                         "decision_number": "15-QĐ/ĐU", "decision_date": "2026-05-20"})
        admission.action_record_vote()
        admission.action_decide()
        self._tour("party_cell_admission_tour", self.user_secretary)
        member = admission.member_id
        self.assertEqual((admission.state, admission.ceremony_user_id),
                         ("admitted", self.user_secretary))
        self.assertEqual((member.state, str(member.admission_date),
                          str(member.probation_end_date)),
                         ("probationary", "2026-06-01", "2027-06-01"))

    def test_committee_recognises_on_time(self):
        member = self._member("Ngô Văn Khoa", self.cell_a1, admission_date="2025-10-01",
                              official_date=False, state="probationary")
        recognition = self.env["party.recognition"].create({
            "member_id": member.id, "self_review": "Hoàn thành tốt nhiệm vụ",
            "introducer_comment": "Đủ tư cách", "residence_comment": "Gương mẫu",
            "vote_date": "2026-10-05", "vote_for": 4,
        })
        recognition.action_record_vote()
        self._tour("party_cell_recognition_tour", self.user_officer)
        self.assertEqual((recognition.state, recognition.outcome), ("recognised", "on_time"))
        self.assertEqual((member.state, str(member.official_date)), ("official", "2026-10-01"))

    def test_secretary_proposes_once_residence_comments_arrive(self):
        appraisal = self.env["party.appraisal"].create({
            "year": 2026, "member_id": self.member2.id, "score": 85, "self_rating": "good",
            "proposed_rating": "good", "residence_sent_date": "2099-01-05",
        })
        appraisal.action_self_assess()
        self._tour("party_cell_review_tour", self.user_secretary)
        self.assertEqual(appraisal.state, "proposed")
        self.assertEqual(str(appraisal.residence_received_date), "2026-11-18")
        self.assertEqual(appraisal.residence_comment, "Gương mẫu ở khu dân cư.")
