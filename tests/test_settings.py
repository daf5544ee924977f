from odoo.addons.party_cell.models.party_rules import RULES, party_rule
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import PartyCase


@tagged("post_install", "-at_install")
class TestSettings(PartyCase):
    """Settings › Party Affairs: every rule the code reads, edited as its parameter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_system = new_test_user(cls.env, login="system_admin",
                                        groups="base.group_user,base.group_system")
        cls.params = cls.env["ir.config_parameter"].sudo()

    def _settings(self):
        return Form(self.env["res.config.settings"].with_user(self.user_system))

    def _param(self, key):
        return self.params.get_param(f"party_cell.{key}")

    def test_every_rule_is_shipped_with_its_default(self):
        for key, default in RULES.items():
            with self.subTest(rule=key):
                self.assertEqual(type(default)(self._param(key)), default, "shipped")
                self.assertEqual(party_rule(self.env, key), default)
        # A parameter deleted by hand: the code reads the default, the upgrade ships it
        # again; one an administrator changed stays as it is.
        self.params.search([("key", "=", "party_cell.visit_report_days")]).unlink()
        self.params.set_param("party_cell.probation_months", "18")
        self.assertEqual(party_rule(self.env, "visit_report_days"), 5)
        self.env["res.config.settings"]._party_ship_rules()
        self.assertEqual(self._param("visit_report_days"), "5")
        self.assertEqual(self._param("probation_months"), "18")

    def test_the_page_shows_and_saves_the_rules(self):
        form = self._settings()
        self.assertEqual(form.party_probation_months, 12)
        self.assertEqual(form.party_meeting_hour, 14.0)
        self.assertEqual((form.party_appraisal_excellent, form.party_appraisal_good,
                          form.party_appraisal_completed), (90, 70, 50))
        self.assertEqual(form.party_admission_vote_share, "2/3")
        form.party_probation_months = 18
        form.party_meeting_hour = 14.5
        form.party_attendance_bar = 80
        form.party_appraisal_excellent = 85
        form.party_appraisal_good = 65
        form.party_appraisal_completed = 45
        form.party_admission_vote_share = "3/4"
        form.save().execute()
        self.assertEqual(
            [self._param(k) for k in ("probation_months", "meeting_hour", "attendance_bar",
                                      "appraisal_bands", "admission_vote_share")],
            ["18", "1430", "80.0", "excellent=85;good=65;completed=45", "3/4"])
        # What the code then does with them.
        org = self.env["party.organization"].create({
            "name": "Chi bộ Mới", "parent_id": self.committee_a.id})
        self.assertEqual(org.meeting_hour, 14.5, "14:30, not 14:18")
        self.assertEqual(party_rule(self.env, "attendance_bar"), 80.0)
        self.assertEqual(self.env["party.appraisal"]._bands(),
                         [("excellent", 85.0), ("good", 65.0), ("completed", 45.0)])

    def test_bad_rules_are_refused_and_nothing_is_saved(self):
        cases = [
            ("window after its end", {"party_meeting_day_from": 10, "party_meeting_day_to": 5},
             "meeting window"),
            ("window past day 28", {"party_meeting_day_to": 30}, "meeting window"),
            ("registration on day 0", {"party_registration_day": 0}, "registration deadline"),
            ("start time after midnight", {"party_meeting_hour": 25.0}, "start time"),
            ("shorter with the thematic part", {"party_min_duration_combined": 60},
             "minimum durations"),
            ("documents on no day", {"party_documents_days_before": 0}, "Documents Ahead"),
            ("no probation", {"party_probation_months": 0}, "Probation"),
            ("bar above 100%", {"party_attendance_bar": 120}, "attendance bar"),
            ("cap of 0%", {"party_excellent_cap_percent": 0}, "excellent ratings"),
            ("ages the wrong way", {"party_admission_age_min": 61}, "age at admission"),
            ("share not a share", {"party_admission_vote_share": "hai phần ba"}, "2/3"),
            ("share above the whole", {"party_admission_vote_share": "4/3"}, "2/3"),
            ("milestones not years", {"party_badge_milestones": "ba mươi"}, "30,40,45"),
            ("bands upside down", {"party_appraisal_good": 95}, "appraisal bands"),
        ]
        before = {key: self._param(key) for key in RULES}
        for what, values, fragment in cases:
            with self.subTest(case=what):
                form = self._settings()
                for fname, value in values.items():
                    setattr(form, fname, value)
                with self.assertRaisesRegex(ValidationError, fragment):
                    form.save()
                self.assertEqual({key: self._param(key) for key in RULES}, before)

    def test_only_administrators_open_the_page(self):
        action = self.env.ref("party_cell.party_cell_config_settings_action")
        menu = self.env.ref("party_cell.party_cell_config_settings_menu")
        self.assertEqual(action.context, "{'module': 'party_cell', 'bin_size': False}")
        self.assertEqual(menu.groups_id, self.env.ref("base.group_system"))
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.user_admin).create({})
