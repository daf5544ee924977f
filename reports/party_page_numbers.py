"""Page numbers drawn onto a party document printed by Debian's wkhtmltopdf.

Hướng dẫn 36-HD/VPTW numbers the pages of a document from the second one on, in Arabic
figures, centred over the text in the top margin. The patched wkhtmltopdf prints them from the
header of the party layout (reports/party_layout_templates.xml); the unpatched build ignores
header HTML, so the same figures, in the same font, size and place, are drawn onto its PDF
here, the way Odoo draws its banners (odoo.tools.pdf.add_banner).
"""
import io
import logging
import subprocess
from functools import lru_cache

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from odoo.tools.pdf import PdfFileReader, PdfFileWriter

_logger = logging.getLogger(__name__)

FONT_NAME = "LiberationSerif"
# Size and place of the figure; the header of the party layout uses the same values.
PAGE_NUMBER_SIZE = 14  # pt
PAGE_NUMBER_BASELINE = 12  # mm below the top edge of the page


@lru_cache(maxsize=1)
def _page_number_font():
    """Register Liberation Serif with reportlab once; None when the font is not installed."""
    try:
        path = subprocess.run(
            ["fc-match", "-f", "%{file}", "Liberation Serif:style=Regular"],
            capture_output=True, text=True, timeout=30, check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        path = ""
    # fc-match answers with its closest font when Liberation Serif is missing: refuse it
    # rather than mix fonts in a document.
    if "LiberationSerif-Regular" not in path:
        _logger.warning("Liberation Serif not found (fc-match gave %r): party documents printed "
                        "by an unpatched wkhtmltopdf get no page numbers.", path)
        return None
    pdfmetrics.registerFont(TTFont(FONT_NAME, path))
    return FONT_NAME


def stamp_page_numbers(pdf_content, margin_left, margin_right):
    """The PDF with its pages numbered from the second one, centred between the margins (mm).

    ``pdf_content`` holds one document: the numbering starts again only in another call.
    """
    reader = PdfFileReader(io.BytesIO(pdf_content), strict=False, overwriteWarnings=False)
    count = reader.getNumPages()
    font = count > 1 and _page_number_font()
    if not font:
        return pdf_content
    overlay = io.BytesIO()
    # The initial font is reportlab's Helvetica unless told: it would sit, unembedded, in
    # every numbered page's resources.
    sheet = canvas.Canvas(overlay, initialFontName=font, initialFontSize=PAGE_NUMBER_SIZE)
    for index in range(count):
        box = reader.getPage(index).mediaBox
        width, height = float(abs(box.getWidth())), float(abs(box.getHeight()))
        sheet.setPageSize((width, height))
        if index:
            centre = (margin_left * mm + width - margin_right * mm) / 2
            sheet.setFont(font, PAGE_NUMBER_SIZE)
            sheet.drawCentredString(centre, height - PAGE_NUMBER_BASELINE * mm, str(index + 1))
        sheet.showPage()
    sheet.save()
    numbers = PdfFileReader(overlay, overwriteWarnings=False)
    writer = PdfFileWriter()
    for index in range(count):
        page = reader.getPage(index)
        if index:
            page.mergePage(numbers.getPage(index))
            # The merged content is written uncompressed: compress it again.
            page.compressContentStreams()
        writer.addPage(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
