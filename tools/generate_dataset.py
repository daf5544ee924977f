#!/usr/bin/env python3
"""Build a province-scale party organisation on a database where party_cell is installed.

    python3 tools/generate_dataset.py -d pc_bench                 # 2,000 cells, 30,000 members
    python3 tools/generate_dataset.py -d pc_test --preset small    # 20 cells, 300 members

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
    arg_parser.add_argument("--prefix", default="DS",
                            help="name prefix of the upper committee (several datasets per db)")
    args = arg_parser.parse_args()
    with odoo_env(args) as (odoo, env):
        from odoo.addons.party_cell.tools import dataset  # noqa: PLC0415

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


if __name__ == "__main__":
    main()
