#!/usr/bin/env bash
# Serves a demo database: party_cell installed with its demo data, Vietnamese loaded and
# set for the admin. The database is created on the first run and reused afterwards.
# Environment: DB (default party_cell_demo), PORT (default 8069), RESET=1 (drop and
# recreate the database), ADDON_DIR, ODOO_PATH, PGHOST/PGPORT/PGUSER.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

require_setup
prepare_odoo
db=${DB:-party_cell_demo}
port=${PORT:-8069}

if python3 -c "import socket, sys; sys.exit(socket.socket().connect_ex(('127.0.0.1', $port)) != 0)"; then
    die "port $port is in use (another Odoo?): stop it or choose another with PORT=..."
fi

if [ "${RESET:-0}" = 1 ] && db_exists "$db"; then
    say "dropping database $db (RESET=1)"
    drop_db "$db"
fi

module_state() {
    db_exists "$db" || return 0
    pg_psql -d "$db" -Atqc "select state from ir_module_module where name = '$addon_name'" \
        2>/dev/null || true
}

if [ "$(module_state)" != installed ]; then
    log="$build/demo-install.log"
    say "creating database $db with $addon_name, demo data and vi_VN (a minute or two; log: $log)"
    # No --without-demo: Odoo 18 loads demo data into a database it creates.
    "${odoo_bin[@]}" "${odoo_args[@]}" -d "$db" -i "$addon_name" --load-language=vi_VN \
        --stop-after-init --max-cron-threads=0 --http-port="$(free_port)" >"$log" 2>&1 \
        || { tail -n 40 "$log" >&2; die "installing $addon_name failed (log: $log)"; }
    errors=$(log_errors "$log")
    if [ -n "$errors" ]; then
        # Dropped, so that the next run tries again instead of serving a broken demo.
        drop_db "$db"
        die "the install logged errors (log: $log):"$'\n'"$errors"
    fi
    say "setting the admin's language to Vietnamese"
    # odoo shell rolls back at the end, hence the explicit commit.
    "${odoo_bin[@]}" shell "${odoo_args[@]}" -d "$db" --max-cron-threads=0 >>"$log" 2>&1 <<'PY' \
        || { tail -n 20 "$log" >&2; die "could not set the admin's language (log: $log)"; }
env.ref("base.user_admin").write({"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})
env.cr.commit()
PY
    upgrade=()
else
    # The code may have changed since: upgrade the addon in place before serving.
    say "reusing database $db, upgrading $addon_name (RESET=1 to recreate it)"
    upgrade=(-u "$addon_name")
fi

say "serving $db on http://localhost:$port  (login: admin, password: admin; Ctrl-C stops)"
exec "${odoo_bin[@]}" "${odoo_args[@]}" -d "$db" --db-filter="^$db\$" --http-port="$port" \
    "${upgrade[@]}"
