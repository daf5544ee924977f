from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .party_document import party_short_date


def fee_book_range(env, data):
    """The months of a committee's fee book, from the report's data or this quarter."""
    data = data or {}
    if data.get("date_from") and data.get("date_to"):
        date_from = fields.Date.to_date(data["date_from"]).replace(day=1)
        date_to = fields.Date.to_date(data["date_to"]).replace(day=1)
    else:
        today = fields.Date.context_today(env.user)
        date_from = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        date_to = date_from + relativedelta(months=2)
    if date_to < date_from:
        raise UserError(_("The fee book ends before it starts."))
    return date_from, date_to


def vnd(amount):
    """12.345.000 — amounts in đồng as a Vietnamese document writes them."""
    return f"{amount or 0:,.0f}".replace(",", ".")


class ReportPartyFeeBookCell(models.AbstractModel):
    """Sổ thu đảng phí of a cell for one month: each member's fee, payment and receipt."""

    _name = "report.party_cell.party_fee_book_cell_document"
    _description = "Cell Party Fee Book"

    @api.model
    def _get_report_values(self, docids, data=None):
        periods = self.env["party.fee.period"].browse(docids)
        return {
            "doc_ids": periods.ids, "doc_model": "party.fee.period", "docs": periods,
            "vnd": vnd, "format_vn_date": party_short_date,
            "keep_percent": {p.id: p.organization_id._fee_keep_percent() for p in periods},
        }


class ReportPartyFeeBookCommittee(models.AbstractModel):
    """Sổ tổng hợp thu, nộp đảng phí of a committee over some months: one row per cell."""

    _name = "report.party_cell.party_fee_book_committee_document"
    _description = "Committee Party Fee Book"

    @api.model
    def _get_report_values(self, docids, data=None):
        orgs = self.env["party.organization"].browse(docids)
        date_from, date_to = fee_book_range(self.env, data)
        rollup = self.env["party.fee.line"]._rollup(orgs, date_from, date_to)
        books = {}
        for org in orgs:
            mark = f"/{org.id}/"
            rows = sorted(((cell, row) for cell, row in rollup.items()
                           if mark in f"/{cell.parent_path}"),
                          key=lambda item: item[0].complete_name)
            totals = {key: sum(row[key] for _cell, row in rows)
                      for key in ("members", "due", "paid", "kept", "remitted")}
            keep = org._fee_keep_percent() if not org.is_cell else 0.0
            totals["org_kept"] = round(totals["remitted"] * keep / 100.0)
            totals["org_remitted"] = totals["remitted"] - totals["org_kept"]
            books[org.id] = {"rows": rows, "totals": totals, "keep": keep}
        return {
            "doc_ids": orgs.ids, "doc_model": "party.organization", "docs": orgs,
            "books": books, "vnd": vnd,
            "period_label": f"{date_from.month:02d}/{date_from.year} – "
                            f"{date_to.month:02d}/{date_to.year}",
            "print_date": orgs[:1]._today() if orgs else fields.Date.context_today(self),
        }
