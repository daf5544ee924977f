#!/usr/bin/env bash
# Installs what party_cell needs around an Odoo 18.0 source tree that is already present:
# Debian packages (PDF, browser, fonts, build headers) and Odoo's Python requirements.
# It never downloads or builds Odoo itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

odoo_root=$(find_odoo)

# Debian packages. fonts-liberation (v1) lacks Vietnamese letters such as ả ạ ộ and is
# pulled in by chromium's recommendations, so install without recommends and remove it.
deb_packages=(libpq-dev libldap2-dev libsasl2-dev chromium wkhtmltopdf poppler-utils
              fonts-liberation2 fontconfig postgresql)
missing=()
for p in "${deb_packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if dpkg -s fonts-liberation >/dev/null 2>&1; then
    apt-get remove -y -qq fonts-liberation >/dev/null
fi

# Python packages: Odoo's own requirements plus what the addon, its tests and lint use.
stamp_dir=${XDG_CACHE_HOME:-$HOME/.cache}/party_cell
mkdir -p "$stamp_dir"
want=$(cat "$odoo_root/requirements.txt" "$here/requirements-dev.txt" | sha1sum | cut -c1-12)
if [ "$(cat "$stamp_dir/pip.stamp" 2>/dev/null)" != "$want" ]; then
    say "installing Python requirements (Odoo's and the addon's)"
    constraint="$stamp_dir/pip-constraint.txt"
    # Some of Odoo's pinned packages build with pkg_resources, gone from setuptools 81.
    echo 'setuptools<81' > "$constraint"
    PIP_CONSTRAINT="$constraint" python3 -m pip install -q \
        -r "$odoo_root/requirements.txt" -r "$here/requirements-dev.txt"
    echo "$want" > "$stamp_dir/pip.stamp"
fi
say "setup done (Odoo at $odoo_root)"
