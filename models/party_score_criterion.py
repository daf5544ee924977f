from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

AUTO_SOURCES = [
    ("manual", "Scored by People"),
    ("duration", "Duration against the Minimum"),
    ("attendance", "Attendance Rate and Absences"),
    ("speaking_rate", "Share of Attendees Who Spoke"),
    ("documents_ahead", "Documents Sent Ahead"),
    ("minutes_on_time", "Minutes Posted on Time"),
    ("tasks_assigned", "Tasks with Owner and Deadline"),
    ("thematic_held", "Thematic Part Held"),
    ("committee_met_first", "Cell Committee Met First"),
]


class PartyScoreCriterion(models.Model):
    """One line of a score sheet; automatic ones read the meeting record."""

    _name = "party.score.criterion"
    _description = "Meeting Score Criterion"
    _order = "scheme_id, sequence, id"

    scheme_id = fields.Many2one("party.score.scheme", required=True, ondelete="cascade",
                                index=True)
    sequence = fields.Integer(default=10)
    group = fields.Char(required=True, help="Heading the criterion is printed under.")
    name = fields.Char(required=True)
    description = fields.Text(help="How to score it, shown on the ballot.")
    max_points = fields.Float(required=True)
    auto_source = fields.Selection(AUTO_SOURCES, required=True, default="manual")
    scale = fields.Char(
        help="For automatic criteria: 'threshold=points' pairs on the measured percentage, "
        "highest first, e.g. '90=4;75=3;65=2;0=1'.",
    )
    cap_if_unexcused = fields.Float(
        string="Cap if Absent without Reason", default=-1,
        help="Attendance: the most points when anyone is absent without reason (-1: no cap).",
    )
    streak_limit = fields.Integer(
        string="Absence Streak Limit", default=3,
        help="Attendance: consecutive absences with reason in the year that lose the bonus.",
    )
    streak_bonus = fields.Float(
        string="Bonus without Long Absences",
        help="Attendance: points added when nobody exceeded the streak limit.",
    )
    gate_for_good = fields.Boolean(
        help="A meeting is rated good only with full marks on this criterion.",
    )

    _sql_constraints = [
        ("max_points_positive", "CHECK(max_points > 0)", "A criterion is worth some points."),
    ]

    @api.constrains("scale", "auto_source")
    def _check_scale(self):
        for criterion in self:
            if criterion.auto_source == "manual":
                continue
            try:
                steps = criterion._parse_scale()
            except ValueError:
                steps = None
            if not steps or any(p > criterion.max_points for _t, p in steps):
                raise ValidationError(
                    _("The scale of %(name)s must read like '90=4;75=3;0=1' with points up to "
                      "%(max)s.", name=criterion.name, max=criterion.max_points)
                )

    def _parse_scale(self):
        steps = []
        for part in (self.scale or "").split(";"):
            if part.strip():
                threshold, points = part.split("=")
                steps.append((float(threshold), float(points)))
        return sorted(steps, reverse=True)

    def _points_for(self, percent):
        for threshold, points in self._parse_scale():
            if percent >= threshold:
                return points
        return 0.0

    def _auto_score(self, facts):
        """Points and a short explanation from the meeting's facts (see _score_facts)."""
        self.ensure_one()
        source = self.auto_source
        if source == "thematic_held" and not facts["thematic_month"]:
            return self.max_points, _("No thematic part due this month: counted in full.")
        percent = facts[source]
        points = self._points_for(percent)
        # In the reader's number format: "80,0%" in Vietnamese.
        value = formatLang(self.env, percent, digits=1)
        explanation = _("Measured %(value)s%%.", value=value)
        if source == "attendance":
            if facts["unexcused"] and self.cap_if_unexcused >= 0:
                points = min(points, self.cap_if_unexcused)
                explanation = _("%(value)s%%, with members absent without reason.",
                                value=value)
            if self.streak_bonus and facts["longest_streak"] <= self.streak_limit:
                points += self.streak_bonus
        elif source == "duration":
            explanation = _("%(minutes)s of %(minimum)s minutes.", minutes=facts["minutes"],
                            minimum=facts["min_minutes"])
        return min(points, self.max_points), explanation
