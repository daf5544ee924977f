from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .party_fee_rule import INCOME_KINDS
from .party_lock import lock_opened, refuse

# What a payment writes, through the Record Payment button only.
PAYMENT_FIELDS = {"state", "paid_date", "receipt_number"}


class PartyFeeLine(models.Model):
    """One member's party fee for one month: amount due, then the payment and its receipt."""

    _name = "party.fee.line"
    _description = "Party Fee Line"
    _inherit = ["party.workflow.mixin"]
    _order = "month desc, organization_id, member_name"
    _check_company_auto = True

    period_id = fields.Many2one("party.fee.period", required=True, ondelete="cascade",
                                index=True, check_company=True)
    period_state = fields.Selection(related="period_id.state", store=True, string="Period State")
    organization_id = fields.Many2one(related="period_id.organization_id", store=True,
                                      index=True, string="Cell")
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    month = fields.Date(related="period_id.month", store=True, index=True)
    member_id = fields.Many2one("party.member", required=True, index=True, ondelete="restrict",
                                check_company=True)
    member_name = fields.Char(related="member_id.name", store=True, string="Member Name")
    income_kind = fields.Selection(INCOME_KINDS, required=True, default="salary")
    base_amount = fields.Float(string="Base", digits=(16, 0))
    rule_id = fields.Many2one("party.fee.rule", compute="_compute_amount", store=True,
                              string="Rule Applied")
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(compute="_compute_amount", store=True, string="Amount Due")
    state = fields.Selection([("due", "Due"), ("paid", "Paid"), ("exempt", "Fee Exempted")],
                             default="due", required=True, index=True, copy=False)
    paid_date = fields.Date(string="Payment Date", copy=False)
    receipt_number = fields.Char(copy=False)
    excused = fields.Boolean(
        string="Good Reason", copy=False,
        help="The cell accepted a good reason for not paying this month: the month does not "
             "count towards removal from the rolls.")
    note = fields.Char(string="Reason")

    _sql_constraints = [
        ("member_month_uniq", "unique(member_id, month)",
         "A member has one party fee line per month."),
        ("receipt_uniq", "unique(company_id, receipt_number)",
         "This receipt number is already used."),
        ("base_positive", "check(base_amount >= 0)", "The fee base cannot be negative."),
    ]

    @api.depends("income_kind", "base_amount", "month")
    def _compute_amount(self):
        rules = self.env["party.fee.rule"]._rules_for(
            sorted({line.month for line in self if line.month}))
        for line in self:
            rule = rules.get((line.income_kind, line.month), self.env["party.fee.rule"])
            line.rule_id = rule
            line.amount = rule._amount(line.base_amount) if rule else 0.0

    @api.depends("member_name", "month")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.member_name or ''} - {line._month_label()}"

    @api.constrains("paid_date", "state", "receipt_number", "base_amount")
    def _check_payment(self):
        problems = []
        for line in self:
            if line.base_amount < 0:
                problems.append(_("%(member)s: the fee base cannot be negative.",
                                  member=line.member_name))
            if line.state == "paid" and not (line.paid_date and line.receipt_number):
                problems.append(_("%(member)s: a payment needs its receipt number and date.",
                                  member=line.member_name))
        if problems:
            raise ValidationError("\n".join(problems))

    @api.model_create_multi
    def create(self, vals_list):
        periods = self.env["party.fee.period"].browse(
            [vals["period_id"] for vals in vals_list if vals.get("period_id")])
        closed = periods.filtered(lambda p: p.state == "closed")
        if closed:
            refuse(closed, _("The fee period %(name)s is closed: no line can be added.",
                             name=closed[0].display_name))
        for vals in vals_list:
            if set(vals) & PAYMENT_FIELDS and vals.get("state", "due") != "due" \
                    and not self.env.su:
                raise UserError(_("A fee line starts due; Record Payment records the payment."))
        return super().create(vals_list)

    def write(self, vals):
        closed = self.filtered(lambda line: line.period_state == "closed")
        if closed and not lock_opened(closed, set(vals)):
            refuse(closed, _("The fee period %(name)s is closed: its lines cannot be changed.",
                             name=closed[0].period_id.display_name))
        paid = self.filtered(lambda line: line.state == "paid")
        if paid and set(vals) - {"note"} and not lock_opened(paid, set(vals)):
            refuse(paid, _("The fee of %(member)s for %(month)s is already paid.",
                           member=paid[0].member_name, month=paid[0]._month_label()))
        if set(vals) & PAYMENT_FIELDS and not lock_opened(self, set(vals) & PAYMENT_FIELDS):
            refuse(self, _("Payments are recorded with the Record Payment button."))
        if {"period_id", "member_id"} & set(vals) and not self.env.su:
            refuse(self, _("A fee line stays with its member and month."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_paid_or_closed(self):
        if any(line.state == "paid" or line.period_state == "closed" for line in self):
            raise UserError(_("A paid fee line, or one of a closed month, cannot be deleted."))

    def _month_label(self):
        return self.month and f"{self.month.month:02d}/{self.month.year}" or ""

    def _record_payment(self, receipt_number, paid_date):
        """Record the payment of one line; refuses a second payment of the same month."""
        self.ensure_one()
        self._ensure_state(("due",), _("Recording a payment"))
        self.period_id._check_fee_officer()
        if self.period_state != "open":
            raise UserError(_("The fee period %(name)s is closed.",
                              name=self.period_id.display_name))
        receipt_number = (receipt_number or "").strip()
        if not receipt_number or not paid_date:
            raise UserError(_("A payment needs its receipt number and date."))
        paid_date = fields.Date.to_date(paid_date)
        if paid_date > fields.Date.context_today(self):
            raise UserError(_("The payment date %(date)s is in the future.", date=paid_date))
        # sudo: a receipt number used in another cell of the company is still a duplicate,
        # though the treasurer cannot read that cell's lines; only the count is read.
        if self.sudo().search_count([("company_id", "=", self.company_id.id),
                                     ("receipt_number", "=", receipt_number)]):
            raise UserError(_("The receipt number %(number)s is already used.",
                              number=receipt_number))
        self._write_workflow({"state": "paid", "receipt_number": receipt_number,
                              "paid_date": paid_date})
        self.period_id._refresh_minutes()

    def action_set_exempt(self):
        self._ensure_state(("due",), _("Exemption"))
        self.period_id._check_fee_officer()
        self._write_workflow({"state": "exempt"})

    def action_set_due(self):
        self._ensure_state(("exempt",), _("Resetting to due"))
        self.period_id._check_fee_officer()
        self._write_workflow({"state": "due"})

    @api.model
    def _rollup(self, organizations, date_from, date_to):
        """The fee book of ``organizations`` from ``date_from`` to ``date_to`` (first days of
        months), as the user reads the ledger: one row per cell below them,
        ``{cell: {"members", "due", "paid", "paid_count", "kept", "remitted"}}``, in one
        query whatever the number of cells and months."""
        self.env.flush_all()
        # SQL: members, amounts due and amounts paid in one pass over the lines (aggregates
        # with FILTER, which _read_group cannot express: it would read the lines twice). The
        # query comes from _search, so the user's record rules apply.
        query = self._search([("organization_id", "child_of", organizations.ids),
                              ("month", ">=", date_from), ("month", "<=", date_to),
                              ("state", "!=", "exempt")])
        table = SQL.identifier(self._table)
        self.env.cr.execute(SQL(
            "%s GROUP BY %s", query.select(
                SQL("%s.organization_id", table),
                SQL("count(DISTINCT %s.member_id)", table),
                SQL("sum(%s.amount)", table),
                SQL("count(*) FILTER (WHERE %s.state = 'paid')", table),
                SQL("coalesce(sum(%s.amount) FILTER (WHERE %s.state = 'paid'), 0)", table,
                    table)),
            SQL("%s.organization_id", table)))
        fetched = self.env.cr.fetchall()
        keep = self.env["party.organization"]._fee_keep_percents()
        rows = {}
        # One browse for all: the cells' kinds are then read in one query, not one per cell.
        cells = self.env["party.organization"].browse([row[0] for row in fetched])
        for cell, (_org_id, members, due, paid_count, paid) in zip(cells, fetched, strict=True):
            kept = round(paid * keep.get(cell.org_type, 0.0) / 100.0)
            rows[cell] = {"members": members, "due": due, "paid": paid,
                          "paid_count": paid_count, "kept": kept, "remitted": paid - kept}
        return rows
