# Shared helpers for the project's scripts (sourced, not run).

say() { printf '[party_cell] %s\n' "$*" >&2; }
die() { printf '[party_cell] ERROR: %s\n' "$*" >&2; exit 2; }

# Prints the folder that holds the `odoo` package of an Odoo 18.0 source tree:
# $ODOO_PATH when set, else wherever the machine's python3 imports `odoo` from.
find_odoo() {
    local root=""
    if [ -n "${ODOO_PATH:-}" ]; then
        root=$ODOO_PATH
    else
        root=$(python3 - <<'PY' 2>/dev/null || true
import importlib.util, os
spec = importlib.util.find_spec("odoo")
if spec and spec.submodule_search_locations:
    print(os.path.dirname(list(spec.submodule_search_locations)[0]))
PY
)
    fi
    if [ -z "$root" ] || [ ! -f "$root/odoo/release.py" ]; then
        cat >&2 <<'MSG'
[party_cell] ERROR: Odoo 18.0 was not found.
  This project needs an Odoo 18.0 source tree (the folder holding odoo/, odoo-bin and
  requirements.txt). Provide it in one of two ways:
    - export ODOO_PATH=/path/to/odoo-18.0          (for one shell), or
    - make it importable by python3, e.g.
      echo /path/to/odoo-18.0 > "$(python3 -c 'import site; print(site.getsitepackages()[0])')/odoo.pth"
  Get the source from Odoo's 18.0 branch (or its nightly tarball); the project never downloads it.
MSG
        exit 2
    fi
    local version
    # Read release.py directly: importing odoo needs its requirements, which may not be installed yet.
    version=$(python3 -c "ns = {}; exec(open('$root/odoo/release.py').read(), ns); print(ns['version_info'][0])" 2>/dev/null || true)
    [ "$version" = "18" ] || die "Odoo at $root is version '$version', not 18.0."
    echo "$root"
}
