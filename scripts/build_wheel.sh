#!/usr/bin/env bash
# Builds the addon as a wheel the way OCA builds its addons: whool reads __manifest__.py and
# names the package odoo-addon-party_cell, version 18.0.x.y.z from the manifest, with the
# manifest's dependencies (odoo 18.0, odoo-addon-report_xlsx, xlsxwriter) as Requires-Dist.
# whool names the package after the addon's folder, and this clone may have any name: the
# files git tracks are staged in a folder named party_cell first (without what only
# developers use: scripts, CI, screenshots, pre-commit). Environment: DIST (default .build/dist).
# Prints the path of the wheel.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

require_setup
dist=${DIST:-$build/dist}
mkdir -p "$dist"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$addon_name"
(cd "$addon_dir" && git ls-files -z) | while IFS= read -r -d '' file; do
    case $file in
        .ci/*|scripts/*|docs/*|Makefile|.gitignore|.pre-commit-config.yaml) continue ;;
    esac
    # A file deleted but not yet committed is still listed: skip it.
    [ -e "$addon_dir/$file" ] || continue
    mkdir -p "$stage/$addon_name/$(dirname "$file")"
    cp -p "$addon_dir/$file" "$stage/$addon_name/$file"
done
[ -f "$stage/$addon_name/__manifest__.py" ] || die "no tracked __manifest__.py in $addon_dir"
# Outside git, whool takes the manifest's version as it is (no .devN post-release).
log="$build/build_wheel.log"
python3 -m pip wheel --no-deps --no-build-isolation -w "$dist" "$stage/$addon_name" \
    >"$log" 2>&1 || { grep -v 'is ignored' "$log" | tail -n 30 >&2; die "wheel build failed (log: $log)"; }
version=$(python3 -c 'import ast, sys; print(ast.literal_eval(open(sys.argv[1]).read())["version"])' \
    "$addon_dir/__manifest__.py")
wheel="$dist/odoo_addon_${addon_name}-$version-py3-none-any.whl"
[ -f "$wheel" ] || die "whool did not write $wheel (log: $log)"
say "built $wheel"
echo "$wheel"
