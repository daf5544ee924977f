from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_lock import lock_opened, refuse
from .party_meeting import HELD_STATES
from .party_rules import party_rule
from .party_today import shown_today

# Fields that say who visits which organisation and when: the issuing committee's decision.
ASSIGNMENT_FIELDS = {"plan_id", "visit_kind", "visitor_employee_id", "organization_id", "month"}
OPEN_STATES = ("planned", "contacted", "confirmed")
# Moved by the workflow buttons only (contact, confirm, attended, report, missed, cancel).
WORKFLOW_FIELDS = {"state", "done_date", "report_date"}


class PartyVisit(models.Model):
    """One line of a visit plan: an official attends or inspects an organisation in a month."""

    _name = "party.visit"
    _description = "Visit"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "party.activity.mixin", "party.company.mixin",
        "party.workflow.mixin",
    ]
    _order = "year desc, month, organization_id, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    plan_id = fields.Many2one(
        "party.visit.plan", string="Plan", required=True, index=True, ondelete="cascade",
        check_company=True, tracking=True,
    )
    issuer_id = fields.Many2one(
        related="plan_id.organization_id", store=True, index=True, string="Issued By"
    )
    year = fields.Integer(related="plan_id.year", store=True, index=True)
    visit_kind = fields.Selection(
        [("upper", "Upper-level Attendance"), ("cross", "Cross-attendance"),
         ("inspection", "Inspection")],
        string="Kind", required=True, default="upper", tracking=True,
    )
    visitor_employee_id = fields.Many2one(
        "hr.employee", string="Visiting Official", required=True, index=True, tracking=True,
        ondelete="restrict",
        help="Employee who attends; need not be a member of the visited organisation.",
    )
    visitor_user_id = fields.Many2one(
        related="visitor_employee_id.user_id", store=True, index="btree_not_null",
        string="Official's User",
    )
    visitor_name = fields.Char(
        related="visitor_employee_id.name", store=True, string="Official Name"
    )
    visitor_job_title = fields.Char(related="visitor_employee_id.job_title", string="Job Title")
    organization_id = fields.Many2one(
        "party.organization", string="Visited Organisation", required=True, index=True,
        tracking=True, check_company=True, ondelete="restrict",
    )
    cluster_id = fields.Many2one(
        "party.cluster", compute="_compute_cluster_id", store=True, index="btree_not_null",
        help="Cluster of the visited organisation or of the nearest organisation above it.",
    )
    month = fields.Integer(required=True, tracking=True, aggregator=None)
    date_month = fields.Date(compute="_compute_dates", store=True, string="Month Of")
    contact_deadline = fields.Date(
        compute="_compute_dates", store=True,
        help="The official contacts the organisation before the end of the month before.",
    )
    month_end = fields.Date(compute="_compute_dates", store=True, string="Visit Deadline")
    report_deadline = fields.Date(compute="_compute_report_deadline", store=True)
    visit_date = fields.Datetime(
        compute="_compute_visit_date", store=True,
        help="The meeting's start once confirmed, else the first day of the month.",
    )
    meeting_id = fields.Many2one(
        "party.meeting", string="Meeting", index="btree_not_null", tracking=True,
        check_company=True, domain="[('organization_id', '=', organization_id), "
        "('state', '!=', 'cancelled')]",
    )
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting Status")
    state = fields.Selection(
        [("planned", "Planned"), ("contacted", "Contacted"), ("confirmed", "Confirmed"),
         ("done", "Done"), ("reported", "Reported"), ("missed", "Missed"),
         ("cancelled", "Cancelled")],
        default="planned", required=True, tracking=True, index=True, copy=False,
    )
    contact_date = fields.Date(tracking=True, copy=False)
    contact_note = fields.Text(copy=False, help="Whom the official spoke to, what was agreed.")
    done_date = fields.Date(string="Attended On", copy=False, readonly=True)
    report_date = fields.Date(copy=False, readonly=True, tracking=True)
    reason = fields.Text(
        string="Reason", copy=False, tracking=True,
        help="Why the visit was missed or cancelled.",
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    overdue_label = fields.Char(compute="_compute_is_overdue", string="Late")
    color = fields.Integer(compute="_compute_is_overdue")
    rehold_required = fields.Boolean(
        string="Must Be Held Again", tracking=True, copy=False,
        help="The meeting fell short: the cell must hold it again. Set on the meeting when the "
        "report is submitted, and followed until the new meeting is held.",
    )
    rehold_meeting_id = fields.Many2one(
        "party.meeting", compute="_compute_rehold", store=True, string="Re-held Meeting"
    )
    rehold_state = fields.Selection(
        [("pending", "To Schedule"), ("scheduled", "Scheduled"), ("done", "Held Again")],
        compute="_compute_rehold", store=True, string="Re-hold",
    )

    @api.depends("visit_kind", "organization_id.name", "month", "year")
    def _compute_name(self):
        for visit in self:
            # A stored title, as the meeting's: in the agency's language, whoever creates it.
            env = visit.with_context(
                lang=visit.company_id.partner_id.lang or self.env.lang).env
            kinds = dict(self._fields["visit_kind"]._description_selection(env))
            visit.name = env._("%(kind)s: %(org)s, %(month)s/%(year)s",
                               kind=kinds.get(visit.visit_kind, ""),
                               org=visit.organization_id.name or "", month=visit.month or "",
                               year=visit.year or "")

    @api.depends("organization_id.cluster_id", "organization_id.parent_id.cluster_id",
                 "organization_id.parent_id.parent_id.cluster_id")
    def _compute_cluster_id(self):
        for visit in self:
            org = visit.organization_id
            visit.cluster_id = (
                org.cluster_id or org.parent_id.cluster_id or org.parent_id.parent_id.cluster_id
            )

    @api.depends("year", "month")
    def _compute_dates(self):
        for visit in self:
            if visit.year and 1 <= visit.month <= 12:
                first = fields.Date.to_date(f"{visit.year}-{visit.month:02d}-01")
                visit.date_month = first
                visit.contact_deadline = first - timedelta(days=1)
                visit.month_end = first + relativedelta(months=1, days=-1)
            else:
                visit.date_month = visit.contact_deadline = visit.month_end = False

    @api.depends("month_end", "meeting_id.date_start")
    def _compute_report_deadline(self):
        days = party_rule(self.env, "visit_report_days")
        for visit in self:
            base = visit.meeting_id._local_date() if visit.meeting_id else None
            base = base or visit.month_end
            visit.report_deadline = base and base + timedelta(days=days)

    @api.depends("date_month", "meeting_id.date_start")
    def _compute_visit_date(self):
        for visit in self:
            visit.visit_date = visit.meeting_id.date_start or (
                visit.date_month and datetime.combine(visit.date_month, time(1, 0))
            )

    @api.depends("rehold_required", "state", "meeting_id.rehold_ids.state")
    def _compute_rehold(self):
        for visit in self:
            if not (visit.rehold_required and visit.state == "reported"):
                visit.rehold_meeting_id = False
                visit.rehold_state = False
                continue
            reheld = visit.meeting_id.rehold_ids.filtered(lambda m: m.state != "cancelled")
            done = reheld.filtered(lambda m: m.state in HELD_STATES)
            visit.rehold_meeting_id = (done or reheld)[:1]
            visit.rehold_state = "done" if done else "scheduled" if reheld else "pending"

    @api.depends("state", "contact_deadline", "month_end", "report_deadline")
    @api.depends_context("party_today")
    def _compute_is_overdue(self):
        today = self._today()
        labels = {
            "planned": _("Contact overdue"), "contacted": _("Visit overdue"),
            "confirmed": _("Visit overdue"), "done": _("Report overdue"),
        }
        colors = {"planned": 0, "contacted": 4, "confirmed": 3, "done": 2, "reported": 10,
                  "missed": 1, "cancelled": 0}
        for visit in self:
            deadline = visit._stage_deadline()
            visit.is_overdue = bool(deadline and deadline < today)
            visit.overdue_label = labels[visit.state] if visit.is_overdue else False
            visit.color = 1 if visit.is_overdue else colors.get(visit.state, 0)

    def _stage_deadline(self):
        """Deadline of the step the visit waits for, or False when it waits for nothing."""
        self.ensure_one()
        return {
            "planned": self.contact_deadline,
            "contacted": self.month_end,
            "confirmed": self.month_end,
            "done": self.report_deadline,
        }.get(self.state, False)

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Unsupported search on overdue visits."))
        today = self._today()
        domain = [
            "|", "|",
            "&", ("state", "=", "planned"), ("contact_deadline", "<", today),
            "&", ("state", "in", ("contacted", "confirmed")), ("month_end", "<", today),
            "&", ("state", "=", "done"), ("report_deadline", "<", today),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    def _today(self):
        return shown_today(self)

    @api.constrains("month")
    def _check_month(self):
        bad = self.filtered(lambda v: not 1 <= v.month <= 12)
        if bad:
            raise ValidationError(_("The month of a visit lies between 1 and 12: %(names)s",
                                    names=", ".join(bad.mapped("name"))))

    @api.constrains("organization_id", "plan_id")
    def _check_target_under_issuer(self):
        outside = self.sudo().filtered(
            lambda v: v.organization_id == v.issuer_id
            or not v.organization_id.parent_path.startswith(v.issuer_id.parent_path)
        )
        # sudo: the check compares two organisations' places in the tree; nothing is shown.
        if outside:
            raise ValidationError(
                _("A plan covers the organisations under its committee: %(orgs)s is not under "
                  "%(issuer)s.", orgs=", ".join(outside.mapped("organization_id.name")),
                  issuer=outside[0].issuer_id.name)
            )

    @api.constrains("meeting_id", "organization_id")
    def _check_meeting(self):
        bad = self.filtered(
            # sudo: the official may not read the meeting; only its organisation is compared.
            lambda v: v.meeting_id and v.meeting_id.sudo().organization_id != v.organization_id
        )
        if bad:
            raise ValidationError(
                _("The meeting of visit %(name)s is not a meeting of the visited organisation.",
                  name=bad[0].name)
            )

    @api.constrains("visitor_employee_id", "organization_id", "month", "plan_id", "state")
    def _check_duplicate(self):
        live = self.filtered(lambda v: v.state != "cancelled")
        # sudo: a duplicate may be a visit the user cannot read; only its existence counts.
        groups = self.sudo()._read_group(
            [("plan_id", "in", live.plan_id.ids), ("state", "!=", "cancelled"),
             ("visitor_employee_id", "in", live.visitor_employee_id.ids)],
            ["plan_id", "visitor_employee_id", "organization_id", "month"],
            ["__count"], having=[("__count", ">", 1)],
        )
        if groups:
            _plan, employee, org, month, _count = groups[0]
            raise ValidationError(
                _("%(official)s already visits %(org)s in month %(month)s of this plan.",
                  official=employee.name, org=org.name, month=month)
            )

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        if not self.env.su:
            if any(v.state != "planned" or v.done_date or v.report_date for v in visits):
                raise UserError(_("A visit starts as planned and moves on with its buttons."))
            if visits.plan_id.filtered(lambda p: p.state == "closed"):
                raise UserError(_("A closed plan takes no new visits."))
        visits.filtered(lambda v: v.plan_id.state == "approved")._subscribe_visitors()
        return visits

    def write(self, vals):
        self._check_write_allowed(set(vals))
        if ASSIGNMENT_FIELDS & set(vals):
            self._check_assignment_rights()
        res = super().write(vals)
        if "visitor_employee_id" in vals:
            self.filtered(lambda v: v.plan_id.state == "approved")._subscribe_visitors()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        started = self.filtered(lambda v: v.state not in ("planned", "cancelled"))
        if started:
            raise ValidationError(
                _("Visit %(name)s has started; mark it missed or cancelled instead of deleting "
                  "it.", name=started[0].name)
            )

    def _check_write_allowed(self, fnames):
        """A reported visit is the official's record: nothing of it changes any more."""
        fnames = {f for f in fnames if not f.startswith(("message_", "activity_"))}
        workflow = fnames & WORKFLOW_FIELDS
        if workflow and not lock_opened(self, workflow):
            refuse(self, _("A visit moves on with its buttons (contact, confirm, attended, "
                           "report, missed, cancel), not by writing its state."))
        reported = self.filtered(lambda v: v.state == "reported")
        if reported and fnames and not lock_opened(reported, fnames):
            refuse(self, _("The report of %(name)s is submitted and cannot be changed.",
                           name=reported[0].name))

    def _check_assignment_rights(self):
        """Only the committee that issued the plan moves an assignment, not the official."""
        if self.env.su or self.env.user.has_group("party_cell.group_party_admin"):
            return
        # sudo: parent paths of the user's own organisations and of the issuers, compared only.
        managed = self.env.user.sudo().party_committee_organization_ids
        prefixes = tuple(managed.mapped("parent_path"))
        foreign = self.sudo().filtered(
            lambda v: not prefixes or not v.issuer_id.parent_path.startswith(prefixes)
        )
        if foreign:
            raise AccessError(
                _("Only the committee that issued the plan changes who visits which "
                  "organisation and when (%(name)s).", name=foreign[0].name)
            )

    def _subscribe_visitors(self):
        for visit in self.filtered("visitor_user_id"):
            visit.message_subscribe(partner_ids=visit.visitor_user_id.partner_id.ids)
