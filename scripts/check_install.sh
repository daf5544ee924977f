#!/usr/bin/env bash
# Proves what the tests (run from the addons path, without demo data) do not: the addon
# installs as an agency would install it with pip, WITH its demo data and the Vietnamese
# translation, and upgrades in place (-u). The wheel (scripts/build_wheel.sh) goes into a
# fresh virtualenv next to this machine's Odoo (which it sees through the system
# site-packages), with OCA's report_xlsx the way OCA's CI installs addons for an Odoo run
# from source (--no-deps); Odoo then finds both through the odoo.addons namespace, with
# only its own folders on the addons path. Fresh database, dropped afterwards.
# Environment: DB (default party_cell_install_<pid>), KEEP_DB=1, ADDON_DIR, ODOO_PATH,
# PGHOST/PGPORT/PGUSER.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

require_setup
prepare_odoo
venv=$(mktemp -d)
remove_venv() { rm -rf "$venv"; }
cleanup_hooks+=(remove_venv)
use_scratch_db party_cell_install

wheel=$(DIST="$venv/dist" bash "$here/build_wheel.sh")
requires=$(unzip -p "$wheel" '*.dist-info/METADATA' | sed -n 's/^Requires-Dist: //p' | sort | xargs)
[ "$requires" = "odoo-addon-report_xlsx==18.0.* odoo==18.0.* xlsxwriter" ] \
    || die "the wheel declares '$requires', not odoo 18.0, report_xlsx and xlsxwriter"
say "wheel $(basename "$wheel"): requires $requires"
python3 -m venv --system-site-packages "$venv/env" >"$build/check_install-venv.log" 2>&1 \
    || { cat "$build/check_install-venv.log" >&2; die "could not create a virtualenv"; }
"$venv/env/bin/python" -m pip install --no-deps "$wheel" -r "$here/requirements-oca.txt" \
    >>"$build/check_install-venv.log" 2>&1 \
    || { grep -v 'is ignored' "$build/check_install-venv.log" | tail -n 20 >&2; die "pip install failed"; }

# Odoo from the virtualenv's Python, with Odoo's own addons only: party_cell and report_xlsx
# must come from the packages just installed.
odoo_bin=("$venv/env/bin/python" "$odoo_root/odoo-bin")
for i in "${!odoo_args[@]}"; do
    case ${odoo_args[$i]} in
        --addons-path=*) odoo_args[i]="${odoo_args[$i]%%,$oca_addons*}" ;;
    esac
done
site=$("$venv/env/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
where=$("$venv/env/bin/python" - "${odoo_args[@]}" <<'PY'
import sys
import odoo
from odoo.modules.module import get_module_path
odoo.tools.config.parse_config(sys.argv[1:])
print(get_module_path("party_cell"), get_module_path("report_xlsx"))
PY
)
for path in $where; do
    case $path in "$site"/odoo/addons/*) ;; *) die "Odoo loads an addon from $path, not the wheel's $site";; esac
done
say "Odoo finds the installed packages: $where"

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
say "install from the wheel with demo data, and upgrade: OK"
