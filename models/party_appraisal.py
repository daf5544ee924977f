from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_lock import lock_opened, refuse
from .party_meeting import HELD_STATES
from .party_rules import parse_bands, party_rule
from .party_score_scheme import worst_rating

# What the rated member writes, while the appraisal is a draft.
SELF_FIELDS = {"self_assessment", "self_rating"}
# Who is rated and when: fixed once the appraisal leaves the draft.
TARGET_FIELDS = {"year", "member_id", "organization_id"}
APPRAISAL_RATINGS = [
    ("excellent", "Excellently Completed"),
    ("good", "Well Completed"),
    ("completed", "Completed"),
    ("not_completed", "Not Completed"),
]


class PartyAppraisal(models.Model):
    """Yearly quality rating of a member or an organisation (Regulation 366-QĐ/TW)."""

    _name = "party.appraisal"
    _description = "Annual Party Appraisal"
    _inherit = ["mail.thread", "party.audit.mixin", "party.workflow.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True
    _audit_fields = ("state", "proposed_rating", "rating")

    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year,
                          tracking=True)
    member_id = fields.Many2one("party.member", index=True, check_company=True)
    organization_id = fields.Many2one(
        "party.organization", string="Rated Organisation", index=True, check_company=True,
    )
    scope_organization_id = fields.Many2one(
        "party.organization", compute="_compute_scope", store=True, index=True,
        string="Organisation", help="Where the record belongs: the member's cell or the rated "
        "organisation; record rules use it.",
    )
    grassroots_id = fields.Many2one(
        "party.organization", compute="_compute_scope", store=True, index=True,
        string="Grassroots Organisation", help="The cap on excellent ratings counts here.",
    )
    company_id = fields.Many2one(
        "res.company", compute="_compute_scope", store=True, index=True,
    )
    target_type = fields.Selection(
        [("member", "Member"), ("organization", "Organisation")],
        compute="_compute_scope", store=True,
    )
    score = fields.Float(tracking=True)
    self_assessment = fields.Text()
    self_rating = fields.Selection(APPRAISAL_RATINGS, tracking=True)
    proposed_rating = fields.Selection(APPRAISAL_RATINGS, string="Cell Proposal", tracking=True)
    rating = fields.Selection(APPRAISAL_RATINGS, string="Decision", tracking=True)
    suggested_rating = fields.Selection(APPRAISAL_RATINGS, compute="_compute_suggested_rating")
    state = fields.Selection(
        [("draft", "Draft"), ("self_assessed", "Self-assessed"), ("proposed", "Proposed"),
         ("decided", "Decided")],
        default="draft", required=True, tracking=True,
    )
    # The organisation's year, month by month: the rating of each month's regular meeting,
    # the upper level's official rating where one was given (Regulation 366-QĐ/TW).
    meeting_good = fields.Integer(compute="_compute_meeting_summary", string="Months Good")
    meeting_fair = fields.Integer(compute="_compute_meeting_summary", string="Months Fair")
    meeting_average = fields.Integer(compute="_compute_meeting_summary",
                                     string="Months Average")
    meeting_poor = fields.Integer(compute="_compute_meeting_summary", string="Months Poor")
    meeting_unrated = fields.Integer(compute="_compute_meeting_summary",
                                     string="Months Held, Not Rated")
    meeting_official = fields.Integer(
        compute="_compute_meeting_summary", string="Months Rated by the Upper Level",
        help="Months whose rating is the upper level's official rating; the others carry the "
        "cell's own score.")
    meeting_missing = fields.Integer(
        compute="_compute_meeting_summary", string="Months Not Held",
        help="Months due, since the organisation's records start, without a regular meeting "
        "held.")
    meeting_summary = fields.Char(compute="_compute_meeting_summary",
                                  string="Where the Ratings Come From")

    _sql_constraints = [
        ("one_target", "CHECK((member_id IS NULL) <> (organization_id IS NULL))",
         "An appraisal rates either a member or an organisation."),
        ("member_year_uniq", "unique(member_id, year)", "The member is already rated that year."),
        ("org_year_uniq", "unique(organization_id, year)",
         "The organisation is already rated that year."),
        ("score_range", "CHECK(score >= 0 AND score <= 100)", "The score lies between 0 and 100."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        # Checked on the values (before constraints speak) and on the records (defaults).
        started = any(v.get("state", "draft") != "draft" or v.get("rating") for v in vals_list)
        if started and not self.env.su:
            self._raise_not_draft()
        appraisals = super().create(vals_list)
        if not self.env.su and any(a.state != "draft" or a.rating for a in appraisals):
            self._raise_not_draft()
        return appraisals

    def _raise_not_draft(self):
        raise UserError(_("An appraisal starts as a draft: the member assesses themself, the "
                          "cell proposes, the committee decides."))

    def write(self, vals):
        if not self.env.su:
            self._check_write_allowed({f for f in vals
                                       if not f.startswith(("message_", "activity_"))})
        return super().write(vals)

    def _check_write_allowed(self, fnames):
        """Each step belongs to its level (Regulation 366-QĐ/TW), whatever the caller writes.

        The member writes their own self-assessment while it is a draft; the cell (its
        secretary) fills in the score and its proposal; the committee decides, and only the
        committee undoes a decision. The state moves with the buttons only.
        """
        if "state" in fnames and not lock_opened(self, {"state"}):
            refuse(self, _("An appraisal moves on with its buttons (self-assess, propose, "
                           "decide), not by writing its state."))
        decided = self.filtered(lambda a: a.state == "decided")
        if decided and fnames - {"state"} and not lock_opened(decided, fnames):
            refuse(self, _("The appraisal is decided. Only the committee can reset the "
                           "decision."))
        user = self.env.user
        is_cell = user.has_group("party_cell.group_party_secretary")
        if fnames & SELF_FIELDS:
            if any(a.state != "draft" for a in self):
                raise UserError(_("The self-assessment is written while the appraisal is a "
                                  "draft."))
            if not is_cell and any(a.member_id.user_id != user for a in self):
                raise AccessError(_("Only the cell and the committee rate members."))
        if fnames - SELF_FIELDS - {"state"}:
            if not is_cell:
                raise AccessError(_("Only the cell and the committee rate members."))
            if fnames & TARGET_FIELDS and any(a.state != "draft" for a in self):
                raise UserError(_("Who is rated, and for which year, is set while the "
                                  "appraisal is a draft."))
        if "rating" in fnames and not lock_opened(self, {"rating"}):
            self._check_group("party_cell.group_party_committee")
            if any(a.state != "proposed" for a in self):
                raise UserError(_("The committee decides on the cell's proposal: propose the "
                                  "rating first."))

    @api.depends("member_id.name", "organization_id.name", "year")
    def _compute_display_name(self):
        for appraisal in self:
            target = appraisal.member_id or appraisal.organization_id
            appraisal.display_name = f"{target.name or ''} – {appraisal.year}"

    @api.depends("member_id.organization_id", "organization_id")
    def _compute_scope(self):
        for appraisal in self:
            scope = appraisal.member_id.organization_id or appraisal.organization_id
            appraisal.scope_organization_id = scope
            appraisal.company_id = scope.company_id or self.env.company
            appraisal.target_type = "member" if appraisal.member_id else "organization"
            appraisal.grassroots_id = scope._grassroots() if scope else False

    @api.depends("score")
    def _compute_suggested_rating(self):
        bands = self._bands()
        for appraisal in self:
            appraisal.suggested_rating = next(
                (rating for rating, floor in bands if appraisal.score >= floor), "not_completed"
            )

    @api.model
    def _bands(self):
        return parse_bands(party_rule(self.env, "appraisal_bands"))

    @api.depends("organization_id", "year")
    def _compute_meeting_summary(self):
        """How the organisation's months of the year were rated, in one grouped query."""
        months = {}
        orgs = self.filtered("organization_id")
        if orgs:
            # A meeting replaced by its re-hold does not count; the re-hold keeps the month.
            for org, month, rating, official, _count in self.env["party.meeting"]._read_group(
                [("organization_id", "in", orgs.organization_id.ids),
                 ("year", "in", orgs.mapped("year")), ("meeting_type", "=", "regular"),
                 ("state", "in", HELD_STATES), ("is_superseded", "=", False)],
                ["organization_id", "month", "rating", "official_rating"], ["__count"],
            ):
                months.setdefault((org.id, month), []).append((official, rating))
        meeting_labels = dict(
            self.env["party.meeting"]._fields["rating"]._description_selection(self.env))
        for appraisal in self:
            counts = dict.fromkeys(("good", "fair", "average", "poor", False), 0)
            official_counts = dict.fromkeys(counts, 0)
            org = appraisal.organization_id
            due = appraisal._due_months() if org else []
            for key, ratings in months.items():
                if key[0] != org.id or not key[1].startswith(f"{appraisal.year:04d}-"):
                    continue
                officials = [o for o, _r in ratings if o]
                rating = worst_rating(officials or [r for _o, r in ratings if r])
                counts[rating] += 1
                official_counts[rating] += bool(officials)
            appraisal.meeting_good = counts["good"]
            appraisal.meeting_fair = counts["fair"]
            appraisal.meeting_average = counts["average"]
            appraisal.meeting_poor = counts["poor"]
            appraisal.meeting_unrated = counts[False]
            appraisal.meeting_official = sum(official_counts.values())
            appraisal.meeting_missing = len([
                m for m in due if (org.id, m) not in months])
            appraisal.meeting_summary = "; ".join(
                self.env._("%(rating)s: %(months)s month(s), %(official)s by the upper level",
                           rating=meeting_labels[r], months=counts[r],
                           official=official_counts[r])
                for r in ("good", "fair", "average", "poor") if counts[r]
            ) if org else False

    def _due_months(self):
        """The months of the year already due, from the organisation's records start."""
        self.ensure_one()
        org = self.organization_id
        today = org._today()
        start = org.start_date and org.start_date.replace(day=1)
        due = []
        for number in range(1, 13):
            first = date(self.year, number, 1)
            if (start and first < start) or first + relativedelta(months=1) > today:
                continue
            due.append(first.strftime("%Y-%m"))
        return due

    @api.constrains("rating", "state")
    def _check_excellent_cap(self):
        """At most a share of those rated good or better may be excellent, per grassroots
        organisation, year and kind (members, organisations). Counted on decisions, against
        everyone decided or proposed good or better in the same scope."""
        percent = party_rule(self.env, "excellent_cap_percent")
        scopes = {(a.grassroots_id.id, a.year, a.target_type)
                  for a in self if a.rating == "excellent" and a.state == "decided"}
        for grassroots_id, year, target_type in scopes:
            # sudo: the cap counts the whole grassroots organisation, beyond the user's cells.
            scope = self.sudo().search([
                ("grassroots_id", "=", grassroots_id), ("year", "=", year),
                ("target_type", "=", target_type),
            ])
            excellent = len(scope.filtered(
                lambda a: a.state == "decided" and a.rating == "excellent"))
            eligible = len(scope.filtered(
                lambda a: (a.rating or a.proposed_rating) in ("excellent", "good")))
            allowed = int(eligible * percent / 100)
            if excellent > allowed:
                # sudo: the grassroots organisation may be above what the user reads.
                org = self.env["party.organization"].sudo().browse(grassroots_id)
                raise ValidationError(
                    _("%(org)s may rate at most %(percent)s%% of those rated good or better as "
                      "excellent in %(year)s: %(allowed)s of %(eligible)s, not %(excellent)s.",
                      org=org.name, percent=percent, year=year, allowed=allowed,
                      eligible=eligible, excellent=excellent)
                )

    def action_self_assess(self):
        user = self.env.user
        if not user.has_group("party_cell.group_party_secretary") and any(
            a.member_id.user_id != user for a in self
        ):
            raise AccessError(_("Only the cell and the committee rate members."))
        self._advance("draft", "self_assessed", "self_rating", _("Self-assessment"))

    def action_propose(self):
        self._check_group("party_cell.group_party_secretary")
        self._advance("self_assessed", "proposed", "proposed_rating", _("Proposal"))

    def action_decide(self):
        self._check_group("party_cell.group_party_committee")
        self._advance("proposed", "decided", "rating", _("Decision"))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        if not self.env.su and self.filtered(lambda a: a.state == "decided"):
            refuse(self, _("A decided appraisal is part of the record; the committee resets its "
                           "decision before anything else."), "unlink")

    def _audit_scope(self):
        self.ensure_one()
        return {"organization_id": self.scope_organization_id.id, "member_id": self.member_id.id}

    def _check_group(self, group):
        # Buttons are hidden by group in the view; RPC callers are stopped here.
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(_("This step belongs to the cell or the committee."))

    def _advance(self, from_state, to_state, required_field, action):
        self._ensure_state((from_state,), action)
        if any(not appraisal[required_field] for appraisal in self):
            label = self._fields[required_field].get_description(self.env)["string"]
            raise UserError(_("Fill in %(field)s first.", field=label))
        self.check_access("write")
        self._write_workflow({"state": to_state})

    def action_reset(self):
        """Back to draft: the cell withdraws its proposal, or the committee its decision."""
        self._check_group("party_cell.group_party_secretary")
        if self.filtered(lambda a: a.state == "decided"):
            self._check_group("party_cell.group_party_committee")
        self.check_access("write")
        self._write_workflow({"state": "draft", "rating": False})
