from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

POSTS = [
    ("secretary", "Secretary"),
    ("deputy_secretary", "Deputy Secretary"),
    ("standing_member", "Standing Committee Member"),
    ("committee_member", "Executive Committee Member"),
    ("inspection_chair", "Inspection Commission Chair"),
    ("inspection_member", "Inspection Commission Member"),
]
POST_ORDER = {key: rank for rank, (key, _label) in enumerate(POSTS, start=1)}
# Who sits on each body: the executive committee (or a cell's chi ủy) and its standing
# committee (Ban Thường vụ). The inspection commission is a body of its own.
EXECUTIVE_POSTS = ("secretary", "deputy_secretary", "standing_member", "committee_member")
STANDING_POSTS = ("secretary", "deputy_secretary", "standing_member")
BODY_POSTS = {"executive": EXECUTIVE_POSTS, "cell_committee": EXECUTIVE_POSTS,
              "standing": STANDING_POSTS}
# The member's role in their own cell's committee (party.member.committee_role).
CELL_ROLE_OF_POST = {"secretary": "secretary", "deputy_secretary": "deputy_secretary",
                     "standing_member": "committee_member",
                     "committee_member": "committee_member"}


class PartyCommitteePost(models.Model):
    """A seat of a member on an organisation's committee for a span of a term.

    Posts are never overwritten when people change: a post ends (``date_to``) and another
    begins, so the committee of any past day can be read back. A member may sit on the
    committee of an organisation above their own cell.
    """

    _name = "party.committee.post"
    _description = "Committee Post"
    _order = "organization_id, date_from desc, sequence, id"
    _check_company_auto = True

    term_id = fields.Many2one("party.term", required=True, index=True, ondelete="cascade",
                              check_company=True)
    organization_id = fields.Many2one(related="term_id.organization_id", store=True,
                                      index=True)
    company_id = fields.Many2one(related="term_id.company_id", store=True, index=True)
    member_id = fields.Many2one("party.member", required=True, index=True, ondelete="restrict",
                                check_company=True)
    member_cell_id = fields.Many2one(related="member_id.organization_id", string="Member's Cell")
    post = fields.Selection(POSTS, required=True, default="committee_member")
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    date_from = fields.Date(
        string="From", compute="_compute_date_from", store=True, readonly=False,
        precompute=True, required=True,
    )
    date_to = fields.Date(string="To", help="Empty while the member holds the post.")
    elected = fields.Boolean(
        default=True, help="Elected by the congress or the committee; unticked when appointed "
        "by the upper level.",
    )
    decision_reference = fields.Char(
        string="Election or Appointment", help="Election minutes or appointment decision, e.g. "
        "125-QĐ/ĐUK ngày 20/6/2025.",
    )

    @api.depends("post")
    def _compute_sequence(self):
        for post in self:
            post.sequence = POST_ORDER.get(post.post, 99)

    @api.depends("term_id.date_start")
    def _compute_date_from(self):
        for post in self:
            post.date_from = post.date_from or post.term_id.date_start

    @api.constrains("date_from", "date_to", "term_id", "member_id", "post")
    def _check_dates(self):
        errors = []
        for post in self:
            term = post.term_id
            if post.date_to and post.date_to < post.date_from:
                errors.append(_("%(member)s: the post ends before it starts.",
                                member=post.member_id.name))
            elif post.date_from < term.date_start or (
                term.date_end and (post.date_to or term.date_end) > term.date_end
            ):
                errors.append(_("%(member)s: the post's dates lie outside the term %(term)s.",
                                member=post.member_id.name, term=term.name))
        if errors:
            raise ValidationError("\n".join(errors))
        # sudo: a clash may be with a post the user cannot read.
        others = self.sudo().search([("organization_id", "in", self.organization_id.ids),
                                     ("post", "in", list(set(self.mapped("post")))),
                                     ("id", "not in", self.ids)]) | self.sudo()
        for post in self:
            clash = others.filtered(
                lambda o, p=post: o.id != p.id and o.organization_id == p.organization_id.sudo()
                and o.post == p.post and (o.member_id == p.member_id.sudo()
                                          or p.post in ("secretary", "inspection_chair"))
                and o._overlaps(p.date_from, p.date_to))
            if clash:
                raise ValidationError(_(
                    "%(org)s: %(member)s and %(other)s would hold the post %(post)s at the "
                    "same time.", org=post.organization_id.name, member=post.member_id.name,
                    other=clash[0].member_id.name,
                    post=dict(self._fields["post"]._description_selection(self.env))[post.post]))

    def _overlaps(self, date_from, date_to):
        self.ensure_one()
        return (not self.date_to or self.date_to >= date_from) and (
            not date_to or date_to >= self.date_from)

    def _is_current(self, day):
        self.ensure_one()
        return self.date_from <= day and (not self.date_to or self.date_to >= day)

    @api.model
    def _holders_on(self, requests, posts=EXECUTIVE_POSTS):
        """Who held ``posts`` in each organisation on each day: ``{(org id, day): posts}``.

        ``requests`` holds (organisation, day) pairs. A post counts while its holder is a
        member in a cell of that organisation's tree (a member transferred away no longer
        sits on it). One query whatever the number of requests.
        """
        requests = {(org.id, day) for org, day in requests if org and day}
        if not requests:
            return {}
        # The days asked of each organisation: each post is matched against its own
        # organisation's requests only (2,000 cells planned at once ask 2,000 pairs).
        days_of = defaultdict(list)
        for org_id, day in requests:
            days_of[org_id].append(day)
        # sudo: the committee of an organisation is summoned and shown to people who may
        # not read every post (members of other cells); only the posts of the asked
        # organisations and days leave this method.
        found = self.sudo().search_fetch([
            ("organization_id", "in", list(days_of)),
            ("post", "in", list(posts)),
            ("date_from", "<=", max(day for _org, day in requests)),
            "|", ("date_to", "=", False), ("date_to", ">=", min(day for _org, day in requests)),
        ], ["organization_id", "member_id", "date_from", "date_to"])
        found.member_id.fetch(["state", "organization_id"])
        found.member_id.organization_id.fetch(["parent_path"])
        held = defaultdict(list)
        for post in found:
            member = post.member_id
            org_id = post.organization_id.id
            in_tree = member.state in ("official", "probationary") and str(org_id) in (
                member.organization_id.parent_path or "").split("/")
            if not in_tree:
                continue
            for day in days_of[org_id]:
                if post._is_current(day):
                    held[org_id, day].append(post.id)
        # One prefetch set for all answers, as a single recordset has: reading a field of
        # one answer fetches it for every post found.
        prefetch = tuple(found.ids)
        return {request: self.browse(held.get(request, ())).with_prefetch(prefetch)
                for request in requests}
