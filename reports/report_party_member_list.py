from odoo import api, models

from .party_document import party_short_date

# The list is an official Vietnamese document whatever the language of who prints it, and
# whether or not Vietnamese is loaded.
ROLE_LABELS = {"secretary": "Bí thư", "deputy_secretary": "Phó Bí thư",
               "committee_member": "Chi ủy viên"}
THEORY_LABELS = {"elementary": "Sơ cấp", "intermediate": "Trung cấp", "advanced": "Cao cấp",
                 "bachelor": "Cử nhân"}


class ReportPartyMemberList(models.AbstractModel):
    """Danh sách đảng viên: current members of each printed organisation."""

    _name = "report.party_cell.party_member_list_document"
    _description = "Party Member List Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        orgs = self.env["party.organization"].browse(docids)
        # One search for every printed organisation and the cells under it: a committee's list
        # holds the members of all its cells, cell by cell.
        members = self.env["party.member"].search(
            [
                ("organization_id", "child_of", orgs.ids),
                ("state", "in", ("probationary", "official", "exempted")),
            ],
            order="organization_id, committee_role_sequence, name, id",
        )
        members = members.sorted(lambda m: (
            m.organization_id.sequence, m.organization_id.complete_name,
            m.committee_role_sequence, m.name or "", m.id,
        ))
        members_by_org, counts_by_org = {}, {}
        for org in orgs:
            mark = f"/{org.id}/"
            recs = members.filtered(
                lambda m, mark=mark: mark in f"/{m.organization_id.parent_path}"
            )
            members_by_org[org.id] = recs
            probationary = len(recs.filtered(lambda m: m.state == "probationary"))
            counts_by_org[org.id] = {
                "total": len(recs),
                "official": len(recs) - probationary,
                "probationary": probationary,
            }
        return {
            "doc_ids": orgs.ids,
            "doc_model": "party.organization",
            "docs": orgs,
            "members_by_org": members_by_org,
            "counts_by_org": counts_by_org,
            "role_labels": ROLE_LABELS,
            "theory_labels": THEORY_LABELS,
            "format_vn_date": party_short_date,
            "print_date": orgs[:1]._today(),
        }
