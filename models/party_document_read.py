from odoo import fields, models


class PartyDocumentRead(models.Model):
    """A member opened one of a meeting's documents on their page: who, what, when.

    Written by the portal's document route only (as the system, after it checked that the
    member was summoned to the meeting); the secretary reads it on the meeting.
    """

    _name = "party.document.read"
    _description = "Meeting Document Read"
    _order = "read_date desc, id desc"

    meeting_id = fields.Many2one("party.meeting", required=True, ondelete="cascade", index=True,
                                 readonly=True)
    organization_id = fields.Many2one(related="meeting_id.organization_id", store=True,
                                      index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    member_id = fields.Many2one("party.member", required=True, ondelete="cascade",
                                readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="Document", required=True,
                                    ondelete="cascade", readonly=True)
    read_date = fields.Datetime(string="Opened", required=True, readonly=True,
                                default=fields.Datetime.now)
