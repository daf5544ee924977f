#!/usr/bin/env bash
# Load test on a province dataset: Odoo in prefork mode as in production (HTTP workers,
# one cron thread, the long-polling process on the gevent port, time and memory limits, a
# bounded database pool), one or two nodes over the same database and filestore, Locust
# driving the login page, the web client's JSON-RPC and the members' pages as secretaries,
# members and officers.
#
#   DB=pc_bench bash tools/loadtest/run.sh                           # 10, 50, 100 users
#   TEMPLATE=pc_province DB=lt_load bash tools/loadtest/run.sh       # each run on a fresh copy
#   DB=pc_bench NODES=2 USERS="50" bash tools/loadtest/run.sh        # two nodes, alternating
#
# Environment: DB (required), TEMPLATE (copy it into DB before each run, with its filestore:
# every run then starts from the same data; DB is dropped and recreated), USERS ("10 50
# 100"), RUN_TIME (180s per run), SPAWN_RATE (users started a second, 1), NODES (1 or 2),
# PORTS ("8069 8070": HTTP port of each node), GEVENT_PORTS ("8072 8073"), WORKERS (2),
# DB_MAXCONN (8 per Odoo process), LIMIT_TIME_CPU (60), LIMIT_TIME_REAL (300: an HTTP
# request), LIMIT_TIME_REAL_CRON (1800: a cron job; the reminders of a province's meetings
# run for minutes, and a job killed by the limit is rolled back and starts over),
# MAX_REQUESTS (20000 per run), THINK (1: scales the users' pauses), PREPARE=0 to skip
# creating the users and today's meetings, CLASSES (default "Secretary Member Officer"),
# LOG_DIR (.build/loadtest: the output of each run, the nodes' logs, the writes checked).
# Everything targets 127.0.0.1; each run stops after RUN_TIME or MAX_REQUESTS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/../../scripts/lib.sh"

db=${DB:?DB=<database with the province dataset>}
template=${TEMPLATE:-}
read -r -a ports <<<"${PORTS:-8069 8070}"
read -r -a gevent_ports <<<"${GEVENT_PORTS:-8072 8073}"
nodes=${NODES:-1}
workers=${WORKERS:-2}
venv="$build/loadtest-venv"
log_dir=${LOG_DIR:-$build/loadtest}
mkdir -p "$log_dir"
stamp=$(date -u +%Y%m%d-%H%M)

require_setup
prepare_odoo
if [ ! -x "$venv/bin/locust" ]; then
    say "installing Locust into $venv (its own virtualenv: its Flask would not suit Odoo)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q -r "$here/requirements.txt"
fi

pids=()
stop_nodes() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
trap stop_nodes EXIT

fresh_copy() {
    say "copying $template into $db (database and filestore)"
    drop_db "$db"
    local _i
    for _i in $(seq 30); do
        pg_psql -d postgres -qc "create database \"$db\" template \"$template\"" \
            2>"$log_dir/createdb.err" && break
        sleep 10  # someone is connected to the template
    done
    db_exists "$db" || die "could not copy $template (still in use?)"
    local src
    for src in "$build/data/filestore/$template" "$repo/../main/.build/data/filestore/$template"; do
        if [ -d "$src" ]; then
            mkdir -p "$build/data/filestore"
            # Hard links: attachments are never rewritten in place, new ones are new files.
            cp -al "$src" "$build/data/filestore/$db"
            break
        fi
    done
}

hosts=()
node_logs=()
start_nodes() {  # $1: the logs' name
    hosts=() node_logs=()
    local i log
    for ((i = 0; i < nodes; i++)); do
        log="$log_dir/$1-node$i.log"
        node_logs+=("$log")
        # The nodes share the database and --data-dir (filestore and sessions), as nodes
        # behind one proxy do; each has its own workers, cron thread and long-polling
        # process. Limits as in production (README "Deploying for a province").
        "${odoo_bin[@]}" "${odoo_args[@]}" -d "$db" --db-filter="^$db\$" --no-database-list \
            --workers="$workers" --max-cron-threads=1 --http-interface=127.0.0.1 \
            --http-port="${ports[$i]}" --gevent-port="${gevent_ports[$i]}" \
            --db_maxconn="${DB_MAXCONN:-8}" --limit-time-cpu="${LIMIT_TIME_CPU:-60}" \
            --limit-time-real="${LIMIT_TIME_REAL:-300}" \
            --limit-time-real-cron="${LIMIT_TIME_REAL_CRON:-1800}" --limit-memory-soft=2147483648 \
            --limit-memory-hard=2684354560 --log-level=info --logfile="$log" &
        pids+=("$!")
        hosts+=("http://127.0.0.1:${ports[$i]}")
    done
    local host
    for host in "${hosts[@]}"; do
        for _i in $(seq 120); do
            curl -sf "$host/web/health" >/dev/null && break
            sleep 1
        done
        curl -sf "$host/web/health" >/dev/null || die "Odoo did not answer on $host"
    done
    for ((i = 0; i < nodes; i++)); do
        # The bus: a websocket opens on the long-polling port (HTTP 101); that process
        # starts a few seconds after the HTTP workers.
        python3 - "${gevent_ports[$i]}" <<'PY' || die "no websocket on port ${gevent_ports[$i]}"
import sys, time, websocket
port = sys.argv[1]
for attempt in range(60):
    try:
        ws = websocket.create_connection(f"ws://127.0.0.1:{port}/websocket",
                                         origin=f"http://127.0.0.1:{port}", timeout=10)
        break
    except ConnectionRefusedError:
        time.sleep(1)
else:
    sys.exit(1)
print(f"[party_cell] websocket on {port}: HTTP {ws.getstatus()}", file=sys.stderr)
ws.close()
PY
    done
    say "Odoo up on ${hosts[*]} ($workers workers each, long-polling on ${gevent_ports[*]:0:$nodes})"
}

prepare() {
    if [ "${PREPARE:-1}" = 1 ]; then
        python3 "$here/prepare_users.py" -d "$db" --db_host="$pg_host" --db_port="$pg_port" \
            --db_user="$pg_user"
    fi
    # Locust picks its logins among the users there are.
    local role
    for role in sec mem off; do
        printf -v "pool_$role" %s "$(pg_psql -d "$db" -Atc \
            "select count(*) from res_users where login like 'lt\\_${role}\\_%'")"
    done
}

[ -n "$template" ] || { prepare; start_nodes "$stamp-n$nodes"; }
for users in ${USERS:-10 50 100}; do
    out="$log_dir/$stamp-n$nodes-u$users.txt"
    writes="$log_dir/$stamp-n$nodes-u$users-writes.json"
    if [ -n "$template" ]; then
        stop_nodes
        fresh_copy
        prepare
        start_nodes "$stamp-n$nodes-u$users"
    fi
    say "Locust: $users users for ${RUN_TIME:-180s} on ${hosts[*]} (output: $out)"
    {
        echo "# $(date -u '+%F %T') UTC; uptime: $(uptime)"
        echo "# db=$db nodes=$nodes workers=$workers users=$users run_time=${RUN_TIME:-180s}"
        # shellcheck disable=SC2086 # CLASSES: several class names
        LOADTEST_DB=$db LOADTEST_HOSTS=$(IFS=,; echo "${hosts[*]}") \
        LOADTEST_MAX_REQUESTS=${MAX_REQUESTS:-20000} LOADTEST_THINK=${THINK:-1} \
        LOADTEST_WRITES=$writes LOADTEST_SECRETARIES=$pool_sec LOADTEST_MEMBERS=$pool_mem \
        LOADTEST_OFFICERS=$pool_off \
            "$venv/bin/locust" -f "$here/locustfile.py" --headless --only-summary \
            -u "$users" -r "${SPAWN_RATE:-1}" --run-time "${RUN_TIME:-180s}" \
            --stop-timeout 30 ${CLASSES:-Secretary Member Officer} 2>&1 \
            | sed -n '/^LOADTEST/,/Shutting down/p' || true  # exit 1 when any request failed
        echo "# after the run: uptime: $(uptime)"
        # What must never happen, whatever the load and the nodes.
        python3 "$here/check_writes.py" -d "$db" --writes "$writes" --db_host="$pg_host" \
            --db_port="$pg_port" --db_user="$pg_user" || echo "CHECKS FAILED"
        echo "# Odoo logs ${node_logs[*]}: $(cat "${node_logs[@]}" | grep -cE \
            ' (ERROR|CRITICAL) ') error lines, $(cat "${node_logs[@]}" | grep -cE \
            'virtual real time limit|CPU time limit|Memory limit') workers killed by a limit"
    } 2>&1 | tee "$out"
done
