from datetime import datetime

import pytz

from odoo import _, api, fields, models
from odoo.addons.base.models.res_partner import _tz_get
from odoo.exceptions import UserError, ValidationError

from .party_rules import hhmm_hours, party_rule

# The zone of Vietnamese agencies; used when neither the organisation nor its company says.
DEFAULT_TZ = "Asia/Ho_Chi_Minh"

CELL_TYPES = ("grassroots_cell", "cell")


class PartyOrganization(models.Model):
    """One node of the party tree: upper-level committee down to the cell that meets monthly."""

    _name = "party.organization"
    _description = "Party Organisation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    complete_name = fields.Char(compute="_compute_complete_name", recursive=True, store=True)
    code = fields.Char(
        tracking=True, copy=False, help="Short code of the organisation, e.g. CBVP."
    )
    org_type = fields.Selection(
        [
            ("upper", "Upper-level Committee"),
            ("grassroots_committee", "Grassroots Committee"),
            ("division_committee", "Division Committee"),
            ("grassroots_cell", "Grassroots Cell"),
            ("cell", "Cell"),
        ],
        string="Type",
        required=True,
        default="cell",
        tracking=True,
    )
    parent_id = fields.Many2one(
        "party.organization",
        string="Parent Organisation",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    child_ids = fields.One2many("party.organization", "parent_id", string="Sub-organisations")
    parent_path = fields.Char(index=True)
    is_cell = fields.Boolean(compute="_compute_is_cell", store=True, index=True)
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        check_company=True,
        help="Departments whose staff belong to this cell; several for a merged cell.",
    )
    cluster_id = fields.Many2one("party.cluster", string="Cluster", check_company=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    member_ids = fields.One2many("party.member", "organization_id", string="Members")
    active = fields.Boolean(default=True, tracking=True)
    sequence = fields.Integer(default=10)
    committee_user_ids = fields.Many2many(
        "res.users",
        "party_organization_committee_user_rel",
        "organization_id",
        "user_id",
        string="Committee Officers",
        help="Users of the party committee office who manage this organisation and everything "
        "under it.",
    )
    inspector_user_ids = fields.Many2many(
        "res.users",
        "party_organization_inspector_user_rel",
        "organization_id",
        "user_id",
        string="Inspectors",
        help="Upper-level officials who may read this organisation and everything under it.",
    )
    is_operational = fields.Boolean(
        string="Operational",
        tracking=True,
        help="The cell has been set up and holds its meetings.",
    )
    member_count = fields.Integer(compute="_compute_member_stats", string="Current Members")
    official_count = fields.Integer(compute="_compute_member_stats", string="Official Members")
    probationary_count = fields.Integer(
        compute="_compute_member_stats", string="Probationary Members"
    )
    below_minimum = fields.Boolean(
        compute="_compute_member_stats",
        help="A cell needs a minimum number of official members (Party Charter).",
    )
    secretary_id = fields.Many2one(
        "party.member", compute="_compute_officers", string="Secretary"
    )
    deputy_secretary_id = fields.Many2one(
        "party.member", compute="_compute_officers", string="Deputy Secretary"
    )
    committee_member_ids = fields.Many2many(
        "party.member", compute="_compute_officers", string="Committee Members"
    )
    current_post_ids = fields.Many2many(
        "party.committee.post", compute="_compute_officers", string="Current Committee",
        help="The committee posts held today.",
    )
    term_ids = fields.One2many("party.term", "organization_id", string="Terms")
    post_ids = fields.One2many("party.committee.post", "organization_id",
                               string="Committee Posts")
    note = fields.Html()
    # Meeting rules: provinces fix the day (or a window) and a registration deadline.
    meeting_day_from = fields.Integer(
        string="Meeting Window From",
        default=lambda self: party_rule(self.env, "meeting_day_from"),
        help="First day of the month on which the regular meeting may be held.",
    )
    meeting_day_to = fields.Integer(
        string="Meeting Window To", default=lambda self: party_rule(self.env, "meeting_day_to"),
        help="Last day of the month on which the regular meeting may be held.",
    )
    registration_day = fields.Integer(
        default=lambda self: party_rule(self.env, "registration_day"),
        help="Day of the month before by which the schedule must be registered (0: no rule).",
    )
    min_duration = fields.Integer(
        string="Minimum Duration (min)",
        default=lambda self: party_rule(self.env, "min_duration"),
    )
    min_duration_combined = fields.Integer(
        string="Minimum Duration with Thematic Part (min)",
        default=lambda self: party_rule(self.env, "min_duration_combined"),
    )
    meeting_hour = fields.Float(
        string="Usual Start Time",
        default=lambda self: hhmm_hours(party_rule(self.env, "meeting_hour")),
        help="Local start time used for meetings created by the monthly planning.",
    )
    meeting_place = fields.Char(
        string="Usual Meeting Place", help="Used for the meetings the monthly planning creates.",
    )
    document_place = fields.Char(
        string="Documents Posted At", help="Where meeting documents are posted for members, "
        "e.g. the agency's document system or a shared folder.",
    )
    doc_suffix = fields.Char(
        string="Document Suffix", compute="_compute_doc_suffix", store=True, readonly=False,
        help="Issuer abbreviation in document numbers: CB in 05-BB/CB.",
    )
    minutes_sequence_id = fields.Many2one("ir.sequence", copy=False, readonly=True,
                                          groups="base.group_system")
    resolution_sequence_id = fields.Many2one("ir.sequence", copy=False, readonly=True,
                                             groups="base.group_system")
    place_name = fields.Char(
        string="Place Name", help="Place printed on the date line of documents, e.g. Thanh Hóa."
    )
    tz = fields.Selection(
        _tz_get, string="Time Zone", default=lambda self: self._default_tz(),
        required=True,
        help="Every date rule of the organisation (meeting month, lateness, deadlines) and every "
        "time printed on its documents is read in this zone, whoever saves the record.",
    )
    start_date = fields.Date(
        string="Records Kept Since",
        help="Founding date of the organisation, or the day the agency started keeping its "
        "record here: earlier months are not counted as missed.",
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The code must be unique per company."),
    ]

    @api.model
    def _default_tz(self):
        return self.env.company.partner_id.tz or DEFAULT_TZ

    def _tz(self):
        """The organisation's zone as a pytz timezone (see ``tz``)."""
        self.ensure_one()
        # sudo: only the zone is read, for the dates of records the user may see.
        return pytz.timezone(self.sudo().tz or DEFAULT_TZ)

    def _today(self):
        """Today where the organisation is, whatever the zone of the user or the server."""
        if not self:
            return fields.Date.context_today(self)
        # next(iter()) keeps the prefetch set (self[:1] would not): a loop over thousands of
        # cells reads their zones in one query.
        return datetime.now(next(iter(self))._tz()).date()

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for org in self:
            if org.parent_id:
                org.complete_name = f"{org.parent_id.complete_name} / {org.name}"
            else:
                org.complete_name = org.name

    @api.depends_context("hierarchical_naming")
    def _compute_display_name(self):
        # Lists ask for the short name (the path hides the cell's own name); forms and
        # pickers keep the full path, as hr.department does.
        if self.env.context.get("hierarchical_naming", True):
            return super()._compute_display_name()
        for org in self:
            org.display_name = org.name
        return None

    @api.depends("org_type")
    def _compute_is_cell(self):
        for org in self:
            org.is_cell = org.org_type in CELL_TYPES

    @api.depends("org_type")
    def _compute_doc_suffix(self):
        suffixes = {"grassroots_cell": "CB", "cell": "CB", "division_committee": "ĐU",
                    "grassroots_committee": "ĐU", "upper": "ĐU"}
        for org in self:
            org.doc_suffix = suffixes.get(org.org_type, "CB")

    @api.depends("member_ids.state", "member_ids.active")
    def _compute_member_stats(self):
        """Members of a cell, or of every cell under a committee (one grouped query)."""
        counts = {}
        for org, state, count in self.env["party.member"]._read_group(
            [("organization_id", "child_of", self._origin.ids),
             ("state", "in", ("official", "probationary"))],
            ["organization_id", "state"],
            ["__count"],
        ):
            # sudo: only the tree's shape is read, to add each count to every ancestor.
            for ancestor in (org.sudo().parent_path or "").split("/")[:-1]:
                key = (int(ancestor), state)
                counts[key] = counts.get(key, 0) + count
        minimum = self._min_official_members()
        for org in self:
            official = counts.get((org._origin.id, "official"), 0)
            probationary = counts.get((org._origin.id, "probationary"), 0)
            org.official_count = official
            org.probationary_count = probationary
            org.member_count = official + probationary
            org.below_minimum = org.is_cell and official < minimum

    @api.depends("post_ids.post", "post_ids.date_from", "post_ids.date_to",
                 "post_ids.member_id.state", "post_ids.member_id.organization_id")
    def _compute_officers(self):
        """The officers of today, read from the committee posts (the one source)."""
        # sudo: posts and their members are ordered by post and name whatever the user
        # reads; only the members and posts the user may read are shown (below).
        holders = self.env["party.committee.post"].sudo()._holders_on(
            (org, org._today()) for org in self._origin
        )
        # As before the posts existed, officers show as far as the user may read members.
        all_posts = self.env["party.committee.post"].sudo().browse(
            {p.id for posts in holders.values() for p in posts})
        readable_members = self.env["party.member"].search(
            [("id", "in", all_posts.member_id.ids)])
        readable_posts = self.env["party.committee.post"].search([("id", "in", all_posts.ids)])
        # Sets of ids: ``record in recordset`` scans the recordset, once per officer of each
        # of 2,000 organisations.
        readable_member_ids = set(readable_members.ids)
        readable_post_ids = set(readable_posts.ids)
        for org in self:
            posts = holders.get((org._origin.id, org._origin._today()), all_posts.browse()).sorted(
                lambda p: (p.sequence, p.member_id.name or ""))
            members = posts.member_id.filtered(lambda m: m.id in readable_member_ids)
            org.secretary_id = posts.filtered(
                lambda p: p.post == "secretary")[:1].member_id & members
            org.deputy_secretary_id = posts.filtered(
                lambda p: p.post == "deputy_secretary")[:1].member_id & members
            org.committee_member_ids = readable_members.browse(members.ids)
            org.current_post_ids = readable_posts.browse(
                [p.id for p in posts if p.id in readable_post_ids])

    def _term_on(self, day):
        """The organisation's committee term on ``day`` (empty when none is recorded)."""
        self.ensure_one()
        # sudo: the term is looked up for server code that checked its own access.
        return self.env["party.term"].sudo().search([
            ("organization_id", "=", self.id), ("date_start", "<=", day),
            "|", ("date_end", "=", False), ("date_end", ">=", day),
        ], limit=1).with_env(self.env)

    @api.constrains("meeting_day_from", "meeting_day_to", "registration_day")
    def _check_meeting_days(self):
        for org in self:
            if not (1 <= org.meeting_day_from <= org.meeting_day_to <= 28) or not (
                0 <= org.registration_day <= 28
            ):
                raise ValidationError(
                    _("%(name)s: meeting days must lie between 1 and 28, the window's first day "
                      "before its last.", name=org.name)
                )

    def _next_document_number(self, kind, code, day):
        """Next number of a document of ``kind`` issued by the organisation on ``day``:
        ``(sequence, period, "05-<code>/ĐU")``.

        Numbers run from 01 per kind of document and issuing body within the term of its
        committee (Hướng dẫn 36-HD/VPTW): each term has a gap-free ir.sequence per kind.
        An organisation without a term on that day numbers per year, by the date ranges of
        its own sequence. Concurrent issuers queue on the sequence's row lock.
        """
        self.ensure_one()
        term = self._term_on(day)
        # sudo: numbering sequences are technical records; the secretary or committee
        # member who issues the document may not read them.
        if term:
            sequence, period = term.sudo()._document_sequence(kind), f"term:{term.id}"
        else:
            sequence, period = self.sudo()._document_sequence(kind), f"year:{day.year}"
        seq = int(sequence.next_by_id(sequence_date=day))
        return seq, period, f"{seq:02d}-{code}/{self.doc_suffix or 'CB'}"

    def _document_sequence(self, kind):
        """The organisation's numbering of minutes or resolutions, created on first use."""
        self.ensure_one()
        field = f"{kind}_sequence_id"
        if not self[field]:
            self[field] = self.env["ir.sequence"].create({
                "name": f"{self.name} ({kind})",
                "implementation": "no_gap",
                "padding": 2,
                "use_date_range": True,
                "company_id": self.company_id.id,
            })
        return self[field]

    def _grassroots(self):
        """The grassroots organisation this one belongs to (itself when it is one)."""
        self.ensure_one()
        # sudo: the ancestors may be outside what the user reads; only the tree is walked.
        ids = [int(i) for i in (self.sudo().parent_path or "").split("/") if i]
        chain = self.sudo().browse(ids[::-1])
        return chain.filtered(
            lambda o: o.org_type in ("grassroots_committee", "grassroots_cell")
        )[:1] or chain[-1:]

    @api.model
    def _min_official_members(self):
        return party_rule(self.env, "min_official_members")

    @api.constrains("parent_id")
    def _check_parent(self):
        under_cell = self.filtered(lambda o: o.parent_id.is_cell)
        if under_cell:
            raise ValidationError(
                _(
                    "A cell cannot have sub-organisations: %(names)s",
                    names=", ".join(under_cell.mapped("name")),
                )
            )

    @api.constrains("org_type")
    def _check_cell_has_no_children(self):
        bad = self.filtered(lambda o: o.is_cell and o.child_ids)
        if bad:
            raise ValidationError(
                _(
                    "%(names)s has sub-organisations and cannot become a cell.",
                    names=", ".join(bad.mapped("name")),
                )
            )

    @api.onchange("is_operational")
    def _onchange_is_operational(self):
        if self.is_operational and self.below_minimum:
            return {
                "warning": {
                    "title": _("Too few official members"),
                    "message": _(
                        "A cell needs at least %(minimum)s official members; %(name)s has "
                        "%(count)s. You may save, but the cell does not meet the rule yet.",
                        minimum=self._min_official_members(),
                        name=self.name,
                        count=self.official_count,
                    ),
                }
            }
        return None

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = self.filtered(
            lambda o: o.child_ids or o.with_context(active_test=False).member_ids
        )
        if used:
            raise UserError(
                _(
                    "%(names)s still has members or sub-organisations. Archive it instead of "
                    "deleting it.",
                    names=", ".join(used.mapped("name")),
                )
            )

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("party_cell.party_member_action")
        action["domain"] = [("organization_id", "child_of", self.id)]
        action["context"] = {"default_organization_id": self.id if self.is_cell else False}
        return action
