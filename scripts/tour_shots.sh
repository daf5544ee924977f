#!/usr/bin/env bash
# Runs the browser tours (tests/test_tours.py) on a fresh database and keeps the pages they
# show, at desktop and phone size, as PNG files: scripts/tour_shots.sh [FOLDER]
# (default .build/tour_shots). Same environment as scripts/test.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/../.build/tour_shots"}
mkdir -p "$out"
PARTY_CELL_SHOTS=$(cd "$out" && pwd) TEST_TAGS=/party_cell:TestTours bash "$here/test.sh"
ls "$out"
