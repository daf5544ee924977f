#!/usr/bin/env python3
"""Give the province dataset users of each role and today's meetings for the load test.

    python3 tools/loadtest/prepare_users.py -d pc_bench --secretaries 100 --members 300

Secretaries ``lt_sec_<n>`` (the secretary of the n-th largest cell), each with
``--planned`` meetings of their cell that started earlier today and wait for their roll
call and for being marked as held (topped up on every run); members ``lt_mem_<n>``
(present at a held meeting of the last 30 days whose ballot is still open, and not voted
there); committee officers ``lt_off_<n>``: the first ``--province-officers`` over the whole
province, the others each over one district committee. They share one password,
``--password`` (hashed once: Odoo's hash costs half a second of CPU by design, so that
hundreds of users would take minutes). Running it again reuses the users already there
and commits what it made.
"""

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _odoo_env import odoo_env, parser  # noqa: E402

# Today's meetings: 20 minutes each, every 30 minutes back from now, clear of the cell's
# other meetings (a cell holds one meeting at a time).
SLOT, LENGTH, SLOTS = timedelta(minutes=30), timedelta(minutes=20), 48
# Creating invitations without sending them: the preparation is not part of the load.
QUIET = {"no_mail_to_attendees": True, "dont_notify": True, "tracking_disable": True,
         "mail_create_nolog": True, "mail_notrack": True}


def user(env, login, group, employee=None):
    Users = env["res.users"].with_context(no_reset_password=True)
    found = Users.search([("login", "=", login)])
    if not found:
        found = Users.create({
            "name": employee.name if employee else login, "login": login,
            "groups_id": [(6, 0, [env.ref("base.group_user").id,
                                  env.ref(f"party_cell.{group}").id])],
        })
    if employee and employee.user_id != found:
        employee.user_id = found
    return found


def plan_today(env, cells, count):
    """``count`` planned meetings per cell that have started and are not held yet."""
    now = env.cr.now().replace(tzinfo=None, microsecond=0)
    Meeting = env["party.meeting"].with_context(**QUIET)
    taken = Meeting.search([
        ("organization_id", "in", cells.ids), ("state", "!=", "cancelled"),
        ("date_end", ">", now - SLOT * SLOTS), ("date_start", "<", now),
    ]).grouped("organization_id")
    vals_list = []
    for cell in cells:
        mine = taken.get(cell, Meeting)
        missing = count - len(mine.filtered(lambda m: m.state == "planned"))
        members = cell.member_ids
        chair = cell.secretary_id or members[:1]
        for step in range(1, SLOTS + 1):
            if missing <= 0:
                break
            start = now - SLOT * step
            if any(m.date_start < start + LENGTH and m.date_end > start for m in mine):
                continue
            vals_list.append({
                "organization_id": cell.id, "meeting_type": "extraordinary",
                "date_start": start, "date_end": start + LENGTH, "location": "Phòng họp tầng 2",
                "chair_id": chair.id, "minute_taker_id": (members - chair)[:1].id or chair.id,
            })
            missing -= 1
    meetings = Meeting.create(vals_list)
    meetings.action_plan()
    return meetings


def main():
    arg_parser = parser(__doc__.splitlines()[0])
    arg_parser.add_argument("--secretaries", type=int, default=100)
    arg_parser.add_argument("--planned", type=int, default=6,
                            help="started meetings waiting for each secretary (topped up)")
    arg_parser.add_argument("--members", type=int, default=300)
    arg_parser.add_argument("--officers", type=int, default=5)
    arg_parser.add_argument("--province-officers", type=int, default=1)
    arg_parser.add_argument("--password", default="loadtest")
    args = arg_parser.parse_args()
    with odoo_env(args) as (_odoo, env):
        # Statistics first: on a dataset just generated the planner still sees empty tables
        # and the query of members who have not voted runs for minutes (a third of a second
        # once analysed, 2,000 cells).
        env.cr.execute("ANALYZE party_meeting, party_meeting_attendance, party_member, "
                       "party_ballot, party_organization")
        env.cr.execute("""
            SELECT o.id FROM party_organization o
             WHERE o.is_cell AND o.active
          ORDER BY (SELECT count(*) FROM party_member p
                     WHERE p.organization_id = o.id) DESC, o.id
             LIMIT %s""", [args.secretaries])
        cells = env["party.organization"].browse([r[0] for r in env.cr.fetchall()])
        for n, cell in enumerate(cells):
            secretary = cell.secretary_id or cell.member_ids[:1]
            user(env, f"lt_sec_{n}", "group_party_secretary", secretary.employee_id)
        planned = plan_today(env, cells, args.planned)
        # The member's page lists the ballots of the last ballot_days_after days
        # (controllers/portal.py): members of those meetings only. Users made before stay
        # with their member.
        made = env["res.users"].search_count([("login", "=like", "lt\\_mem\\_%")])
        env.cr.execute("""
            WITH open_meetings AS (
                SELECT id FROM party_meeting
                 WHERE state IN ('held', 'approved') AND NOT coalesce(scoring_closed, false)
                   AND scheme_id IS NOT NULL AND date_start >= now() - interval '29 days')
            SELECT a.member_id FROM party_meeting_attendance a
              JOIN open_meetings m ON m.id = a.meeting_id
              JOIN party_member p ON p.id = a.member_id AND p.user_id IS NULL
                                  AND p.committee_role = 'member'
         LEFT JOIN party_ballot b ON b.meeting_id = a.meeting_id AND b.voter_id = a.member_id
             WHERE a.status = 'present' AND b.id IS NULL
          GROUP BY a.member_id ORDER BY a.member_id LIMIT %s""", [max(args.members - made, 0)])
        members = env["party.member"].browse([r[0] for r in env.cr.fetchall()])
        for n, member in enumerate(members, start=made):
            user(env, f"lt_mem_{n}", "group_party_member", member.employee_id)
        roots = env["party.organization"].search([("parent_id", "=", False)])
        districts = env["party.organization"].search(
            [("parent_id", "in", roots.ids), ("is_cell", "=", False)], order="id")
        for n in range(args.officers):
            officer = user(env, f"lt_off_{n}", "group_party_committee")
            scope = roots if n < args.province_officers else \
                districts[(n - args.province_officers) % len(districts)]
            scope.filtered(lambda o, u=officer: u not in o.committee_user_ids).write(
                {"committee_user_ids": [(4, officer.id)]})
        # The hash Odoo would store (same scheme and rounds, so a login costs what it does in
        # production), computed once for all of them.
        env.flush_all()
        env.cr.execute("UPDATE res_users SET password = %s WHERE login LIKE 'lt\\_%%'",
                       [env["res.users"]._crypt_context().hash(args.password)])
        # A command-line tool whose purpose is to leave these users in the database.
        env.cr.commit()
        env.cr.execute("ANALYZE party_meeting, party_meeting_attendance")
        print(f"{len(cells)} secretaries ({len(planned)} meetings planned for today), "
              f"{made + len(members)} members, {args.officers} officers "
              f"({args.province_officers} over the province)")


if __name__ == "__main__":
    main()
