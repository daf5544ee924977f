from odoo import models

from ..reports.party_minutes_book import bind_book, page_count
from ..reports.report_party_minutes_book import DEFAULT_FRONT_PAGES

MINUTES_BOOK = "party_cell.party_minutes_book"


class IrActionsReport(models.Model):
    """The minutes book: its cover and contents rendered, then the stored minutes bound.

    Its report action renders the cover and the contents page (QWeb); the approved minutes
    come from their stored PDFs, page for page (reports/party_minutes_book.py).
    """

    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        if self._get_report(report_ref).report_name != MINUTES_BOOK:
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        data = dict(data or {})
        Book = self.env["report.party_cell.party_minutes_book"]
        term, kind = Book._book_request(res_ids, data)
        meetings = Book._book_meetings(term, kind)
        # The contents page gives the page where each minutes starts, counted after the
        # cover and the contents themselves: render once, and again if the contents ran
        # longer than supposed (a long book), until the count holds.
        front_pages = DEFAULT_FRONT_PAGES
        for _attempt in range(4):
            data.update(term_id=term.id, kind=kind, front_pages=front_pages)
            front, report_type = super()._render_qweb_pdf(report_ref, term.ids, data=data)
            if report_type != "pdf":
                return front, report_type
            rendered = page_count(front)
            if rendered == front_pages:
                break
            front_pages = rendered
        paperformat = self._get_report(report_ref).get_paperformat()
        documents = [front] + [m.minutes_attachment_id.raw for m in meetings]
        return bind_book(documents, paperformat.margin_left, paperformat.margin_right), "pdf"
