"""Sổ biên bản: a term's approved minutes bound from their stored PDFs, and who prints it."""
import io
import json
import re
import shutil
import urllib.error
import urllib.parse
from datetime import timedelta

from freezegun import freeze_time
from reportlab.pdfgen import canvas

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..reports.party_minutes_book import page_count
from .test_committee import CommitteeCase
from .test_documents import poppler
from .test_external_api import ApiCase

BOOK = "party_cell.action_report_party_minutes_book"


def fake_pdf(label, pages):
    """A stored PDF of ``pages`` pages, each saying which document and page it is."""
    out = io.BytesIO()
    sheet = canvas.Canvas(out)
    for page in range(1, pages + 1):
        sheet.drawString(100, 700, f"{label} page {page}")
        sheet.showPage()
    sheet.save()
    return out.getvalue()


class MinutesBookData(CommitteeCase):
    """Cell A1 approves three meetings in its term (the November one before the October
    one, so numbers and dates run in different orders), holds a fourth and approves a chi ủy
    meeting; cell A2 approves one; committee A approves a full and a standing committee
    meeting. A plain member of A2 sits on committee A (not on its standing committee)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_committee_member = cls._user("committee_member_a2", "group_party_member")
        cls.committee_member = cls._member("Vũ Thị Hoa", cls.cell_a2,
                                           user=cls.user_committee_member,
                                           card_number="78.000020")
        cls.env["party.committee.post"].create({
            "term_id": cls.term_a.id, "member_id": cls.committee_member.id,
            "post": "committee_member", "date_from": "2026-01-01"})
        cls.term_a1 = cls.env["party.term"].search([("organization_id", "=", cls.cell_a1.id)])
        cls.term_a1.name = "Nhiệm kỳ 2025–2030"

    @classmethod
    def _build_book(cls):
        cell = {"chair_id": cls.secretary.id, "minute_taker_id": cls.member2.id}
        # Minutes of several pages, so that the book's numbering is not the minutes' count.
        long_text = "".join(
            f"<p>Nội dung {i}: tiếp tục quán triệt, triển khai các nghị quyết, chỉ thị của "
            "cấp ủy cấp trên; nâng cao chất lượng tham mưu, hoàn thành nhiệm vụ chuyên môn.</p>"
            for i in range(1, 13))
        cls.september = cls._approved(cls.cell_a1, "2026-09-01 02:00:00", situation=long_text,
                                      news=long_text, **cell)
        cls.october = cls._held(cls.cell_a1, "2026-10-06 02:00:00",
                                meeting_type="extraordinary", **cell)
        cls.november = cls._approved(cls.cell_a1, "2026-11-03 02:00:00", situation=long_text,
                                     **cell)
        cls._approve(cls.october)
        cls.held = cls._held(cls.cell_a1, "2026-11-24 02:00:00", **cell)
        cls.chi_uy = cls._approved(cls.cell_a1, "2026-10-02 02:00:00", meeting_type="committee",
                                   render=False, **cell)
        cls.other_cell = cls._approved(cls.cell_a2, "2026-10-07 02:00:00", render=False,
                                       chair_id=cls.secretary_a2.id,
                                       minute_taker_id=cls.member_a2.id)
        committee = {"meeting_type": "committee", "chair_id": cls.member.id,
                     "minute_taker_id": cls.secretary.id, "render": False}
        cls.executive = cls._approved(cls.committee_a, "2026-10-05 02:00:00", **committee)
        cls.standing = cls._approved(cls.committee_a, "2026-10-12 02:00:00",
                                     committee_body="standing", **committee)
        cls.book = cls.september | cls.october | cls.november
        # Who sits on a committee is computed without dependencies (it reads the day):
        # forget what the approvals computed before the last posts, as a new request would.
        cls.env.invalidate_all()

    @classmethod
    def _held(cls, org, start, **vals):
        meeting = cls._meeting(org, start=start, conclusion="<p>Thống nhất các nhiệm vụ.</p>",
                               **vals)
        meeting.action_plan()
        with freeze_time(fields.Datetime.to_datetime(start) + timedelta(hours=3)):
            meeting.action_hold()
        return meeting

    @classmethod
    def _approve(cls, meeting, render=True):
        with freeze_time(meeting.date_end + timedelta(hours=1)):
            meeting.with_context(force_report_rendering=render and cls._renders).action_approve()

    @classmethod
    def _approved(cls, org, start, render=True, **vals):
        meeting = cls._held(org, start, **vals)
        cls._approve(meeting, render)
        return meeting

    _renders = False  # real PDFs at approval (HttpCase only)

    @classmethod
    def _fake_stored_pdfs(cls):
        """Test mode stores the minutes as HTML: give them PDFs of a few pages instead."""
        approved = cls.book | cls.chi_uy | cls.other_cell | cls.executive | cls.standing
        for meeting, pages in zip(approved, (1, 3, 2, 1, 1, 1, 1)):
            meeting.minutes_attachment_id.sudo().raw = fake_pdf(meeting.minutes_number, pages)


@tagged("post_install", "-at_install")
class TestMinutesBookContent(MinutesBookData):
    """Which minutes each book holds, in which order, and who may print it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_book()
        cls._fake_stored_pdfs()

    def _meetings(self, user, term, kind):
        Book = self.env["report.party_cell.party_minutes_book"].with_user(user)
        return Book._book_meetings(term.with_user(user), kind)

    def test_books_hold_their_minutes_in_order(self):
        self.assertEqual(self._meetings(self.user_secretary, self.term_a1, "members").ids,
                         (self.september | self.october | self.november).ids)
        self.assertEqual([m.minutes_number for m in self.book],
                         ["01-BB/CB", "03-BB/CB", "02-BB/CB"])
        self.assertEqual(self._meetings(self.user_secretary, self.term_a1, "committee"),
                         self.chi_uy)
        self.assertEqual(self._meetings(self.user_officer, self.term_a, "committee"),
                         self.executive)
        self.assertEqual(self._meetings(self.user_officer, self.term_a, "standing"),
                         self.standing)

    def test_the_term_bounds_the_book(self):
        self.term_a1.date_end = "2026-10-31"
        self.assertEqual(self._meetings(self.user_secretary, self.term_a1, "members"),
                         self.september | self.october)

    def test_who_prints_which_book(self):
        cases = [
            ("plain member of the cell", self.user_member2, self.term_a1, "members", False),
            ("cell's secretary", self.user_secretary, self.term_a1, "members", True),
            ("cell's secretary, chi ủy", self.user_secretary, self.term_a1, "committee", True),
            ("secretary of another cell", self.user_secretary_b, self.term_a1, "members",
             False),
            ("committee office", self.user_officer, self.term_a1, "members", True),
            ("inspector", self.user_inspector, self.term_a1, "members", True),
            ("administrator", self.user_admin, self.term_a1, "members", True),
            ("office of another company", self.user_officer_z, self.term_a1, "members", False),
            ("deputy secretary of the committee", self.user_member, self.term_a, "committee",
             True),
            ("deputy secretary of the committee, standing", self.user_member, self.term_a,
             "standing", True),
            ("deputy secretary of the committee, own cell", self.user_member, self.term_a1,
             "members", False),
            ("member of the committee", self.user_committee_member, self.term_a, "committee",
             True),
            # Sits on the committee, not on its standing committee: the book would have gaps.
            ("member of the committee, standing", self.user_committee_member, self.term_a,
             "standing", False),
            ("plain member, committee", self.user_member2, self.term_a, "committee", False),
        ]
        for label, user, term, kind, allowed in cases:
            with self.subTest(label):
                if allowed:
                    self.assertTrue(self._meetings(user, term, kind))
                else:
                    with self.assertRaises(AccessError):
                        self._meetings(user, term, kind)

    def test_no_approved_minutes_is_refused_clearly(self):
        term = self.env["party.term"].search([("organization_id", "=", self.cell_b1.id)])
        with self.assertRaisesRegex(UserError, "has no approved minutes of Members' Meetings"):
            self._meetings(self.user_admin, term, "members")
        with self.assertRaisesRegex(UserError, "no approved minutes"):
            self._meetings(self.user_secretary, self.term_a1, "standing")
        wizard = self.env["party.minutes.book.wizard"].with_user(self.user_admin).create(
            {"term_id": term.id})
        self.assertEqual(wizard.kind, "members")
        with self.assertRaisesRegex(UserError, "no minutes book to print"):
            wizard.action_print()
        with self.assertRaisesRegex(UserError, "Unknown kind"):
            self.env["report.party_cell.party_minutes_book"]._book_request(
                self.term_a1.ids, {"kind": "everything"})

    def test_unreadable_stored_minutes_are_refused_clearly(self):
        self.october.minutes_attachment_id.sudo().raw = b"damaged"
        with self.assertRaisesRegex(UserError, "03-BB/CB of .* cannot be read"):
            self._meetings(self.user_secretary, self.term_a1, "members")

    def test_wizard_from_the_organisation(self):
        wizard = self.env["party.minutes.book.wizard"].with_user(self.user_officer).with_context(
            active_model="party.organization", active_id=self.committee_a.id).create({})
        self.assertEqual((wizard.term_id, wizard.kind), (self.term_a, "committee"))
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "party_cell.party_minutes_book")
        self.assertEqual(action["data"], {"term_id": self.term_a.id, "kind": "committee"})


@tagged("post_install", "-at_install")
class TestMinutesBookPdf(MinutesBookData, HttpCase):
    """The book printed through wkhtmltopdf, read back with poppler."""

    _renders = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_book()
        # Approved before its PDF was stored: the book stores it first.
        cls.september.minutes_attachment_id.sudo().unlink()
        Report = cls.env["ir.actions.report"].with_user(cls.user_secretary).with_context(
            force_report_rendering=True)
        cls.pdf, kind = Report._render_qweb_pdf(BOOK, cls.term_a1.ids, data={"kind": "members"})
        assert kind == "pdf", kind
        cls.pages = poppler("pdftotext", cls.pdf, "-layout").split("\f")[:-1]

    def test_pages_are_cover_contents_and_the_stored_minutes(self):
        if not shutil.which("pdftotext"):
            self.fail("pdftotext not found: install poppler-utils to check printed documents.")
        self.assertTrue(self.september.minutes_attachment_id, "stored on the way")
        stored = [page_count(m.minutes_attachment_id.raw) for m in self.book]
        self.assertGreater(sum(stored), 3, "the minutes run over several pages")
        self.assertEqual(page_count(self.pdf), 2 + sum(stored))
        self.assertEqual(len(self.pages), 2 + sum(stored))
        cover = " ".join(self.pages[0].split())
        for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ CỤC A", "CHI BỘ A1", "SỔ BIÊN BẢN",
                         "SINH HOẠT CHI BỘ", "NHIỆM KỲ 2025–2030",
                         f"Gồm 3 biên bản, {2 + sum(stored)} trang"):
            with self.subTest(expected=expected):
                self.assertIn(expected, cover)
        self.assertIn("MỤC LỤC", self.pages[1])

    def test_contents_give_where_each_minutes_starts(self):
        start = 3
        for meeting in self.book:
            number = meeting.minutes_number
            date = meeting._local_date().strftime("%d/%m/%Y")
            row = re.search(rf"\b\d\s+{re.escape(number)}\s+{date}\s.*?\s(\d+)\s*$",
                            self.pages[1], re.MULTILINE)
            with self.subTest(number=number):
                self.assertTrue(row, f"{number} not in the contents:\n{self.pages[1]}")
                self.assertEqual(int(row.group(1)), start)
                stored = meeting.minutes_attachment_id.raw
                first = poppler("pdftotext", stored, "-layout").split("\f")[0]
                # The book's page is the stored page, and its number below it.
                book_page = self.pages[start - 1]
                self.assertIn(f"Số {number}", book_page)
                self.assertEqual(first.split(), book_page.split()[:len(first.split())])
                start += page_count(stored)

    def test_pages_are_numbered_through(self):
        total = len(self.pages)
        self.assertNotIn("Trang 1/", self.pages[0])
        for index, text in enumerate(self.pages[1:], 2):
            with self.subTest(page=index):
                self.assertIn(f"Trang {index}/{total}", text)


@tagged("post_install", "-at_install")
class TestMinutesBookRpc(MinutesBookData, ApiCase):
    """The wizard and the report route over JSON-RPC and HTTP, as each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_book()
        cls._fake_stored_pdfs()

    def _print(self, client, term, kind):
        """What the wizard and the report route answer: (wizard, route)."""
        answers = []
        try:
            wizard_id = self._call(client, "party.minutes.book.wizard", "create",
                                   {"term_id": term.id, "kind": kind})
            action = self._call(client, "party.minutes.book.wizard", "action_print",
                                [wizard_id])
            answers.append(action["report_name"] == "party_cell.party_minutes_book")
        except Exception:  # noqa: BLE001 (odoorpc's RPCError: refused)
            answers.append(False)
        options = urllib.parse.quote(json.dumps({"kind": kind}))
        try:
            _headers, body = self._download(
                client, f"report/pdf/party_cell.party_minutes_book/{term.id}?options={options}")
            # Test mode renders the cover and contents as HTML (wkhtmltopdf would wait for
            # this server): the contents list the numbers.
            answers.append("MỤC LỤC" in body.decode() or "Mục lục" in body.decode())
        except urllib.error.HTTPError:
            answers.append(False)
        return tuple(answers)

    def test_who_prints_over_rpc(self):
        cases = [
            ("plain member of the cell", self.user_member2, self.term_a1, "members", False),
            ("cell's secretary", self.user_secretary, self.term_a1, "members", True),
            ("secretary of another cell", self.user_secretary_b, self.term_a1, "members",
             False),
            ("committee office", self.user_officer, self.term_a1, "members", True),
            ("inspector", self.user_inspector, self.term_a1, "members", True),
            ("member of the committee", self.user_committee_member, self.term_a, "committee",
             True),
            ("member of the committee, cell A1's book", self.user_committee_member,
             self.term_a1, "members", False),
            ("office of another company", self.user_officer_z, self.term_a1, "members", False),
        ]
        for label, user, term, kind, allowed in cases:
            with self.subTest(label):
                self.assertEqual(self._print(self._client(user), term, kind),
                                 (allowed, allowed))
