from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .party_fee_rule import INCOME_KINDS
from .party_rules import party_rule
from .party_today import shown_today


class PartyMember(models.Model):
    """A member's party fee: the base it is charged on, arrears and the committee's flag.

    The base comes from the agency's HR records where they hold it (the wage of the running
    employment contract, when the HR Contracts app is installed: no dependency on it), else
    from the amount entered or imported here.
    """

    _inherit = "party.member"

    fee_income_kind = fields.Selection(INCOME_KINDS, string="Fee Income Kind", default="salary",
                                       required=True)
    fee_base_amount = fields.Float(
        string="Monthly Fee Base", digits=(16, 0), groups="party_cell.group_party_secretary",
        help="Salary used for social insurance, allowance or pension, in đồng, when the HR "
             "records hold no contract wage. Entered or imported per member.")
    fee_line_ids = fields.One2many("party.fee.line", "member_id", string="Party Fees")
    fee_unpaid_months = fields.Integer(
        compute="_compute_fee_flags", string="Months Unpaid This Year",
        help="Months of closed fee periods this year not paid, without good reason.")
    absent_months = fields.Integer(
        compute="_compute_fee_flags", string="Meetings Missed This Year",
        help="Meetings this year the member missed without good reason.")
    removal_flag = fields.Boolean(
        compute="_compute_fee_flags", search="_search_removal_flag",
        string="Flagged for the Committee",
        help="Three months in a year without paying the fee or without attending, without "
             "good reason: ground for removal from the rolls (Party Charter, art. 8).")

    @api.constrains("fee_base_amount")
    def _check_fee_base(self):
        wrong = self.filtered(lambda m: m.fee_base_amount < 0)
        if wrong:
            raise ValidationError(_("The fee base of %(names)s is negative.",
                                    names=", ".join(wrong.mapped("name"))))

    def _fee_bases(self):
        """The monthly base of each member, ``{member id: amount}``: the running contract's
        wage where the HR Contracts app holds one, else the base entered on the member."""
        # sudo: the base is read to charge the fee only; the treasurer sees the line's base,
        # never the member's HR records.
        members = self.sudo()
        bases = {member.id: member.fee_base_amount for member in members}
        if "hr.contract" in self.env:
            contracts = self.env["hr.contract"].sudo().search([
                ("employee_id", "in", members.employee_id.ids), ("state", "=", "open"),
            ])
            wages = {contract.employee_id.id: contract.wage for contract in contracts}
            for member in members:
                if wages.get(member.employee_id.id):
                    bases[member.id] = wages[member.employee_id.id]
        return bases

    def _removal_counts(self, year):
        """``{member id: (unpaid months, missed meetings)}`` for ``year``, in two grouped
        queries: unpaid lines of closed periods and roll-call lines marked unexcused."""
        first, last = fields.Date.to_date(f"{year}-01-01"), fields.Date.to_date(f"{year}-12-31")
        # sudo: counts only, for the committee's flag; who reads the member reads them.
        unpaid = dict(self.env["party.fee.line"].sudo()._read_group(
            [("member_id", "in", self.ids), ("state", "=", "due"), ("excused", "=", False),
             ("period_state", "=", "closed"), ("month", ">=", first), ("month", "<=", last)],
            ["member_id"], ["__count"]))
        absent = dict(self.env["party.meeting.attendance"].sudo()._read_group(
            [("member_id", "in", self.ids), ("status", "=", "unexcused"),
             ("meeting_id.state", "in", ("held", "approved")),
             ("meeting_id.year", "=", year)],
            ["member_id"], ["__count"]))
        return {member.id: (unpaid.get(member, 0), absent.get(member, 0)) for member in self}

    @api.depends_context("party_today")
    def _compute_fee_flags(self):
        today = shown_today(self)
        limit = party_rule(self.env, "fee_removal_months")
        counts = self.browse(self.ids)._removal_counts(today.year) if self.ids else {}
        for member in self:
            unpaid, absent = counts.get(member.id, (0, 0))
            member.fee_unpaid_months = unpaid
            member.absent_months = absent
            member.removal_flag = unpaid >= limit or absent >= limit

    def _search_removal_flag(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValueError(operator)
        today = shown_today(self)
        limit = party_rule(self.env, "fee_removal_months")
        first = fields.Date.to_date(f"{today.year}-01-01")
        last = fields.Date.to_date(f"{today.year}-12-31")
        # sudo: which members cross the limit; the caller's rules still filter the members.
        unpaid = self.env["party.fee.line"].sudo()._read_group(
            [("state", "=", "due"), ("excused", "=", False), ("period_state", "=", "closed"),
             ("month", ">=", first), ("month", "<=", last)],
            ["member_id"], having=[("__count", ">=", limit)])
        absent = self.env["party.meeting.attendance"].sudo()._read_group(
            [("status", "=", "unexcused"), ("meeting_id.state", "in", ("held", "approved")),
             ("meeting_id.year", "=", today.year)],
            ["member_id"], having=[("__count", ">=", limit)])
        ids = {member.id for (member,) in unpaid} | {member.id for (member,) in absent}
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", list(ids))]
