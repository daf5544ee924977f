from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.tools import SQL

from .party_rules import party_rule


class PartyThematicCompliance(models.Model):
    """Whether each cell held its thematic meeting, quarter by quarter (at least one a quarter).

    A SQL view: one row per cell, year and quarter, for the years that have meetings or topics
    and the current one (in the cells' zones), from the quarter the organisation's records
    start (``start_date``). A regular meeting that includes the thematic part counts; held and
    approved meetings count as held, any other meeting not cancelled as planned; a meeting
    replaced by its re-hold does not count, the re-hold (which keeps its period) does.
    """

    _name = "party.thematic.compliance"
    _description = "Thematic Meeting Compliance"
    _auto = False
    _order = "year desc, quarter desc, organization_id"
    _rec_name = "organization_id"
    # Fields the view reads: the ORM writes them to the database before it is searched.
    _depends = {
        "party.organization": ["is_cell", "active", "parent_id", "company_id", "start_date",
                               "tz"],
        "party.meeting": ["organization_id", "year", "quarter", "state", "is_thematic",
                          "is_superseded"],
        "party.topic": ["year"],
    }

    organization_id = fields.Many2one("party.organization", string="Cell", readonly=True)
    parent_id = fields.Many2one("party.organization", string="Parent Organisation", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    year = fields.Integer(readonly=True, aggregator=None)
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")], readonly=True
    )
    period = fields.Char(readonly=True, help="YYYY-Qn, for sorting and grouping.")
    planned_count = fields.Integer(string="Thematic Meetings Planned", readonly=True)
    held_count = fields.Integer(string="Thematic Meetings Held", readonly=True)
    is_planned = fields.Boolean(string="Planned", readonly=True)
    is_held = fields.Boolean(string="Held", readonly=True)
    status = fields.Selection(
        [("held", "Held"), ("planned", "Planned"), ("missing", "None Planned")], readonly=True
    )
    missing_count = fields.Integer(
        string="Quarters Without Thematic Meeting", readonly=True,
        help="1 when the quarter has no held thematic meeting: sums to the quarters missed.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # SQL: the matrix of every cell × quarter with counts is one grouped join; the ORM
        # would need a query per period. Years: those with meetings or topics, and this one.
        self.env.cr.execute(SQL(
            """
            CREATE OR REPLACE VIEW %(table)s AS (
                WITH years AS (
                    SELECT year FROM party_meeting WHERE year > 0
                    UNION SELECT year FROM party_topic WHERE year > 0
                    UNION SELECT EXTRACT(YEAR FROM now() AT TIME ZONE
                                         coalesce(tz, 'Asia/Ho_Chi_Minh'))::int
                            FROM party_organization WHERE is_cell AND active
                ), counts AS (
                    SELECT m.organization_id, m.year, m.quarter,
                           count(*) AS planned_count,
                           count(*) FILTER (WHERE m.state IN ('held', 'approved')) AS held_count
                      FROM party_meeting m
                     WHERE m.state != 'cancelled' AND NOT coalesce(m.is_superseded, false)
                       AND m.is_thematic
                  GROUP BY m.organization_id, m.year, m.quarter
                )
                SELECT o.id::bigint * 100000 + y.year * 10 + q.quarter AS id,
                       o.id AS organization_id,
                       o.parent_id,
                       o.company_id,
                       y.year,
                       q.quarter::varchar AS quarter,
                       y.year || '-Q' || q.quarter AS period,
                       coalesce(c.planned_count, 0) AS planned_count,
                       coalesce(c.held_count, 0) AS held_count,
                       coalesce(c.planned_count, 0) > 0 AS is_planned,
                       coalesce(c.held_count, 0) > 0 AS is_held,
                       CASE WHEN coalesce(c.held_count, 0) > 0 THEN 'held'
                            WHEN coalesce(c.planned_count, 0) > 0 THEN 'planned'
                            ELSE 'missing' END AS status,
                       CASE WHEN coalesce(c.held_count, 0) > 0 THEN 0 ELSE 1 END AS missing_count
                  FROM party_organization o
                  CROSS JOIN years y
                  CROSS JOIN generate_series(1, 4) AS q(quarter)
             LEFT JOIN counts c ON c.organization_id = o.id AND c.year = y.year
                                AND c.quarter = q.quarter
                 WHERE o.is_cell AND o.active
                   AND (o.start_date IS NULL OR coalesce(c.planned_count, 0) > 0
                        OR make_date(y.year, q.quarter * 3, 1)
                           >= date_trunc('month', o.start_date)::date)
            )
            """,
            table=SQL.identifier(self._table),
        ))

    @api.model
    def _cron_remind_missing(self):
        """Early in a quarter's last month, remind cells with no thematic meeting planned.

        One activity on the cell for its secretary, and one summary per committee officer of
        the nearest organisation above that has officers. Open reminders are not repeated.
        """
        today = fields.Date.context_today(self)
        window = party_rule(self.env, "thematic_reminder_days")
        if today.month % 3 or today.day > window:
            return self.env["mail.activity"]
        quarter = today.month // 3
        cells = self.env["party.organization"].search([("is_cell", "=", True)])
        planned = {org.id for (org,) in self.env["party.meeting"]._read_group(
            [("organization_id", "in", cells.ids), ("year", "=", today.year),
             ("quarter", "=", quarter), ("state", "!=", "cancelled"),
             ("is_thematic", "=", True)],
            ["organization_id"],
        )}
        missing = cells.filtered(lambda c: c.id not in planned)
        if not missing:
            return self.env["mail.activity"]
        activity_type = self.env.ref("party_cell.mail_activity_type_thematic_missing")
        deadline = today.replace(day=min(today.day + 7, 28))
        period = f"Q{quarter}/{today.year}"
        fallback = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        # Officers above each cell: every ancestor read in one go from the parent paths.
        ancestor_ids = {int(i) for c in missing for i in c.parent_path.split("/")[:-1]}
        ancestors = {o.id: o for o in self.env["party.organization"].browse(ancestor_ids)}
        by_officers = {}
        vals_list = []
        for cell in missing:
            user = cell.secretary_id.user_id or fallback
            vals_list.append(self._reminder_vals(
                cell, activity_type, deadline, user.id,
                self.with_context(lang=user.lang or self.env.lang).env._(
                    "No thematic meeting planned for %(period)s: plan it with its topic.",
                    period=period),
            ))
            chain = [int(i) for i in cell.parent_path.split("/")[:-2]][::-1]
            upper = next((ancestors[i] for i in chain if ancestors[i].committee_user_ids), None)
            if upper:
                by_officers.setdefault(upper, self.env["party.organization"])
                by_officers[upper] |= cell
        for upper, cells_without in by_officers.items():
            note = Markup("<ul>%s</ul>") % Markup().join(
                Markup("<li>%s</li>") % name for name in cells_without.mapped("name")
            )
            for officer in upper.committee_user_ids:
                summary = self.with_context(lang=officer.lang or self.env.lang).env._(
                    "%(count)s cell(s) with no thematic meeting planned for %(period)s",
                    count=len(cells_without), period=period)
                vals_list.append(dict(self._reminder_vals(
                    upper, activity_type, deadline, officer.id, summary,
                ), note=note))
        already = {
            (a.res_id, a.user_id.id) for a in self.env["mail.activity"].search([
                ("res_model", "=", "party.organization"),
                ("activity_type_id", "=", activity_type.id),
                ("res_id", "in", [v["res_id"] for v in vals_list]),
            ])
        }
        vals_list = [v for v in vals_list if (v["res_id"], v["user_id"]) not in already]
        # sudo: the reminders go to secretaries and officers, created by the cron.
        return self.env["mail.activity"].sudo().create(vals_list)

    def _reminder_vals(self, org, activity_type, deadline, user_id, summary):
        return {
            "res_model_id": self.env["ir.model"]._get_id("party.organization"),
            "res_id": org.id,
            "automated": True,
            "activity_type_id": activity_type.id,
            "summary": summary,
            "date_deadline": deadline,
            "user_id": user_id,
        }
