#!/usr/bin/env bash
# Proves what the tests (run without demo data) do not: the addon installs WITH its demo
# data and the Vietnamese translation, and upgrades in place (-u). Fresh database, dropped
# afterwards. Environment: DB (default party_cell_install_<pid>), KEEP_DB=1, ADDON_DIR,
# ODOO_PATH, PGHOST/PGPORT/PGUSER.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

bash "$here/setup.sh"
prepare_odoo
use_scratch_db party_cell_install

odoo_step install -i "$addon_name" --load-language=vi_VN
[ "$(pg_psql -d "$db" -Atqc "select demo from ir_module_module where name = '$addon_name'")" = t ] \
    || die "install: $addon_name was installed without its demo data"
# The demo's dates follow the day of installation: only past meetings may be held or approved.
early=$(pg_psql -d "$db" -Atqc "select count(*) from party_meeting
    where state in ('held', 'approved') and date_start > now() at time zone 'utc'")
[ "$early" = 0 ] || die "demo: $early meeting(s) held or approved before their date"
users=$(pg_psql -d "$db" -Atqc "select count(*) from res_users
    where login in ('bithu', 'dangvien', 'capuy', 'kiemtra')")
[ "$users" = 4 ] || die "demo: the users of the README's table are missing"
odoo_step upgrade -u "$addon_name"
say "install with demo data and upgrade: OK"
