#!/usr/bin/env bash
# Lints the addon: ruff (pyproject.toml) for style and obvious bugs, pylint with
# pylint-odoo (.pylintrc) for Odoo rules: translations, SQL, commits, super calls, manifest.
# Both always run; the exit status is non-zero when either finds something.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

python3 -c 'import importlib.util as u, sys; sys.exit(not (u.find_spec("ruff") and u.find_spec("pylint_odoo")))' \
    || die "ruff or pylint-odoo is missing: run 'make setup'"
link_addon

rc=0
say "ruff $(python3 -m ruff --version | cut -d' ' -f2) on $addon_dir"
python3 -m ruff check --config "$repo/pyproject.toml" "$addon_dir" || rc=1

fmt=text
[ -t 1 ] && fmt=colorized
say "pylint-odoo $(python3 -c 'from importlib.metadata import version; print(version("pylint-odoo"))') on $addon_name"
# From .build/addons, so that pylint sees the package under its technical name.
(cd "$addons_link" && python3 -m pylint --rcfile="$repo/.pylintrc" --output-format="$fmt" "$addon_name") \
    || rc=1

if [ "$rc" -ne 0 ]; then say "lint FAILED"; else say "lint passed"; fi
exit "$rc"
