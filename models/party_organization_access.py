from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .party_committee_post import STANDING_POSTS
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

    # Who sits on the organisation's committee today (a post of any kind), wherever their
    # own cell is; and who collects its party fees (secretaries and the fee treasurer).
    rule_post_user_ids = fields.Many2many(
        "res.users", compute="_compute_rule_post_users", search="_search_rule_post_user_ids",
        compute_sudo=True, string="Committee Members' Users (rules)",
    )
    # Who sits on its standing committee (Ban Thường vụ) today: they alone, besides the
    # office that keeps the record, read the standing committee's meetings.
    rule_standing_user_ids = fields.Many2many(
        "res.users", compute="_compute_rule_post_users",
        search="_search_rule_standing_user_ids", compute_sudo=True,
        string="Standing Committee's Users (rules)",
    )
    rule_fee_user_ids = fields.Many2many(
        "res.users", compute="_compute_rule_fee_users", search="_search_rule_fee_user_ids",
        compute_sudo=True, string="Fee Collectors' Users (rules)",
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

    def _compute_rule_post_users(self):
        posts = self.env["party.committee.post"].search([("organization_id", "in", self.ids)])
        for org in self:
            today = org._today()
            current = posts.filtered(
                lambda p, org=org, today=today: p.organization_id == org and p._is_current(today)
                and p.member_id.state in ACTIVE_STATES)
            org.rule_post_user_ids = current.member_id.user_id
            org.rule_standing_user_ids = current.filtered(
                lambda p: p.post in STANDING_POSTS).member_id.user_id

    @api.depends("rule_secretary_user_ids", "fee_treasurer_id.user_id", "fee_treasurer_id.state")
    def _compute_rule_fee_users(self):
        for org in self:
            treasurer = org.fee_treasurer_id.filtered(lambda m: m.state in ACTIVE_STATES)
            org.rule_fee_user_ids = org.rule_secretary_user_ids | treasurer.user_id

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

    def _search_rule_post_user_ids(self, operator, value):
        return self._posts_of_users(operator, value, ())

    def _search_rule_standing_user_ids(self, operator, value):
        return self._posts_of_users(operator, value, STANDING_POSTS)

    def _posts_of_users(self, operator, value, posts):
        """The organisations on whose committee the users hold a post today (one of
        ``posts``, any when empty)."""
        self._flush_memberships()
        self.env["party.committee.post"].flush_model(
            ["organization_id", "member_id", "date_from", "date_to", "post"])
        return [("id", "in", SQL(
            """(SELECT post.organization_id FROM party_committee_post post
                  JOIN party_member m ON m.id = post.member_id
                 WHERE m.user_id IN %s AND m.state IN %s AND m.active
                   AND post.date_from <= CURRENT_DATE
                   AND (post.date_to IS NULL OR post.date_to >= CURRENT_DATE)
                   AND (%s OR post.post IN %s))""",
            self._rule_user_ids(operator, value), ACTIVE_STATES,
            not posts, tuple(posts) or ("",),
        ))]

    def _search_rule_fee_user_ids(self, operator, value):
        self._flush_memberships()
        self.flush_model(["fee_treasurer_id"])
        users = self._rule_user_ids(operator, value)
        return ["|", ("rule_secretary_user_ids", "in", list(users)), ("id", "in", SQL(
            """(SELECT org.id FROM party_organization org
                  JOIN party_member m ON m.id = org.fee_treasurer_id
                 WHERE m.user_id IN %s AND m.state IN %s AND m.active)""",
            users, ACTIVE_STATES,
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
