from odoo import fields, models


class PartyFeePaymentWizard(models.TransientModel):
    """Record a member's payment of a month's party fee, with its receipt."""

    _name = "party.fee.payment.wizard"
    _description = "Record Party Fee Payment"

    line_id = fields.Many2one("party.fee.line", required=True, readonly=True)
    member_name = fields.Char(related="line_id.member_name")
    currency_id = fields.Many2one(related="line_id.currency_id")
    amount = fields.Monetary(related="line_id.amount")
    receipt_number = fields.Char(required=True)
    paid_date = fields.Date(string="Payment Date", required=True,
                            default=fields.Date.context_today)

    def action_apply(self):
        self.ensure_one()
        self.line_id._record_payment(self.receipt_number, self.paid_date)
        return {"type": "ir.actions.act_window_close"}
