from odoo import _, api, models

from .party_lock import refuse

# Models whose records keep files that become part of the book of record.
RECORD_MODELS = ("party.meeting", "party.topic.assignment")
# What Odoo itself may still write on a kept file (sharing links).
FREE_FIELDS = {"access_token"}


class IrAttachment(models.Model):
    """Files of the book of record cannot be replaced or deleted.

    Odoo lets whoever may write a record write or delete its attachments. The stored minutes
    and resolution of an approved meeting, the papers it was sent, and the drafts and final
    versions of a submitted thematic report are the record itself: nobody replaces or
    deletes them, not even the secretary who approved them.
    """

    _inherit = "ir.attachment"

    def _party_kept(self):
        """The attachments of this set that belong to an approved or submitted record."""
        candidates = self.filtered(lambda a: a.res_model in RECORD_MODELS)
        if not candidates:
            return self.browse()
        ids = candidates.ids
        # sudo: the lock holds whoever asks; the user may not read the meeting or report.
        meetings = self.env["party.meeting"].sudo().search([
            ("state", "=", "approved"), "|", "|",
            ("minutes_attachment_id", "in", ids), ("resolution_attachment_id", "in", ids),
            ("document_ids", "in", ids),
        ])
        reports = self.env["party.topic.assignment"].sudo().with_context(
            active_test=False).search([
                ("state", "=", "submitted"), "|",
                ("draft_attachment_ids", "in", ids), ("final_attachment_ids", "in", ids),
            ])
        kept = (meetings.minutes_attachment_id | meetings.resolution_attachment_id
                | meetings.document_ids | reports.draft_attachment_ids
                | reports.final_attachment_ids)
        return candidates.filtered(lambda a: a.id in kept.ids)

    def _check_not_kept(self, operation="write"):
        if self.env.su:
            return
        kept = self._party_kept()
        if kept:
            # Odoo's own check of attachments: access to the record they belong to.
            kept.check("write" if operation == "write" else "unlink")
            refuse(kept, _("%(name)s is part of the party's book of record (approved minutes "
                           "or a submitted report): it cannot be replaced or deleted.",
                           name=kept[0].name), operation)

    def write(self, vals):
        if set(vals) - FREE_FIELDS:
            self._check_not_kept()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_party_record(self):
        self._check_not_kept("unlink")
