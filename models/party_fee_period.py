from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_lock import lock_opened, refuse


class PartyFeePeriod(models.Model):
    """A cell's party fee collection for one month: one line per member, closed when done.

    The cell's treasurer or secretary generates the lines (the amount due under the rule in
    force that month), records each payment with its receipt and closes the month; a closed
    month is part of the book of record and refuses every change, only the committee reopens
    it. The share the cell keeps and the part it remits upward follow the rules in Settings.
    """

    _name = "party.fee.period"
    _description = "Party Fee Period"
    _inherit = ["mail.thread", "party.company.mixin", "party.workflow.mixin"]
    _order = "month desc, organization_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    organization_id = fields.Many2one(
        "party.organization", string="Cell", required=True, index=True, check_company=True,
        domain="[('is_cell', '=', True)]", tracking=True,
    )
    month = fields.Date(required=True, index=True, tracking=True,
                        help="The first day of the month collected.")
    state = fields.Selection([("open", "Collecting"), ("closed", "Books Closed")], default="open",
                             required=True, tracking=True, copy=False)
    line_ids = fields.One2many("party.fee.line", "period_id", string="Fee Lines", copy=False)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_due = fields.Monetary(compute="_compute_totals", string="Total Due")
    amount_paid = fields.Monetary(compute="_compute_totals", string="Total Collected")
    amount_kept = fields.Monetary(compute="_compute_totals", string="Kept by the Cell")
    amount_remitted = fields.Monetary(compute="_compute_totals", string="Remitted Upward")
    paid_count = fields.Integer(compute="_compute_totals", string="Members Paid")
    line_count = fields.Integer(compute="_compute_totals", string="Members")
    closed_date = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        ("organization_month_uniq", "unique(organization_id, month)",
         "A cell has one fee period per month."),
    ]

    @api.depends("organization_id.name", "month")
    def _compute_name(self):
        for period in self:
            month = period.month and f"{period.month.month:02d}/{period.month.year}" or ""
            period.name = _("Party fees %(month)s - %(cell)s", month=month,
                            cell=period.organization_id.name or "")

    @api.depends("line_ids.amount", "line_ids.state", "organization_id.org_type")
    def _compute_totals(self):
        totals = {
            period: (count, due, paid_count, paid)
            for period, count, due, paid_count, paid in self._fee_sums()
        }
        for period in self:
            count, due, paid_count, paid = totals.get(period, (0, 0.0, 0, 0.0))
            kept = round(paid * period.organization_id._fee_keep_percent() / 100.0)
            period.update({
                "line_count": count, "amount_due": due, "paid_count": paid_count,
                "amount_paid": paid, "amount_kept": kept, "amount_remitted": paid - kept,
            })

    def _fee_sums(self):
        """(period, lines, amount due, lines paid, amount paid) per period, one grouped query."""
        if not self.ids:
            return []
        Line = self.env["party.fee.line"]
        due = {period: (count, amount) for period, count, amount in Line._read_group(
            [("period_id", "in", self.ids), ("state", "!=", "exempt")],
            ["period_id"], ["__count", "amount:sum"])}
        paid = {period: (count, amount) for period, count, amount in Line._read_group(
            [("period_id", "in", self.ids), ("state", "=", "paid")],
            ["period_id"], ["__count", "amount:sum"])}
        return [(period, *due.get(period, (0, 0.0)), *paid.get(period, (0, 0.0)))
                for period in self]

    @api.constrains("month")
    def _check_month(self):
        wrong = self.filtered(lambda p: p.month and p.month.day != 1)
        if wrong:
            raise ValidationError(_("A fee period starts on the first day of its month."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "open") != "open" and not self.env.su:
                raise UserError(_("A fee period starts open; the Close button closes it."))
        return super().create(vals_list)

    def write(self, vals):
        closed = self.filtered(lambda p: p.state == "closed")
        if closed and not lock_opened(closed, set(vals)):
            refuse(closed, _("The fee period %(name)s is closed and cannot be changed.",
                             name=closed[0].display_name))
        steps = {"state", "closed_date"} & set(vals)
        if steps and not lock_opened(self, steps):
            refuse(self, _("The state of a fee period changes only with its buttons."))
        if {"organization_id", "month"} & set(vals) and self.line_ids and not self.env.su:
            refuse(self, _("A fee period with lines keeps its cell and month."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_or_paid(self):
        if any(p.state == "closed" or "paid" in p.line_ids.mapped("state") for p in self):
            raise UserError(_("A closed fee period, or one with payments, cannot be deleted."))

    def action_generate_lines(self):
        """Add a line for every member of the cell in the month who has none yet."""
        self._ensure_state(("open",), _("Generating the fee lines"))
        Member = self.env["party.member"]
        requests = []
        for period in self:
            last = period.month + relativedelta(months=1, days=-1)
            requests += [(period.organization_id, period.month), (period.organization_id, last)]
        members_on = Member._members_on(requests)
        Line = self.env["party.fee.line"]
        # sudo: which members already have a line for the month, in any cell (a member who
        # moved pays once); only ids leave the query.
        existing = set(Line.sudo().search_fetch(
            [("month", "in", self.mapped("month"))], ["member_id", "month"]).mapped(
            lambda line: (line.member_id.id, line.month)))
        vals_list = []
        for period in self:
            last = period.month + relativedelta(months=1, days=-1)
            members = (members_on.get((period.organization_id.id, period.month), Member)
                       | members_on.get((period.organization_id.id, last), Member))
            bases = members._fee_bases()
            for member in members.sorted("name"):
                if (member.id, period.month) in existing:
                    continue
                vals_list.append({
                    "period_id": period.id, "member_id": member.id,
                    "base_amount": bases.get(member.id, 0.0),
                    # sudo: the kind of income is read to charge the fee, as the base above.
                    "income_kind": member.sudo().fee_income_kind,
                })
        return Line.create(vals_list)

    def action_close(self):
        self._ensure_state(("open",), _("Closing"))
        self._check_fee_officer()
        self._write_workflow({"state": "closed", "closed_date": fields.Date.context_today(self)})
        self._refresh_minutes()

    def action_reopen(self):
        self._ensure_state(("closed",), _("Reopening"))
        if not self.env.user.has_group("party_cell.group_party_committee"):
            raise UserError(_("Only the committee reopens a closed fee period."))
        self._write_workflow({"state": "open", "closed_date": False})

    def _check_fee_officer(self):
        """The cell's treasurer or secretary, or the committee above, runs the collection."""
        if self.env.su or self.env.user.has_group("party_cell.group_party_committee"):
            return
        allowed = self.env.user.party_fee_cell_ids
        wrong = self.filtered(lambda p: p.organization_id not in allowed)
        if wrong:
            raise UserError(_("Only the treasurer or the secretary of %(cell)s collects its "
                              "party fees.", cell=wrong[0].organization_id.display_name))

    def _refresh_minutes(self):
        """The fee line of the month's minutes, from the ledger, for meetings not yet
        adopted (approved minutes stay as adopted)."""
        # sudo: a treasurer who is no secretary refreshes the fee line of the cell's minutes,
        # which the ledger alone fills.
        meetings = self.env["party.meeting"].sudo().search([
            ("organization_id", "in", self.organization_id.ids),
            ("month", "in", [p.month.strftime("%Y-%m") for p in self]),
            ("state", "in", ("draft", "planned", "held")),
        ])
        if meetings:
            # Recompute the stored, editable field as the ORM would on a change of its
            # dependencies: the collection changed, not the meeting.
            self.env.add_to_compute(meetings._fields["party_fee_report"], meetings)
            meetings._recompute_recordset(["party_fee_report"])

    @api.model
    def _fee_report_text(self, period):
        """The sentence of the minutes on the month's collection."""
        if not period:
            return False
        values = {
            "month": f"{period.month.month:02d}/{period.month.year}",
            "paid": period.paid_count, "count": period.line_count,
            **{key: f"{period[fname]:,.0f}".replace(",", ".") for key, fname in (
                ("amount", "amount_paid"), ("due", "amount_due"), ("kept", "amount_kept"),
                ("remitted", "amount_remitted"))},
        }
        return _("Party fees of %(month)s: %(paid)s of %(count)s members paid, %(amount)s đồng "
                 "collected of %(due)s đồng due; the cell keeps %(kept)s đồng and remits "
                 "%(remitted)s đồng upward.", **values)
