from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_meeting import HELD_STATES
from .party_rules import party_rule
from .party_score_scheme import RATINGS

# Who may read what the visitor found: the committee (implies secretary), the visited cell's
# secretary, and the visiting official (inspector group). Plain members see the schedule only.
FINDINGS_GROUPS = "party_cell.group_party_secretary,party_cell.group_party_inspector"
CHECK_RESULTS = [("yes", "Yes"), ("partly", "Partly"), ("no", "No")]
# The checklist of what visitors look for, in the order printed on the report.
CHECKLIST_FIELDS = (
    "check_procedure", "check_documents", "check_attendance", "check_thematic",
    "check_tasks", "check_ballots", "check_concerns", "check_minutes",
)


class PartyVisit(models.Model):
    """What the visiting official found: the checklist, strengths and weaknesses, the
    official's score of the meeting and the proposed rating, readable by the committee, the
    cell's secretary and the official only."""

    _inherit = "party.visit"

    check_procedure = fields.Selection(
        CHECK_RESULTS, string="Procedure followed", groups=FINDINGS_GROUPS)
    check_documents = fields.Selection(
        CHECK_RESULTS, string="Documents sent ahead", groups=FINDINGS_GROUPS)
    check_attendance = fields.Selection(
        CHECK_RESULTS, string="Attendance", groups=FINDINGS_GROUPS,
        help="Attendance above the bar of the settings (85% by Hướng dẫn 12-HD/BTCTW), "
        "nobody absent without reason.")
    check_thematic = fields.Selection(
        CHECK_RESULTS, string="Thematic meeting held this quarter", groups=FINDINGS_GROUPS)
    check_tasks = fields.Selection(
        CHECK_RESULTS, string="Tasks concrete, with owner and deadline", groups=FINDINGS_GROUPS)
    check_ballots = fields.Selection(
        CHECK_RESULTS, string="Quality ballots taken", groups=FINDINGS_GROUPS)
    check_concerns = fields.Selection(
        CHECK_RESULTS, string="Members' concerns answered", groups=FINDINGS_GROUPS)
    check_minutes = fields.Selection(
        CHECK_RESULTS, string="Minutes book complete", groups=FINDINGS_GROUPS)
    strengths = fields.Html(groups=FINDINGS_GROUPS)
    weaknesses = fields.Html(groups=FINDINGS_GROUPS)
    recommendations = fields.Html(groups=FINDINGS_GROUPS)
    upper_score = fields.Float(
        string="Official's Score", groups=FINDINGS_GROUPS, digits=(5, 1),
        help="The official's own score of the meeting (upper-level column of the ballot), "
        "out of 100.",
    )
    upper_score_note = fields.Text(string="Scoring Note", groups=FINDINGS_GROUPS)
    proposed_rating = fields.Selection(RATINGS, groups=FINDINGS_GROUPS)

    @api.constrains("upper_score")
    def _check_upper_score(self):
        # sudo: the score is a findings field some writers cannot read; it is only checked.
        bad = self.sudo().filtered(lambda v: not 0 <= v.upper_score <= 100)
        if bad:
            raise ValidationError(_("The official's score lies between 0 and 100: %(names)s",
                                    names=", ".join(bad.mapped("name"))))

    def _missing_findings(self):
        """What the report still needs before it is submitted (translated phrases)."""
        self.ensure_one()
        missing = []
        if not self.proposed_rating:
            missing.append(_("a proposed rating"))
        if not (self.strengths or self.weaknesses):
            missing.append(_("strengths or weaknesses"))
        if not any(self[f] for f in CHECKLIST_FIELDS):
            missing.append(_("the checklist"))
        return missing

    def action_prefill_checklist(self):
        """Fill the checklist items the meeting record answers; people judge the rest."""
        self._ensure_state(("confirmed", "done"), _("Filling the checklist"))
        bar = party_rule(self.env, "attendance_bar")
        for visit in self.filtered("meeting_id"):
            meeting = visit.meeting_id
            found = {}
            sent, start = meeting.documents_sent_date, meeting.date_start
            found["check_documents"] = "yes" if sent and sent <= start - timedelta(days=1) else (
                "partly" if sent and sent <= start else "no")
            if meeting.attendance_rate > bar and not meeting.unexcused_count:
                found["check_attendance"] = "yes"
            elif meeting.attendance_rate > bar:
                found["check_attendance"] = "partly"
            else:
                found["check_attendance"] = "no"
            tasks = meeting.task_ids.filtered(lambda t: t.state != "cancelled")
            found["check_tasks"] = "yes" if tasks and all(
                t.assignee_ids and t.deadline for t in tasks) else "no"
            found["check_thematic"] = "yes" if visit._thematic_held() else "no"
            visit.write({k: v for k, v in found.items() if not visit[k]})
        return True

    def _thematic_held(self):
        """Whether the organisation held a thematic meeting in the quarter of the visit."""
        self.ensure_one()
        meeting = self.meeting_id
        # sudo: the official may read only the visited meeting; a count of the quarter's
        # thematic meetings of the same cell is all that is asked.
        return bool(self.env["party.meeting"].sudo().search_count([
            ("organization_id", "=", self.organization_id.id),
            ("year", "=", meeting.year), ("quarter", "=", meeting.quarter),
            ("state", "in", HELD_STATES), ("is_thematic", "=", True),
        ], limit=1)) or meeting.is_thematic

    def action_score_meeting(self):
        """Open the official's upper-level ballot of the visited meeting, starting it if needed.

        Its total becomes the visit's score when the ballot is submitted (party.ballot).
        """
        self.ensure_one()
        meeting = self.meeting_id
        if not meeting or meeting.state not in HELD_STATES:
            raise UserError(_("The visited meeting must be held before it is scored."))
        ballot = self.env["party.ballot"]._for_voters(
            "upper", [(meeting, self.visitor_employee_id)])
        return ballot._action_open()
