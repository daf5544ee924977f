#!/usr/bin/env python3
"""Server side of the load test's writes, one at a time: time, queries, where they go.

    python3 tools/loadtest/profile_actions.py -d pc_bench [--profile]

As the load test's users (tools/loadtest/prepare_users.py): a secretary saves the 60-line
roll call of today's meeting as the form does (web_save with the form's specification), a
member submits a ballot as the member's page does. Each is run three times and rolled
back; prints the best time, the queries and the tables they write, and with --profile
the functions that take the time.
"""

import cProfile
import pstats
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _odoo_env import odoo_env, parser  # noqa: E402
from meeting_form_spec import FORM_SPEC  # noqa: E402

VERBOSE = int(__import__("os").environ.get("PROFILE_QUERY_CHARS", "400"))
WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.I)


def run(env, name, func, profile):
    best, queries, writes = None, 0, Counter()
    for attempt in range(3):
        env.invalidate_all()
        savepoint = env.cr.savepoint(flush=False)
        seen = []
        execute = env.cr.execute

        def logged(query, params=None, log_exceptions=True, _seen=seen, _execute=execute):
            start = time.perf_counter()
            result = _execute(query, params, log_exceptions)
            text = env.cr.mogrify(query, params).decode() if params or hasattr(query, "code") \
                else str(query)
            _seen.append((text, time.perf_counter() - start))
            return result
        env.cr.execute = logged
        profiler = cProfile.Profile() if profile and attempt == 2 else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        func()
        env.flush_all()
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - start
        env.cr.execute = execute
        savepoint.rollback()
        savepoint.close(rollback=False)
        env.invalidate_all()
        if best is None or elapsed < best:
            best = elapsed
        queries = len(seen)
        writes = Counter(f"{m.group(1).split()[0].upper()} {m.group(2)}"
                         for m in (WRITE.match(q) for q, _t in seen) if m)
        slowest = sorted(seen, key=lambda q: -q[1])[:3]
    print(f"{name}: {best * 1000:.0f} ms, {queries} queries "
          f"({sum(t for _q, t in seen) * 1000:.0f} ms in SQL); writes: "
          + ", ".join(f"{k} ×{v}" for k, v in writes.most_common()))
    for query, seconds in slowest:
        print(f"  {seconds * 1000:6.0f} ms  {' '.join(query.split())[:VERBOSE]}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main():
    arg_parser = parser(__doc__.splitlines()[0])
    arg_parser.add_argument("--profile", action="store_true")
    args = arg_parser.parse_args()
    with odoo_env(args) as (_odoo, env):
        secretary = env["res.users"].search([("login", "=", "lt_sec_0")])
        sec_env = env(user=secretary.id, su=False)
        meeting = sec_env["party.meeting"].search([("state", "=", "planned")], limit=1,
                                                  order="date_start")
        lines = meeting.attendance_ids.filtered(lambda a: a.status != "exempt")
        commands = [[1, line.id, {"status": "present" if i % 6 else "excused",
                                  "speaking_turns": i % 3 if i % 6 else 0,
                                  "reason": False if i % 6 else "Đi công tác"}]
                    for i, line in enumerate(lines)]
        run(sec_env, f"save roll call ({len(lines)} lines)",
            lambda: meeting.web_save({"attendance_ids": commands}, FORM_SPEC), args.profile)

        member = env["res.users"].search([("login", "=", "lt_mem_0")])
        mem_env = env(user=member.id, su=False)
        own = mem_env.user._party_own_members()
        line = env["party.meeting.attendance"].search([
            ("member_id", "in", own.ids), ("status", "=", "present"),
            ("meeting_id.state", "in", ("held", "approved")),
            ("meeting_id.scoring_closed", "=", False)], limit=1)

        def submit():
            # What controllers/portal.py does with the member's form.
            ballot = mem_env["party.ballot"].sudo()._for_voters(
                "member", [(line.meeting_id, line.member_id)])
            for score in ballot.line_ids.filtered(lambda s: not s.is_auto):
                score.points = score.max_points
            ballot.comment = "Sinh hoạt đúng giờ."
            ballot.action_submit()
        run(mem_env, f"submit ballot ({len(line.meeting_id.scheme_id.criterion_ids)} criteria)",
            submit, args.profile)


if __name__ == "__main__":
    main()
