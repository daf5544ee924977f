#!/usr/bin/env bash
# Proves what the tests (run without demo data) do not: the addon installs WITH its demo
# data and the Vietnamese translation, and upgrades in place (-u). Fresh database, dropped
# afterwards. Environment: DB (default party_cell_install_<pid>), KEEP_DB=1, ADDON_DIR,
# ODOO_PATH, PGHOST/PGPORT/PGUSER.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

db=""
finish() {
    local rc=$?
    if [ -n "$db" ] && [ "${KEEP_DB:-0}" != 1 ]; then
        drop_db "$db" 2>/dev/null || say "could not drop database $db"
    fi
    exit "$rc"
}
trap finish EXIT

bash "$here/setup.sh"
prepare_odoo
db=${DB:-party_cell_install_$$}
drop_db "$db"

# Runs one Odoo step ($1 names it, the rest are Odoo options); fails on a non-zero exit
# or on ERROR/CRITICAL lines, which Odoo logs for broken data files without failing.
step() {
    local name=$1 log="$build/check_install-$1.log" rc errors
    shift
    say "$name: $* (log: $log)"
    set +e
    "${odoo_bin[@]}" "${odoo_args[@]}" -d "$db" "$@" --stop-after-init --max-cron-threads=0 \
        --http-port="$(free_port)" >"$log" 2>&1
    rc=$?
    set -e
    errors=$(log_errors "$log")
    if [ "$rc" -ne 0 ] || [ -n "$errors" ]; then
        tail -n 40 "$log" >&2
        [ -z "$errors" ] || say "error lines:"$'\n'"$errors"
        die "$name failed (odoo exit status $rc; log: $log)"
    fi
}

step install -i "$addon_name" --load-language=vi_VN
[ "$(pg_psql -d "$db" -Atqc "select demo from ir_module_module where name = '$addon_name'")" = t ] \
    || die "install: $addon_name was installed without its demo data"
step upgrade -u "$addon_name"
say "install with demo data and upgrade: OK"
