from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .party_member import ACTIVE_STATES


class PartyOrganization(models.Model):
    """Who reaches an organisation, as SQL the record rules read at query time.

    Odoo caches each user's evaluated rule domains in every worker. Rules that listed the
    user's organisations (``user.party_cell_ids.ids``) went stale whenever a membership or
    an officer changed, so every such change cleared all caches of every worker and node.
    The rules name these fields instead (``('organization_id.rule_member_user_ids', 'in',
    [user.id])``): the cached domain only holds the user's id, and the database answers
    with today's memberships.
    """

    _inherit = "party.organization"

    rule_member_user_ids = fields.Many2many(
        "res.users", compute="_compute_rule_users", search="_search_rule_member_user_ids",
        compute_sudo=True, recursive=True,
        string="Users Belonging (rules)",
    )
    rule_secretary_user_ids = fields.Many2many(
        "res.users", compute="_compute_rule_users", search="_search_rule_secretary_user_ids",
        compute_sudo=True, recursive=True,
        string="Secretaries' Users (rules)",
    )
    rule_committee_user_ids = fields.Many2many(
        "res.users", compute="_compute_rule_users", search="_search_rule_committee_user_ids",
        compute_sudo=True, recursive=True,
        string="Managing Users (rules)",
    )
    rule_inspector_user_ids = fields.Many2many(
        "res.users", compute="_compute_rule_users", search="_search_rule_inspector_user_ids",
        compute_sudo=True, recursive=True,
        string="Inspecting Users (rules)",
    )

    @api.depends("member_ids.user_id", "member_ids.state", "member_ids.committee_role",
                 "active", "committee_user_ids", "inspector_user_ids",
                 "parent_id.rule_committee_user_ids", "parent_id.rule_inspector_user_ids")
    def _compute_rule_users(self):
        # The same answers as the searches below, for the checks Odoo makes in Python on
        # records being written or created (filtered_domain).
        for org in self:
            members = org.member_ids.filtered(lambda m: m.state in ACTIVE_STATES)
            org.rule_member_user_ids = members.user_id
            org.rule_secretary_user_ids = members.filtered(
                lambda m: m.committee_role in ("secretary", "deputy_secretary")).user_id
            own = org.active
            org.rule_committee_user_ids = (org.committee_user_ids if own else org.env[
                "res.users"]) | org.parent_id.rule_committee_user_ids
            org.rule_inspector_user_ids = (org.inspector_user_ids if own else org.env[
                "res.users"]) | org.parent_id.rule_inspector_user_ids

    def _flush_memberships(self):
        # The SQL below reads these columns: pending changes of this transaction first.
        self.env["party.member"].flush_model(
            ["organization_id", "user_id", "state", "active", "committee_role"])

    def _rule_user_ids(self, operator, value):
        if operator not in ("in", "="):
            raise UserError(_("These fields are searched with 'in' a list of users."))
        ids = [value] if isinstance(value, int) else list(value or ())
        return tuple(int(i) for i in ids) or (0,)

    def _search_rule_member_user_ids(self, operator, value):
        self._flush_memberships()
        return [("id", "in", SQL(
            """(SELECT organization_id FROM party_member
                 WHERE user_id IN %s AND state IN %s AND active)""",
            self._rule_user_ids(operator, value), ACTIVE_STATES,
        ))]

    def _search_rule_secretary_user_ids(self, operator, value):
        self._flush_memberships()
        return [("id", "in", SQL(
            """(SELECT organization_id FROM party_member
                 WHERE user_id IN %s AND state IN %s AND active
                   AND committee_role IN ('secretary', 'deputy_secretary'))""",
            self._rule_user_ids(operator, value), ACTIVE_STATES,
        ))]

    def _search_rule_committee_user_ids(self, operator, value):
        return self._subtree_of_users("party_organization_committee_user_rel", operator, value)

    def _search_rule_inspector_user_ids(self, operator, value):
        return self._subtree_of_users("party_organization_inspector_user_rel", operator, value)

    def _subtree_of_users(self, relation, operator, value):
        """The organisations given to the users and everything below them (``child_of``)."""
        # The SQL reads these columns: pending changes of this transaction first.
        self.flush_model(["parent_id", "parent_path", "active", "committee_user_ids",
                          "inspector_user_ids"])
        return [("id", "in", SQL(
            """(SELECT sub.id FROM %s rel
                  JOIN party_organization top ON top.id = rel.organization_id AND top.active
                  JOIN party_organization sub ON sub.parent_path LIKE top.parent_path || %s
                 WHERE rel.user_id IN %s)""",
            SQL.identifier(relation), "%", self._rule_user_ids(operator, value),
        ))]
