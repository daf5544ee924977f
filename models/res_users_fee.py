from odoo import api, fields, models


class ResUsers(models.Model):
    """The cells whose party fees a user collects, read by the fee record rules."""

    _inherit = "res.users"

    party_fee_cell_ids = fields.Many2many(
        "party.organization", compute="_compute_party_fee_cells", compute_sudo=True,
        string="Cells Collecting Fees",
    )

    @api.depends("party_secretary_cell_ids", "party_member_ids.state")
    def _compute_party_fee_cells(self):
        treasurers = self.env["party.organization"].search([
            ("fee_treasurer_id.user_id", "in", self.ids),
            ("fee_treasurer_id.state", "in", ("probationary", "official", "exempted")),
        ])
        for user in self:
            user.party_fee_cell_ids = user.party_secretary_cell_ids | treasurers.filtered(
                lambda org, user=user: org.fee_treasurer_id.user_id == user)
