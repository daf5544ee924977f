from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .party_document import ROMAN, party_short_date

DONE_STATES = ("finalised", "submitted")


class ReportPartyTopicVolume(models.AbstractModel):
    """Tập chuyên đề: a year's finalised thematic reports of an organisation's cells, bound."""

    _name = "report.party_cell.party_topic_volume_document"
    _description = "Thematic Reports Volume"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        # Printed from the wizard, the ids come in data: the web client does not put them in
        # the URL of a report that has data.
        orgs = self.env["party.organization"].browse(docids or data.get("organization_ids"))
        year = int(data.get("year") or fields.Date.context_today(self).year)
        # One search for every printed organisation; each keeps the reports of its subtree.
        assignments = self.env["party.topic.assignment"].search(
            [("organization_id", "child_of", orgs.ids), ("year", "=", year),
             ("state", "in", DONE_STATES)],
        ).sorted(lambda a: (
            a.quarter or "9", a.organization_id.sequence, a.organization_id.complete_name,
            a.topic_id.name,
        ))
        by_org = {}
        for org in orgs:
            mark = f"/{org.id}/"
            by_org[org.id] = assignments.filtered(
                lambda a, mark=mark: mark in f"/{a.organization_id.parent_path}"
            )
        empty = orgs.filtered(lambda o: not by_org[o.id])
        if empty:
            raise UserError(_(
                "%(org)s has no finalised thematic report for %(year)s.",
                org=empty[0].name, year=year,
            ))
        lang = "vi_VN" if "vi_VN" in dict(self.env["res.lang"].get_installed()) else self.env.lang
        Topic = self.env["party.topic"].with_context(lang=lang)
        return {
            "doc_ids": orgs.ids,
            "doc_model": "party.organization",
            "docs": orgs,
            "year": year,
            "assignments_by_org": by_org,
            "category_labels": dict(Topic._fields["category"]._description_selection(Topic.env)),
            "roman": ROMAN,
            "format_vn_date": party_short_date,
            "print_date": orgs[:1]._today(),
        }
