from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_lock import lock_opened, refuse
from .party_meeting import HELD_STATES
from .party_member import ACTIVE_STATES
from .party_rules import party_rule

# Set by the submission only: a ballot is cast once and stays as cast.
SUBMISSION_FIELDS = {"state", "submitted_date"}
# Whose ballot it is, for which meeting: fixed when the ballot is started.
IDENTITY_FIELDS = {"meeting_id", "voter_id", "voter_employee_id", "role"}


class PartyBallot(models.Model):
    """One person's score sheet for one meeting, in one role."""

    _name = "party.ballot"
    _description = "Meeting Quality Ballot"
    _inherit = ["party.workflow.mixin"]
    _order = "meeting_id, role, id"
    _check_company_auto = True

    meeting_id = fields.Many2one("party.meeting", required=True, ondelete="cascade", index=True,
                                 check_company=True)
    organization_id = fields.Many2one(related="meeting_id.organization_id", store=True,
                                      index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    scheme_id = fields.Many2one(related="meeting_id.scheme_id", store=True)
    voter_id = fields.Many2one("party.member", string="Voter", index=True,
                               help="The member who scores; empty for an upper-level official.")
    voter_employee_id = fields.Many2one(
        "hr.employee", string="Scored by", required=True, index=True,
        compute="_compute_voter_employee_id", store=True, readonly=False, precompute=True,
    )
    voter_user_id = fields.Many2one("res.users", compute="_compute_voter_user_id", store=True,
                                    index="btree_not_null")
    role = fields.Selection(
        [("member", "Member"), ("committee", "Committee Proposal"),
         ("upper", "Upper-level Official")],
        required=True, default="member",
    )
    is_anonymous = fields.Boolean(related="meeting_id.anonymous_ballots", store=True)
    line_ids = fields.One2many("party.ballot.line", "ballot_id", string="Scores")
    total = fields.Float(compute="_compute_total", store=True, aggregator="avg")
    state = fields.Selection([("draft", "Draft"), ("submitted", "Submitted")], default="draft",
                             required=True, index=True)
    submitted_date = fields.Datetime(readonly=True)
    comment = fields.Text()

    _sql_constraints = [
        ("ballot_uniq", "unique(meeting_id, voter_employee_id, role)",
         "This person has already a ballot in this role for this meeting."),
    ]

    @api.depends("meeting_id.name", "role", "voter_employee_id.name")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for ballot in self:
            # sudo: the voter's name only; whoever reads the ballot sees whose it is anyway.
            name = _("Ballot – %(voter)s – %(meeting)s",
                     voter=ballot.voter_employee_id.sudo().name or "",
                     meeting=ballot.meeting_id.name or "")
            if ballot.role != "member":
                name = f"{name} ({roles.get(ballot.role, '')})"
            ballot.display_name = name

    @api.depends("voter_id.employee_id")
    def _compute_voter_employee_id(self):
        for ballot in self:
            if ballot.voter_id:
                # sudo: a secretary may record a ballot for a voter whose employee file is private.
                ballot.voter_employee_id = ballot.voter_id.sudo().employee_id

    @api.depends("voter_employee_id.user_id")
    def _compute_voter_user_id(self):
        for ballot in self:
            # sudo: the upper-level official's employee record is outside the party rules.
            ballot.voter_user_id = ballot.voter_employee_id.sudo().user_id

    @api.depends("line_ids.points")
    def _compute_total(self):
        for ballot in self:
            ballot.total = sum(ballot.line_ids.mapped("points"))

    @api.constrains("role", "voter_id", "meeting_id")
    def _check_voter(self):
        for ballot in self:
            meeting = ballot.meeting_id
            if meeting.state not in HELD_STATES:
                raise ValidationError(_("Ballots are taken only after the meeting is held."))
            if ballot.role == "upper":
                continue
            line = meeting.attendance_ids.filtered(lambda a, b=ballot: a.member_id == b.voter_id)
            if not ballot.voter_id or line.status != "present":
                raise ValidationError(
                    _("Only members present at %(meeting)s may score it.", meeting=meeting.name)
                )
            if ballot.role == "committee" and ballot.voter_id.committee_role == "member":
                raise ValidationError(
                    _("The committee proposal is entered by a member of the cell committee.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        ballots = super().create(vals_list)
        if not self.env.su and any(b.state != "draft" or b.submitted_date for b in ballots):
            raise UserError(_("A ballot starts as a draft and is cast with its Submit button."))
        ballots._check_open()
        ballots._fill_lines()
        return ballots

    def write(self, vals):
        fnames = set(vals)
        if fnames & SUBMISSION_FIELDS and not lock_opened(self, fnames & SUBMISSION_FIELDS):
            refuse(self, _("A ballot is cast with its Submit button, and stays as cast."))
        if fnames & IDENTITY_FIELDS and not self.env.su:
            refuse(self, _("A ballot stays with its voter and meeting; start a new one."))
        if fnames - SUBMISSION_FIELDS:
            self._check_open()
            submitted = self.filtered(lambda b: b.state == "submitted")
            if submitted and not lock_opened(submitted, fnames):
                refuse(self, _("A submitted ballot cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if not self.env.su and self.filtered(lambda b: b.state == "submitted"):
            refuse(self, _("A submitted ballot is part of the meeting's score: it cannot be "
                           "deleted."), "unlink")

    def _check_open(self):
        closed = self.meeting_id.filtered("scoring_closed")
        if closed:
            raise UserError(
                _("Scoring of %(meeting)s is closed.", meeting=", ".join(closed.mapped("name")))
            )

    def _fill_lines(self):
        """One line per criterion; automatic criteria prefilled from the meeting record."""
        vals_list = []
        for ballot in self:
            scheme = ballot.meeting_id.scheme_id
            if not scheme:
                raise UserError(
                    _("No score scheme applies to %(meeting)s.", meeting=ballot.meeting_id.name)
                )
            facts = ballot.meeting_id._score_facts()
            for criterion in scheme.criterion_ids:
                vals = {"ballot_id": ballot.id, "criterion_id": criterion.id, "points": 0.0}
                if criterion.auto_source != "manual":
                    points, explanation = criterion._auto_score(facts)
                    vals.update(points=points, explanation=explanation)
                vals_list.append(vals)
        # sudo: lines are the scheme's criteria, written by the system; voters only score them.
        self.env["party.ballot.line"].sudo().create(vals_list)

    def action_submit(self):
        self._ensure_state(("draft",), _("Submitting"))
        self._check_open()
        self._write_workflow({"state": "submitted", "submitted_date": fields.Datetime.now()})
        self._report_to_visits()
        return True

    def _report_to_visits(self):
        """An upper-level ballot is the visiting official's score of the meeting."""
        for ballot in self.filtered(lambda b: b.role == "upper"):
            # sudo: the official's visit carries the score; findings are not readable by all.
            visits = self.env["party.visit"].sudo().search([
                ("meeting_id", "=", ballot.meeting_id.id),
                ("visitor_employee_id", "=", ballot.voter_employee_id.id),
                ("state", "!=", "reported"),
            ])
            visits.write({"upper_score": ballot.total})

    @api.model
    def _action_my_ballots(self):
        """The current user's ballots, with a draft for each recent meeting they attended.

        A member finds the meetings to score under "My Ballots" (the ballot is handed out
        after the meeting) without opening every meeting of the cell.
        """
        days = party_rule(self.env, "ballot_days_after")
        members = self.env["party.member"].search([
            ("user_id", "=", self.env.uid), ("state", "in", ACTIVE_STATES),
        ])
        lines = self.env["party.meeting.attendance"].search([
            ("member_id", "in", members.ids), ("status", "=", "present"),
            ("meeting_id.state", "in", HELD_STATES),
            ("meeting_id.scoring_closed", "=", False), ("meeting_id.scheme_id", "!=", False),
            ("meeting_id.date_start", ">=", fields.Datetime.now() - timedelta(days=days)),
        ])
        self._for_voters("member", [(line.meeting_id, line.member_id) for line in lines])
        return self.env["ir.actions.act_window"]._for_xml_id("party_cell.party_ballot_action")

    @api.model
    def _for_voters(self, role, voters):
        """The ballots of ``(meeting, voter)`` pairs in ``role``, started where missing.

        The one way to open or start a ballot. The voter is the party.member who scores
        (member, committee proposal) or the visiting official's hr.employee (upper level);
        a ballot is found by what makes it unique: meeting, the voter's employee and role.
        """
        keys = []
        for meeting, voter in voters:
            # sudo: a member's employee file may be private; it only keys the ballot.
            employee = voter if voter._name == "hr.employee" else voter.sudo().employee_id
            keys.append((meeting, employee, voter))
        found = {(b.meeting_id, b.voter_employee_id): b for b in self.search([
            ("role", "=", role), ("meeting_id", "in", [m.id for m, _e, _v in keys]),
            ("voter_employee_id", "in", [e.id for _m, e, _v in keys]),
        ])}
        missing = {(m, e): v for m, e, v in keys if (m, e) not in found}
        started = self.create([
            {"meeting_id": m.id, "role": role,
             **({"voter_employee_id": e.id} if v._name == "hr.employee" else {"voter_id": v.id})}
            for (m, e), v in missing.items()
        ])
        found.update(zip(missing, started))
        return self.browse([found[m, e].id for m, e, _v in keys])

    def _action_open(self):
        """The ballot's form, where its voter scores it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.ballot",
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_print(self):
        return self.env.ref("party_cell.action_report_ballot_filled").report_action(
            self.meeting_id
        )


class PartyBallotLine(models.Model):
    _name = "party.ballot.line"
    _description = "Ballot Score"
    _order = "ballot_id, sequence, id"

    ballot_id = fields.Many2one("party.ballot", required=True, ondelete="cascade", index=True)
    criterion_id = fields.Many2one("party.score.criterion", required=True, ondelete="restrict")
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    group = fields.Char(related="criterion_id.group")
    description = fields.Text(related="criterion_id.description")
    max_points = fields.Float(related="criterion_id.max_points")
    is_auto = fields.Boolean(compute="_compute_is_auto")
    points = fields.Float()
    explanation = fields.Char(readonly=True)

    @api.depends("criterion_id.auto_source")
    def _compute_is_auto(self):
        for line in self:
            line.is_auto = line.criterion_id.auto_source != "manual"

    @api.constrains("points")
    def _check_points(self):
        bad = self.filtered(lambda line: not 0 <= line.points <= line.max_points)
        if bad:
            raise ValidationError(
                _("%(criterion)s is scored between 0 and %(max)s.",
                  criterion=bad[0].criterion_id.name, max=bad[0].max_points)
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.su and lines.ballot_id.filtered(lambda b: b.state == "submitted"):
            raise UserError(_("A submitted ballot cannot be changed."))
        return lines

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if not self.env.su and self.ballot_id.filtered(lambda b: b.state == "submitted"):
            raise UserError(_("A submitted ballot cannot be changed."))

    def write(self, vals):
        if "points" in vals and any(line.is_auto for line in self):
            raise UserError(_("Automatic criteria are computed from the meeting record."))
        if any(ballot.state == "submitted" for ballot in self.ballot_id):
            refuse(self, _("A submitted ballot cannot be changed."))
        if set(vals) & {"ballot_id", "criterion_id"}:
            refuse(self, _("A score stays on its ballot and criterion."))
        return super().write(vals)
