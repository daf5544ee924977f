# Shared helpers for the project's scripts (sourced, not run).
# Variables a caller may set: ODOO_PATH, ADDON_DIR (default: the repository root),
# PGHOST/PGPORT/PGUSER (use only that server), PARTY_CELL_PG_PORT (private cluster port).

say() { printf '[party_cell] %s\n' "$*" >&2; }
die() { printf '[party_cell] ERROR: %s\n' "$*" >&2; exit 2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$repo/.build"
cache_dir=${XDG_CACHE_HOME:-$HOME/.cache}/party_cell
# OCA addons installed by setup.sh (pip --no-deps --target), on every script's addons path.
oca_dir="$build/oca"
oca_addons="$oca_dir/odoo/addons"
# wkhtmltopdf with patched Qt (setup.sh); Debian's build on PATH stays the default.
patched_dir="$cache_dir/wkhtmltox-0.12.4-patched"
patched_wkhtmltopdf="$patched_dir/bin/wkhtmltopdf"
addon_name=party_cell
addon_dir=$(cd "${ADDON_DIR:-$repo}" && pwd)
# Folder holding the `party_cell` symlink. Another ADDON_DIR gets its own, so that trying a
# scratch copy never changes what a concurrent `make test` on the repository loads.
addons_link="$build/addons"
if [ "$addon_dir" != "$repo" ]; then
    addons_link="$build/addons-$(printf '%s' "$addon_dir" | sha1sum | cut -c1-8)"
fi

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
    # Read release.py directly: importing odoo needs its requirements, maybe not installed yet.
    version=$(python3 -c 'import sys; ns = {}; exec(open(sys.argv[1]).read(), ns)
print(ns["version_info"][0])' "$root/odoo/release.py" 2>/dev/null || true)
    [ "$version" = "18" ] || die "Odoo at $root is version '$version', not 18.0."
    echo "$root"
}

# Odoo and pylint-odoo want the addon in a folder named after it; the clone may have any
# name, so .build/addons/party_cell is a symlink to it.
link_addon() {
    [ -f "$addon_dir/__manifest__.py" ] || die "no __manifest__.py in $addon_dir"
    mkdir -p "$addons_link"
    ln -sfn "$addon_dir" "$addons_link/$addon_name"
}

# Sets odoo_root, odoo_bin (command array) and odoo_args (addons path, data dir, database
# server).
prepare_odoo() {
    odoo_root=$(find_odoo)
    if [ -f "$odoo_root/odoo-bin" ]; then
        odoo_bin=(python3 "$odoo_root/odoo-bin")
    else
        odoo_bin=(python3 -c 'import odoo.cli; odoo.cli.main()')
    fi
    link_addon
    local paths="$odoo_root/odoo/addons"
    [ -d "$odoo_root/addons" ] && paths="$odoo_root/addons,$paths"
    [ -f "$oca_addons/report_xlsx/__manifest__.py" ] \
        || die "OCA's report_xlsx is missing from $oca_addons: run 'make setup'"
    # WKHTMLTOPDF=patched (or a path to a wkhtmltopdf) prints with that build instead of the
    # one on PATH: Odoo looks the binary up in PATH first.
    case ${WKHTMLTOPDF:-} in
        "") ;;
        patched) export PATH="$patched_dir/bin:$PATH" ;;
        *) [ -x "$WKHTMLTOPDF" ] || die "WKHTMLTOPDF=$WKHTMLTOPDF is not an executable"
           export PATH="$(cd "$(dirname "$WKHTMLTOPDF")" && pwd):$PATH" ;;
    esac
    # An otherwise empty config file keeps a developer's ~/.odoorc out of tests and CI. Its
    # [party_cell] section names the other wkhtmltopdf build the document tests print with,
    # and the folder where they leave the PDFs (tests/test_documents.py).
    # Written aside and moved: CI's steps run side by side, and an Odoo starting must never
    # read a half-written file.
    local conf
    mkdir -p "$build"
    conf=$(mktemp "$build/odoo.conf.XXXXXX")
    printf '[options]\n\n[party_cell]\ntest_wkhtmltopdf = %s\ndocument_dir = %s\n' \
        "$patched_wkhtmltopdf" "$build/documents" > "$conf"
    mv -f "$conf" "$build/odoo.conf"
    find_pg
    # The addon's own folder comes last (scripts/i18n.sh replaces it with a snapshot).
    odoo_args=(--config="$build/odoo.conf" --addons-path="$paths,$oca_addons,$addons_link"
               --data-dir="$build/data" --db_host="$pg_host" --db_port="$pg_port"
               --db_user="$pg_user")
}

# ---- what setup.sh installs --------------------------------------------------------------

# Debian packages. fonts-liberation (v1) lacks Vietnamese letters such as ả ạ ộ and is
# pulled in by chromium's recommendations: setup installs without recommends and removes it.
deb_packages=(libpq-dev libldap2-dev libsasl2-dev chromium wkhtmltopdf poppler-utils
              fonts-liberation2 fontconfig postgresql postgresql-client)
# OCA addons (report_xlsx), installed into .build/oca; the stamp names the list's hash.
oca_stamp() { echo "$oca_dir/.installed-$(sha1sum <"$repo/scripts/requirements-oca.txt" | cut -c1-12)"; }

# Prints one line per missing piece of what setup.sh installs, nothing when all is there.
# Quick and read-only: dpkg's database, the installed Python distributions against the
# requirement files (versions and markers included), files; no apt, pip or network.
setup_missing() {
    local odoo_root=$1 p
    for p in "${deb_packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' \
            || echo "Debian package $p"
    done
    if dpkg-query -W -f='${Status}' fonts-liberation 2>/dev/null | grep -q 'ok installed'; then
        echo "removal of fonts-liberation (v1: no Vietnamese letters)"
    fi
    python3 - "$odoo_root/requirements.txt" "$repo/scripts/requirements-dev.txt" <<'PY' \
        || echo "Python requirements (could not be checked)"
import sys
from importlib.metadata import PackageNotFoundError, version

try:
    from packaging.requirements import Requirement
except ImportError:  # pip always vendors it
    from pip._vendor.packaging.requirements import Requirement

for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        req = Requirement(line)
        if req.marker and not req.marker.evaluate():
            continue
        try:
            have = version(req.name)
        except PackageNotFoundError:
            print(f"Python package {req} (not installed)")
            continue
        if req.specifier and not req.specifier.contains(have, prereleases=True):
            print(f"Python package {req} ({have} installed)")
PY
    [ -f "$(oca_stamp)" ] && [ -f "$oca_addons/report_xlsx/__manifest__.py" ] \
        || echo "OCA addons in $oca_dir"
    "$patched_wkhtmltopdf" --version 2>/dev/null | grep -q 'with patched qt' \
        || echo "wkhtmltopdf with patched Qt in $patched_dir"
}

# Stops with what is missing and how to install it: every script but setup.sh starts so.
# Odoo itself is looked for first (find_odoo says how to provide it).
require_setup() {
    local root missing
    root=$(find_odoo) || exit 2
    missing=$(setup_missing "$root")
    if [ -n "$missing" ]; then
        printf '[party_cell] ERROR: not installed yet:\n%s\n' "$(sed 's/^/  - /' <<<"$missing")" >&2
        die "run 'make setup' (scripts/setup.sh: installs only what is missing)"
    fi
}

# ---- PostgreSQL ------------------------------------------------------------------------

# True when a role that may create databases answers at host $1, port $2, user $3.
pg_ok() {
    [ "$(psql -X -w -h "$1" -p "$2" -U "$3" -d postgres -Atqc \
        'select rolsuper or rolcreatedb from pg_roles where rolname = current_user' \
        2>/dev/null)" = t ]
}

pg_psql() {
    PGOPTIONS="-c client_min_messages=warning" \
        psql -X -w -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" "$@"
}

private_pg_port=${PARTY_CELL_PG_PORT:-54329}

# Where the private cluster lives. As root it runs as the `postgres` OS user, which
# must be able to reach the folder; when it cannot (e.g. a clone under /root) use /tmp.
private_pgdata() {
    local dir="$build/pgdata"
    if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$build" 2>/dev/null; then
        dir="/tmp/party_cell-pgdata-$(printf '%s' "$repo" | sha1sum | cut -c1-8)"
    fi
    echo "$dir"
}

# Runs a PostgreSQL server binary; as root through the `postgres` OS user (initdb and
# postgres refuse to run as root).
pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bindir() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
    [ -n "$d" ] || d=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")
    [ -x "$d/initdb" ] || die "no PostgreSQL server binaries (initdb) found: run 'make setup'"
    echo "$d"
}

# Starts (creating it on first use) a private cluster on 127.0.0.1:$private_pg_port
# with trust auth and superuser `odoo`, for machines where no server is reachable.
start_private_pg() {
    local bin data
    bin=$(pg_bindir)
    data=$(private_pgdata)
    if [ ! -f "$data/PG_VERSION" ]; then
        say "initialising a private PostgreSQL cluster in $data"
        mkdir -p "$data"
        if [ "$(id -u)" = 0 ]; then chown postgres: "$data"; fi
        chmod 700 "$data"
        pg_as_owner "$bin/initdb" -D "$data" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 \
            >"$build/pg-initdb.log" 2>&1 || { cat "$build/pg-initdb.log" >&2; die "initdb failed"; }
    fi
    # The socket goes in the data folder unless its path would pass the 107-byte limit.
    if pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        return 0
    fi
    local sock=$data
    [ ${#sock} -lt 90 ] || sock=""
    say "starting the private PostgreSQL cluster on 127.0.0.1:$private_pg_port"
    pg_as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
        -o "-p $private_pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$sock'" \
        start >/dev/null || { tail -n 20 "$data/server.log" >&2; die "private PostgreSQL did not start"; }
}

stop_private_pg() {
    local data
    data=$(private_pgdata)
    [ -f "$data/postmaster.pid" ] || return 0
    say "stopping the private PostgreSQL cluster ($data)"
    pg_as_owner "$(pg_bindir)/pg_ctl" -D "$data" -m fast -w stop >/dev/null
}

# Sets pg_host, pg_port, pg_user to a reachable server. PGHOST/PGPORT/PGUSER pin the
# choice; otherwise try the private cluster, the local socket and 127.0.0.1:5432.
# Odoo refuses the `postgres` role, so the default role is the OS user's.
find_pg() {
    local me cands c h p
    me=${PGUSER:-$(id -un)}
    [ "$me" != postgres ] || die "Odoo refuses to connect as 'postgres': set PGUSER to another role"
    if [ -n "${PGHOST:-}${PGPORT:-}" ]; then
        cands=("${PGHOST:-127.0.0.1}:${PGPORT:-5432}")
    else
        cands=("127.0.0.1:$private_pg_port" "/var/run/postgresql:5432" "127.0.0.1:5432")
    fi
    for c in "${cands[@]}"; do
        h=${c%:*} p=${c##*:}
        if [ "$p" = "$private_pg_port" ] && pg_ok "$h" "$p" odoo; then
            pg_host=$h pg_port=$p pg_user=odoo; return 0
        fi
        if pg_ok "$h" "$p" "$me"; then
            pg_host=$h pg_port=$p pg_user=$me; return 0
        fi
    done
    say "no PostgreSQL reachable at ${cands[*]} (as role $me)"
    start_private_pg
    pg_ok 127.0.0.1 "$private_pg_port" odoo || die "private PostgreSQL is not answering"
    pg_host=127.0.0.1 pg_port=$private_pg_port pg_user=odoo
}

db_exists() {
    [ "$(pg_psql -d postgres -Atqc "select 1 from pg_database where datname = '$1'")" = 1 ]
}

# Copies a prepared database with its filestore (odoo-bin db duplicate, a few seconds).
# CI installs the addon's dependencies, and the addon, once (scripts/prepare_db.sh); each
# check then starts from a copy instead of installing them again.
copy_db() {
    local src=$1 dst=$2 log="$build/copy_db-$2.log"
    db_exists "$src" || die "no prepared database $src"
    drop_db "$dst"
    "${odoo_bin[@]}" db "${odoo_args[@]}" duplicate "$src" "$dst" >"$log" 2>&1 \
        || { tail -n 20 "$log" >&2; die "could not copy database $src to $dst (log: $log)"; }
}

# Drops a database and its filestore.
drop_db() {
    pg_psql -d postgres -qc "drop database if exists \"$1\" with (force)" >/dev/null
    rm -rf "$build/data/filestore/$1"
}

# ---- logs ------------------------------------------------------------------------------

# Prints the ERROR/CRITICAL log records of an Odoo log that are not test failures (those
# are counted by odoo.tests.result, as are the loader's per-module test summaries): failed
# module loading, broken data files, errors logged by code under test, etc.
log_errors() {
    # Record header: "<date> <time> <pid> <LEVEL> <db> <logger>: <message>".
    local test_reports='^[^ ]+ [^ ]+ [0-9]+ ERROR [^ ]+ ([^ ]+: (FAIL|ERROR): |odoo\.tests\.result: '
    test_reports+='|odoo\.modules\.loading: (At least one test failed|Module [^ ]+: [0-9]+ failures))'
    # In tests Odoo gives each HTTP connection 5 s to send its request, so that Chromium's
    # preconnected sockets, which may never send one, do not hold a server thread
    # (odoo/service/server.py RequestHandler.setup); werkzeug logs each such socket it
    # closes as an ERROR of no database. On a loaded machine that happens while the tour
    # itself goes on and passes: it is not a failure.
    local preconnect='^[^ ]+ [^ ]+ [0-9]+ ERROR \? werkzeug: .* Request timed out: TimeoutError'
    # Odoo 18 logs broken demo data only as a WARNING and installs the module without it.
    grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR |CRITICAL |WARNING .*demo data failed to install)' "$1" \
        | grep -vE "$test_reports" | grep -vE "$preconnect" || true
}

# Prints the lines that tell a browser test (browser_js, start_tour) was skipped: Odoo
# raises SkipTest when websocket-client or Chromium is missing or Chromium cannot be
# reached (odoo/tests/common.py), logged by result.py as "skipped <test> : <reason>".
log_browser_skips() {
    grep -iE ': skipped .* : .*(chrome|websocket|browser)' "$1" || true
}

# Free TCP port on 127.0.0.1, so tests never collide with a running `make demo`.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A fresh database for a check script, named $DB or <prefix>_<pid>, dropped on exit unless
# KEEP_DB=1. Sets $db. Scripts that own other resources add them to cleanup_hooks.
cleanup_hooks=()
use_scratch_db() {
    db=${DB:-$1_$$}
    drop_db "$db"
    trap _cleanup_scratch EXIT
}
_cleanup_scratch() {
    local rc=$? hook
    for hook in "${cleanup_hooks[@]}"; do "$hook" || true; done
    if [ -n "$db" ] && [ "${KEEP_DB:-0}" != 1 ]; then
        drop_db "$db" 2>/dev/null || say "could not drop database $db"
    elif [ -n "$db" ]; then
        say "kept database $db (KEEP_DB=1)"
    fi
    exit "$rc"
}

# One Odoo step on $db ($1 names it, the rest are Odoo options); fails on a non-zero exit or
# on ERROR/CRITICAL lines, which Odoo logs for broken data files without failing. The log
# goes to .build/<script>-<step>.log.
odoo_step() {
    local name=$1 log="$build/$(basename "$0" .sh)-$1.log" rc errors
    shift
    say "$name: $* (log: $log)"
    set +e
    "${odoo_bin[@]}" "${odoo_args[@]}" -d "$db" "$@" --stop-after-init --max-cron-threads=0 \
        --http-port="$(free_port)" >"$log" 2>&1
    rc=$?
    set -e
    errors=$(log_errors "$log")
    if [ "$rc" -ne 0 ] || [ -n "$errors" ]; then
        tail -n 40 "$log" >&2
        [ -z "$errors" ] || say "error lines:"$'\n'"$errors"
        die "$name failed (odoo exit status $rc; log: $log)"
    fi
}
