from odoo import models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"
