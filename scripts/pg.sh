#!/usr/bin/env bash
# PostgreSQL as the other scripts see it.
#   pg.sh find      print the server the scripts use (starting the private cluster if needed)
#   pg.sh private   exit 0 when the private cluster (.build/pgdata) is running
#   pg.sh stop      stop the private cluster; the machine's own server is never touched
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

case "${1:-find}" in
    find)
        mkdir -p "$build"
        find_pg
        echo "host=$pg_host port=$pg_port user=$pg_user"
        ;;
    private)
        data=$(private_pgdata)
        [ -f "$data/PG_VERSION" ] && pg_as_owner "$(pg_bindir)/pg_ctl" -D "$data" status >/dev/null 2>&1
        ;;
    stop) stop_private_pg ;;
    *) die "usage: $0 [find|private|stop]" ;;
esac
