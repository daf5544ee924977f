#!/usr/bin/env bash
# Runs tools/api_scenario.py (odoorpc over JSON-RPC) against a real Odoo server: fresh
# database with party_cell (no demo data), server started here on a free port, stopped and
# the database dropped afterwards. Real PDFs: unlike the in-process tests, reports are not in
# test mode. Environment: DB (default party_cell_api_<pid>), KEEP_DB=1, INSTALLED_DB (a
# database with party_cell installed and no demo data, from scripts/prepare_db.sh: copied
# instead of installing), ADDON_DIR, ODOO_PATH, PGHOST/PGPORT/PGUSER.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

server_pid=""
stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
}

require_setup
prepare_odoo
use_scratch_db party_cell_api
cleanup_hooks+=(stop_server)
log="$build/api_scenario-server.log"

if [ -n "${INSTALLED_DB:-}" ]; then
    say "copy $INSTALLED_DB to $db"
    copy_db "$INSTALLED_DB" "$db"
else
    say "install $addon_name on $db (log: $log)"
    "${odoo_bin[@]}" "${odoo_args[@]}" -d "$db" -i "$addon_name" --without-demo=all \
        --stop-after-init --max-cron-threads=0 --http-port="$(free_port)" >"$log" 2>&1 \
        || { tail -n 40 "$log" >&2; die "install failed"; }
fi

port=$(free_port)
say "server on port $port"
"${odoo_bin[@]}" "${odoo_args[@]}" -d "$db" --db-filter="^$db\$" --max-cron-threads=0 \
    --http-port="$port" >>"$log" 2>&1 &
server_pid=$!
for _ in $(seq 60); do
    curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{}' \
        "http://127.0.0.1:$port/web/webclient/version_info" && break
    kill -0 "$server_pid" 2>/dev/null || { tail -n 40 "$log" >&2; die "the server stopped"; }
    sleep 1
done

python3 "$repo/tools/api_scenario.py" --port "$port" -d "$db" --login admin --password admin
