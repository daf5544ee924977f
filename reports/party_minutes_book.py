"""Binding a minutes book: the stored PDFs one after the other, the pages numbered through.

The approved minutes are bound as they were stored at approval (models/
party_meeting_workflow.py, ``_store_documents``), page for page: nothing is rendered again.
Each keeps its own page numbers at the top (from its second page, Hướng dẫn 36-HD/VPTW); the
book's numbers go into the bottom margin, "Trang 5/48", on every page but the cover, so that
an inspector sees at once that no page is missing.
"""
import io

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from .party_page_numbers import _page_number_font

BOOK_NUMBER_SIZE = 12  # pt
BOOK_NUMBER_BASELINE = 10  # mm above the bottom edge of the page


def page_count(pdf_content):
    return PdfFileReader(io.BytesIO(pdf_content), strict=False).getNumPages()


def bind_book(documents, margin_left, margin_right):
    """One PDF of ``documents`` (PDF contents, in order), numbered from the second page."""
    pages = []
    for document in documents:
        reader = PdfFileReader(io.BytesIO(document), strict=False)
        pages.extend(reader.getPage(index) for index in range(reader.getNumPages()))
    font = _page_number_font()
    numbers = None
    if font:
        overlay = io.BytesIO()
        sheet = canvas.Canvas(overlay, initialFontName=font, initialFontSize=BOOK_NUMBER_SIZE)
        for index, page in enumerate(pages):
            box = page.mediaBox
            width, height = float(abs(box.getWidth())), float(abs(box.getHeight()))
            sheet.setPageSize((width, height))
            if index:
                centre = (margin_left * mm + width - margin_right * mm) / 2
                sheet.setFont(font, BOOK_NUMBER_SIZE)
                sheet.drawCentredString(centre, BOOK_NUMBER_BASELINE * mm,
                                        f"Trang {index + 1}/{len(pages)}")
            sheet.showPage()
        sheet.save()
        numbers = PdfFileReader(overlay)
    writer = PdfFileWriter()
    for index, page in enumerate(pages):
        if numbers and index:
            page.mergePage(numbers.getPage(index))
            # The merged content is written uncompressed: compress it again.
            page.compressContentStreams()
        writer.addPage(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
