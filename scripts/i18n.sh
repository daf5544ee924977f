#!/usr/bin/env bash
# Refreshes the translation files from the code:
#   1. installs party_cell (no demo data, vi_VN loaded) on a scratch database,
#   2. exports the template i18n/party_cell.pot with Odoo's own exporter,
#   3. drops the scratch database,
#   4. merges the template into i18n/vi.po: every translation of a msgid still in the
#      template is kept; new msgids come in untranslated (no fuzzy matching); translations
#      of msgids gone from the code stay at the end as obsolete "#~" entries (Odoo skips
#      them; they come back if the msgid does), unless PRUNE=1,
#   5. prints the entries of vi.po that still lack a translation (exit status 0 even then).
# Commit party_cell.pot together with vi.po: Odoo merges the .pot into the .po when it
# loads the translation, and drops .po entries that the .pot lacks.
# Environment: DB (scratch database, default party_cell_i18n_<pid>), KEEP_DB=1, PRUNE=1,
# ADDON_DIR, ODOO_PATH, PGHOST/PGPORT/PGUSER.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

tmp=""
remove_tmp() { [ -z "$tmp" ] || rm -rf "$tmp"; }
cleanup_hooks+=(remove_tmp)

require_setup
prepare_odoo
i18n_dir="$addon_dir/i18n"
mkdir -p "$i18n_dir"

# Odoo's exporter walks the addons path following symlinks, so the addon's own .build
# (whose addons/party_cell links back to the addon) would be scanned again and again, down
# to the OS's path limit, and the .pot would name files by those paths. A snapshot of the
# addon without .build avoids that, and installs and exports one consistent state of
# files other people may be editing.
tmp=$(mktemp -d)
mkdir "$tmp/$addon_name"
tar -C "$addon_dir" --exclude=./.build --exclude=./.git --exclude=./.venv \
    --exclude=__pycache__ --exclude=.ruff_cache --exclude=.pytest_cache -cf - . \
    | tar -C "$tmp/$addon_name" -xf -
for i in "${!odoo_args[@]}"; do
    case ${odoo_args[$i]} in
        --addons-path=*) odoo_args[i]="${odoo_args[$i]%,*},$tmp" ;;
    esac
done
use_scratch_db party_cell_i18n

# Problems with the current vi.po (syntax, bad placeholders) are only warnings.
po_warnings() {
    grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ WARNING .*(translat|\.po\b)' "$build/i18n-$1.log" >&2 || true
}

odoo_step install -i "$addon_name" --without-demo=all --load-language=vi_VN
po_warnings install
# A .pot: no --language. Odoo writes the file even when the export fails halfway, so it
# goes to a temporary file first.
odoo_step export --i18n-export="$tmp/$addon_name.pot" --modules="$addon_name"
drop_db "$db"
db=""

PRUNE=${PRUNE:-0} python3 - "$tmp/$addon_name.pot" "$i18n_dir/$addon_name.pot" "$i18n_dir/vi.po" <<'PY'
import os
import shutil
import sys

import polib

new_pot, pot_path, po_path = sys.argv[1:]
pot = polib.pofile(new_pot)
if not len(pot):
    sys.exit("[party_cell] ERROR: the exported template is empty")
shutil.copyfile(new_pot, pot_path)

old = polib.pofile(po_path) if os.path.exists(po_path) else polib.POFile()
memory = {}   # msgid -> entry holding its translation; live entries win over obsolete ones
for e in sorted(old, key=lambda e: not e.obsolete):
    if e.msgstr:
        memory[e.msgid] = e

po = polib.POFile(wrapwidth=pot.wrapwidth)
po.header = pot.header
po.metadata = dict(pot.metadata)
for key in ("PO-Revision-Date", "Last-Translator", "Language-Team"):
    if old.metadata.get(key):
        po.metadata[key] = old.metadata[key]
po.metadata["Language"] = "vi"
po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"

new = 0
for t in pot:
    e = polib.POEntry(msgid=t.msgid, msgstr="", comment=t.comment, tcomment=t.tcomment,
                      occurrences=list(t.occurrences), flags=list(t.flags))
    known = memory.pop(e.msgid, None)
    if known is not None:
        e.msgstr = known.msgstr
        if "fuzzy" in known.flags and "fuzzy" not in e.flags:
            e.flags.append("fuzzy")
        e.tcomment = known.tcomment or e.tcomment
    elif e.msgid not in {x.msgid for x in old if not x.obsolete}:
        new += 1
    po.append(e)

obsolete = 0
if os.environ.get("PRUNE") != "1":
    for e in memory.values():
        po.append(polib.POEntry(msgid=e.msgid, msgstr=e.msgstr, tcomment=e.tcomment,
                                flags=list(e.flags), obsolete=True))
        obsolete += 1
po.save(po_path)

live = [e for e in po if not e.obsolete]
missing = [e for e in live if not e.msgstr]
fuzzy = [e for e in live if "fuzzy" in e.flags]
print(f"[party_cell] {pot_path}: {len(pot)} entries", file=sys.stderr)
print(f"[party_cell] {po_path}: {len(live)} entries, {len(live) - len(missing)} translated, "
      f"{new} new, {len(fuzzy)} fuzzy, {obsolete} obsolete kept", file=sys.stderr)
for e in missing:
    print("  untranslated: " + e.msgid.replace("\n", "\\n")[:100], file=sys.stderr)
print(f"{len(missing)} untranslated")
PY
