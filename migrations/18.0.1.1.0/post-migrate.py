"""Upgrade to 18.0.1.1.0: officers become committee posts; record rules read the user's
organisations through SQL.

1. Before this version a cell's officers were the ``committee_role`` of its members; they are
   now read from committee posts. Each officer gets a post in a term of their cell opened for
   them (dated from the earliest admission of the cell's officers), so that no officer is lost
   and the organisations show the same officers after the upgrade. The "committee met first"
   criterion of the shipped scheme becomes automatic.
2. The rules are shipped in noupdate files, so an upgrade would keep the old domains, which
   list the user's organisations and need every worker's caches cleared when they change
   (see models/party_organization_access.py).
"""

import re
from datetime import date

from odoo import SUPERUSER_ID, api

RULE_FIELDS = {
    "party_cell_ids": ("in", "rule_member_user_ids"),
    "party_secretary_cell_ids": ("in", "rule_secretary_user_ids"),
    "party_committee_organization_ids": ("child_of", "rule_committee_user_ids"),
    "party_inspector_organization_ids": ("child_of", "rule_inspector_user_ids"),
}
LEAF = re.compile(r"\('([a-z_.]+)', '(in|child_of)', user\.(party_[a-z_]+)\.ids\)")


def new_domain(domain):
    def leaf(match):
        path, operator, user_field = match.groups()
        expected, field = RULE_FIELDS.get(user_field, (None, None))
        if operator != expected:
            return match.group(0)
        path = field if path == "id" else f"{path}.{field}"
        return f"('{path}', 'in', [user.id])"
    return LEAF.sub(leaf, domain)


def _officers_to_posts(env):
    officers = env["party.member"].search([
        ("committee_role", "!=", "member"), ("post_ids", "=", False),
    ])
    # The inverse records each role as a post (and opens the cell's term when needed).
    officers.sorted(lambda m: m.admission_date or date.max)._inverse_committee_role()
    criterion = env.ref("party_cell.score_criterion_a_05", raise_if_not_found=False)
    if criterion and criterion.auto_source == "manual":
        criterion.write({"auto_source": "committee_met_first", "scale": "100=2;0=0"})


def _rules_through_sql(cr):
    cr.execute("""
        SELECT r.id, r.domain_force FROM ir_rule r
          JOIN ir_model_data d ON d.model = 'ir.rule' AND d.res_id = r.id
         WHERE d.module = 'party_cell' AND r.domain_force LIKE '%%user.party_%%'
    """)
    for rule_id, domain in cr.fetchall():
        cr.execute("UPDATE ir_rule SET domain_force = %s WHERE id = %s",
                   (new_domain(domain), rule_id))


def migrate(cr, version):
    if not version:
        return
    _rules_through_sql(cr)
    _officers_to_posts(api.Environment(cr, SUPERUSER_ID, {}))
