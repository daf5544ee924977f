from odoo import fields, models


class PartyOrganization(models.Model):
    """Periodic reports of an organisation without a recorded term are numbered per year,
    as its minutes and resolutions are (``_document_sequence``)."""

    _inherit = "party.organization"

    report_sequence_id = fields.Many2one("ir.sequence", copy=False, readonly=True,
                                         groups="base.group_system")
    periodic_report_ids = fields.One2many("party.periodic.report", "organization_id",
                                          string="Periodic Reports")
