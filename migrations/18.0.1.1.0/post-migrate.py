"""Record rules that read the user's organisations through SQL.

See models/party_organization_access.py.

The rules are shipped in noupdate files, so an upgrade would keep the old domains, which
list the user's organisations and need every worker's caches cleared when they change.
"""

import re

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


def migrate(cr, version):
    cr.execute("""
        SELECT r.id, r.domain_force FROM ir_rule r
          JOIN ir_model_data d ON d.model = 'ir.rule' AND d.res_id = r.id
         WHERE d.module = 'party_cell' AND r.domain_force LIKE '%%user.party_%%'
    """)
    for rule_id, domain in cr.fetchall():
        cr.execute("UPDATE ir_rule SET domain_force = %s WHERE id = %s",
                   (new_domain(domain), rule_id))
