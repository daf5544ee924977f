from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_lock import lock_opened, refuse

# The plan as issued: fixed once it is in progress (reset it to draft to amend it).
ISSUED_FIELDS = {"name", "year", "organization_id", "doc_number", "issue_date", "note"}


class PartyVisitPlan(models.Model):
    """A committee's yearly plan: which official attends which cell, in which month.

    The lines are ``party.visit`` records, generated from a rule by a wizard and edited by hand.
    """

    _name = "party.visit.plan"
    _description = "Visit Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.company.mixin", "party.workflow.mixin"]
    _order = "year desc, organization_id, id desc"
    _check_company_auto = True

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, required=True, precompute=True,
        tracking=True,
    )
    year = fields.Integer(
        required=True, tracking=True, default=lambda self: fields.Date.context_today(self).year,
    )
    organization_id = fields.Many2one(
        "party.organization", string="Issued By", required=True, index=True, tracking=True,
        check_company=True, ondelete="restrict", domain="[('is_cell', '=', False)]",
        default=lambda self: self.env.user.party_committee_organization_ids.filtered(
            lambda org: not org.is_cell)[:1],
        help="The committee that assigns its officials to attend or inspect the organisations "
        "under it.",
    )
    doc_number = fields.Integer(
        string="Document Number", tracking=True, copy=False,
        help="Number of the printed plan: 12 prints as Số 12-KH/ĐU; blank until issued.",
    )
    issue_date = fields.Date(tracking=True, help="Date printed on the plan.")
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "In Progress"), ("closed", "Closed")],
        default="draft", required=True, tracking=True, index=True, copy=False,
    )
    visit_ids = fields.One2many("party.visit", "plan_id", string="Visits", copy=False)
    note = fields.Html(help="Purpose and requirements of the plan, printed before the table.")
    visit_count = fields.Integer(compute="_compute_stats", string="Visits Planned")
    reported_count = fields.Integer(compute="_compute_stats", string="Visits Reported")
    missed_count = fields.Integer(compute="_compute_stats", string="Visits Missed")
    overdue_count = fields.Integer(compute="_compute_stats", string="Visits Overdue")
    completion_rate = fields.Float(compute="_compute_stats", string="Completion (%)")
    visitor_warning = fields.Char(
        compute="_compute_visitor_warning",
        help="Officials who cannot open their visits in the application.",
    )

    _sql_constraints = [
        ("year_check", "CHECK(year BETWEEN 2000 AND 2100)", "The year of a plan is not valid."),
    ]

    @api.depends("year", "organization_id")
    def _compute_name(self):
        for plan in self:
            if plan.organization_id and plan.year:
                plan.name = _("Visit plan %(year)s of %(org)s",
                              year=plan.year, org=plan.organization_id.name)
            elif not plan.name:
                plan.name = _("New visit plan")

    def _compute_stats(self):
        """Counts over the visits the user can see, in one grouped query."""
        counts = {}
        for plan, state, count in self.env["party.visit"]._read_group(
            [("plan_id", "in", self.ids)], ["plan_id", "state"], ["__count"]
        ):
            counts[plan.id, state] = count
        overdue = dict(self.env["party.visit"]._read_group(
            [("plan_id", "in", self.ids), ("is_overdue", "=", True)], ["plan_id"], ["__count"]
        ))
        for plan in self:
            by_state = {s: counts.get((plan.id, s), 0) for s in
                        ("planned", "contacted", "confirmed", "done", "reported", "missed",
                         "cancelled")}
            total = sum(by_state.values()) - by_state["cancelled"]
            plan.visit_count = total
            plan.reported_count = by_state["reported"]
            plan.missed_count = by_state["missed"]
            plan.overdue_count = overdue.get(plan, 0)
            done = by_state["done"] + by_state["reported"]
            plan.completion_rate = 100.0 * done / total if total else 0.0

    @api.depends("visit_ids.visitor_employee_id")
    def _compute_visitor_warning(self):
        groups = ("party_cell.group_party_inspector", "party_cell.group_party_secretary")
        for plan in self:
            employees = plan.visit_ids.sudo().visitor_employee_id
            # sudo: whether an official has a user and the right group is configuration the
            # committee must see to fix it; only names leave this method.
            stuck = employees.filtered(
                lambda e: not e.user_id or not any(e.user_id.has_group(g) for g in groups)
            )
            plan.visitor_warning = ", ".join(stuck.mapped("name")) if stuck else False

    @api.constrains("organization_id")
    def _check_issuer(self):
        cells = self.filtered(lambda p: p.organization_id.is_cell)
        if cells:
            raise ValidationError(
                _("A visit plan is issued by a committee, not by a cell: %(names)s",
                  names=", ".join(cells.mapped("organization_id.name")))
            )

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        if not self.env.su and any(p.state != "draft" for p in plans):
            raise UserError(_("A visit plan starts as a draft and is put in progress with its "
                              "button."))
        return plans

    def write(self, vals):
        fnames = set(vals)
        if "state" in fnames and not lock_opened(self, {"state"}):
            refuse(self, _("A visit plan moves on with its buttons, not by writing its state."))
        issued = self.filtered(lambda p: p.state != "draft")
        if issued and fnames & ISSUED_FIELDS and not lock_opened(issued, fnames):
            refuse(self, _("Plan %(name)s is issued: put it back to draft to amend it.",
                           name=issued[0].name))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        started = self.filtered(
            lambda p: p.state != "draft" or any(
                v.state not in ("planned", "cancelled") for v in p.visit_ids
            )
        )
        if started:
            raise UserError(
                _("Plan %(name)s is under way; close it instead of deleting it.",
                  name=", ".join(started.mapped("name")))
            )

    def unlink(self):
        # Planned lines go with their draft plan (the ondelete guard above keeps the rest).
        self.visit_ids.unlink()
        return super().unlink()

    def action_approve(self):
        self._ensure_state(("draft",), _("Putting in progress"))
        empty = self.filtered(lambda p: not p.visit_ids)
        if empty:
            raise UserError(_("Plan %(name)s has no visits yet.", name=empty[0].name))
        self._write_workflow({"state": "approved"})
        for plan in self:
            plan.visit_ids._subscribe_visitors()
        return True

    def action_close(self):
        self._ensure_state(("approved",), _("Closing"))
        self._write_workflow({"state": "closed"})
        return True

    def action_reset_draft(self):
        # A closed plan stays as it was carried out.
        self._ensure_state(("approved",), _("Returning to draft"))
        self._write_workflow({"state": "draft"})
        return True

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("party_cell.party_visit_action")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id, "search_default_groupby_month": 1}
        return action

    def action_export_xlsx(self):
        """The plan as a workbook, built as the user (record rules apply)."""
        return self.env.ref("party_cell.action_report_visit_plan_xlsx").report_action(self)
