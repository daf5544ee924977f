from odoo import api, fields, models

from .ir_actions_report import party_short_date


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
        # Printed documents are in Vietnamese: selection labels in Vietnamese when installed.
        lang = "vi_VN" if "vi_VN" in dict(self.env["res.lang"].get_installed()) else self.env.lang
        Member = self.env["party.member"].with_context(lang=lang)
        selection = {
            name: dict(Member._fields[name]._description_selection(Member.env))
            for name in ("committee_role", "theory_level")
        }
        return {
            "doc_ids": orgs.ids,
            "doc_model": "party.organization",
            "docs": orgs,
            "members_by_org": members_by_org,
            "counts_by_org": counts_by_org,
            "role_labels": selection["committee_role"],
            "theory_labels": selection["theory_level"],
            "format_vn_date": party_short_date,
            "print_date": fields.Date.context_today(self),
        }
