#!/usr/bin/env bash
# Lints the addon with the hooks of .pre-commit-config.yaml, on every file: ruff
# (pyproject.toml) for style and obvious bugs, pylint with pylint-odoo (.pylintrc, through
# scripts/pylint.sh) for Odoo rules, and file hygiene (whitespace, end of files, XML). The
# same hooks lint each commit once `pre-commit install` is run. The exit status is non-zero
# when any hook finds something (fixers that changed a file count as findings).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

python3 -c 'import importlib.util as u, sys
sys.exit(not all(u.find_spec(m) for m in ("pre_commit", "pre_commit_hooks", "ruff", "pylint_odoo")))' \
    || die "pre-commit, ruff or pylint-odoo is missing: run 'make setup'"
git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 || die "lint runs in a git checkout of the addon"
cd "$repo"
# No hook environment is installed: every hook is local (language: system).
if PRE_COMMIT_HOME="$build/pre-commit" python3 -m pre_commit run --all-files --show-diff-on-failure; then
    say "lint passed"
else
    say "lint FAILED"
    exit 1
fi
