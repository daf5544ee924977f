from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .party_meeting import HELD_STATES
from .party_rules import party_rule
from .party_score_scheme import RATINGS, worst_rating
from .party_today import shown_today

# Status of a month → colour key (reports/xlsx_base.FILLS, the client action's CSS classes).
# One colour per status, so that every legend entry can be told apart.
STATUS_COLORS = {
    "held": "good", "issues": "warn", "late": "late", "missing": "bad", "planned": "planned",
    "future": "none", "untracked": "untracked",
}
# A rating → the row total that counts it.
RATING_TOTALS = {key: f"rating_{key}" for key, _label in RATINGS}
# A month of a cell in get_matrix, in this order (_matrix_cells gives tuples in this order).
CELL_KEYS = ("status", "state", "count", "attendance", "speaking", "score", "rating",
             "ballots_missing", "thematic", "tasks_overdue", "visits", "visits_overdue", "color")


class PartyComplianceMatrix(models.AbstractModel):
    """Organisations × months: was the regular meeting held, on time, thematic, scored.

    Everything is read through the ORM as the calling user, so record rules decide which
    organisations, meetings, tasks and visits the matrix contains. The cost is a fixed number
    of grouped queries whatever the number of cells or months.
    """

    _name = "party.compliance.matrix"
    _description = "Meeting Compliance Matrix"

    @api.model
    def get_matrix(self, date_from, date_to, filters=None):
        """Compliance matrix of the cells the user can read, month by month.

        :param date_from: first day of the period (date or ``YYYY-MM-DD``); its month is the
            first column.
        :param date_to: last day of the period; its month is the last column.
        :param filters: optional dict: ``cluster_ids`` (list of party.cluster ids),
            ``org_types`` (cell types, e.g. ``["cell"]``), ``company_ids``, and
            ``organization_id`` (only the subtree of that organisation).
        :return: dict with ``months`` (``key`` ``YYYY-MM``, ``label``, ``quarter``),
            ``rows`` in tree order (``id``, ``name``, ``depth``, ``is_cell``, ``parent_id``;
            cells carry ``cells``: month key → ``status`` (held, issues, late, missing,
            planned, future), ``color`` (good, warn, late, bad, planned, none), ``thematic``
            (held, planned, missing or False), ``attendance``, ``speaking``, ``score``, ``rating``,
            ``ballots_missing``, ``tasks_overdue``, ``visits``, ``visits_overdue``; every row
            carries ``totals``), ``summary`` (month key → count per colour), ``legend`` and
            the filter choices ``clusters``, ``org_types``, ``companies``.
        """
        return self._matrix(date_from, date_to, filters, self._matrix_data)

    @api.model
    def _matrix(self, date_from, date_to, filters, data_of):
        """The matrix with the cells' months as ``data_of(cells, months, summary)`` gives
        them (dicts for get_matrix, strings for the screen)."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        months = self._months(date_from, date_to)
        cells, ancestors = self._matrix_organizations(filters or {})
        summary = {m["key"]: dict.fromkeys(STATUS_COLORS.values(), 0) for m in months}
        data = data_of(cells, months, summary)
        rows = self._matrix_rows(cells, ancestors, data, months)
        return {
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(date_to),
            "months": months,
            "rows": rows,
            "summary": summary,
            "legend": self._legend(),
            **self._filter_choices(),
        }

    @api.model
    def action_open_meetings(self, organization_id, month_from, month_to, name=False):
        """The meetings behind a cell (one month) or a row total (its months) of the matrix:
        those of the organisation and of the organisations below it, read as the user.

        :param organization_id: the row's organisation.
        :param month_from: first month, ``YYYY-MM``; ``month_to`` the last (the same for a
            cell).
        :param name: the window's title, as the screen words it.
        """
        org = self._drill_organization(organization_id)
        first, last = (self._drill_month(month) for month in (month_from, month_to))
        return {
            "type": "ir.actions.act_window",
            "name": name or org.display_name,
            "res_model": "party.meeting",
            "views": [(False, "list"), (False, "form")],
            "domain": [("organization_id", "child_of", org.id),
                       ("month", ">=", first), ("month", "<=", last)],
            "context": {"create": False},
        }

    @api.model
    def action_open_overdue_tasks(self, organization_id, month, name=False):
        """The overdue tasks behind a cell of the matrix: due in that month (``YYYY-MM``)."""
        org = self._drill_organization(organization_id)
        first = fields.Date.to_date(f"{self._drill_month(month)}-01")
        return {
            "type": "ir.actions.act_window",
            "name": name or org.display_name,
            "res_model": "party.task",
            "views": [(False, "list"), (False, "form")],
            "domain": [("organization_id", "=", org.id), ("is_overdue", "=", True),
                       ("deadline", ">=", first),
                       ("deadline", "<", first + relativedelta(months=1))],
        }

    @api.model
    def _drill_organization(self, organization_id):
        if not isinstance(organization_id, int):
            raise UserError(_("Choose an organisation of the matrix."))
        org = self.env["party.organization"].browse(organization_id).exists()
        if not org:
            raise UserError(_("This organisation no longer exists."))
        org.check_access("read")
        return org

    @api.model
    def _drill_month(self, month):
        try:
            return fields.Date.to_date(f"{month}-01").strftime("%Y-%m")
        except (TypeError, ValueError):
            raise UserError(_("%(month)s is not a month (YYYY-MM).", month=month)) from None

    # ------------------------------------------------------------------ helpers

    def _today(self, cell=None):
        """Today for the cell, in its zone (``party_today`` in the context pins a day for
        reports of another day; it only changes what is shown)."""
        if cell and not self.env.context.get("party_today"):
            return cell._today()
        return shown_today(self)

    @api.model
    def _months(self, date_from, date_to):
        first = date_from.replace(day=1)
        months = []
        while first <= date_to and len(months) < 60:
            months.append({
                "key": first.strftime("%Y-%m"),
                "label": first.strftime("%m/%Y"),
                "year": first.year,
                "month": first.month,
                "quarter": (first.month - 1) // 3 + 1,
            })
            first += relativedelta(months=1)
        return months

    @api.model
    def _legend(self):
        labels = {
            "held": _("Held on time"),
            "issues": _("Held, with shortcomings (attendance, ballots, rating, thematic)"),
            "late": _("Held late"),
            "missing": _("Not held"),
            "planned": _("Planned"),
            "future": _("Not due yet"),
            "untracked": _("Before the organisation's records start"),
        }
        return [{"key": key, "color": STATUS_COLORS[key], "label": label}
                for key, label in labels.items()]

    @api.model
    def _filter_choices(self):
        Org = self.env["party.organization"]
        types = dict(Org._fields["org_type"]._description_selection(self.env))
        return {
            "clusters": [[c.id, c.name] for c in self.env["party.cluster"].search_fetch(
                [], ["name"], order="name")],
            "org_types": [[key, types[key]] for key in ("grassroots_cell", "cell")],
            "companies": [[c.id, c.name] for c in self.env.user.company_ids],
        }

    @api.model
    def _matrix_organizations(self, filters):
        """The cells matching the filters, and their ancestors the user can read."""
        Org = self.env["party.organization"]
        domain = [("is_cell", "=", True)]
        if filters.get("cluster_ids"):
            domain.append(("cluster_id", "in", [int(i) for i in filters["cluster_ids"]]))
        if filters.get("org_types"):
            domain.append(("org_type", "in", list(filters["org_types"])))
        if filters.get("company_ids"):
            domain.append(("company_id", "in", [int(i) for i in filters["company_ids"]]))
        if filters.get("organization_id"):
            domain.append(("id", "child_of", int(filters["organization_id"])))
        names = ["name", "complete_name", "parent_path", "org_type", "is_cell", "cluster_id",
                 "company_id", "meeting_day_to", "tz", "start_date"]
        cells = Org.search_fetch(domain, names, order="id")
        above = {int(i) for path in cells.mapped("parent_path") for i in path.split("/") if i}
        above -= set(cells.ids)
        ancestors = Org.search_fetch([("id", "in", list(above))], names, order="id") if above \
            else Org.browse()
        return cells, ancestors

    @api.model
    def _matrix_data(self, cells, months, summary=None):
        """Per cell: a dict of month cells and the row totals. A fixed number of queries.
        ``summary`` (month key → count per colour) is counted on the way."""
        keys = [m["key"] for m in months]
        data = {}
        for cell_id, row_months, totals in self._matrix_cells(cells, months):
            if summary is not None:
                for key, month in zip(keys, row_months):
                    summary[key][month[-1]] += 1
            data[cell_id] = {"cells": {key: dict(zip(CELL_KEYS, month))
                                       for key, month in zip(keys, row_months)},
                             "totals": totals}
        return data

    @api.model
    def _matrix_cells(self, cells, months):
        """Per cell ``(cell id, [month tuple in the order of CELL_KEYS], totals)``, a tuple
        per month rather than a dict, so that the screen builds its strings straight from
        them."""
        keys = [m["key"] for m in months]
        attendance_bar = party_rule(self.env, "attendance_bar")
        regular = self._meeting_months(cells, keys)
        overdue = self._overdue_tasks(cells, months)
        visits = self._visits(cells, months)

        quarter_of = {}
        quarter_months = defaultdict(list)
        for m in months:
            quarter_of[m["key"]] = (m["year"], m["quarter"])
            quarter_months[quarter_of[m["key"]]].append(m)
        plans = {}

        def plan_for(today):
            """Month flags for one day, computed once per zone's today, not per cell: month m
            is over once the next one starts."""
            if today not in plans:
                plan = [(m["key"], m["year"], m["month"], quarter_of[m["key"]],
                         date(m["year"], m["month"], 1),
                         today >= date(m["year"], m["month"], 1) + relativedelta(months=1),
                         today >= date(m["year"], m["month"], 1), m["month"] % 3 == 0)
                        for m in months]
                due = [q for q, ms in quarter_months.items()
                       if len(ms) == 3 and today >= date(ms[-1]["year"], ms[-1]["month"], 1)
                       + relativedelta(months=1)]
                plans[today] = (plan, due)
            return plans[today]

        todays = {}
        held_quarters = defaultdict(set)
        for (org_id, key), group in regular.items():
            if group[0] == "held":
                held_quarters[org_id].add(quarter_of[key])
        no_visit = (0, 0)
        month_cell = self._month_cell
        regular_get = regular.get
        no_meeting_due = ("missing", False, 0, None, None, None, False, False)
        no_meeting_yet = ("future", False, 0, None, None, None, False, False)
        for cell_id, tz, start_date, day_to in zip(
                cells.ids, cells.mapped("tz"), cells.mapped("start_date"),
                cells.mapped("meeting_day_to")):
            if tz not in todays:
                todays[tz] = self._today(cells.browse(cell_id))
            today = todays[tz]
            plan, quarters_due = plan_for(today)
            # Months before the organisation's records start are not missed (start_date).
            kept_from = start_date and start_date.replace(day=1)
            late_day = today.day > day_to
            quarter_held = held_quarters.get(cell_id, ())
            row_months = []
            counts = dict.fromkeys(STATUS_COLORS, 0)
            due_count = missing_ballots = tasks_overdue = visit_total = visit_late = 0
            scores, attendances, speakings, ratings = [], [], [], defaultdict(int)
            for key, year, month, quarter, first, over, started, quarter_end in plan:
                kept = not kept_from or first >= kept_from
                due = kept and (over or (started and late_day))
                group = regular_get((cell_id, key))
                if group is None:
                    # No meeting that month (the months ahead): no figures to work out.
                    status, state, count, att, spk, score, rating, ballots = (
                        no_meeting_due if due else no_meeting_yet)
                    them = False
                else:
                    status, state, count, att, spk, score, rating, ballots = month_cell(
                        group, due)
                    them = group[0]
                if not kept and status == "future":
                    status = "untracked"
                if not them and kept and quarter_end and over and quarter not in quarter_held:
                    them = "missing"
                task_count = overdue.get((cell_id, key), 0)
                visit_count, visit_overdue = visits.get((cell_id, year, month), no_visit)
                if status == "held" and (
                    them == "missing" or ballots or rating in ("average", "poor")
                    or (att is not None and att <= attendance_bar)
                ):
                    status = "issues"
                row_months.append((status, state, count, att, spk, score, rating, ballots, them,
                                   task_count, visit_count, visit_overdue,
                                   STATUS_COLORS[status]))
                counts[status] += 1
                due_count += due
                missing_ballots += ballots
                tasks_overdue += task_count
                visit_total += visit_count
                visit_late += visit_overdue
                if rating:
                    ratings[RATING_TOTALS[rating]] += 1
                if score is not None:
                    scores.append(score)
                if att is not None:
                    attendances.append(att)
                    speakings.append(spk or 0.0)
            totals = dict(
                counts, **ratings, due=due_count, ballots_missing=missing_ballots,
                tasks_overdue=tasks_overdue, visits=visit_total, visits_overdue=visit_late,
                held_total=counts["held"] + counts["issues"] + counts["late"],
                quarters=sum(1 for q in quarters_due if self._quarter_kept(q, kept_from)),
                thematic_quarters=sum(1 for q in quarters_due if q in quarter_held),
                attendance=round(sum(attendances) / len(attendances), 1) if attendances else None,
                speaking=round(sum(speakings) / len(speakings), 1) if speakings else None,
                score=round(sum(scores) / len(scores), 1) if scores else None,
            )
            yield cell_id, row_months, totals

    @api.model
    def _meeting_months(self, cells, keys):
        """The meetings of the matrix per (organisation id, month), in one GROUP BY:
        ``{(org id, month): (thematic, regular count, first regular state, held count,
        late, approved, ballots missing, attendance, speaking, score, rating, official
        rating)}``: ``thematic`` is held, planned or False, the rest describes the held
        regular meetings; the figures are the meeting's own when one was held, lists in
        (state, id) order when several were (a second query, for those months only).

        The user's record rules still decide which meetings are read, because the WHERE
        clause is the ORM's own (``_search`` adds the rules of the calling user).
        """
        Meeting = self.env["party.meeting"]
        # A meeting replaced by its re-hold does not count: the re-hold fulfils the month.
        query = Meeting._search([
            ("organization_id", "in", cells.ids), ("month", "in", keys),
            ("meeting_type", "in", ("regular", "thematic")), ("state", "!=", "cancelled"),
            ("is_superseded", "=", False),
        ])
        figures = ("attendance_rate", "speaking_rate", "score", "rating", "official_rating")
        Meeting.flush_model(["organization_id", "month", "meeting_type", "state", "is_late",
                             "is_thematic", "ballots_missing", *figures])

        def col(name):
            return SQL.identifier(query.table, name)
        held = SQL("%s IN %s", col("state"), tuple(HELD_STATES))
        regular = SQL("%s = 'regular'", col("meeting_type"))
        regular_held = SQL("%s AND %s", regular, held)
        rows = self.env.execute_query(SQL(
            """SELECT %(org)s, %(month)s,
                      CASE WHEN bool_or(%(them)s) FILTER (WHERE %(held)s) THEN 'held'
                           WHEN bool_or(%(them)s) THEN 'planned' ELSE NULL END,
                      count(*) FILTER (WHERE %(regular)s),
                      min(%(state)s) FILTER (WHERE %(regular)s),
                      count(*) FILTER (WHERE %(rh)s),
                      bool_and(%(late)s) FILTER (WHERE %(rh)s),
                      bool_or(%(state)s = 'approved') FILTER (WHERE %(rh)s),
                      bool_or(%(missing)s) FILTER (WHERE %(rh)s),
                      %(figures)s
                 FROM %(from)s WHERE %(where)s
             GROUP BY 1, 2""",
            org=col("organization_id"), month=col("month"), them=col("is_thematic"),
            held=held, regular=regular, rh=regular_held, state=col("state"),
            late=col("is_late"), missing=col("ballots_missing"),
            figures=SQL(", ").join(SQL("min(%s) FILTER (WHERE %s)", col(name), regular_held)
                                   for name in figures),
            **{"from": query.from_clause, "where": query.where_clause},
        ))
        result = {(org_id, month): (them or False, *rest) for org_id, month, them, *rest in rows}
        several = [key for key, group in result.items() if group[3] > 1]
        if several:
            lists = defaultdict(lambda: tuple([] for _name in figures))
            for org_id, month, *values in self.env.execute_query(SQL(
                """SELECT %s, %s, %s FROM %s
                    WHERE %s AND %s AND (%s, %s) IN %s ORDER BY %s, %s""",
                col("organization_id"), col("month"),
                SQL(", ").join(col(name) for name in figures), query.from_clause,
                query.where_clause, regular_held, col("organization_id"), col("month"),
                tuple(several), col("state"), col("id"),
            )):
                for values_list, value in zip(lists[org_id, month], values):
                    values_list.append(value)
            for key, values in lists.items():
                result[key] = result[key][:7] + values
        return result

    @api.model
    def _quarter_kept(self, quarter, kept_from):
        """Whether a quarter ends after the organisation's records start."""
        year, number = quarter
        return not kept_from or date(year, number * 3, 1) >= kept_from

    @api.model
    def _month_cell(self, group, due):
        """One month of one cell from its meetings (see _meeting_months): ``(status, state,
        count, attendance, speaking, score, rating, ballots_missing)``."""
        _them, count, first_state, held, late, approved, missing, atts, spks, scores, \
            ratings, officials = group
        if held == 1:
            # The usual month: one regular meeting held, maybe beside a draft.
            return ("late" if late else "held", "approved" if approved else "held", count,
                    round(atts, 1), round(spks, 1), round(scores, 1) if ratings else None,
                    officials or ratings or False, bool(missing))
        if held:
            rated = [s for s, r in zip(scores, ratings) if r]
            return ("late" if late else "held", "approved" if approved else "held", count,
                    round(sum(atts) / len(atts), 1), round(sum(spks) / len(spks), 1),
                    round(sum(rated) / len(rated), 1) if rated else None,
                    worst_rating([o or r for r, o in zip(ratings, officials) if o or r]),
                    bool(missing))
        if due:
            return ("missing", first_state or False, count, None, None, None, False, False)
        if count:
            return ("planned", first_state, count, None, None, None, False, False)
        return ("future", False, 0, None, None, None, False, False)

    @api.model
    def _overdue_tasks(self, cells, months):
        """Overdue tasks per (cell id, month of the deadline)."""
        if not months:
            return {}
        start = date(months[0]["year"], months[0]["month"], 1)
        end = date(months[-1]["year"], months[-1]["month"], 1) + relativedelta(months=1)
        groups = self.env["party.task"].with_context(party_today=self._today())._read_group(
            [("organization_id", "in", cells.ids), ("is_overdue", "=", True),
             ("deadline", ">=", start), ("deadline", "<", end)],
            ["organization_id", "deadline:month"], ["__count"],
        )
        return {(org.id, month.strftime("%Y-%m")): count for org, month, count in groups}

    @api.model
    def _visits(self, cells, months):
        """Visits per (cell id, year, month): (not cancelled, overdue). Optional model."""
        if "party.visit" not in self.env or not months:
            return {}
        Visit = self.env["party.visit"].with_context(party_today=self._today())
        years = sorted({m["year"] for m in months})
        wanted = {(m["year"], m["month"]) for m in months}
        base = [("organization_id", "in", cells.ids), ("year", "in", years),
                ("state", "!=", "cancelled")]
        result = {}
        for org, year, month, count in Visit._read_group(
                base, ["organization_id", "year", "month"], ["__count"]):
            if (year, month) in wanted:
                result[org.id, year, month] = (count, 0)
        for org, year, month, count in Visit._read_group(
                base + [("is_overdue", "=", True)], ["organization_id", "year", "month"],
                ["__count"]):
            if (org.id, year, month) in result:
                result[org.id, year, month] = (result[org.id, year, month][0], count)
        return result

    @api.model
    def _matrix_rows(self, cells, ancestors, data, months):
        """Rows in tree order: every readable ancestor as a heading, then its cells."""
        orgs = cells | ancestors
        # Column by column (mapped reads the cache in bulk): 2,000 rows field by field cost
        # a third of the matrix's time.
        names = dict(zip(orgs.ids, orgs.mapped("name")))
        paths = {org_id: [i for i in map(int, filter(None, path.split("/"))) if i in names]
                 for org_id, path in zip(orgs.ids, orgs.mapped("parent_path"))}
        rows = []
        for org_id, complete_name, org_type, is_cell, cluster in zip(
                orgs.ids, orgs.mapped("complete_name"), orgs.mapped("org_type"),
                orgs.mapped("is_cell"), [org.cluster_id.id for org in orgs]):
            ids = paths[org_id]
            rows.append({
                "id": org_id,
                "name": names[org_id],
                "complete_name": complete_name,
                "org_type": org_type,
                "is_cell": is_cell,
                "depth": len(ids) - 1,
                "parent_id": ids[-2] if len(ids) > 1 else False,
                "cluster_id": cluster,
                "sort": tuple((names[i].casefold(), i) for i in ids),
            })
        rows.sort(key=lambda r: r["sort"])
        by_id = {row["id"]: row for row in rows}
        for row in rows:
            row.pop("sort")
            if row["is_cell"]:
                row.update(data.get(row["id"], {"cells": {}, "totals": {}}))
            else:
                row["totals"] = defaultdict(float)
                row["cell_count"] = 0
        # Headings add up the cells below them.
        summed = ("held", "issues", "late", "missing", "planned", "due", "held_total",
                  "ballots_missing", "tasks_overdue", "visits", "visits_overdue")
        for cell_id in cells.ids:
            cell_totals = data[cell_id]["totals"]
            for anc in paths[cell_id][:-1]:
                heading = by_id[anc]
                heading["cell_count"] += 1
                for key in summed:
                    heading["totals"][key] += cell_totals.get(key, 0)
        for row in rows:
            if not row["is_cell"]:
                row["totals"] = dict(row["totals"])
        return rows

    @api.model
    def _quality_summary(self, organizations, date_from, date_to):
        """Quality summary of the cells under each organisation over a period.

        Returns ``{org id: {"rows": [cell row], "totals": {...}}}`` where a cell row holds
        the matrix totals plus task completion. A fixed number of queries for any number of
        organisations.
        """
        months = self._months(date_from, date_to)
        Org = self.env["party.organization"]
        cells = Org.search_fetch(
            [("id", "child_of", organizations.ids), ("is_cell", "=", True)],
            ["name", "complete_name", "parent_path", "meeting_day_to", "tz", "start_date"],
            order="complete_name",
        )
        data = self._matrix_data(cells, months)
        tasks = defaultdict(lambda: defaultdict(int))
        for org, state, count in self.env["party.task"]._read_group(
            [("organization_id", "in", cells.ids), ("deadline", ">=", date_from),
             ("deadline", "<=", date_to)],
            ["organization_id", "state"], ["__count"],
        ):
            tasks[org.id][state] += count
        overdue = defaultdict(int)
        for (org_id, _month), count in self._overdue_tasks(cells, months).items():
            overdue[org_id] += count
        result = {}
        for org in organizations:
            rows = []
            for cell in cells:
                if f"/{org.id}/" not in f"/{cell.parent_path}":
                    continue
                totals = dict(data[cell.id]["totals"])
                totals.update(
                    tasks_total=sum(tasks[cell.id].values()) - tasks[cell.id]["cancelled"],
                    tasks_done=tasks[cell.id]["done"],
                    tasks_overdue=overdue[cell.id],
                )
                rows.append({"cell": cell, "totals": totals})
            result[org.id] = {"rows": rows, "totals": self._sum_rows(rows)}
        return result

    @api.model
    def _sum_rows(self, rows):
        totals = defaultdict(float)
        weighted = defaultdict(list)
        for row in rows:
            for key, value in row["totals"].items():
                if key in ("attendance", "speaking", "score"):
                    if value is not None:
                        weighted[key].append(value)
                elif isinstance(value, (int, float)):
                    totals[key] += value
        for key in ("attendance", "speaking", "score"):
            values = weighted[key]
            totals[key] = round(sum(values) / len(values), 1) if values else None
        totals["cells"] = len(rows)
        return dict(totals)
