#!/usr/bin/env python3
"""After a load test: what must hold in the database, whatever the load and the nodes.

    python3 tools/loadtest/check_writes.py -d pc_bench --writes .build/loadtest/writes.json

Prints one line per check and exits 1 when any fails: no two ballots of one voter for one
meeting and role, no document number twice in its book (minutes, resolutions), and every
write the server acknowledged to the load test (tools/loadtest/locustfile.py,
LOADTEST_WRITES) found as acknowledged: the last roll call saved of each meeting, the tasks
added, the meetings marked as held, the ballots submitted. Reads only.
"""

import argparse
import json
import os
import sys

import psycopg2

CHECKS = {
    "duplicate ballots": """
        SELECT count(*) FROM (SELECT 1 FROM party_ballot
                               GROUP BY meeting_id, voter_employee_id, role
                              HAVING count(*) > 1) d""",
    "duplicate minutes numbers": """
        SELECT count(*) FROM (SELECT 1 FROM party_meeting WHERE minutes_number IS NOT NULL
                               GROUP BY organization_id, number_period, minutes_number
                              HAVING count(*) > 1) d""",
    "duplicate resolution numbers": """
        SELECT count(*) FROM (SELECT 1 FROM party_meeting WHERE resolution_number IS NOT NULL
                               GROUP BY organization_id, number_period, resolution_number
                              HAVING count(*) > 1) d""",
}


def lost_writes(cr, writes):
    """Acknowledged writes missing from the database, per kind."""
    lost = {}
    lines = {int(line_id): tuple(value) for roll_call in writes["roll_calls"].values()
             for line_id, value in roll_call.items()}
    cr.execute("SELECT id, status, speaking_turns FROM party_meeting_attendance "
               "WHERE id = ANY(%s)", [list(lines)])
    found = {row[0]: tuple(row[1:]) for row in cr.fetchall()}
    lost["roll-call lines"] = (sum(found.get(i) != v for i, v in lines.items()), len(lines))
    tasks = {task_id: meeting_id for meeting_id, task_id in writes["tasks"]}
    cr.execute("SELECT id, meeting_id FROM party_task WHERE id = ANY(%s)", [list(tasks)])
    found = dict(cr.fetchall())
    lost["tasks"] = (sum(found.get(i) != m for i, m in tasks.items()), len(tasks))
    cr.execute("SELECT count(*) FROM party_meeting WHERE id = ANY(%s) "
               "AND state IN ('held', 'approved')", [writes["held"]])
    lost["meetings held"] = (len(set(writes["held"])) - cr.fetchone()[0], len(writes["held"]))
    cr.execute("""
        SELECT count(*) FROM party_ballot b JOIN res_users u ON u.id = b.voter_user_id
         WHERE b.state = 'submitted' AND b.role = 'member'
           AND (b.meeting_id, u.login) IN (SELECT * FROM unnest(%s::int[], %s::text[]))""",
               [[m for m, _l in writes["ballots"]], [login for _m, login in writes["ballots"]]])
    lost["ballots"] = (len(writes["ballots"]) - cr.fetchone()[0], len(writes["ballots"]))
    return lost


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--writes", help="the load test's LOADTEST_WRITES file")
    parser.add_argument("--db_host", default=os.environ.get("PGHOST"))
    parser.add_argument("--db_port", default=os.environ.get("PGPORT"))
    parser.add_argument("--db_user", default=os.environ.get("PGUSER"))
    args = parser.parse_args()
    failed = False
    with psycopg2.connect(dbname=args.database, host=args.db_host, port=args.db_port,
                          user=args.db_user) as conn, conn.cursor() as cr:
        for name, query in CHECKS.items():
            cr.execute(query)
            count = cr.fetchone()[0]
            failed |= bool(count)
            print(f"{name}: {count}")
        if args.writes:
            with open(args.writes, encoding="utf-8") as data:
                writes = json.load(data)
            for name, (count, total) in lost_writes(cr, writes).items():
                failed |= bool(count)
                print(f"lost {name}: {count} of {total} acknowledged")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
