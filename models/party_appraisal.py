from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_rules import party_rule

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
    _inherit = ["mail.thread"]
    _order = "year desc, id desc"
    _check_company_auto = True

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
    meeting_good = fields.Integer(compute="_compute_meeting_summary", string="Meetings Good")
    meeting_fair = fields.Integer(compute="_compute_meeting_summary", string="Meetings Fair")
    meeting_average = fields.Integer(compute="_compute_meeting_summary",
                                     string="Meetings Average")
    meeting_poor = fields.Integer(compute="_compute_meeting_summary", string="Meetings Poor")
    meeting_unrated = fields.Integer(compute="_compute_meeting_summary",
                                     string="Meetings Unrated")

    _sql_constraints = [
        ("one_target", "CHECK((member_id IS NULL) <> (organization_id IS NULL))",
         "An appraisal rates either a member or an organisation."),
        ("member_year_uniq", "unique(member_id, year)", "The member is already rated that year."),
        ("org_year_uniq", "unique(organization_id, year)",
         "The organisation is already rated that year."),
        ("score_range", "CHECK(score >= 0 AND score <= 100)", "The score lies between 0 and 100."),
    ]

    def write(self, vals):
        # A member may only fill in their own self-assessment.
        if not self.env.su and not self.env.user.has_group("party_cell.group_party_secretary") and (
            set(vals) - {"self_assessment", "self_rating", "state"}
            or vals.get("state", "self_assessed") != "self_assessed"
        ):
            raise AccessError(_("Only the cell and the committee rate members."))
        if ("rating" in vals or vals.get("state") == "decided") and vals.get("rating") is not False:
            self._check_group("party_cell.group_party_committee")
        return super().write(vals)

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
        raw = party_rule(self.env, "appraisal_bands", "excellent=90;good=70;completed=50", str)
        return [(k, float(v)) for k, v in (p.split("=") for p in raw.split(";"))]

    @api.depends("organization_id", "year")
    def _compute_meeting_summary(self):
        """How the organisation's meetings of the year were rated, for its appraisal."""
        counts = {}
        orgs = self.filtered("organization_id")
        if orgs:
            for org, year, rating, count in self.env["party.meeting"]._read_group(
                [("organization_id", "in", orgs.organization_id.ids),
                 ("year", "in", orgs.mapped("year")), ("state", "=", "approved")],
                ["organization_id", "year", "rating"], ["__count"],
            ):
                counts[org.id, year, rating] = count
        for appraisal in self:
            key = (appraisal.organization_id.id, appraisal.year)
            appraisal.meeting_good = counts.get((*key, "good"), 0)
            appraisal.meeting_fair = counts.get((*key, "fair"), 0)
            appraisal.meeting_average = counts.get((*key, "average"), 0)
            appraisal.meeting_poor = counts.get((*key, "poor"), 0)
            appraisal.meeting_unrated = counts.get((*key, False), 0)

    @api.constrains("rating", "state")
    def _check_excellent_cap(self):
        """At most a share of those rated good or better may be excellent, per grassroots
        organisation, year and kind (members, organisations). Counted on decisions, against
        everyone decided or proposed good or better in the same scope."""
        percent = party_rule(self.env, "excellent_cap_percent", 20.0, float)
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
        self._advance("draft", "self_assessed", "self_rating")

    def action_propose(self):
        self._check_group("party_cell.group_party_secretary")
        self._advance("self_assessed", "proposed", "proposed_rating")

    def action_decide(self):
        self._check_group("party_cell.group_party_committee")
        self._advance("proposed", "decided", "rating")

    def _check_group(self, group):
        # Buttons are hidden by group in the view; RPC callers are stopped here.
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(_("This step belongs to the cell or the committee."))

    def _advance(self, from_state, to_state, required_field):
        for appraisal in self:
            if appraisal.state != from_state:
                raise UserError(_("This step is not possible in the appraisal's current state."))
            if not appraisal[required_field]:
                label = self._fields[required_field].get_description(self.env)["string"]
                raise UserError(_("Fill in %(field)s first.", field=label))
        self.write({"state": to_state})

    def action_reset(self):
        self.write({"state": "draft", "rating": False})
