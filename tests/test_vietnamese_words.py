from odoo.tests import tagged

from .common import PartyCase

OFFICE_WORDS = "Cơ quan, đơn vị"
STAFF_WORDS = "Cán bộ, công chức, viên chức"
EXEMPTED_WORDS = "Miễn công tác và sinh hoạt đảng"


@tagged("post_install", "-at_install")
class TestVietnameseWords(PartyCase):
    """The interface speaks as a party office does, in one word for each thing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(["party_cell"], ["vi_VN"])
        cls.user_secretary.lang = "vi_VN"

    def _label(self, model, field):
        env = self.env(user=self.user_secretary, context={"lang": "vi_VN"})
        return env[model].fields_get([field], ["string"])[field]["string"]

    def _selection(self, model, field):
        env = self.env(user=self.user_secretary, context={"lang": "vi_VN"})
        return dict(env[model].fields_get([field], ["selection"])[field]["selection"])

    def test_office_words_for_the_agency_and_its_staff(self):
        cases = [
            ("party.organization", "company_id", OFFICE_WORDS),
            ("party.meeting", "company_id", OFFICE_WORDS),
            ("party.member", "employee_id", STAFF_WORDS),
        ]
        for model, field, words in cases:
            with self.subTest(model=model, field=field):
                self.assertEqual(self._label(model, field), words)
        self.assertEqual(
            self._selection("party.organization", "org_type")["upper"], "Cấp ủy cấp trên")

    def test_one_term_for_exempted_members(self):
        self.assertEqual(self._selection("party.member", "state")["exempted"], EXEMPTED_WORDS)
        self.assertEqual(
            self._selection("party.meeting.attendance", "status")["exempt"], EXEMPTED_WORDS)

    def test_creation_message_names_the_record_in_vietnamese(self):
        Meeting = self.env["party.meeting"].with_user(self.user_secretary).with_context(
            lang="vi_VN", tracking_disable=False)
        meeting = Meeting.create({
            "organization_id": self.cell_a1.id,
            "date_start": "2026-11-03 07:00:00",
            "date_end": "2026-11-03 09:00:00",
        })
        bodies = meeting.sudo().message_ids.mapped("body")
        self.assertIn("<p>Buổi sinh hoạt đảng được tạo</p>", bodies)

    def test_records_loaded_with_the_module_carry_no_half_english_message(self):
        # The shipped topics and score schemes are loaded before the module's own
        # translations: a creation message would name them in English.
        shipped = self.env["ir.model.data"].search([
            ("module", "=", "party_cell"), ("model", "in", ["party.score.scheme", "party.topic"]),
        ])
        self.assertTrue(shipped)
        for data in shipped:
            with self.subTest(record=data.complete_name):
                record = self.env[data.model].browse(data.res_id)
                self.assertFalse(record.message_ids.filtered(
                    lambda m: "created" in m.body or "được tạo" in m.body).mapped("body"))

    def test_print_menu_names_say_what_they_print(self):
        env = self.env(user=self.user_secretary, context={"lang": "vi_VN"})
        reports = env["ir.actions.report"].search([("report_name", "=like", "party_cell.%")])
        names = reports.mapped("name")
        self.assertGreaterEqual(len(names), 14)
        self.assertEqual(len(set(names)), len(names), "two entries of the Print menu read alike")
        for report in reports:
            with self.subTest(report=report.report_name):
                kind = "(Excel)" if report.report_type == "xlsx" else "(PDF)"
                self.assertTrue(report.name.endswith(kind), report.name)
                self.assertNotRegex(report.name, r"\b(Report|Sheet|List|Minutes)\b")
