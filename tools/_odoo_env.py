"""Open an Odoo environment on a database from a plain script (tools/ scripts share this)."""

import argparse
import importlib.util
import os
import sys
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def find_odoo():
    """Make ``import odoo`` work: $ODOO_PATH, else python3's own, else /opt/odoo18."""
    candidates = [os.environ.get("ODOO_PATH")]
    if not importlib.util.find_spec("odoo"):
        candidates.append("/opt/odoo18")
    for root in filter(None, candidates):
        if (Path(root) / "odoo" / "release.py").exists() and root not in sys.path:
            sys.path.insert(0, root)
    if not importlib.util.find_spec("odoo"):
        sys.exit("Odoo 18.0 not found: set ODOO_PATH to the folder that holds odoo/.")
    import odoo  # noqa: PLC0415 (import once the path is known)
    return Path(odoo.__file__).resolve().parent.parent


def default_addons_path(odoo_root):
    """Odoo's addons, the OCA addons and a folder holding ``party_cell`` (the repo, as
    scripts/lib.sh links)."""
    link_dir = REPO / ".build" / "addons"
    link = link_dir / "party_cell"
    if REPO.name != "party_cell" and not link.exists():
        link_dir.mkdir(parents=True, exist_ok=True)
        link.symlink_to(REPO)
    holder = REPO.parent if REPO.name == "party_cell" else link_dir
    # OCA's report_xlsx, installed there by scripts/setup.sh.
    paths = [odoo_root / "odoo" / "addons", REPO / ".build" / "oca" / "odoo" / "addons", holder]
    if (odoo_root / "addons").is_dir():
        paths.insert(0, odoo_root / "addons")
    return ",".join(str(p) for p in paths)


def parser(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", help="Odoo addons path (default: Odoo's + this repo)")
    parser.add_argument("--db_host", default=os.environ.get("PGHOST"))
    parser.add_argument("--db_port", default=os.environ.get("PGPORT"))
    parser.add_argument("--db_user", default=os.environ.get("PGUSER"))
    parser.add_argument("--db_password", default=os.environ.get("PGPASSWORD"))
    return parser


@contextmanager
def odoo_env(args):
    """Yield ``(odoo, env)`` as superuser on ``args.database``; the caller commits."""
    root = find_odoo()
    import odoo  # noqa: PLC0415
    from odoo import api  # noqa: PLC0415

    options = [f"--addons-path={args.addons_path or default_addons_path(root)}",
               "--log-level=warn"]
    for key in ("db_host", "db_port", "db_user", "db_password"):
        if getattr(args, key):
            options.append(f"--{key}={getattr(args, key)}")
    odoo.tools.config.parse_config(options)
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US", "tz": "Asia/Ho_Chi_Minh"})
        yield odoo, env
