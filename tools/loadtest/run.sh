#!/usr/bin/env bash
# Load test on a province dataset: Odoo in prefork mode as in production (2 HTTP workers,
# one cron thread, the long-polling port), one or two nodes over the same database and
# filestore, Locust driving the web client's JSON-RPC as secretaries, members and officers.
#
#   DB=pc_bench bash tools/loadtest/run.sh                  # 10, 50 and 100 users, one node
#   DB=pc_bench NODES=2 USERS="50" bash tools/loadtest/run.sh  # two nodes, requests alternate
#
# Environment: DB (required), USERS ("10 50 100"), RUN_TIME (60s per run), NODES (1 or 2),
# PORTS ("8069 8070": HTTP port of each node), GEVENT_PORTS ("8072 8073"), WORKERS (2),
# MAX_REQUESTS (20000 per run), PREPARE=0 to skip creating the test users, CLASSES (the
# Locust user classes, default "Secretary Member Officer").
# Everything targets 127.0.0.1; each run stops after RUN_TIME or MAX_REQUESTS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/../../scripts/lib.sh"

db=${DB:?DB=<database with the province dataset>}
read -r -a ports <<<"${PORTS:-8069 8070}"
read -r -a gevent_ports <<<"${GEVENT_PORTS:-8072 8073}"
nodes=${NODES:-1}
venv="$build/loadtest-venv"

require_setup
prepare_odoo
if [ ! -x "$venv/bin/locust" ]; then
    say "installing Locust into $venv (its own virtualenv: its Flask would not suit Odoo)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q -r "$here/requirements.txt"
fi
if [ "${PREPARE:-1}" = 1 ]; then
    python3 "$here/prepare_users.py" -d "$db" --db_host="$pg_host" --db_port="$pg_port" \
        --db_user="$pg_user"
fi

pids=()
stop_nodes() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_nodes EXIT

hosts=()
for ((i = 0; i < nodes; i++)); do
    log="$build/loadtest-node$i.log"
    # The nodes share the database and --data-dir (filestore and sessions), as nodes behind
    # one proxy do; each has its own workers and cron thread.
    "${odoo_bin[@]}" "${odoo_args[@]}" -d "$db" --db-filter="^$db\$" --no-database-list \
        --workers="${WORKERS:-2}" --max-cron-threads=1 --http-interface=127.0.0.1 \
        --http-port="${ports[$i]}" --gevent-port="${gevent_ports[$i]}" \
        --limit-time-real=300 --limit-memory-soft=2147483648 \
        --limit-memory-hard=2684354560 --log-level=warn --logfile="$log" &
    pids+=("$!")
    hosts+=("http://127.0.0.1:${ports[$i]}")
done
for host in "${hosts[@]}"; do
    for _i in $(seq 120); do
        curl -sf "$host/web/health" >/dev/null && break
        sleep 1
    done
    curl -sf "$host/web/health" >/dev/null || die "Odoo did not answer on $host"
done
say "Odoo up on ${hosts[*]} (${WORKERS:-2} workers each)"

for users in ${USERS:-10 50 100}; do
    say "Locust: $users users for ${RUN_TIME:-60s} on ${hosts[*]}"
    # shellcheck disable=SC2086 # CLASSES: several class names
    LOADTEST_DB=$db LOADTEST_HOSTS=$(IFS=,; echo "${hosts[*]}") \
    LOADTEST_MAX_REQUESTS=${MAX_REQUESTS:-20000} \
        "$venv/bin/locust" -f "$here/locustfile.py" --headless --only-summary \
        -u "$users" -r "$(( users > 10 ? users / 5 : users ))" --run-time "${RUN_TIME:-60s}" \
        --stop-timeout 10 ${CLASSES:-Secretary Member Officer} 2>&1 | grep -A100 '^LOADTEST' || true
done

# What must never happen, whatever the load: two ballots of one voter for one meeting and
# role, two minutes with one number in a cell and year.
psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$db" -Atc "
    SELECT 'duplicate ballots: ' || count(*) FROM (
        SELECT 1 FROM party_ballot GROUP BY meeting_id, voter_id, role HAVING count(*) > 1) d;
    SELECT 'duplicate minutes numbers: ' || count(*) FROM (
        SELECT 1 FROM party_meeting WHERE minutes_number IS NOT NULL
         GROUP BY organization_id, minutes_number HAVING count(*) > 1) d;"
