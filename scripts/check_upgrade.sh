#!/usr/bin/env bash
# Upgrade safety: a database filled by the dataset generator's small preset survives
# `-u party_cell` with every record intact. Fresh database (no demo data), install, generate,
# count the rows of every party_* table, upgrade, count again; any difference fails.
# Environment: DB (default party_cell_upgrade_<pid>), KEEP_DB=1, INSTALLED_DB (a database
# with party_cell installed and no demo data, from scripts/prepare_db.sh: copied instead of
# installing), ADDON_DIR, ODOO_PATH, PGHOST/PGPORT/PGUSER.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

require_setup
prepare_odoo
use_scratch_db party_cell_upgrade

# Rows of every table of the addon (models and their many2many tables), one line per table.
count_rows() {
    local tables query
    tables=$(pg_psql -d "$db" -Atc "select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'
        and table_name like 'party\_%' order by table_name")
    [ -n "$tables" ] || die "no party_* table in $db"
    query=$(printf "select '%s', count(*) from %s union all " $(for t in $tables; do
        printf '%s %s ' "$t" "$t"; done))
    pg_psql -d "$db" -Atc "${query% union all }"
}

if [ -n "${INSTALLED_DB:-}" ]; then
    copy_db "$INSTALLED_DB" "$db"
else
    odoo_step install -i "$addon_name" --without-demo=all
fi
say "generate: small preset (log: $build/check_upgrade-generate.log)"
python3 "$repo/tools/generate_dataset.py" -d "$db" --preset small \
    --addons-path="$(printf '%s\n' "${odoo_args[@]}" | sed -n 's/^--addons-path=//p')" \
    --db_host="$pg_host" --db_port="$pg_port" --db_user="$pg_user" \
    >"$build/check_upgrade-generate.log" 2>&1 \
    || { tail -n 40 "$build/check_upgrade-generate.log" >&2; die "the generator failed"; }
tail -n 1 "$build/check_upgrade-generate.log" >&2

before=$(count_rows)
rows=$(awk -F'|' '{ s += $2 } END { print s + 0 }' <<<"$before")
[ "$rows" -gt 0 ] || die "the generator left the party tables empty"
odoo_step upgrade -u "$addon_name"
after=$(count_rows)

if [ "$before" != "$after" ]; then
    say "rows differ after -u $addon_name (table|before vs table|after):"
    diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") >&2 || true
    die "upgrade changed the data"
fi
say "upgrade safety: $(wc -l <<<"$before") tables, $rows rows, identical after -u $addon_name"
