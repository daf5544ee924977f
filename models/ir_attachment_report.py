from odoo import models


class IrAttachment(models.Model):
    """The PDF of an issued periodic report is kept as issued, as approved minutes are
    (ir_attachment.py): nobody replaces or deletes it."""

    _inherit = "ir.attachment"

    def _party_kept(self):
        kept = super()._party_kept()
        candidates = self.filtered(lambda a: a.res_model == "party.periodic.report")
        if not candidates:
            return kept
        # sudo: the lock holds whoever asks; the user may not read the report.
        reports = self.env["party.periodic.report"].sudo().search([
            ("state", "!=", "draft"), ("attachment_id", "in", candidates.ids)])
        return kept | candidates.filtered(lambda a: a in reports.attachment_id)
