from odoo import fields, models


class PartyCluster(models.Model):
    """A group of grassroots organisations followed by one upper-level official."""

    _name = "party.cluster"
    _description = "Party Cluster"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True)
    head_employee_id = fields.Many2one(
        "hr.employee", string="Cluster Head", check_company=True, index="btree_not_null"
    )
    organization_ids = fields.One2many("party.organization", "cluster_id", string="Organisations")
    organization_count = fields.Integer(compute="_compute_organization_count")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    note = fields.Html()

    def _compute_organization_count(self):
        counts = dict(
            self.env["party.organization"]._read_group(
                [("cluster_id", "in", self.ids)], ["cluster_id"], ["__count"]
            )
        )
        for cluster in self:
            cluster.organization_count = counts.get(cluster, 0)
