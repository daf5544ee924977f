#!/usr/bin/env bash
# pylint with pylint-odoo (.pylintrc) on the whole addon, as the package party_cell: run by
# the pylint-odoo hook of .pre-commit-config.yaml (scripts/lint.sh runs them all).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

python3 -c 'import importlib.util as u, sys; sys.exit(not u.find_spec("pylint_odoo"))' \
    || die "pylint-odoo is missing: run 'make setup'"
link_addon
fmt=text
[ -t 1 ] && fmt=colorized
say "pylint-odoo $(python3 -c 'from importlib.metadata import version; print(version("pylint-odoo"))') on $addon_name"
# From .build/addons, so that pylint sees the package under its technical name.
cd "$addons_link" && exec python3 -m pylint --rcfile="$repo/.pylintrc" --output-format="$fmt" "$addon_name"
