from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .party_committee_post import BODY_POSTS
from .party_meeting import HELD_STATES
from .party_rules import party_share, share_exceeded


class PartyMeeting(models.Model):
    """Meetings of a committee: who sits on it is read from its posts, not its members.

    A full committee, its standing committee or a cell's chi ủy meets with the members
    holding a post on it on the meeting's day, wherever their own cell is. It is valid with
    more than a share of them present, and its resolution passes with more than a share of
    them for it (party_rules: committee_quorum_share, committee_majority_share). The chi ủy
    meeting that prepares a cell meeting points to it; the cell meeting's score reads it.
    """

    _inherit = "party.meeting"

    committee_body = fields.Selection(
        [
            ("executive", "Full Committee"),
            ("standing", "Standing Committee"),
            ("cell_committee", "Cell Committee"),
        ],
        string="Committee Body", compute="_compute_committee_body", store=True,
        readonly=False, precompute=True, tracking=True,
        help="Which body of the organisation meets: its full committee, its standing "
        "committee (Ban Thường vụ), or a cell's chi ủy.",
    )
    prepares_meeting_id = fields.Many2one(
        "party.meeting", string="Prepares", index="btree_not_null", check_company=True,
        domain="[('organization_id', '=', organization_id), ('meeting_type', '!=', 'committee')]",
        help="The cell meeting whose content this chi ủy meeting prepares.",
    )
    prepared_by_ids = fields.One2many("party.meeting", "prepares_meeting_id",
                                      string="Prepared by Committee Meetings")
    # Computed as superuser: a fact of the cell meeting, which its members score on their
    # ballots, although they do not read the chi ủy's meetings; only whether one was held
    # before leaves the compute.
    committee_met_first = fields.Boolean(
        compute="_compute_committee_met_first", compute_sudo=True,
        help="A chi ủy meeting linked to this one was held before it.",
    )
    quorum_reached = fields.Boolean(
        compute="_compute_quorum_reached",
        help="Committee meetings: more than the quorum share of the committee is present.",
    )

    @api.depends("meeting_type", "organization_id.is_cell")
    def _compute_committee_body(self):
        for meeting in self:
            if meeting.meeting_type != "committee":
                meeting.committee_body = False
            elif meeting.organization_id.is_cell:
                meeting.committee_body = "cell_committee"
            elif meeting.committee_body not in ("executive", "standing"):
                meeting.committee_body = "executive"

    @api.depends("prepared_by_ids.state", "prepared_by_ids.date_start", "date_start")
    def _compute_committee_met_first(self):
        for meeting in self:
            meeting.committee_met_first = any(
                prep.state in HELD_STATES and prep.date_start < meeting.date_start
                for prep in meeting.prepared_by_ids)

    @api.depends("present_count", "summoned_count", "meeting_type")
    def _compute_quorum_reached(self):
        share = party_share(self.env, "committee_quorum_share")
        for meeting in self:
            meeting.quorum_reached = share_exceeded(
                meeting.present_count, meeting.summoned_count, share)

    @api.depends("attendance_ids.status", "attendance_ids.member_state",
                 "attendance_ids.is_temporary", "meeting_type")
    def _compute_vote_total(self):
        res = super()._compute_vote_total()
        # Every member of the committee votes there, whatever their cell's rules say.
        for meeting in self.filtered(lambda m: m._is_committee_meeting()):
            meeting.vote_total = len(meeting.attendance_ids.filtered(
                lambda a: a.status != "exempt"))
        return res

    @api.depends("vote_for", "vote_total", "meeting_type")
    def _compute_vote(self):
        res = super()._compute_vote()
        share = party_share(self.env, "committee_majority_share")
        for meeting in self.filtered(lambda m: m._is_committee_meeting()):
            meeting.vote_passed = share_exceeded(meeting.vote_for, meeting.vote_total, share)
        return res

    @api.constrains("prepares_meeting_id", "meeting_type", "organization_id")
    def _check_prepares(self):
        bad = self.filtered(lambda m: m.prepares_meeting_id and (
            m.committee_body != "cell_committee"
            or m.prepares_meeting_id.organization_id != m.organization_id
            or m.prepares_meeting_id.meeting_type == "committee"))
        if bad:
            raise ValidationError(_(
                "Only a chi ủy meeting prepares a meeting, and only a meeting of its own cell: "
                "%(names)s", names=", ".join(bad.mapped("name"))))

    @api.constrains("state")
    def _check_quorum(self):
        bad = self.filtered(lambda m: m._is_committee_meeting() and m.state in HELD_STATES
                            and not m.quorum_reached)
        if bad:
            share = "/".join(str(n) for n in party_share(self.env, "committee_quorum_share"))
            names = ", ".join(bad.mapped("name"))
            raise ValidationError(_(
                "%(names)s: a committee meeting is valid only with more than %(share)s of its "
                "members present.", names=names, share=share))

    def _is_committee_meeting(self):
        self.ensure_one()
        return self.meeting_type == "committee" and bool(self.committee_body)

    def _summonable_members(self):
        committee = self.filtered(lambda m: m._is_committee_meeting())
        result = super(PartyMeeting, self - committee)._summonable_members()
        Post = self.env["party.committee.post"]
        for body, posts in BODY_POSTS.items():
            meetings = committee.filtered(lambda m, b=body: m.committee_body == b)
            holders = Post._holders_on(
                ((m.organization_id, m._local_date()) for m in meetings), posts=posts)
            for meeting in meetings:
                result[meeting] = holders.get(
                    (meeting.organization_id.id, meeting._local_date()), Post).member_id
        return result

    def _score_facts(self):
        facts = super()._score_facts()
        facts["committee_met_first"] = 100.0 if self.committee_met_first else 0.0
        return facts
