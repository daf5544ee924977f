from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .res_config_settings import _rule_field


class ResConfigSettings(models.TransientModel):
    """Settings › Party Affairs › Party Fees: the share each level keeps, and the limit of
    months unpaid or missed before the committee is told."""

    _inherit = "res.config.settings"

    party_fee_keep_cell = _rule_field(
        fields.Float, "fee_keep_cell", "Kept by a Cell (%)",
        "Quy định 342-QĐ/TW (28/12/2010): share of the fees collected that a cell under a "
        "grassroots committee keeps; it remits the rest.")
    party_fee_keep_division = _rule_field(
        fields.Float, "fee_keep_division", "Kept by a Division Committee (%)",
        "Share of the fees received from its cells that a division committee keeps.")
    party_fee_keep_grassroots = _rule_field(
        fields.Float, "fee_keep_grassroots", "Kept by a Grassroots Organisation (%)",
        "Share of the fees collected or received that a grassroots committee or a grassroots "
        "cell keeps; it remits the rest to the upper-level committee.")
    party_fee_removal_months = _rule_field(
        fields.Integer, "fee_removal_months", "Months Before the Committee Is Told",
        "Party Charter, art. 8: months in a year without paying the fee or without attending, "
        "without good reason, after which a member is flagged for removal from the rolls.")

    @api.constrains("party_fee_keep_cell", "party_fee_keep_division",
                    "party_fee_keep_grassroots", "party_fee_removal_months")
    def _check_party_fee_rules(self):
        for settings in self:
            errors = settings._party_rule_errors()
            if errors:
                raise ValidationError("\n".join(errors))

    def _party_rule_errors(self):
        errors = super()._party_rule_errors()
        for label, value in ((_("The share kept by a cell"), self.party_fee_keep_cell),
                             (_("The share kept by a division committee"),
                              self.party_fee_keep_division),
                             (_("The share kept by a grassroots organisation"),
                              self.party_fee_keep_grassroots)):
            if not 0 <= value <= 100:
                errors.append(_("%(rule)s is a percentage between 0 and 100.", rule=label))
        if not 1 <= self.party_fee_removal_months <= 12:
            errors.append(_("The months before the committee is told lie between 1 and 12."))
        return errors
