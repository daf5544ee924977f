from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .party_rules import (
    RULES,
    hhmm_hours,
    hours_hhmm,
    parse_bands,
    parse_milestones,
    parse_share,
    party_rule,
)

# The rules of party_rules.RULES that are plain numbers or texts: the field ``party_<key>``
# stores ``party_cell.<key>`` itself. The start time and the appraisal bands are shown in
# another shape (get_values / set_values below).
_PARAM = "party_cell.%s"


def _rule_field(field_type, key, string, help_text, **kwargs):
    return field_type(string=string, help=help_text, config_parameter=_PARAM % key,
                      default=RULES[key], **kwargs)


class ResConfigSettings(models.TransientModel):
    """Settings › Party Affairs: the agency's rules (models/party_rules.py), each edited here
    and kept as its configuration parameter."""

    _inherit = "res.config.settings"

    # Meetings: the defaults of a new organisation's meeting rules.
    party_meeting_day_from = _rule_field(
        fields.Integer, "meeting_day_from", "Meeting Window From",
        "First day of the month on which a new organisation's regular meeting may be held.")
    party_meeting_day_to = _rule_field(
        fields.Integer, "meeting_day_to", "Meeting Window To",
        "Last day of the month on which a new organisation's regular meeting may be held.")
    party_registration_day = _rule_field(
        fields.Integer, "registration_day", "Registration Deadline",
        "Day of the month before the meeting by which its schedule is registered.")
    party_meeting_hour = fields.Float(
        string="Usual Start Time", help="Local start time of a new organisation's meetings.")
    party_min_duration = _rule_field(
        fields.Integer, "min_duration", "Minimum Duration (min)",
        "Hướng dẫn 42-HD/BTCTW: a regular meeting lasts at least 90 minutes.")
    party_min_duration_combined = _rule_field(
        fields.Integer, "min_duration_combined", "Minimum Duration with Thematic Part (min)",
        "Hướng dẫn 42-HD/BTCTW: 120 minutes when the thematic part is held in the session.")
    party_documents_days_before = _rule_field(
        fields.Integer, "documents_days_before", "Documents Ahead (days)",
        "The draft report and resolution reach the members at least this many days before "
        "the meeting (Hướng dẫn 42-HD/BTCTW).")
    party_minutes_days_after = _rule_field(
        fields.Integer, "minutes_days_after", "Minutes Approved Within (days)",
        "The minutes are approved within this many days of the meeting; the secretary is "
        "reminded afterwards.")
    party_thematic_reminder_days = _rule_field(
        fields.Integer, "thematic_reminder_days", "Thematic Reminder Days",
        "In the last month of a quarter, cells without a thematic meeting planned are reminded "
        "during its first days.")
    # Quality.
    party_attendance_bar = _rule_field(
        fields.Float, "attendance_bar", "Attendance Bar (%)",
        "Hướng dẫn 12-HD/BTCTW: a good meeting has attendance above this rate and nobody "
        "absent without reason (compliance matrix, visit checklist).")
    party_ballot_days_after = _rule_field(
        fields.Integer, "ballot_days_after", "Ballots Handed Out For (days)",
        "My Ballots hands each member the ballot of the meetings they attended in these days.")
    party_visit_report_days = _rule_field(
        fields.Integer, "visit_report_days", "Visit Report Due (days)",
        "The visiting official hands in the report within this many days of the meeting.")
    # Members.
    party_min_official_members = _rule_field(
        fields.Integer, "min_official_members", "Official Members of a Cell (at least)",
        "Party Charter: a cell has at least three official members.")
    party_probation_months = _rule_field(
        fields.Integer, "probation_months", "Probation (months)",
        "Party Charter, art. 5: probation lasts twelve months from the admission ceremony.")
    party_admission_vote_share = _rule_field(
        fields.Char, "admission_vote_share", "Vote for Admission and Recognition",
        "Share of the cell's official members who must agree, as 2/3 (Party Charter, art. 4 "
        "and 5).")
    party_committee_quorum_share = _rule_field(
        fields.Char, "committee_quorum_share", "Committee Quorum",
        "A committee meeting is valid with more than this share of the committee members "
        "present, as 1/2 (the committee's working rules).")
    party_committee_majority_share = _rule_field(
        fields.Char, "committee_majority_share", "Committee Majority",
        "A committee's resolution passes with more than this share of the committee members "
        "for it, as 1/2 (Party Charter, art. 10).")
    party_admission_age_min = _rule_field(
        fields.Integer, "admission_age_min", "Age at Admission From",
        "Party Charter, art. 1; Regulation 24-QĐ/TW.")
    party_admission_age_max = _rule_field(
        fields.Integer, "admission_age_max", "Age at Admission To",
        "Party Charter, art. 1; Regulation 24-QĐ/TW.")
    party_badge_milestones = _rule_field(
        fields.Char, "badge_milestones", "Party Badge Milestones (years)",
        "Years of membership that earn the party badge, separated by commas.")
    # Annual appraisals (Regulation 366-QĐ/TW), three numbers kept as one parameter.
    party_appraisal_excellent = fields.Integer(
        string="Excellently Completed From", help="Points from which a member or an "
        "organisation is rated excellently completed.")
    party_appraisal_good = fields.Integer(
        string="Well Completed From", help="Points from which the rating is well completed.")
    party_appraisal_completed = fields.Integer(
        string="Completed From", help="Points from which the rating is completed; below, not "
        "completed.")
    party_excellent_cap_percent = _rule_field(
        fields.Float, "excellent_cap_percent", "Excellent at Most (%)",
        "Share of those rated well completed or better who may be rated excellent, within "
        "each grassroots organisation.")

    @api.constrains(
        "party_meeting_day_from", "party_meeting_day_to", "party_registration_day",
        "party_meeting_hour", "party_min_duration", "party_min_duration_combined",
        "party_documents_days_before", "party_minutes_days_after",
        "party_thematic_reminder_days", "party_attendance_bar", "party_ballot_days_after",
        "party_visit_report_days", "party_min_official_members", "party_probation_months",
        "party_admission_vote_share", "party_committee_quorum_share",
        "party_committee_majority_share", "party_admission_age_min", "party_admission_age_max",
        "party_badge_milestones", "party_appraisal_excellent", "party_appraisal_good",
        "party_appraisal_completed", "party_excellent_cap_percent",
    )
    def _check_party_rules(self):
        """Every rule in its range, all problems in one message, before anything is saved."""
        for settings in self:
            errors = settings._party_rule_errors()
            if errors:
                raise ValidationError("\n".join(errors))

    def _party_rule_errors(self):
        self.ensure_one()
        errors = []
        if not 1 <= self.party_meeting_day_from <= self.party_meeting_day_to <= 28:
            errors.append(_("The meeting window lies between day 1 and day 28, its first day "
                            "before its last."))
        if not 1 <= self.party_registration_day <= 28:
            errors.append(_("The registration deadline is a day between 1 and 28."))
        if not 0 <= self.party_meeting_hour < 24:
            errors.append(_("The usual start time lies between 00:00 and 23:59."))
        if not 0 < self.party_min_duration <= self.party_min_duration_combined:
            errors.append(_("The minimum durations are positive, the one with a thematic part "
                            "at least the other."))
        days = {
            _("Documents Ahead"): self.party_documents_days_before,
            _("Minutes Approved Within"): self.party_minutes_days_after,
            _("Thematic Reminder Days"): self.party_thematic_reminder_days,
            _("Ballots Handed Out For"): self.party_ballot_days_after,
            _("Visit Report Due"): self.party_visit_report_days,
            _("Official Members of a Cell"): self.party_min_official_members,
            _("Probation"): self.party_probation_months,
        }
        for label, value in days.items():
            if value < 1:
                errors.append(_("%(rule)s is at least 1.", rule=label))
        if self.party_thematic_reminder_days > 28:
            errors.append(_("Thematic reminders run within the first 28 days of the month."))
        for label, value in ((_("The attendance bar"), self.party_attendance_bar),
                             (_("The cap on excellent ratings"),
                              self.party_excellent_cap_percent)):
            if not 0 < value <= 100:
                errors.append(_("%(rule)s is a percentage above 0, at most 100.", rule=label))
        if not 0 < self.party_admission_age_min <= self.party_admission_age_max:
            errors.append(_("The age at admission runs from a lower to a higher age."))
        try:
            parse_share(self.party_admission_vote_share or "")
        except ValueError:
            errors.append(_("Write the vote for admission as a share such as 2/3."))
        for fname in ("party_committee_quorum_share", "party_committee_majority_share"):
            try:
                parse_share(self[fname] or "")
            except ValueError:
                errors.append(_("Write the committee's quorum and majority as shares such as "
                                "1/2."))
                break
        try:
            parse_milestones(self.party_badge_milestones or "")
        except ValueError:
            errors.append(_("Write the badge milestones as years separated by commas, such as "
                            "30,40,45."))
        if not (100 >= self.party_appraisal_excellent > self.party_appraisal_good
                > self.party_appraisal_completed > 0):
            errors.append(_("The appraisal bands go down from excellently completed to "
                            "completed, between 1 and 100 points."))
        return errors

    @api.model
    def get_values(self):
        res = super().get_values()
        try:
            bands = dict(parse_bands(party_rule(self.env, "appraisal_bands")))
        except ValueError:
            # A parameter mistyped in the technical menu: show the default to correct it.
            bands = dict(parse_bands(RULES["appraisal_bands"]))
        res.update(
            party_meeting_hour=hhmm_hours(party_rule(self.env, "meeting_hour")),
            party_appraisal_excellent=int(bands.get("excellent", 0)),
            party_appraisal_good=int(bands.get("good", 0)),
            party_appraisal_completed=int(bands.get("completed", 0)),
        )
        return res

    def set_values(self):
        res = super().set_values()
        # sudo: settings are saved by administrators; the parameters are theirs to write.
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(_PARAM % "meeting_hour", str(hours_hhmm(self.party_meeting_hour)))
        params.set_param(_PARAM % "appraisal_bands", (
            f"excellent={self.party_appraisal_excellent};good={self.party_appraisal_good};"
            f"completed={self.party_appraisal_completed}"))
        return res

    @api.model
    def _party_ship_rules(self):
        """Ship every rule the code reads that the database does not hold yet, with its
        default (install and upgrade); parameters already there are left as they are."""
        # sudo: called from the addon's data file; shipping parameters is the install's job.
        params = self.env["ir.config_parameter"].sudo()
        for key, default in RULES.items():
            if params.get_param(_PARAM % key) is False:
                params.set_param(_PARAM % key, str(default))
