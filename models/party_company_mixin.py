from odoo import api, fields, models


class PartyCompanyMixin(models.AbstractModel):
    """The company of a record is the company of its party organisation.

    A related field would leave a new record without company until its organisation is
    chosen, and the company check of the organisation field would then offer only the
    organisations without company: nothing. Until an organisation is chosen, the record
    belongs to the current company, as in Odoo's own documents.
    """

    _name = "party.company.mixin"
    _description = "Company of the Party Organisation"

    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, precompute=True, index=True,
        readonly=True,
    )

    @api.depends("organization_id.company_id")
    def _compute_company_id(self):
        for record in self:
            record.company_id = record.organization_id.company_id or self.env.company
