from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

INCOME_KINDS = [
    ("salary", "Salary (social insurance base)"),
    ("allowance", "Sickness or Maternity Allowance"),
    ("pension", "Pension"),
    ("student", "Student"),
    ("other", "Other"),
]


class PartyFeeRule(models.Model):
    """One version of the party fee rate for one kind of income, from the document that sets it.

    Rates change with the Central Committee's regulations (Quy định 342-QĐ/TW of 2010, then
    the regulation of 2026); each version keeps its validity dates, so that a month is always
    charged under the rule in force in that month, and an administrator adds the next one.
    """

    _name = "party.fee.rule"
    _description = "Party Fee Rule"
    _order = "income_kind, date_from desc"

    name = fields.Char(required=True, translate=True)
    reference = fields.Char(required=True, help="Number of the regulation, e.g. 342-QĐ/TW.")
    reference_date = fields.Date(string="Document Date", required=True)
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid Until", help="Empty while the rule is in force.")
    income_kind = fields.Selection(INCOME_KINDS, required=True, default="salary")
    rate = fields.Float(string="Rate (%)", digits=(5, 2),
                        help="Share of the monthly base, in percent.")
    fixed_amount = fields.Float(digits=(16, 0), help="A flat monthly amount, in đồng.")
    active = fields.Boolean(default=True)

    @api.constrains("date_from", "date_to", "rate", "fixed_amount", "income_kind", "active")
    def _check_rule(self):
        problems = []
        for rule in self:
            if rule.date_to and rule.date_to < rule.date_from:
                problems.append(_("%(name)s ends before it starts.", name=rule.display_name))
            if rule.rate < 0 or rule.rate > 100 or rule.fixed_amount < 0:
                problems.append(_("%(name)s: a rate lies between 0 and 100%% and an amount is "
                                  "not negative.", name=rule.display_name))
            if not rule.rate and not rule.fixed_amount:
                problems.append(_("%(name)s sets neither a rate nor an amount.",
                                  name=rule.display_name))
        for rules in self.search([("income_kind", "in", self.mapped("income_kind"))]
                                 ).grouped("income_kind").values():
            ordered = rules.sorted("date_from")
            for before, after in zip(ordered, ordered[1:], strict=False):
                if not before.date_to or before.date_to >= after.date_from:
                    problems.append(_("%(first)s and %(second)s are in force at the same time.",
                                      first=before.display_name, second=after.display_name))
        if problems:
            raise ValidationError("\n".join(dict.fromkeys(problems)))

    @api.depends("name", "reference")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = f"{rule.name} ({rule.reference})"

    def _rules_for(self, months):
        """The rule in force for each (income kind, month) of ``months``: a dict, one query."""
        if not months:
            return {}
        rules = self.search([("date_from", "<=", max(months)), "|", ("date_to", "=", False),
                             ("date_to", ">=", min(months))])
        result = {}
        for rule in rules:
            for month in months:
                if rule.date_from <= month and (not rule.date_to or month <= rule.date_to):
                    result[rule.income_kind, month] = rule
        return result

    def _amount(self, base):
        """The monthly fee under this rule for a base of ``base`` đồng, rounded to the đồng."""
        self.ensure_one()
        if self.fixed_amount:
            return self.fixed_amount
        return round((base or 0.0) * self.rate / 100.0)
