from odoo import fields, models


class PartyTopic(models.Model):
    """A thematic topic issued by an upper level for a year or quarter."""

    _name = "party.topic"
    _description = "Thematic Topic"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, quarter desc, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    category = fields.Selection(
        [
            ("ideology", "Hồ Chí Minh Ideology (Directive 05)"),
            ("capacity", "Theory and Professional Capacity"),
            ("directives", "Carrying Out Directives, Resolutions and Laws"),
            ("ethics", "Ethics and Fighting Degradation"),
            ("party_building", "Party Building"),
            ("professional", "Professional Tasks"),
        ],
        required=True, default="ideology",
    )
    guidance_ref = fields.Char(string="Guiding Document", help="Number and date, e.g. 05-CT/TW.")
    issuer_id = fields.Many2one(
        "party.organization", string="Issued By", check_company=True, index=True
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")], help="Empty for the whole year."
    )
    organization_ids = fields.Many2many(
        "party.organization", string="Assigned Cells", check_company=True,
        domain="[('is_cell', '=', True)]",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued"), ("closed", "Closed")],
        default="draft", required=True, tracking=True,
    )
    description = fields.Html()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
