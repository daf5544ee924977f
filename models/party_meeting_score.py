from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .party_meeting import HELD_STATES
from .party_rules import party_rule
from .party_score_scheme import RATINGS


class PartyMeeting(models.Model):
    """Quality scoring of a meeting: scheme in force, ballots, score, rating."""

    _inherit = "party.meeting"

    scheme_id = fields.Many2one(
        "party.score.scheme", string="Score Scheme", compute="_compute_scheme_id", store=True,
        readonly=False, precompute=True,
        help="The scheme in force on the meeting's date; kept when newer schemes appear.",
    )
    ballot_ids = fields.One2many("party.ballot", "meeting_id", string="Ballots")
    anonymous_ballots = fields.Boolean(
        compute="_compute_anonymous_ballots", store=True, readonly=False,
    )
    scoring_closed = fields.Boolean(copy=False, tracking=True)
    ballot_count = fields.Integer(compute="_compute_score", store=True, compute_sudo=True,
                                  string="Ballots Submitted")
    score = fields.Float(compute="_compute_score", store=True, compute_sudo=True,
                         aggregator="avg", digits=(16, 1))
    rating = fields.Selection(RATINGS, compute="_compute_score", store=True, compute_sudo=True)
    committee_score = fields.Float(compute="_compute_score", store=True, compute_sudo=True,
                                   digits=(16, 1), string="Committee Self-score")
    upper_score = fields.Float(compute="_compute_score", store=True, compute_sudo=True,
                               digits=(16, 1), string="Upper-level Score")
    ballots_missing = fields.Boolean(
        compute="_compute_score", store=True, compute_sudo=True,
        help="Held, but nobody has submitted a ballot.",
    )
    official_rating = fields.Selection(RATINGS, tracking=True, copy=False,
                                       help="The rating decided by the upper level.")

    @api.depends("date_start", "meeting_type", "company_id")
    def _compute_scheme_id(self):
        # sudo: the scheme in force is chosen whatever schemes the user may read.
        # One search for the whole batch (the planning cron computes thousands at once).
        schemes = self.env["party.score.scheme"].sudo()._in_force() if self else None
        for meeting in self:
            # Date, type and company are locked once approved, so the scheme is kept.
            meeting.scheme_id = meeting.date_start and schemes._pick(
                meeting.meeting_type, meeting._local_date(), meeting.company_id
            )

    @api.depends("scheme_id")
    def _compute_anonymous_ballots(self):
        # Follows the scheme chosen for the meeting, not later edits of the scheme: ballots
        # cast in secret stay secret.
        for meeting in self:
            meeting.anonymous_ballots = meeting.scheme_id.anonymous

    @api.depends("ballot_ids.state", "ballot_ids.total", "ballot_ids.role", "state",
                 "scheme_id.aggregation", "scheme_id.band_ids.min_score")
    def _compute_score(self):
        for meeting in self:
            submitted = meeting.ballot_ids.filtered(lambda b: b.state == "submitted")
            # filtered() keeps the batch's prefetch, so ballot lines load once for all meetings.
            by_role = {role: submitted.filtered(lambda b, r=role: b.role == r)
                       for role in ("member", "committee", "upper")}
            meeting.ballot_count = len(submitted)
            meeting.ballots_missing = meeting.state in HELD_STATES and not submitted
            meeting.committee_score = by_role["committee"][:1].total
            meeting.upper_score = by_role["upper"][:1].total
            scheme = meeting.scheme_id
            basis = by_role["committee"][:1] if scheme.aggregation == "committee" else (
                by_role["member"] or by_role["committee"][:1]
            )
            if not (scheme and basis):
                meeting.score = 0.0
                meeting.rating = False
                continue
            meeting.score = sum(basis.mapped("total")) / len(basis)
            meeting.rating = scheme._rating_for(
                meeting.score, meeting._average_by_criterion(basis), meeting._has_discipline()
            )

    def _committee_fields(self):
        # The upper level decides the official rating and reopens a closed scoring; the
        # Close Scoring button closes it for the cell (through the lock).
        return super()._committee_fields() | {"official_rating", "scoring_closed"}

    def _rerate(self):
        """Score and rate the meetings again: a fact the ratings depend on has changed."""
        for fname in ("score", "rating", "ballot_count", "committee_score", "upper_score",
                      "ballots_missing"):
            self.env.add_to_compute(self._fields[fname], self)

    def _average_by_criterion(self, ballots):
        sums = defaultdict(float)
        for line in ballots.line_ids:
            sums[line.criterion_id.id] += line.points
        return {key: value / len(ballots) for key, value in sums.items()}

    def _has_discipline(self):
        """A member of the cell disciplined in the meeting's month (reprimand or above)."""
        self.ensure_one()
        if not self.month:
            return False
        first = fields.Date.to_date(f"{self.month}-01")
        # sudo: discipline is hidden from members; the gate only needs to know one exists.
        return bool(self.env["party.discipline"].sudo().search_count([
            ("organization_id", "=", self.organization_id.id),
            ("date", ">=", first), ("date", "<", first + relativedelta(months=1)),
        ], limit=1))

    def _score_facts(self):
        """What the automatic criteria measure, as percentages (see party.score.criterion)."""
        self.ensure_one()
        min_minutes = self.min_duration
        minutes_deadline = self.date_end + timedelta(
            days=party_rule(self.env, "minutes_days_after"))
        approved_on = self.approved_date or fields.Datetime.now()
        return {
            "duration": 100.0 * self.duration / min_minutes,
            "minutes": self.duration,
            "min_minutes": min_minutes,
            "attendance": self.attendance_rate,
            "unexcused": self.unexcused_count,
            "longest_streak": self._longest_excused_streak(),
            "speaking_rate": self.speaking_rate,
            "documents_ahead": 100.0 if self.documents_sent_date and (
                self.documents_sent_date <= self._documents_deadline()) else 0.0,
            "minutes_on_time": 100.0 if approved_on <= minutes_deadline else 0.0,
            "tasks_assigned": 100.0 if self.task_ids.filtered(
                lambda t: t.assignee_ids and t.deadline) else 0.0,
            "thematic_held": 100.0 if self.is_thematic else 0.0,
            "thematic_month": self.is_thematic or self._thematic_due(),
        }

    def _thematic_due(self):
        """The last month of a quarter with no thematic meeting yet: the part was due."""
        self.ensure_one()
        local_month = int(self.month[5:7]) if self.month else 0
        if local_month % 3:
            return False
        return not self.search_count([
            ("organization_id", "=", self.organization_id.id), ("year", "=", self.year),
            ("quarter", "=", self.quarter), ("state", "in", HELD_STATES),
            ("is_thematic", "=", True),
        ], limit=1)

    def _longest_excused_streak(self):
        """Longest run of consecutive absences with reason of one member this year."""
        self.ensure_one()
        # sudo: absence streaks span the year's meetings, beyond what a voter may read.
        lines = self.env["party.meeting.attendance"].sudo().search([
            ("organization_id", "=", self.organization_id.id),
            ("meeting_id.year", "=", self.year),
            ("meeting_id.date_start", "<=", self.date_start),
            ("meeting_id.state", "in", HELD_STATES),
            ("meeting_id.meeting_type", "in", ("regular", "thematic")),
        ])
        longest, current, member = 0, 0, None
        for line in lines.sorted(lambda a: (a.member_id.id, a.meeting_id.date_start)):
            if line.member_id != member:
                member, current = line.member_id, 0
            current = current + 1 if line.status == "excused" else 0
            longest = max(longest, current)
        return longest

    def action_close_scoring(self):
        """Stop taking ballots; the score and rating stand as computed."""
        for meeting in self:
            if meeting.state not in HELD_STATES:
                raise UserError(_("Scoring opens once the meeting is held."))
            if not meeting.ballot_count:
                raise UserError(
                    _("No ballot was submitted for %(name)s; ballots must be taken after the "
                      "meeting.", name=meeting.name)
                )
        self._write_workflow({"scoring_closed": True})
        return True

    def action_my_ballot(self):
        """Open (or start) the current user's ballot for this meeting."""
        self.ensure_one()
        # Searched, not filtered: a member may read their own member record, not the others'.
        member = self.env["party.member"].search([
            ("id", "in", self.attendance_ids.member_id.ids), ("user_id", "=", self.env.uid),
        ], limit=1)
        if not member:
            raise UserError(_("You are not on the roll call of this meeting."))
        return self.env["party.ballot"]._for_voters("member", [(self, member)])._action_open()
