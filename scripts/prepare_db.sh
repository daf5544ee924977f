#!/usr/bin/env bash
# Prepares a database for other steps to copy (lib.sh copy_db), so that each does not
# install the same modules again: scripts/prepare_db.sh deps DB installs the addon's
# dependencies (its manifest's depends, no demo data); scripts/prepare_db.sh installed DB
# SRC copies SRC (a deps database) and installs party_cell on it, without demo data. The
# database is kept: whoever prepares it drops it (.ci/run does at its end).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

kind=${1:?deps or installed} db=${2:?database name}
require_setup
prepare_odoo
case $kind in
    deps)
        depends=$(python3 -c 'import ast, sys
print(",".join(ast.literal_eval(open(sys.argv[1]).read())["depends"]))' "$addon_dir/__manifest__.py")
        drop_db "$db"
        odoo_step deps -i "$depends" --without-demo=all ;;
    installed)
        copy_db "${3:?the deps database to start from}" "$db"
        odoo_step installed -i "$addon_name" --without-demo=all ;;
    *) die "prepare_db.sh: deps or installed, not '$kind'" ;;
esac
say "prepared $db ($kind)"
