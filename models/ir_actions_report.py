import logging
import subprocess
from collections import OrderedDict

from odoo import api, fields, models
from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

_logger = logging.getLogger(__name__)

# Debian's wkhtmltopdf 0.12.6 (Qt not patched) ignores --dpi and draws a CSS pixel as
# 0.75 x 0.96 x 0.768 pt (measured in the PDF's transformation matrices), so 14pt prints as
# about 10.5pt. The party layout zooms its article by the inverse when that build runs.
UNPATCHED_QT_SCALE = 0.96 * 0.768
UNPATCHED_QT_ZOOM = round(1 / UNPATCHED_QT_SCALE, 4)  # 1.3563

_wkhtmltopdf_patched = None  # cached answer of _wkhtmltopdf_is_patched()


def _wkhtmltopdf_is_patched():
    """Whether the wkhtmltopdf binary runs with patched Qt; asked once per process."""
    global _wkhtmltopdf_patched  # noqa: PLW0603 (module-level cache of a binary's property)
    if _wkhtmltopdf_patched is None:
        try:
            out = subprocess.run(
                [_get_wkhtmltopdf_bin(), "--version"],
                capture_output=True, timeout=30, check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = b""
        _wkhtmltopdf_patched = b"with patched qt" in out.lower()
        _logger.info(
            "wkhtmltopdf %s patched Qt: party documents are printed %s.",
            "with" if _wkhtmltopdf_patched else "without",
            "as they are" if _wkhtmltopdf_patched else "with a zoom of %s" % UNPATCHED_QT_ZOOM,
        )
    return _wkhtmltopdf_patched


def party_date_line(place, date):
    """Place and date line of a party document (Hướng dẫn 36-HD/VPTW).

    The day is written on two digits below 10 and the month below 3, as the guide asks:
    ``party_date_line("Thanh Hóa", date(2026, 11, 5))`` gives
    ``"Thanh Hóa, ngày 05 tháng 11 năm 2026"``. Without a date the day and month stay blank
    for the signer to fill in by hand.
    """
    date = fields.Date.to_date(date) if date else None
    if date:
        day = f"{date.day:02d}" if date.day < 10 else str(date.day)
        month = f"{date.month:02d}" if date.month < 3 else str(date.month)
        line = f"ngày {day} tháng {month} năm {date.year}"
    else:
        line = "ngày      tháng      năm"
    return f"{place}, {line}" if place else line


def party_short_date(date):
    """A date in a table of a party document: 05/11/2026."""
    return date.strftime("%d/%m/%Y") if date else ""


def party_doc_number(number, doc_type, issuer_code):
    """Number of a party document: ``party_doc_number(5, "BB", "CB")`` gives "Số 05-BB/CB".

    Without a number the place is left blank, as on a document numbered when issued.
    """
    number = f"{int(number):02d}" if number else "    "
    suffix = f"/{issuer_code}" if issuer_code else ""
    return f"Số {number}-{doc_type}{suffix}"


def party_upper_name(organization):
    """Name of the organisation above, printed at the top left of every document."""
    # sudo: a cell secretary cannot read the upper organisation, yet the guide prints its
    # name on every document the cell issues; only the name leaves this function.
    return organization.sudo().parent_id.name or ""


def party_place(organization):
    """Place written in the date line (Hướng dẫn 36-HD/VPTW): where the issuer is.

    The organisation's own place name, else the nearest organisation above it that has one,
    else the city or province of a company in Vietnam (or without a country). Nothing else:
    a company address abroad (Odoo's demo company sits in San Francisco) is not a party
    document's place, and a blank place is filled in by hand rather than printed wrong.
    """
    # sudo: the organisations above a cell are often not readable by its secretary; only
    # their place names are read.
    org = organization.sudo()
    chain = org.browse([int(i) for i in (org.parent_path or "").split("/") if i][::-1]) or org
    place = next((o.place_name for o in chain if o.place_name), False)
    if place:
        return place
    company = org.company_id or org.env.company
    if company.country_id and company.country_id.code != "VN":
        return ""
    return company.city or company.state_id.name or ""


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        report_sudo = self._get_report(report_ref)
        if (
            report_sudo.report_name.startswith("party_cell.")
            and report_sudo.attachment
            and res_ids and len(res_ids) > 1 and len(set(res_ids)) == len(res_ids)
        ):
            # A party report prints all its records in one article (the unpatched wkhtmltopdf
            # refuses several), so Odoo could not cut the PDF into one attachment per record:
            # print such reports one record at a time.
            streams = OrderedDict()
            for res_id in res_ids:
                streams.update(super()._render_qweb_pdf_prepare_streams(
                    report_ref, dict(data or {}), res_ids=[res_id]
                ))
            return streams
        return super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)

    def _get_rendering_context(self, report, docids, data):
        data = super()._get_rendering_context(report, docids, data)
        if report.report_name.startswith("party_cell."):
            data.update(
                party_date_line=party_date_line,
                party_doc_number=party_doc_number,
                party_upper_name=party_upper_name,
                party_place=party_place,
                # CSS zoom of the article, or False when wkhtmltopdf prints true sizes.
                party_zoom=(
                    UNPATCHED_QT_ZOOM
                    if data.get("report_type") == "pdf" and not _wkhtmltopdf_is_patched()
                    else False
                ),
            )
        return data

