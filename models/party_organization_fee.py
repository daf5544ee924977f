from odoo import api, fields, models

from .party_rules import party_rule

# The share of the fees collected or received that each kind of organisation keeps (the
# rest goes to the level above): a rule of Settings per kind.
KEEP_RULES = {
    "cell": "fee_keep_cell",
    "division_committee": "fee_keep_division",
    "grassroots_cell": "fee_keep_grassroots",
    "grassroots_committee": "fee_keep_grassroots",
}


class PartyOrganization(models.Model):
    """Who collects a cell's party fees, and the share each level keeps."""

    _inherit = "party.organization"

    fee_treasurer_id = fields.Many2one(
        "party.member", string="Fee Treasurer", check_company=True,
        domain="[('organization_id', '=', id)]",
        help="The member who collects the cell's party fees, beside the secretary.")
    fee_period_ids = fields.One2many("party.fee.period", "organization_id",
                                     string="Fee Periods")

    def _fee_keep_percent(self):
        """Percent of the fees it collects or receives that this organisation keeps."""
        self.ensure_one()
        key = KEEP_RULES.get(self.org_type)
        return party_rule(self.env, key) if key else 0.0

    @api.model
    def _fee_keep_percents(self):
        """``{org_type: percent kept}`` for every kind of organisation that keeps a share."""
        return {org_type: party_rule(self.env, key) for org_type, key in KEEP_RULES.items()}
