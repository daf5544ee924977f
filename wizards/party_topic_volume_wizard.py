from odoo import api, fields, models


class PartyTopicVolumeWizard(models.TransientModel):
    """Choose the organisation and year of the bound volume."""

    _name = "party.topic.volume.wizard"
    _description = "Print Thematic Reports Volume"

    organization_id = fields.Many2one(
        "party.organization", string="Organisation", required=True,
        default=lambda self: self._default_organization(),
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)

    @api.model
    def _default_organization(self):
        if self.env.context.get("active_model") == "party.organization":
            return self.env.context.get("active_id")
        user = self.env.user
        return (user.party_committee_organization_ids[:1] or user.party_secretary_cell_ids[:1]).id

    def action_print(self):
        self.ensure_one()
        return self.env.ref("party_cell.action_report_party_topic_volume").report_action(
            self.organization_id,
            data={"year": self.year, "organization_ids": self.organization_id.ids},
            config=False,
        )
