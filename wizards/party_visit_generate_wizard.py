from collections import Counter

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class PartyVisitGenerateWizard(models.TransientModel):
    """Fill a plan from a rule: every organisation at least N times a year, spread over
    the officials and the months, without sending anyone to their own cell."""

    _name = "party.visit.generate.wizard"
    _description = "Generate Visits"

    plan_id = fields.Many2one("party.visit.plan", required=True, ondelete="cascade")
    issuer_id = fields.Many2one(related="plan_id.organization_id")
    visit_kind = fields.Selection(
        [("upper", "Upper-level Attendance"), ("cross", "Cross-attendance"),
         ("inspection", "Inspection")],
        string="Kind", required=True, default="upper",
    )
    organization_ids = fields.Many2many(
        "party.organization", string="Organisations to Visit",
        compute="_compute_organization_ids", store=True, readonly=False,
        help="By default every cell under the committee that issues the plan.",
    )
    employee_ids = fields.Many2many(
        "hr.employee", string="Officials", required=True,
        help="Officials who share the visits; they need not be members of the cells.",
    )
    times_per_year = fields.Integer(
        string="Visits per Organisation", default=1, required=True,
        help="Each organisation is visited at least this many times in the months chosen, "
        "counting the visits of this kind already in the plan.",
    )
    month_from = fields.Integer(default=1, required=True)
    month_to = fields.Integer(default=12, required=True)

    @api.depends("plan_id")
    def _compute_organization_ids(self):
        for wizard in self:
            wizard.organization_ids = self.env["party.organization"].search([
                ("id", "child_of", wizard.plan_id.organization_id.ids),
                ("is_cell", "=", True),
            ])

    @api.constrains("month_from", "month_to", "times_per_year")
    def _check_rule(self):
        for wizard in self:
            if not 1 <= wizard.month_from <= wizard.month_to <= 12:
                raise ValidationError(_("Months run from 1 to 12, the first before the last."))
            months = wizard.month_to - wizard.month_from + 1
            if not 1 <= wizard.times_per_year <= months:
                raise ValidationError(
                    _("Between 1 and %(months)s visits per organisation fit in months "
                      "%(first)s to %(last)s.", months=months, first=wizard.month_from,
                      last=wizard.month_to)
                )

    def action_generate(self):
        self.ensure_one()
        plan = self.plan_id
        if plan.state == "closed":
            raise UserError(_("Plan %(name)s is closed.", name=plan.name))
        vals_list = self._distribute()
        visits = self.env["party.visit"].create(vals_list)
        plan.message_post(body=_(
            "%(count)s visits generated: %(kind)s, %(times)s per organisation, months "
            "%(first)s to %(last)s.", count=len(visits),
            kind=dict(self._fields["visit_kind"]._description_selection(self.env))[
                self.visit_kind],
            times=self.times_per_year, first=self.month_from, last=self.month_to,
        ))
        return plan.action_view_visits()

    def _distribute(self):
        """Values of the visits to create.

        Each organisation's missing visits fall one per equal slice of the months; inside a
        slice the month with the fewest visits so far is taken. Each visit goes to the
        official with the fewest visits, preferring one who has not been to that organisation
        this year and is free that month; nobody visits the cell they are a member of.
        """
        orgs = self.organization_ids.sorted(lambda o: (o.complete_name, o.id))
        officials = self.employee_ids.sorted(lambda e: (e.name, e.id))
        existing = self.env["party.visit"].search([
            ("plan_id", "=", self.plan_id.id), ("state", "!=", "cancelled"),
        ])
        # What the plan already holds counts for the balance and for the rule.
        month_load = Counter(v.month for v in existing)
        official_load = Counter(v.visitor_employee_id.id for v in existing)
        busy = {(v.visitor_employee_id.id, v.month) for v in existing}
        seen = {(v.visitor_employee_id.id, v.organization_id.id) for v in existing}
        kept = {}  # organisation id: months of its visits of this kind already planned
        for visit in existing.filtered(lambda v: v.visit_kind == self.visit_kind):
            kept.setdefault(visit.organization_id.id, []).append(visit.month)
        # sudo: only which cell each official belongs to, so nobody visits their own.
        own_cell = {
            m.employee_id.id: m.organization_id.id
            for m in self.env["party.member"].sudo().search([
                ("employee_id", "in", officials.ids),
                ("state", "in", ("probationary", "official", "exempted")),
            ])
        }
        months = list(range(self.month_from, self.month_to + 1))
        times = self.times_per_year
        slices = [months[i * len(months) // times:(i + 1) * len(months) // times]
                  for i in range(times)]
        vals_list = []
        for position, org in enumerate(orgs):
            candidates = officials.filtered(lambda e, o=org: own_cell.get(e.id) != o.id)
            if not candidates:
                raise UserError(_("No official other than its own members can visit "
                                  "%(org)s.", org=org.name))
            for slice_ in self._missing_slices(slices, kept.get(org.id, [])):
                month = min(slice_, key=lambda m, p=position, s=slice_: (
                    month_load[m], (s.index(m) - p) % len(s)))
                official = min(candidates, key=lambda e, o=org, m=month: (
                    official_load[e.id], (e.id, o.id) in seen, (e.id, m) in busy,
                    officials.ids.index(e.id)))
                month_load[month] += 1
                official_load[official.id] += 1
                busy.add((official.id, month))
                seen.add((official.id, org.id))
                vals_list.append({
                    "plan_id": self.plan_id.id,
                    "visit_kind": self.visit_kind,
                    "organization_id": org.id,
                    "visitor_employee_id": official.id,
                    "month": month,
                })
        return vals_list

    @staticmethod
    def _missing_slices(slices, months_kept):
        """Slices still without a visit, as many as the rule still asks for."""
        needed = len(slices) - len(months_kept)
        free = [s for s in slices if not set(s) & set(months_kept)]
        return free[:max(needed, 0)]
