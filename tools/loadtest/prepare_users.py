#!/usr/bin/env python3
"""Give the province dataset users of each role for the load test (committed, run once).

    python3 tools/loadtest/prepare_users.py -d pc_bench --secretaries 100 --members 300

Secretaries ``lt_sec_<n>`` (the secretary of the n-th largest cell that has a held meeting),
members ``lt_mem_<n>`` (members present at a held meeting who have not voted there) and
committee officers ``lt_off_<n>`` over the whole tree; the password of each is its login.
Running it again reuses the users already there.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _odoo_env import odoo_env, parser  # noqa: E402


def user(env, login, group, employee=None):
    Users = env["res.users"].with_context(no_reset_password=True)
    found = Users.search([("login", "=", login)])
    if not found:
        found = Users.create({
            "name": employee.name if employee else login, "login": login, "password": login,
            "groups_id": [(6, 0, [env.ref("base.group_user").id,
                                  env.ref(f"party_cell.{group}").id])],
        })
    if employee and employee.user_id != found:
        employee.user_id = found
    return found


def main():
    arg_parser = parser(__doc__.splitlines()[0])
    arg_parser.add_argument("--secretaries", type=int, default=100)
    arg_parser.add_argument("--members", type=int, default=300)
    arg_parser.add_argument("--officers", type=int, default=5)
    args = arg_parser.parse_args()
    with odoo_env(args) as (_odoo, env):
        # Statistics first: on a dataset just generated the planner still sees empty tables
        # and the query of members who have not voted runs for minutes (a third of a second
        # once analysed, 2,000 cells).
        env.cr.execute("ANALYZE party_meeting, party_meeting_attendance, party_member, "
                       "party_ballot, party_organization")
        env.cr.execute("""
            SELECT o.id FROM party_organization o
              JOIN party_meeting m ON m.organization_id = o.id AND m.state = 'held'
             WHERE o.is_cell AND o.active
          GROUP BY o.id ORDER BY (SELECT count(*) FROM party_member p
                                   WHERE p.organization_id = o.id) DESC, o.id
             LIMIT %s""", [args.secretaries])
        cells = env["party.organization"].browse([r[0] for r in env.cr.fetchall()])
        for n, cell in enumerate(cells):
            secretary = cell.secretary_id or cell.member_ids[:1]
            user(env, f"lt_sec_{n}", "group_party_secretary", secretary.employee_id)
        env.cr.execute("""
            WITH open_meetings AS (
                SELECT id FROM party_meeting
                 WHERE state = 'held' AND NOT coalesce(scoring_closed, false))
            SELECT a.member_id FROM party_meeting_attendance a
              JOIN open_meetings m ON m.id = a.meeting_id
              JOIN party_member p ON p.id = a.member_id AND p.user_id IS NULL
                                  AND p.committee_role = 'member'
         LEFT JOIN party_ballot b ON b.meeting_id = a.meeting_id AND b.voter_id = a.member_id
             WHERE a.status = 'present' AND b.id IS NULL
          GROUP BY a.member_id ORDER BY a.member_id LIMIT %s""", [args.members])
        members = env["party.member"].browse([r[0] for r in env.cr.fetchall()])
        for n, member in enumerate(members):
            user(env, f"lt_mem_{n}", "group_party_member", member.employee_id)
        roots = env["party.organization"].search([("parent_id", "=", False)])
        for n in range(args.officers):
            officer = user(env, f"lt_off_{n}", "group_party_committee")
            roots.filtered(lambda o, u=officer: u not in o.committee_user_ids).write(
                {"committee_user_ids": [(4, officer.id)]})
        # A command-line tool whose purpose is to leave these users in the database.
        env.cr.commit()
        print(f"{len(cells)} secretaries, {len(members)} members, {args.officers} officers")


if __name__ == "__main__":
    main()
