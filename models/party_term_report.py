from odoo import fields, models


class PartyTerm(models.Model):
    """The numbering of a term's periodic reports ("05-BC/ĐU"), beside its minutes and
    resolutions (party_term.py)."""

    _inherit = "party.term"

    report_sequence_id = fields.Many2one("ir.sequence", copy=False, readonly=True,
                                         string="Reports Numbering")

    def _document_sequence(self, kind):
        # Reports were never numbered before their term's numbering existed: it starts at
        # 01 (minutes and resolutions look for numbers given per year before, see super).
        if kind == "report" and not self.report_sequence_id:
            self.report_sequence_id = self.env["ir.sequence"].create({
                "name": f"{self.organization_id.name} {self.name} (report)",
                "implementation": "no_gap",
                "padding": 2,
                "company_id": self.company_id.id,
            })
        return super()._document_sequence(kind)
