import logging
import subprocess
from collections import OrderedDict

from odoo import api, models
from odoo.addons.base.models import ir_actions_report as base_report
from odoo.tools.safe_eval import safe_eval, time

from ..reports import party_document
from ..reports.party_document import (
    party_date_line,
    party_doc_number,
    party_place,
    party_upper_name,
)
from ..reports.party_page_numbers import stamp_page_numbers

_logger = logging.getLogger(__name__)

# Debian's wkhtmltopdf 0.12.6 (Qt not patched) ignores --dpi and draws a CSS pixel as
# 0.75 x 0.96 x 0.768 pt (measured in the PDF's transformation matrices), so 14pt prints as
# about 10.5pt: the party layout zooms its article when that build runs. The inverse (1.3563)
# would restore lengths exactly, but that build also rounds font sizes to its device pixels
# (0.553 pt): with it 12/14/15/16 pt text prints at 12.67/14.41/15.55/16.71 pt. At 1.322 (the
# same from 1.315 to 1.323) it prints at 12.10/14.41/14.98/16.13 pt, next to the patched
# build's 11.98/14.22/14.97/15.71 pt (which rounds to CSS pixels), so that both builds break
# lines and pages alike; fixed lengths (margins, signature space) come out 2.5% short.
UNPATCHED_QT_ZOOM = 1.322

_patched_by_binary = {}  # wkhtmltopdf path -> whether it runs with patched Qt


def _wkhtmltopdf_is_patched():
    """Whether the wkhtmltopdf Odoo runs has patched Qt; asked once per binary and process.

    The binary is the one Odoo finds (PATH, then the ``bin_path`` option), looked up again on
    each call as Odoo does, so that a server and the tests may switch builds.
    """
    binary = base_report._get_wkhtmltopdf_bin()
    if binary not in _patched_by_binary:
        try:
            out = subprocess.run(
                [binary, "--version"], capture_output=True, timeout=30, check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError, TypeError):
            out = b""
        patched = b"with patched qt" in out.lower()
        _patched_by_binary[binary] = patched
        _logger.info(
            "wkhtmltopdf at %s %s patched Qt: party documents are printed %s.", binary,
            "with" if patched else "without",
            "several at once, numbered by the page header" if patched else
            "one by one, zoomed by %s, their pages numbered afterwards" % UNPATCHED_QT_ZOOM,
        )
    return _patched_by_binary[binary]


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _is_party_report(self):
        return self.report_name.startswith("party_cell.")

    def _saves_pdf_of_any(self, res_ids):
        """Whether printing these records stores the PDF of one of them (``attachment``)."""
        if not self.attachment or self.env.context.get("report_pdf_no_attachment"):
            return False
        return any(
            safe_eval(self.attachment, {"object": record, "time": time})
            for record in self.env[self.model].browse(res_ids)
        )

    @api.model
    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        report_sudo = self._get_report(report_ref)
        if (
            report_sudo._is_party_report()
            and res_ids and len(res_ids) > 1 and len(set(res_ids)) == len(res_ids)
            and (not _wkhtmltopdf_is_patched() or report_sudo._saves_pdf_of_any(res_ids))
        ):
            # The unpatched wkhtmltopdf prints one article per run, and a report that saves
            # its PDFs needs one file per record, which Odoo could cut out of a run of several
            # only through outlines the party documents do not have: print one at a time.
            streams = OrderedDict()
            for res_id in res_ids:
                streams.update(super()._render_qweb_pdf_prepare_streams(
                    report_ref, dict(data or {}), res_ids=[res_id]
                ))
            return streams
        return super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)

    @api.model
    def _run_wkhtmltopdf(self, bodies, report_ref=False, header=None, footer=None,
                         landscape=False, specific_paperformat_args=None,
                         set_viewport_size=False):
        pdf = super()._run_wkhtmltopdf(
            bodies, report_ref=report_ref, header=header, footer=footer, landscape=landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )
        report = report_ref and self._get_report(report_ref)
        if report and report._is_party_report() and not _wkhtmltopdf_is_patched():
            # This build ignored the page header that numbers the pages: number them here.
            paperformat = report.get_paperformat()
            pdf = stamp_page_numbers(pdf, paperformat.margin_left, paperformat.margin_right)
        return pdf

    def _get_rendering_context(self, report, docids, data):
        data = super()._get_rendering_context(report, docids, data)
        if report._is_party_report():
            data.update(
                party_date_line=party_date_line,
                party_doc_number=party_doc_number,
                party_upper_name=party_upper_name,
                party_place=party_place,
                party_header=party_document.party_header,
                party_sign_for=party_document.party_sign_for,
                party_recipients=party_document.party_recipients,
                party_words=party_document.PARTY_WORDS,
                # CSS zoom of the article, or False when wkhtmltopdf prints true sizes.
                party_zoom=(
                    UNPATCHED_QT_ZOOM
                    if data.get("report_type") == "pdf" and not _wkhtmltopdf_is_patched()
                    else False
                ),
            )
        return data
