#!/usr/bin/env python3
"""Build a province-scale party organisation on a database where party_cell is installed.

    python3 tools/generate_dataset.py -d pc_bench                 # 2,000 cells, 30,000 members
    python3 tools/generate_dataset.py -d pc_test --preset small    # 20 cells, 300 members
    python3 tools/generate_dataset.py -d pc_bench --secretary-users-only   # then a user each

Prints the time of each phase. The data are committed at the end (nothing on error).
"""

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _odoo_env import odoo_env, parser  # noqa: E402


def main():
    arg_parser = parser(__doc__.splitlines()[0])
    arg_parser.add_argument("--preset", choices=["small", "province"])
    arg_parser.add_argument("--cells", type=int)
    arg_parser.add_argument("--members", type=int)
    arg_parser.add_argument("--months", type=int)
    arg_parser.add_argument("--seed", type=int, default=1)
    arg_parser.add_argument("--secretary-users-only", action="store_true",
                            help="generate nothing; give every cell's secretary a user of their "
                            "own, as in production (the reminders then go to 2,000 people)")
    arg_parser.add_argument("--prefix", default="DS",
                            help="name prefix of the upper committee (several datasets per db)")
    args = arg_parser.parse_args()
    with odoo_env(args) as (odoo, env):
        from odoo.addons.party_cell.tools import dataset  # noqa: PLC0415

        if args.secretary_users_only:
            secretary_users(env)
            return
        sizes = dict(dataset.PRESETS[args.preset or "province"])
        for key in ("cells", "members", "months"):
            if getattr(args, key):
                sizes[key] = getattr(args, key)
        logging.getLogger("odoo.addons.party_cell.tools.dataset").setLevel(logging.INFO)
        print(f"Generating {sizes} on {args.database}", flush=True)
        result = dataset.generate(env, seed=args.seed, prefix=args.prefix,
                                  log=lambda line: print(line, flush=True), **sizes)
        # A command-line tool whose whole purpose is to leave the dataset in the database.
        env.cr.commit()
        # Fresh statistics: without them the planner keeps the empty tables' estimates and
        # picks nested loops over hundreds of thousands of rows (the load test's query of
        # members who have not voted took ten minutes instead of a third of a second).
        env.cr.execute("ANALYZE")
        env.cr.commit()
        print(f"Done: {len(result['cells'])} cells, {result['members']} members, "
              f"{result['meetings']} meetings, {result['attendance']} attendance lines, "
              f"{result['tasks']} tasks, {result['ballots']} ballots "
              f"({result['ballot_lines']} lines) in {result['seconds']:.1f} s")


def secretary_users(env):
    """A user for every cell secretary who has none (the generator's reminders otherwise go
    to the administrator), committed."""
    secretaries = env["party.organization"].search([("is_cell", "=", True)]).secretary_id
    secretaries = secretaries.filtered(lambda member: not member.user_id)
    group = env.ref("party_cell.group_party_secretary")
    users = env["res.users"].with_context(no_reset_password=True).create([
        {"name": member.name, "login": f"secretary_{member.id}", "groups_id": [(4, group.id)]}
        for member in secretaries
    ])
    for member, user in zip(secretaries, users):
        member.employee_id.user_id = user
    # A command-line tool whose whole purpose is to leave the users in the database.
    env.cr.commit()
    print(f"{len(users)} secretaries got a user")


if __name__ == "__main__":
    main()
