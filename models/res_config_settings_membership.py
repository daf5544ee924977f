from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .res_config_settings import _rule_field


class ResConfigSettings(models.TransientModel):
    """Settings › Party Affairs: the deadlines of recognition and of the yearly review."""

    _inherit = "res.config.settings"

    party_recognition_review_working_days = _rule_field(
        fields.Integer, "recognition_review_working_days",
        "Recognition Review Within (working days)",
        "Quy định 24-QĐ/TW (30/7/2021), point 5.1: the cell reviews the probationary member "
        "and proposes the recognition within 30 working days of the end of probation.")
    party_recognition_notice_days = _rule_field(
        fields.Integer, "recognition_notice_days", "Recognition Review Opened (days before)",
        "The review is opened, and the cell reminded, this many days before probation ends.")
    party_residence_comment_working_days = _rule_field(
        fields.Integer, "residence_comment_working_days",
        "Residence Comments Within (working days)",
        "Quy định 213-QĐ/TW (02/01/2020): the residence cell answers the request for "
        "comments on a working member within 15 working days.")

    @api.constrains("party_recognition_review_working_days", "party_recognition_notice_days",
                    "party_residence_comment_working_days")
    def _check_party_membership_rules(self):
        for settings in self:
            errors = [
                _("%(rule)s is at least 1.", rule=label) for label, value in (
                    (_("Recognition Review Within"),
                     settings.party_recognition_review_working_days),
                    (_("Recognition Review Opened"), settings.party_recognition_notice_days),
                    (_("Residence Comments Within"),
                     settings.party_residence_comment_working_days),
                ) if value < 1
            ]
            if errors:
                raise ValidationError("\n".join(errors))
