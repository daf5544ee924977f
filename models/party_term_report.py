from odoo import fields, models


class PartyTerm(models.Model):
    """The numbering of a term's periodic reports ("05-BC/ĐU"), beside its minutes and
    resolutions (party_term.py, ``_document_sequence("report")``)."""

    _inherit = "party.term"

    report_sequence_id = fields.Many2one("ir.sequence", copy=False, readonly=True,
                                         string="Reports Numbering")
