#!/usr/bin/env python3
"""Measure the performance budgets of the design on a generated dataset.

    python3 tools/generate_dataset.py -d pc_bench      # once: 2,000 cells, 30,000 members
    python3 tools/benchmark.py -d pc_bench

One line per budget: best wall time of a few runs and the SQL queries of one run; for the
compliance matrix also a hand-written SQL aggregate on the same tables and the ratio.
Everything runs in a transaction that is rolled back, except the creation of the committee
officer ``bench_officer`` who manages the whole tree (committed once).
"""

import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _odoo_env import odoo_env, parser  # noqa: E402
from fee_dataset import generate_fees  # noqa: E402
from meeting_form_spec import FORM_SPEC  # noqa: E402

BUDGETS = {
    "compliance matrix": 1.0, "XLSX quality summary": 5.0, "XLSX compliance matrix": 5.0,
    "planning cron": 10.0, "minutes PDF": 2.0, "fee roll-up, one month": 1.0,
    "fee roll-up, whole year": 1.0,
}
# Hand-written equivalent of the matrix's grouped reads (meetings, overdue tasks, cells).
SQL_MATRIX = [
    """SELECT id, name, complete_name, parent_path, org_type, cluster_id, company_id,
              meeting_day_to
         FROM party_organization WHERE is_cell AND active""",
    """SELECT m.organization_id, m.month, m.meeting_type, m.state, count(*),
              bool_and(m.is_late), bool_or(m.is_thematic),
              array_agg(m.attendance_rate ORDER BY m.id), array_agg(m.speaking_rate ORDER BY m.id),
              array_agg(m.score ORDER BY m.id), array_agg(m.rating ORDER BY m.id),
              array_agg(m.official_rating ORDER BY m.id), bool_or(m.ballots_missing)
         FROM party_meeting m JOIN party_organization o ON o.id = m.organization_id
        WHERE o.is_cell AND o.active AND m.month = ANY(%(months)s)
          AND m.meeting_type IN ('regular', 'thematic') AND m.state != 'cancelled'
     GROUP BY m.organization_id, m.month, m.meeting_type, m.state""",
    """SELECT t.organization_id, date_trunc('month', t.deadline), count(*)
         FROM party_task t
        WHERE t.state = 'open' AND t.deadline < %(today)s
          AND t.deadline >= %(start)s AND t.deadline <= %(end)s
     GROUP BY 1, 2""",
]


# CPU time of this process in the best run of the last measure(), printed by line(): on a
# machine shared with other jobs the wall time mostly says how busy the machine was.
LAST_CPU = {"seconds": None}


def measure(env, func, runs=3, rollback=True):
    """Best time over ``runs`` and the queries of the last run; rolls back each run."""
    times = []
    queries = 0
    result = None
    for _i in range(runs):
        env.invalidate_all()
        savepoint = env.cr.savepoint(flush=False) if rollback else None
        before = env.cr.sql_log_count
        start, cpu_start = time.perf_counter(), time.process_time()
        result = func()
        env.flush_all()
        times.append(time.perf_counter() - start)
        if times[-1] == min(times):
            LAST_CPU["seconds"] = time.process_time() - cpu_start
        queries = env.cr.sql_log_count - before
        if savepoint:
            savepoint.rollback()
            savepoint.close(rollback=False)
            env.invalidate_all()
    return min(times), queries, result, times


def line(name, seconds, queries, extra=""):
    budget = BUDGETS.get(name)
    verdict = "" if budget is None else ("ok" if seconds <= budget else "OVER")
    budget_text = f"≤ {budget:g} s" if budget else "constant queries"
    cpu = LAST_CPU["seconds"]
    cpu_text = f"CPU {cpu:.3f} s; " if cpu is not None else ""
    print(f"{name:<26} {seconds:8.3f} s {queries:7d} queries   budget {budget_text:<16} "
          f"{verdict:<4} {cpu_text}{extra}", flush=True)


def serve_http(odoo):
    """Start Odoo's HTTP server in this process on a free local port; return the port."""
    import socket  # noqa: PLC0415

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    odoo.tools.config["http_interface"] = "127.0.0.1"
    odoo.tools.config["http_port"] = port
    odoo.service.server.ThreadedServer(odoo.http.root).http_spawn()
    time.sleep(1)
    return port


def bench_officer(env):
    """A committee officer managing every top organisation, created once."""
    user = env["res.users"].search([("login", "=", "bench_officer")])
    roots = env["party.organization"].search([("parent_id", "=", False)])
    if not user:
        user = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Benchmark Officer", "login": "bench_officer",
            "group_ids" if "group_ids" in env["res.users"]._fields else "groups_id": [
                (4, env.ref("base.group_user").id),
                (4, env.ref("party_cell.group_party_committee").id)],
        })
    missing = roots.filtered(lambda o: user not in o.committee_user_ids)
    if missing:
        missing.write({"committee_user_ids": [(4, user.id)]})
    # A command-line tool: the benchmark user must outlive this run (measurements roll back).
    env.cr.commit()
    return user


def main():
    arg_parser = parser(__doc__.splitlines()[0])
    arg_parser.add_argument("--year", type=int, help="year of the matrix (default: this one)")
    arg_parser.add_argument("--runs", type=int, default=3)
    arg_parser.add_argument("--skip-pdf", action="store_true")
    arg_parser.add_argument("--only", help="comma-separated parts to run: matrix, xlsx, form, "
                            "ballot, fees, cron, pdf (default: all)")
    args = arg_parser.parse_args()
    parts = set(args.only.split(",")) if args.only else {
        "matrix", "xlsx", "form", "ballot", "fees", "cron", "pdf"}
    if args.skip_pdf:
        parts.discard("pdf")
    with odoo_env(args) as (odoo, env):
        from odoo import fields  # noqa: PLC0415

        officer = bench_officer(env)
        today = fields.Date.context_today(env.user)
        year = args.year or today.year
        date_from, date_to = f"{year}-01-01", f"{year}-12-31"
        cells = env["party.organization"].search_count([("is_cell", "=", True)])
        meetings = env["party.meeting"].search_count([("year", "=", year)])
        print(f"Database {args.database}: {cells} cells, {meetings} meetings in {year}, "
              f"{env['party.member'].search_count([])} members, "
              f"{env['party.meeting.attendance'].search_count([])} attendance lines, "
              f"{env['party.ballot'].search_count([])} ballots", flush=True)
        officer_env = env(user=officer.id)
        if "matrix" in parts:
            bench_matrix(env, officer_env, today, date_from, date_to, args.runs)
        if "xlsx" in parts:
            bench_xlsx(officer_env, year, date_from, date_to)
        big, printable = largest_meetings(env)
        if big and "form" in parts:
            bench_form(env, officer_env, big, args.runs)
        if big and "ballot" in parts:
            bench_ballot(env, big, args.runs)
        if "fees" in parts:
            bench_fees(env, officer_env, today, year, date_from, date_to, args.runs)
        if "cron" in parts:
            bench_cron(env)
        if printable and "pdf" in parts:
            bench_pdf(odoo, env, printable, args.runs)
        env.cr.rollback()


def bench_matrix(env, officer_env, today, date_from, date_to, runs):
    """Compliance matrix as the officer (record rules apply), after one warm-up run; the
    screen's compact payload beside it."""
    Matrix = officer_env["party.compliance.matrix"]
    Matrix.get_matrix(date_from, date_to, {})
    seconds, queries, matrix, _times = measure(
        officer_env, lambda: Matrix.get_matrix(date_from, date_to, {}), runs=runs)
    rows = sum(1 for r in matrix["rows"] if r["is_cell"])
    months = [m["key"] for m in matrix["months"]]
    params = {"months": months, "today": today, "start": date_from, "end": date_to}
    sql_times = []
    for _i in range(runs):
        start = time.perf_counter()
        for query in SQL_MATRIX:
            env.cr.execute(query, params)
            env.cr.fetchall()
        sql_times.append(time.perf_counter() - start)
    sql_time = min(sql_times)
    line("compliance matrix", seconds, queries,
         f"{rows} cells x {len(months)} months; SQL GROUP BY {sql_time:.3f} s, "
         f"ratio {seconds / sql_time:.1f}x (budget 3x); "
         f"{len(json.dumps(matrix, default=str)) // 1024} KB of JSON")
    if hasattr(Matrix, "get_matrix_screen"):
        seconds, queries, screen, _times = measure(
            officer_env, lambda: Matrix.get_matrix_screen(date_from, date_to, {}), runs=runs)
        line("matrix screen payload", seconds, queries,
             f"{len(json.dumps(screen, default=str)) // 1024} KB of JSON (budget 1024 KB)")


def bench_xlsx(officer_env, year, date_from, date_to):
    roots = officer_env["party.organization"].search([("parent_id", "=", False)])
    Report = officer_env["ir.actions.report"]
    seconds, queries, content, _times = measure(officer_env, lambda: Report._render_xlsx(
        "party_cell.action_report_quality_summary_xlsx", roots.ids, {"year": year})[0],
        runs=2)
    line("XLSX quality summary", seconds, queries, f"{len(content) // 1024} KB")
    seconds, queries, content, _times = measure(officer_env, lambda: Report._render_xlsx(
        "party_cell.action_report_compliance_matrix_xlsx", None,
        {"date_from": date_from, "date_to": date_to})[0], runs=2)
    line("XLSX compliance matrix", seconds, queries, f"{len(content) // 1024} KB")


def largest_meetings(env):
    """The largest held or approved meeting (60 lines), and one that prints minutes."""
    Line = env["party.meeting.attendance"]
    held = [("meeting_id.state", "in", ("held", "approved"))]
    # Approved meetings print their numbered minutes; older datasets may lack numbers.
    largest = [m for m, _c in Line._read_group(
        held, ["meeting_id"], ["__count"], having=[("__count", ">=", 55)],
        order="__count desc")]
    big = largest[0] if largest else None
    printable = next((m for m in largest if m.minutes_number or m.state == "held"), None)
    return big, printable


def bench_form(env, officer_env, big, runs):
    """Meeting form read with 60 roll-call lines, and with 10 for comparison."""
    Meeting = officer_env["party.meeting"]
    Line = env["party.meeting.attendance"]
    held = [("meeting_id.state", "in", ("held", "approved"))]
    small = next((m for m, _c in Line._read_group(
        held, ["meeting_id"], ["__count"], having=[("__count", "=", 10)], limit=1)), None)
    Meeting.browse(big.id).web_read(FORM_SPEC)
    extra = ""
    if small:
        _s, small_queries, _r, _t = measure(
            officer_env, lambda: Meeting.browse(small.id).web_read(FORM_SPEC), runs=1)
        extra = f"same read with 10 lines: {small_queries} queries"
    seconds, queries, _res, _times = measure(
        officer_env, lambda: Meeting.browse(big.id).web_read(FORM_SPEC), runs=runs)
    line(f"meeting form read ({len(big.attendance_ids)})", seconds, queries, extra)


def bench_ballot(env, big, runs):
    """Ballot submission by a member present at the 60-line meeting."""
    meeting = env["party.meeting"].browse(big.id)
    voted = meeting.ballot_ids.voter_id
    voter = meeting.attendance_ids.filtered(
        lambda a: a.status == "present" and a.member_id not in voted)[:1].member_id

    def submit():
        ballot = env["party.ballot"].create({
            "meeting_id": meeting.id, "voter_id": voter.id, "role": "member"})
        ballot.action_submit()
        return ballot
    if voter and not meeting.scoring_closed:
        seconds, queries, _res, _times = measure(env, submit, runs=runs)
        line("ballot submission", seconds, queries,
             f"{len(meeting.scheme_id.criterion_ids)} criteria")


def bench_fees(env, officer_env, today, year, date_from, date_to, runs):
    """The roll-up of every cell's collection (the committee fee book's and the XLSX's
    data), as the officer, one month and the whole year. Fees are inserted first (rolled
    back with the rest) when the dataset has none for the year."""
    roots = officer_env["party.organization"].search([("parent_id", "=", False)])
    Line = officer_env["party.fee.line"]
    fee_lines = env["party.fee.line"].search_count([("month", ">=", date_from),
                                                    ("month", "<=", date_to)])
    if not fee_lines:
        start = time.perf_counter()
        fee_lines = generate_fees(env, year)
        print(f"(inserted {fee_lines} fee lines in {time.perf_counter() - start:.1f} s)",
              flush=True)
    month = date(year, min(today.month, 12) if year == today.year else 12, 1)
    for label, first in (("fee roll-up, one month", month),
                         ("fee roll-up, whole year", date(year, 1, 1))):
        last = month if first == month else date(year, 12, 1)
        seconds, queries, rollup, _times = measure(
            officer_env, lambda first=first, last=last: Line._rollup(roots, first, last),
            runs=runs)
        line(label, seconds, queries,
             f"{len(rollup)} cells, {fee_lines} lines in the year, "
             f"{sum(r['paid'] for r in rollup.values()):,.0f} đồng collected")


def bench_cron(env):
    """Monthly planning for every cell (creates next month's drafts; rolled back), batch
    after batch as the scheduler calls it (each batch its own transaction there)."""
    Cron = env["party.meeting"]

    def plan_all():
        planned = Cron.browse()
        while batch := Cron._cron_plan_next_month():
            planned |= batch
        return planned
    seconds, queries, planned, _times = measure(env, plan_all, runs=1)
    line("planning cron", seconds, queries, f"{len(planned)} meetings planned")


def bench_pdf(odoo, env, printable, runs):
    """Minutes PDF of the 60-line meeting (wkhtmltopdf)."""
    # wkhtmltopdf fetches the report assets over HTTP: serve them from this process.
    port = serve_http(odoo)
    env["ir.config_parameter"].set_param("report.url", f"http://127.0.0.1:{port}")
    Report = env["ir.actions.report"].with_context(force_report_rendering=True)
    # Every run rolled back, the first too: approved minutes are stored once printed.
    measure(env, lambda: Report._render_qweb_pdf(
        "party_cell.action_report_meeting_minutes", [printable.id]), runs=1)
    seconds, queries, pdf, times = measure(env, lambda: Report._render_qweb_pdf(
        "party_cell.action_report_meeting_minutes", [printable.id])[0], runs=runs)
    line("minutes PDF", seconds, queries,
         f"{len(printable.attendance_ids)} lines, {len(pdf) // 1024} KB, "
         f"median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
