"""Officers recorded as member roles become committee posts (18.0.1.1.0).

Before this version a cell's officers were the ``committee_role`` of its members; they are
now read from committee posts. Each officer gets a post in a term of their cell opened for
them (dated from the earliest admission of the cell's officers), so that no officer is lost
and the organisations show the same officers after the upgrade. The "committee met first"
criterion of the shipped scheme becomes automatic.
"""

from datetime import date

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    officers = env["party.member"].search([
        ("committee_role", "!=", "member"), ("post_ids", "=", False),
    ])
    # The inverse records each role as a post (and opens the cell's term when needed).
    officers.sorted(lambda m: m.admission_date or date.max)._inverse_committee_role()
    criterion = env.ref("party_cell.score_criterion_a_05", raise_if_not_found=False)
    if criterion and criterion.auto_source == "manual":
        criterion.write({"auto_source": "committee_met_first", "scale": "100=2;0=0"})
