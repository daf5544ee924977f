from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .party_committee_post import CELL_ROLE_OF_POST
from .party_lock import lock_opened, refuse
from .party_rules import parse_milestones, party_rule, party_share, share_reached
from .party_today import shown_today

# States in which a person holds a membership that counts: one such record per employee.
ACTIVE_STATES = ("probationary", "official", "exempted")
LEFT_STATES = ("transferred", "removed", "deceased")
MEMBER_STATES = [
    ("probationary", "Probationary"),
    ("official", "Official"),
    ("exempted", "Exempted"),
    ("transferred", "Transferred"),
    ("removed", "Removed"),
    ("deceased", "Deceased"),
]


class PartyMember(models.Model):
    _name = "party.member"
    _description = "Party Member"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "party.audit.mixin", "party.company.mixin",
        "party.workflow.mixin",
    ]
    _order = "organization_id, committee_role_sequence, name"
    _check_company_auto = True
    # Sensitive: every change is kept in the audit trail, which only the committee reads.
    _audit_fields = ("card_number", "state", "admission_date", "official_date", "end_date",
                     "exemption_date", "organization_id")

    employee_id = fields.Many2one(
        "hr.employee", required=True, ondelete="restrict", index=True, tracking=True,
        check_company=True,
    )
    name = fields.Char(related="employee_id.name", store=True, readonly=True)
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index="btree_not_null")
    image_128 = fields.Image(related="employee_id.image_128")
    job_title = fields.Char(related="employee_id.job_title")
    department_id = fields.Many2one(related="employee_id.department_id")
    birthday = fields.Date(related="employee_id.birthday")
    organization_id = fields.Many2one(
        "party.organization", string="Cell", required=True, index=True, tracking=True,
        check_company=True, domain="[('is_cell', '=', True)]", ondelete="restrict",
        default=lambda self: self.env.user.party_secretary_cell_ids[:1],
    )
    active = fields.Boolean(default=True)
    state = fields.Selection(
        MEMBER_STATES, required=True, default="probationary", tracking=True, index=True,
    )
    card_number = fields.Char(
        tracking=True, copy=False, groups="party_cell.group_party_secretary",
        help="Party card number; visible to cell secretaries and the committee only.",
    )
    admission_date = fields.Date(tracking=True, help="Date of the admission ceremony.")
    admitting_organization = fields.Char(help="The cell that admitted the member.")
    introducer_1 = fields.Char(string="First Introducer")
    introducer_2 = fields.Char(string="Second Introducer")
    admission_vote_for = fields.Integer(
        string="Admission Votes For", help="Official members of the cell who voted for the "
        "admission; at least two thirds of them must agree.")
    admission_vote_total = fields.Integer(string="Official Members at Admission")
    official_date = fields.Date(
        tracking=True, help="Date recognised as an official member: the end of the 12 months "
        "of probation when recognised on time.")
    official_vote_for = fields.Integer(
        string="Recognition Votes For", readonly=True, copy=False,
        help="Official members of the cell who voted for the recognition.")
    official_vote_total = fields.Integer(string="Official Members at Recognition",
                                         readonly=True, copy=False)
    official_decision_number = fields.Char(string="Recognition Decision", readonly=True,
                                           copy=False)
    official_decision_date = fields.Date(string="Recognition Decision Date", readonly=True,
                                         copy=False)
    youth_union_date = fields.Date(string="Youth Union Date")
    committee_role = fields.Selection(
        [
            ("secretary", "Secretary"),
            ("deputy_secretary", "Deputy Secretary"),
            ("committee_member", "Committee Member"),
            ("member", "Member"),
        ],
        required=True, default="member", tracking=True, compute="_compute_committee_role",
        store=True, readonly=False, inverse="_inverse_committee_role",
        help="The member's post on their own cell's committee today, read from the committee "
        "posts; choosing another one here records the post in the cell's current term.",
    )
    post_ids = fields.One2many("party.committee.post", "member_id", string="Committee Posts")
    committee_role_sequence = fields.Integer(compute="_compute_committee_role_sequence", store=True)
    theory_level = fields.Selection(
        [
            ("none", "None"),
            ("elementary", "Elementary"),
            ("intermediate", "Intermediate"),
            ("advanced", "Advanced"),
            ("bachelor", "Bachelor"),
        ],
        string="Political Theory", default="none",
    )
    is_temporary = fields.Boolean(
        string="Temporary Activity",
        help="Registered in another organisation and attending this cell for a while.",
    )
    home_organization = fields.Char(help="Where a temporarily attending member is registered.")
    exemption_date = fields.Date()
    exemption_reason = fields.Char()
    residence_cell = fields.Char(
        string="Residence Cell", help="Cell of the place of residence that comments on the member "
        "every year (Regulation 213-QĐ/TW).",
    )
    end_date = fields.Date(help="Date of transfer out, removal or death.", tracking=True)
    probation_end_date = fields.Date(compute="_compute_probation_end_date", store=True)
    probation_reminded = fields.Boolean(copy=False)
    party_age = fields.Integer(
        compute="_compute_party_age", help="Full years since admission."
    )
    next_badge_years = fields.Integer(compute="_compute_party_age", string="Next Badge")
    next_badge_date = fields.Date(compute="_compute_party_age")
    transfer_ids = fields.One2many("party.member.transfer", "member_id", string="Transfers")
    discipline_ids = fields.One2many(
        "party.discipline", "member_id", string="Discipline",
        groups="party_cell.group_party_secretary",
    )
    note = fields.Html()

    _sql_constraints = [
        ("card_number_uniq", "unique(card_number)", "This party card number is already used."),
    ]

    def init(self):
        # The Python constraint gives the clear message; this index holds under concurrency.
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS party_member_employee_active_uniq
               ON party_member (employee_id)
               WHERE active AND state IN ('probationary', 'official', 'exempted')"""
        )

    @api.depends("organization_id", "post_ids.post", "post_ids.date_from", "post_ids.date_to",
                 "post_ids.organization_id")
    def _compute_committee_role(self):
        ranks = ("secretary", "deputy_secretary", "committee_member")
        for member in self:
            today = member.organization_id._today()
            roles = {CELL_ROLE_OF_POST.get(post.post) for post in member._cell_posts(today)}
            member.committee_role = next((r for r in ranks if r in roles), "member")

    def _cell_posts(self, day):
        """The member's posts on their own cell's committee on ``day``."""
        self.ensure_one()
        return self.post_ids.filtered(
            lambda p: p.organization_id == self.organization_id and p.post in CELL_ROLE_OF_POST
            and p._is_current(day))

    def _inverse_committee_role(self):
        """A role chosen on the member: end the posts it replaces, record the new one.

        The post goes to the cell's term of today (a term is opened when the cell has none
        yet). A member's first post of a term is dated from the term's start: such a role
        records officers already in office; a change of post is dated today.
        """
        Post = self.env["party.committee.post"]
        for member in self.filtered("organization_id"):
            cell = member.organization_id
            today = cell._today()
            current = member._cell_posts(today)
            if {CELL_ROLE_OF_POST[p.post] for p in current} == (
                {member.committee_role} - {"member"}
            ):
                continue
            Post.check_access("create")
            started_today = current.filtered(lambda p, d=today: p.date_from >= d)
            started_today.unlink()
            (current - started_today).write({"date_to": today - relativedelta(days=1)})
            if member.committee_role == "member":
                continue
            # Named in the agency's language, whoever records it (the upgrade too).
            lang_env = self.with_context(lang=cell.company_id.partner_id.lang or self.env.lang).env
            term = cell._term_on(today) or self.env["party.term"].create({
                "organization_id": cell.id,
                "name": lang_env._("Term in office"),
                "date_start": min(d for d in (member.admission_date, today) if d),
            })
            earlier = member.post_ids.filtered(lambda p, t=term: p.term_id == t) - current
            Post.create({
                "term_id": term.id, "member_id": member.id,
                "post": member.committee_role,
                "date_from": today if (earlier or current) else term.date_start,
            })

    @api.model
    def _cron_refresh_committee_roles(self):
        """Roles follow the posts' dates: refresh the members whose post began or ended."""
        today = fields.Date.context_today(self)
        posts = self.env["party.committee.post"].search([
            "|", ("date_from", "=", today), ("date_to", "=", today - relativedelta(days=1)),
        ])
        self.env.add_to_compute(self._fields["committee_role"], posts.member_id)

    @api.depends("committee_role")
    def _compute_committee_role_sequence(self):
        order = {"secretary": 1, "deputy_secretary": 2, "committee_member": 3, "member": 4}
        for member in self:
            member.committee_role_sequence = order.get(member.committee_role, 9)

    @api.depends("admission_date")
    def _compute_probation_end_date(self):
        months = self._probation_months()
        for member in self:
            member.probation_end_date = (
                member.admission_date + relativedelta(months=months)
                if member.admission_date else False
            )

    @api.depends("admission_date")
    @api.depends_context("party_today")
    def _compute_party_age(self):
        today = shown_today(self)
        milestones = self._badge_milestones()
        for member in self:
            if not member.admission_date:
                member.party_age = 0
                member.next_badge_years = 0
                member.next_badge_date = False
                continue
            age = relativedelta(today, member.admission_date).years
            member.party_age = max(age, 0)
            upcoming = [m for m in milestones if m > age]
            member.next_badge_years = upcoming[0] if upcoming else 0
            member.next_badge_date = (
                member.admission_date + relativedelta(years=upcoming[0]) if upcoming else False
            )

    @api.model
    def _probation_months(self):
        return party_rule(self.env, "probation_months")

    @api.model
    def _badge_milestones(self):
        return parse_milestones(party_rule(self.env, "badge_milestones"))

    def _state_on(self, day):
        """The member's status on a past or future day, from the dates the record keeps."""
        self.ensure_one()
        if self.admission_date and self.admission_date > day:
            return False
        if self.end_date and self.end_date <= day:
            return self.state if self.state in LEFT_STATES else False
        if self.state in LEFT_STATES and not self.end_date:
            return self.state
        if self.state == "exempted" and (not self.exemption_date or self.exemption_date <= day):
            return "exempted"
        if self.official_date and self.official_date <= day:
            return "official"
        if self.state in ("official", "exempted") and not self.official_date:
            return "official"
        return "probationary"

    @api.model
    def _members_on(self, requests):
        """Who belonged to each cell on each day: ``{(organisation id, day): members}``.

        ``requests`` holds (organisation, day) pairs. A member belongs to a cell from their
        admission, or their arrival by transfer, until they leave it (transfer, removal,
        death, move to another cell): read from the member records and their completed
        transfers, in three queries whatever the number of requests.
        """
        requests = {(org.id, day) for org, day in requests if org and day}
        if not requests:
            return {}
        org_ids = list({org_id for org_id, _day in requests})
        first = min(day for _org_id, day in requests)
        # sudo: summoning and checking a roll call reads the cells' membership history,
        # which a secretary may not read in full; only the members' ids leave this method.
        Transfer = self.env["party.member.transfer"].sudo()
        moved_out = Transfer.search([
            ("state", "=", "done"), ("direction", "=", "internal"), ("date", ">", first),
            ("from_organization_id", "in", org_ids),
        ])
        members = self.sudo().search([
            "|", ("organization_id", "in", org_ids), ("id", "in", moved_out.member_id.ids),
        ])
        transfers = Transfer.search([
            ("state", "=", "done"), ("direction", "in", ("internal", "in")),
            ("date", ">", first), ("member_id", "in", members.ids),
        ], order="date, id")
        by_member = transfers.grouped("member_id")
        result = {request: [] for request in requests}
        days_by_org = {}
        for org_id, day in requests:
            days_by_org.setdefault(org_id, []).append(day)
        for member in members:
            moves = by_member.get(member, ())
            orgs = {member.organization_id.id} | {t.from_organization_id.id for t in moves}
            for org_id in orgs.intersection(days_by_org):
                for day in days_by_org[org_id]:
                    later = next((t for t in moves if t.date > day), None)
                    if later:
                        cell = later.from_organization_id.id if later.direction == "internal" \
                            else False
                    else:
                        cell = member.organization_id.id
                    if cell == org_id and member._state_on(day) in ACTIVE_STATES:
                        result[org_id, day].append(member.id)
        # Ids gathered in lists: adding records one by one to a recordset is quadratic.
        return {key: self.browse(ids).with_prefetch(members._prefetch_ids)
                for key, ids in result.items()}

    def _check_membership_free(self, vals_list):
        """Refuse a second active membership for an employee, before the unique index does.

        Runs before the database is written so the user gets a clear message, not an
        integrity error; the partial unique index still guards concurrent transactions.
        """
        wanted = {}
        for record, vals in vals_list:
            active = vals.get("active", record.active if record else True)
            state = vals.get("state", record.state if record else "probationary")
            employee_id = vals.get("employee_id", record.employee_id.id if record else False)
            # Anything but an id is left for the ORM to refuse with its own message.
            if active and state in ACTIVE_STATES and isinstance(employee_id, int):
                wanted.setdefault(employee_id, []).append(record.id if record else False)
        if not wanted:
            return
        # sudo: the other membership may sit in a cell the current user cannot read.
        existing = self.sudo().search([
            ("employee_id", "in", list(wanted)), ("state", "in", ACTIVE_STATES),
        ])
        clashes = {
            m.employee_id for m in existing if m.id not in wanted[m.employee_id.id]
        }
        clashes |= {
            self.env["hr.employee"].browse(emp) for emp, ids in wanted.items() if len(ids) > 1
        }
        if clashes:
            raise ValidationError(
                _(
                    "%(names)s already has an active party membership. Transfer or end it "
                    "before creating another.",
                    # sudo: only the clashing employees' names, which HR may keep private.
                    names=", ".join(e.sudo().name for e in clashes),
                )
            )

    @api.constrains("admission_date", "official_date", "employee_id")
    def _check_dates(self):
        errors = []
        min_age, max_age = self._admission_age_range()
        for member in self:
            if member.admission_date and member.official_date and (
                member.official_date < member.admission_date
            ):
                errors.append(
                    _("%(name)s: the official date must come after the admission date.",
                      name=member.name)
                )
            # sudo: the birthday is a private HR field; only the admission age is checked.
            birthday = member.employee_id.sudo().birthday
            if member.admission_date and birthday:
                age = relativedelta(member.admission_date, birthday).years
                if not min_age <= age <= max_age:
                    errors.append(
                        _("%(name)s was %(age)s at admission; the age must be between "
                          "%(min)s and %(max)s.",
                          name=member.name, age=age, min=min_age, max=max_age)
                    )
        if errors:
            raise ValidationError("\n".join(errors))

    @api.constrains("admission_vote_for", "admission_vote_total")
    def _check_admission_vote(self):
        share = party_share(self.env, "admission_vote_share")
        bad = self.filtered(lambda m: (m.admission_vote_total or m.admission_vote_for) and (
            not 0 <= m.admission_vote_for <= m.admission_vote_total
            or not share_reached(m.admission_vote_for, m.admission_vote_total, share)))
        if bad:
            raise ValidationError(
                _("Admission needs the vote of at least %(share)s of the cell's official "
                  "members: %(names)s", share="/".join(map(str, share)),
                  names=", ".join(bad.mapped("name")))
            )

    @api.model
    def _admission_age_range(self):
        return (party_rule(self.env, "admission_age_min"),
                party_rule(self.env, "admission_age_max"))

    @api.constrains("state", "official_date")
    def _check_official_has_date(self):
        missing = self.filtered(lambda m: m.state == "official" and not m.official_date
                                and m.admission_date)
        if missing:
            raise ValidationError(
                _("Official members need an official date: %(names)s",
                  names=", ".join(missing.mapped("name")))
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_membership_free([(None, vals) for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals and not lock_opened(self, {"state"}):
            refuse(self, _("A membership status changes through Change Status (or a "
                           "transfer), with its date, decision and, for a recognition, the "
                           "cell's vote."))
        if {"employee_id", "state", "active"} & set(vals):
            self._check_membership_free([(member, vals) for member in self])
        return super().write(vals)

    def _audit_scope(self):
        self.ensure_one()
        return {"organization_id": self.organization_id.id, "member_id": self.id}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        if self.transfer_ids:
            raise UserError(
                _("A member with a transfer history cannot be deleted; archive the record.")
            )

    def action_change_state(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.member.state.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_member_ids": self.ids},
            "name": _("Change Membership Status"),
        }

    def action_export_xlsx(self):
        """The member list workbook of these members (the Print menu's report)."""
        return self.env.ref("party_cell.action_report_member_list_xlsx").report_action(self)

    def _cron_probation_reminder(self):
        """Tell each cell's secretary when a member's probation has run its course."""
        today = fields.Date.context_today(self)
        members = self.search([
            ("state", "=", "probationary"),
            ("probation_end_date", "<=", today),
            ("probation_reminded", "=", False),
        ])
        activity_type = self.env.ref("party_cell.mail_activity_type_probation_end")
        for member in members:
            secretary = member.organization_id.secretary_id
            user = secretary.user_id or self.env.ref("base.user_admin")
            # In the language of the secretary who receives it.
            env = member.with_context(lang=user.lang or self.env.lang).env
            member.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=user.id,
                date_deadline=max(member.probation_end_date, today),
                summary=env._("Probation of %(name)s ended on %(date)s: consider recognition as "
                              "an official member.", name=member.name,
                              date=format_date(env, member.probation_end_date)),
            )
        members.probation_reminded = True
