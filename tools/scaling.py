#!/usr/bin/env python3
"""How the budgets scale: the benchmark at several sizes of the province, in one table.

    python3 tools/scaling.py --template pc_base --sizes 0.1,0.5,1,2   # generates pc_scale_*
    python3 tools/scaling.py --db 0.1=pc_small --db 1=pc_bench          # existing datasets

A size is a multiple of the province (2,000 cells, 30,000 members). A database not given
with ``--db`` is copied from ``--template`` (a database where party_cell is installed) and
filled by tools/generate_dataset.py; it is kept for the next run (``--drop`` drops it).
Each size runs tools/benchmark.py (matrix, form, fees, cron) in turn, never two at once,
and the table gives wall seconds, the CPU seconds of the Odoo process (steadier on a shared
machine) and SQL queries per figure, with the machine's load average when the size was
measured.
"""

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
PROVINCE = {"cells": 2000, "members": 30000}
# benchmark.py's line names → column of the table.
FIGURES = {
    "compliance matrix": "matrix",
    "matrix screen payload": "matrix screen",
    "planning cron": "cron",
    "fee roll-up, whole year": "fee roll-up (year)",
    "meeting form read": "form read",
}
LINE = re.compile(r"^(?P<name>\S.*?)\s+(?P<seconds>\d+\.\d+) s\s+(?P<queries>\d+) queries"
                  r"(?:.*?CPU (?P<cpu>\d+\.\d+) s)?")


def load():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(command, log):
    """Run a tool, its output into ``log``; stop with its tail when it fails."""
    with open(log, "w") as out:
        result = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False)
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed; last lines of {log}:\n"
                 + "".join(open(log).readlines()[-15:]))
    return Path(log).read_text()


def database_exists(name):
    listed = subprocess.run(["psql", "-Atql"], capture_output=True, text=True, check=True)
    return name in {line.split("|", 1)[0] for line in listed.stdout.splitlines()}


def prepare(size, args, common):
    """The database of one size: given, already generated, or generated now."""
    if size in args.given:
        return args.given[size], "given"
    name = f"{args.prefix}{str(size).replace('.', '_')}"
    if database_exists(name):
        return name, "kept"
    if not args.template:
        sys.exit(f"no database for size {size}: give --db {size}=NAME or --template")
    subprocess.run(["createdb", "-T", args.template, name], check=True)
    cells, members = (round(PROVINCE[key] * size) for key in ("cells", "members"))
    print(f"generating {name}: {cells} cells, {members} members (load {load()})", flush=True)
    run([sys.executable, str(TOOLS / "generate_dataset.py"), "-d", name, "--cells", str(cells),
         "--members", str(members), *common], f"{args.logs}/generate-{name}.log")
    return name, "generated"


def measure(name, args, common):
    before = load()
    output = run([sys.executable, str(TOOLS / "benchmark.py"), "-d", name, "--runs",
                  str(args.runs), "--only", "matrix,form,fees,cron", *common],
                 f"{args.logs}/benchmark-{name}.log")
    figures = {}
    for text in output.splitlines():
        match = LINE.match(text)
        if not match:
            continue
        label = next((column for prefix, column in FIGURES.items()
                      if match["name"].startswith(prefix)), None)
        if label:
            figures[label] = (float(match["seconds"]), int(match["queries"]),
                              float(match["cpu"]) if match["cpu"] else None)
    header = next((t for t in output.splitlines() if t.startswith("Database ")), "")
    return figures, header, f"{before} → {load()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,0.5,1,2",
                        help="multiples of the province, comma-separated")
    parser.add_argument("--db", action="append", default=[], metavar="SIZE=NAME",
                        help="an existing dataset of that size (repeatable)")
    parser.add_argument("--template", help="database with party_cell installed, copied for "
                        "the sizes without --db")
    parser.add_argument("--prefix", default="pc_scale_", help="name of generated databases")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--drop", action="store_true", help="drop the generated databases")
    parser.add_argument("--logs", default=os.environ.get("TMPDIR", "/tmp"))
    parser.add_argument("--addons-path")
    args = parser.parse_args()
    args.given = {float(size): name for size, name in (d.split("=", 1) for d in args.db)}
    sizes = [float(s) for s in args.sizes.split(",")]
    common = ["--addons-path", args.addons_path] if args.addons_path else []

    results = []
    for size in sizes:
        name, origin = prepare(size, args, common)
        figures, header, machine = measure(name, args, common)
        print(f"{size:g}x {name} ({origin}): {header} (load {machine})", flush=True)
        results.append((size, figures, machine))
        if args.drop and origin == "generated":
            subprocess.run(["dropdb", name], check=True)

    columns = list(dict.fromkeys(FIGURES.values()))
    print("\n| size | " + " | ".join(columns) + " | load average (1, 5, 15 min) |")
    print("|---|" + "---|" * (len(columns) + 1))
    for size, figures, machine in results:
        cells = [(f"{figures[c][0]:.2f} s" + (f" ({figures[c][2]:.2f} CPU)" if figures[c][2]
                                               is not None else "") + f", {figures[c][1]} q")
                 if c in figures else "–" for c in columns]
        print(f"| {size:g}× ({round(PROVINCE['cells'] * size)} cells) | "
              + " | ".join(cells) + f" | {machine} |")


if __name__ == "__main__":
    main()
