"""Upgrade to 18.0.1.2.0: committee meetings are the committee's.

The record rules are shipped in noupdate files, so an upgrade keeps their old domains: a
plain member would still read their cell's chi ủy meetings, and every committee member the
standing committee's. The domains of the rules changed in this version are read back from
the files shipped with it and written over the old ones.

Numbers now run within the committee's term (Hướng dẫn 36-HD/VPTW). The documents numbered
before keep their numbers: they are marked as numbered within their year, and a term's
numbering starts after the highest number already issued within the term (party.term
_document_sequence).
"""

from lxml import etree

from odoo.tools.misc import file_path

CHANGED_RULES = {
    "security/party_cell_security.xml": (
        "party_meeting_rule_member",
        "party_meeting_attendance_rule_member",
        "party_meeting_guest_rule_member",
    ),
    "security/party_committee_security.xml": (
        "party_meeting_rule_committee_seat",
        "party_meeting_attendance_rule_committee_seat",
        "party_meeting_guest_rule_committee_seat",
        "party_directive_rule_member",
    ),
}


def migrate(cr, version):
    cr.execute("""
        UPDATE party_meeting SET number_period = 'year:' || year
         WHERE number_period IS NULL
           AND (COALESCE(minutes_sequence, 0) > 0 OR COALESCE(resolution_sequence, 0) > 0)
    """)
    for path, xmlids in CHANGED_RULES.items():
        tree = etree.parse(file_path(f"party_cell/{path}"))
        for xmlid in xmlids:
            domain = tree.xpath(
                f"//record[@id='{xmlid}']/field[@name='domain_force']")[0].text
            cr.execute("""
                UPDATE ir_rule SET domain_force = %s
                  FROM ir_model_data d
                 WHERE d.module = 'party_cell' AND d.name = %s AND d.model = 'ir.rule'
                   AND d.res_id = ir_rule.id
            """, (domain, xmlid))
