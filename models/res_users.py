from odoo import api, fields, models

from .party_member import ACTIVE_STATES


class ResUsers(models.Model):
    """The organisations a user reaches, read by the addon's record rules."""

    _inherit = "res.users"

    party_member_ids = fields.One2many("party.member", "user_id", string="Party Memberships")
    party_cell_ids = fields.Many2many(
        "party.organization", compute="_compute_party_organizations", compute_sudo=True,
        string="Own Cells",
    )
    party_secretary_cell_ids = fields.Many2many(
        "party.organization", compute="_compute_party_organizations", compute_sudo=True,
        string="Cells as Secretary",
    )
    party_post_organization_ids = fields.Many2many(
        "party.organization", compute="_compute_party_organizations", compute_sudo=True,
        string="Committees Sat On",
        help="Organisations on whose committee the user holds a post today.",
    )
    party_committee_organization_ids = fields.Many2many(
        "party.organization", "party_organization_committee_user_rel", "user_id",
        "organization_id", string="Managed Party Organisations",
    )
    party_inspector_organization_ids = fields.Many2many(
        "party.organization", "party_organization_inspector_user_rel", "user_id",
        "organization_id", string="Inspected Party Organisations",
    )

    @api.depends(
        "party_member_ids.organization_id",
        "party_member_ids.state",
        "party_member_ids.committee_role",
        "party_member_ids.post_ids.date_from",
        "party_member_ids.post_ids.date_to",
    )
    def _compute_party_organizations(self):
        members = self.env["party.member"].search([
            ("user_id", "in", self.ids),
            ("state", "in", ("probationary", "official", "exempted")),
        ])
        posts = members.post_ids.filtered(lambda p: p._is_current(p.organization_id._today()))
        for user in self:
            mine = members.filtered(lambda m, user=user: m.user_id == user)
            user.party_cell_ids = mine.organization_id
            user.party_secretary_cell_ids = mine.filtered(
                lambda m: m.committee_role in ("secretary", "deputy_secretary")
            ).organization_id
            user.party_post_organization_ids = posts.filtered(
                lambda p, user=user: p.member_id.user_id == user).organization_id

    def _party_own_members(self):
        """The user's active memberships: by their login (an internal user, linked on the
        employee) or by their contact (a portal user, the employee's work contact)."""
        self.ensure_one()
        # The employees first: "employee_id.work_contact_id" inside the OR is a subquery
        # that makes PostgreSQL read all 30,000 members of a province (20–100 ms, four
        # times per member page); a list of ids lets it use both indexes.
        # sudo: the user's own employee files and memberships only, which portal users
        # cannot read themselves.
        employees = self.env["hr.employee"].sudo().with_context(active_test=False).search(
            [("work_contact_id", "=", self.partner_id.id)])
        return self.env["party.member"].sudo().search([
            ("state", "in", ACTIVE_STATES),
            "|", ("user_id", "=", self.id), ("employee_id", "in", employees.ids),
        ])
