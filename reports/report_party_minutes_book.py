from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .party_document import party_issuer_name, party_short_date
from .party_minutes_book import page_count

# The books an organisation keeps (Hướng dẫn 36-HD/VPTW; what the inspection commission
# checks): its members' meetings, its committee's (a chi ủy for a cell, the Ban Chấp hành
# for a đảng bộ) and its standing committee's, each numbered in its own book.
BOOK_KINDS = [
    ("members", "Members' Meetings"),
    ("committee", "Committee Meetings"),
    ("standing", "Standing Committee Meetings"),
]
BOOK_DOMAINS = {
    "members": [("meeting_type", "!=", "committee")],
    "committee": [("meeting_type", "=", "committee"),
                  ("committee_body", "in", ("executive", "cell_committee"))],
    "standing": [("meeting_type", "=", "committee"), ("committee_body", "=", "standing")],
}
# What the cover prints under "SỔ BIÊN BẢN", for a cell and for a đảng bộ.
BOOK_TITLES = {
    ("members", True): "Sinh hoạt chi bộ",
    ("members", False): "Hội nghị đảng bộ",
    ("committee", True): "Sinh hoạt chi ủy",
    ("committee", False): "Hội nghị Ban Chấp hành",
    ("standing", True): "Hội nghị Ban Thường vụ",
    ("standing", False): "Hội nghị Ban Thường vụ",
}
# The "kind" column of the contents: the type of a members' meeting, the body of a
# committee's.
MEETING_TYPE_WORDS = {
    "regular": "Định kỳ", "thematic": "Chuyên đề", "extraordinary": "Bất thường",
}
COMMITTEE_BODY_WORDS = {
    "executive": "Ban Chấp hành", "standing": "Ban Thường vụ", "cell_committee": "Chi ủy",
}
# Cover and contents: the contents page's figures depend on their own length, which the
# book's rendering measures and passes back (ir_actions_report_minutes_book.py).
DEFAULT_FRONT_PAGES = 2


class ReportPartyMinutesBook(models.AbstractModel):
    """Sổ biên bản: the approved minutes of an organisation's term, of one kind, bound.

    This model finds the minutes (as the user, through the record rules) and lays out the
    cover and contents; ir.actions.report appends the stored PDFs and numbers the pages.
    """

    _name = "report.party_cell.party_minutes_book"
    _description = "Minutes Book"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        term, kind = self._book_request(docids, data)
        meetings = self._book_meetings(term, kind)
        front = max(int(data.get("front_pages") or DEFAULT_FRONT_PAGES), DEFAULT_FRONT_PAGES)
        entries, page = [], front + 1
        for meeting in meetings:
            pages = page_count(meeting.minutes_attachment_id.raw)
            entries.append({
                "meeting": meeting, "number": meeting.minutes_number,
                "date": party_short_date(meeting._local_date()),
                "kind": (COMMITTEE_BODY_WORDS.get(meeting.committee_body)
                         or MEETING_TYPE_WORDS.get(meeting.meeting_type, "")
                         + (", chuyên đề" if meeting.includes_thematic else "")),
                "start_page": page, "pages": pages,
            })
            page += pages
        org = term.organization_id
        return {
            "doc_ids": term.ids,
            "doc_model": "party.term",
            "docs": term,
            "entries": entries,
            "total_pages": page - 1,
            "book_title": BOOK_TITLES[kind, org.is_cell],
            "issuer_name": party_issuer_name(org, committee=kind != "members"),
            "format_vn_date": party_short_date,
            "print_date": org._today(),
        }

    @api.model
    def _book_request(self, docids, data):
        """The term and kind asked for. Printed from the wizard, the term comes in data: the
        web client does not put the ids in the URL of a report that has data."""
        ids = docids or [data.get("term_id")]
        if len(ids) != 1 or not ids[0]:
            raise UserError(_("Print the minutes book of one term at a time."))
        kind = data.get("kind") or "members"
        if kind not in BOOK_DOMAINS:
            raise UserError(_("Unknown kind of minutes book: %(kind)s.", kind=kind))
        return self.env["party.term"].browse(int(ids[0])), kind

    @api.model
    def _book_meetings(self, term, kind):
        """The approved meetings of the book, in order, each with its stored minutes.

        Read as the user: the committee office, inspectors (each within the subtree given to
        them), the organisation's secretaries and the members sitting on its committee print
        its books, and only whole: a book of which the user may not read every minutes is
        refused, not printed with gaps.
        """
        term.check_access("read")
        user = self.env.user
        org = term.organization_id
        if not (user.has_group("party_cell.group_party_committee")
                or user.has_group("party_cell.group_party_inspector")):
            sits = self.env["party.organization"].search_count([
                ("id", "=", org.id), "|", ("rule_post_user_ids", "in", [user.id]),
                ("rule_secretary_user_ids", "in", [user.id]),
            ])
            if not sits:
                raise AccessError(_(
                    "The minutes books of %(org)s are printed by its secretaries, the members "
                    "of its committee, the committee office and the inspectors.", org=org.name))
        # A day's margin on each side in UTC; the days are compared where the meetings sit.
        domain = [("organization_id", "=", org.id), ("state", "=", "approved"),
                  ("date_start", ">=", fields.Datetime.to_datetime(term.date_start)
                   - timedelta(days=1))] + BOOK_DOMAINS[kind]
        if term.date_end:
            domain.append(("date_start", "<", fields.Datetime.to_datetime(term.date_end)
                           + timedelta(days=2)))
        Meeting = self.env["party.meeting"]

        def in_term(meeting):
            day = meeting._local_date()
            return term.date_start <= day and (not term.date_end or day <= term.date_end)

        meetings = Meeting.search(domain).filtered(in_term)
        # sudo: only how many minutes the book holds, to refuse a book with gaps rather than
        # print one; nothing of the meetings the user may not read is returned.
        everything = Meeting.sudo().search(domain).filtered(in_term)
        if len(everything) != len(meetings):
            raise AccessError(_(
                "You may not read every minutes of this book of %(org)s: it cannot be printed "
                "for you.", org=org.name))
        if not meetings:
            kinds = dict(self.env["party.minutes.book.wizard"]._fields["kind"]
                         ._description_selection(self.env))
            raise UserError(_(
                "%(org)s has no approved minutes of %(kind)s in %(term)s: there is no minutes "
                "book to print.", org=org.name, kind=kinds[kind], term=term.name))
        meetings = meetings.sorted(lambda m: (m.date_start, m.minutes_sequence, m.id))
        missing = meetings.filtered(lambda m: not m.minutes_attachment_id)
        for meeting in missing:
            # sudo: the minutes are stored as at approval, the full document whoever asks
            # (as _store_documents does for the approver); the user has read the meeting.
            meeting.sudo()._store_documents()
        missing.invalidate_recordset(["minutes_attachment_id", "resolution_attachment_id"])
        for meeting in meetings:
            if not (meeting.minutes_attachment_id.raw or b"").startswith(b"%PDF"):
                raise UserError(_(
                    "The stored minutes %(number)s of %(name)s cannot be read (file missing "
                    "or damaged): the book is not printed without them. Ask the administrator "
                    "to restore the file.", number=meeting.minutes_number, name=meeting.name))
        return meetings
