#!/usr/bin/env bash
# Runs the addon's tests with Odoo's own runner on a fresh database, without demo data.
# Environment: DB (default party_cell_test_<pid>), TEST_TAGS (default /party_cell),
# KEEP_DB=1 (keep the database), DEPS_DB (a database holding only the addon's dependencies,
# from scripts/prepare_db.sh: copied instead of installing them), ADDON_DIR, ODOO_PATH,
# PGHOST/PGPORT/PGUSER.
# The last line printed is always `N passed, M failed`; the exit status is non-zero when
# Odoo fails, prints no summary, logs ERROR/CRITICAL outside test reports, or skips a
# browser test (Odoo would still exit 0 then).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

passed=0 failed=1   # what a run that dies before Odoo's summary amounts to
db=""
finish() {
    local rc=$?
    if [ -n "$db" ] && [ "${KEEP_DB:-0}" != 1 ]; then
        drop_db "$db" 2>/dev/null || say "could not drop database $db"
    elif [ -n "$db" ]; then
        say "kept database $db (KEEP_DB=1)"
    fi
    echo "$passed passed, $failed failed"
    exit "$rc"
}
trap finish EXIT

require_setup
prepare_odoo
db=${DB:-party_cell_test_$$}
log="$build/test.log"
if [ -n "${DEPS_DB:-}" ]; then
    # The addon itself is still installed fresh, its at-install tests with it.
    say "copying $DEPS_DB (the dependencies) to $db"
    copy_db "$DEPS_DB" "$db"
else
    drop_db "$db"
fi

say "testing $addon_name on database $db (log: $log)"
set +e
"${odoo_bin[@]}" "${odoo_args[@]}" -d "$db" -i "$addon_name" --without-demo=all \
    --test-enable --test-tags="${TEST_TAGS:-/$addon_name}" --stop-after-init \
    --log-level=test --http-port="$(free_port)" --max-cron-threads=0 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

# Odoo's summary: "odoo.tests.result: X failed, Y error(s) of Z tests when loading database".
# Z counts tests, X and Y count failures: every failing subtest is one, so X + Y may pass Z
# (a test with 40 bad subtests). Failing tests are counted from the FAIL/ERROR reports
# instead, each test once whatever its subtests; a class whose setup failed (setUpClass)
# is one failure that Z does not count.
read -r x y z n < <(grep -oE 'odoo\.tests\.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" \
    | awk '{ f += $2; e += $4; t += $7 } END { print f + 0, e + 0, t + 0, NR + 0 }')
failing=$(sed -nE 's/^[^ ]+ [^ ]+ [0-9]+ ERROR [^ ]+ ([^ ]+): (FAIL|ERROR): (Subtest )?//p' "$log" \
    | sed -E 's/^([A-Za-z0-9_]+\.[A-Za-z0-9_]+) \(.*\)$/\1/' | sort -u)
failed_tests=0 failed_setups=0
if [ -n "$failing" ]; then
    failed_tests=$(grep -cE '^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$' <<<"$failing" || true)
    failed_setups=$(( $(wc -l <<<"$failing") - failed_tests ))
fi
if [ $((x + y)) -gt 0 ] && [ $((failed_tests + failed_setups)) -eq 0 ]; then
    failed_tests=1   # failures the log did not name: at least one
fi
problems=()
if [ "$n" -eq 0 ]; then
    problems+=("no odoo.tests.result summary in the log")
else
    passed=$(( z > failed_tests ? z - failed_tests : 0 )) failed=$((failed_tests + failed_setups))
    [ "$z" -gt 0 ] || problems+=("no test ran (TEST_TAGS=${TEST_TAGS:-/$addon_name})")
    [ $((x + y)) -le "$failed" ] \
        || say "$((x + y)) failures reported by Odoo (each failing subtest counts) in $failed test(s)"
fi
[ "$rc" -eq 0 ] || problems+=("odoo exited with status $rc")
errors=$(log_errors "$log")
[ -z "$errors" ] || problems+=("ERROR/CRITICAL log lines outside test reports:"$'\n'"$errors")
skips=$(log_browser_skips "$log")
if [ -n "$skips" ]; then
    # Odoo counts a skipped test as run and not failed; here it counts as failed.
    s=$(printf '%s\n' "$skips" | wc -l)
    passed=$((passed > s ? passed - s : 0)) failed=$((failed + s))
    problems+=("browser tests were skipped (Chromium or websocket-client missing?):"$'\n'"$skips")
fi

if [ ${#problems[@]} -gt 0 ]; then
    for p in "${problems[@]}"; do say "FAILED: $p"; done
    # A failed run never reports "0 failed".
    [ "$failed" -gt 0 ] || failed=1
    exit 1
fi
say "all tests passed"
