from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from .party_lock import lock_opened, refuse
from .party_rules import add_working_days, party_rule, party_share, share_reached

REVIEW_FIELDS = {
    "member_id", "self_review", "self_review_date", "introducer_comment",
    "mass_organization_comment", "residence_comment", "residence_date",
}
VOTE_FIELDS = {"vote_date", "vote_for", "vote_total", "vote_document", "vote_document_name"}
DECISION_FIELDS = {"decision_number", "decision_date", "decision_document",
                   "decision_document_name", "late_reason", "refusal_reason"}
SERVER_FIELDS = {"state", "outcome", "vote_user_id", "decision_user_id"}


class PartyRecognition(models.Model):
    """A probationary member's review at the end of probation, up to the committee's decision.

    The cell is reminded before the twelve months end (a daily cron opens the review and
    gives its secretary an activity); the member's self-review, the introducers', the mass
    organisations' and the residence comments, the cell's vote (two thirds of its official
    members) and the committee's decision follow. Recognised on time, the member is official
    from the end of probation (the Change Status logic of party.member.state.wizard, reused
    as it is); a review held after the deadline records why, a refusal removes the member
    from the rolls with its reason.
    """

    _name = "party.recognition"
    _description = "Recognition as Official Member"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.audit.mixin",
                "party.company.mixin", "party.workflow.mixin", "party.activity.mixin"]
    _order = "state, due_date, id"
    _check_company_auto = True
    _audit_fields = ("state", "vote_for", "vote_total", "decision_number", "outcome")

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", check_company=True,
        domain="[('state', '=', 'probationary')]",
    )
    name = fields.Char(related="member_id.name", store=True)
    organization_id = fields.Many2one(
        "party.organization", string="Cell", compute="_compute_organization_id", store=True,
        index=True, precompute=True,
    )
    probation_end_date = fields.Date(related="member_id.probation_end_date", store=True)
    due_date = fields.Date(
        compute="_compute_due_date", store=True, string="Review Due By",
        help="The cell reviews the member within this many working days of the end of "
        "probation (Settings).")
    state = fields.Selection(
        [("review", "Under Review"), ("voted", "Voted by the Cell"),
         ("recognised", "Recognised"), ("refused", "Refused")],
        default="review", required=True, tracking=True, index=True, copy=False,
    )
    self_review = fields.Text(string="Member's Self-review", copy=False)
    self_review_date = fields.Date(copy=False)
    introducer_comment = fields.Text(string="Introducers' Comments", copy=False)
    mass_organization_comment = fields.Text(string="Mass Organisations' Comments", copy=False)
    residence_comment = fields.Text(string="Residence Comments", copy=False)
    residence_date = fields.Date(string="Residence Comments Dated", copy=False)
    vote_date = fields.Date(copy=False)
    vote_for = fields.Integer(string="Votes For", copy=False)
    vote_total = fields.Integer(
        string="Official Members", compute="_compute_vote_total", store=True, readonly=False,
        copy=False, help="Official members of the cell, the base of the two-thirds majority.")
    vote_document = fields.Binary(string="Cell Resolution", attachment=True, copy=False)
    vote_document_name = fields.Char(string="Resolution File Name", copy=False)
    vote_user_id = fields.Many2one("res.users", string="Vote Recorded By", readonly=True,
                                   copy=False)
    decision_number = fields.Char(copy=False)
    decision_date = fields.Date(copy=False)
    decision_document = fields.Binary(string="Decision Document", attachment=True,
                                      copy=False)
    decision_document_name = fields.Char(string="Decision File Name", copy=False)
    decision_user_id = fields.Many2one("res.users", string="Decided By", readonly=True,
                                       copy=False)
    is_late = fields.Boolean(compute="_compute_is_late", string="Late",
                             help="The cell voted after the review was due.")
    late_reason = fields.Text(copy=False, help="Why the review came after its deadline.")
    refusal_reason = fields.Text(copy=False, help="Why the member is not recognised.")
    outcome = fields.Selection(
        [("on_time", "Recognised on Time"), ("late", "Recognised Late"),
         ("refused", "Not Recognised")], readonly=True, copy=False, tracking=True,
    )
    missing = fields.Text(compute="_compute_missing", string="What Is Missing")

    _sql_constraints = [
        ("member_uniq", "unique(member_id)", "The member's recognition is already open."),
    ]

    @api.depends("member_id.organization_id")
    def _compute_organization_id(self):
        for recognition in self:
            recognition.organization_id = recognition.member_id.organization_id

    @api.depends("probation_end_date")
    def _compute_due_date(self):
        days = party_rule(self.env, "recognition_review_working_days")
        for recognition in self:
            end = recognition.probation_end_date
            recognition.due_date = add_working_days(end, days) if end else False

    @api.depends("organization_id")
    def _compute_vote_total(self):
        cells = self.organization_id
        counts = dict(self.env["party.member"]._read_group(
            [("organization_id", "in", cells.ids), ("state", "=", "official"),
             ("is_temporary", "=", False)],
            ["organization_id"], ["__count"],
        )) if cells else {}
        for recognition in self:
            recognition.vote_total = counts.get(recognition.organization_id, 0)

    @api.depends("vote_date", "due_date")
    def _compute_is_late(self):
        for recognition in self:
            recognition.is_late = bool(recognition.vote_date and recognition.due_date
                                       and recognition.vote_date > recognition.due_date)

    @api.depends("self_review", "introducer_comment", "residence_comment", "vote_date",
                 "vote_for", "decision_number", "decision_date", "state")
    def _compute_missing(self):
        for recognition in self:
            env = recognition.env
            items = []
            if recognition.state in ("review", "voted"):
                checks = [
                    (recognition.self_review, env._("The member's self-review")),
                    (recognition.introducer_comment, env._("The introducers' comments")),
                    (recognition.residence_comment, env._("The residence comments")),
                    (recognition.vote_date and recognition.vote_for, env._("The cell's vote")),
                    (recognition.decision_number and recognition.decision_date,
                     env._("The committee's decision: number and date")),
                ]
                items = [label for done, label in checks if not done]
            recognition.missing = "\n".join(items) or False

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(SERVER_FIELDS & set(v) for v in vals_list):
            self._raise_buttons()
        recognitions = super().create(vals_list)
        if not self.env.su and recognitions.filtered(lambda r: r.state != "review"):
            self._raise_buttons()
        return recognitions

    def _raise_buttons(self):
        raise UserError(_("A recognition moves on with its buttons: the cell's vote, then the "
                          "committee's decision."))

    def write(self, vals):
        if not self.env.su:
            fnames = {f for f in vals if not f.startswith(("message_", "activity_"))}
            server = fnames & SERVER_FIELDS
            if server and not lock_opened(self, server):
                refuse(self, _("A recognition moves on with its buttons: the cell's vote, then "
                               "the committee's decision."))
            for recognition in self:
                locked = fnames & recognition._locked_fields()
                if locked and not lock_opened(recognition, locked):
                    refuse(recognition, _(
                        "%(name)s: the cell's vote and the committee's decision are part of "
                        "the record and cannot be changed.", name=recognition.name))
        return super().write(vals)

    def _locked_fields(self):
        self.ensure_one()
        if self.state in ("recognised", "refused"):
            return set(self._fields) - {"display_name"}
        if self.state == "voted":
            return REVIEW_FIELDS | VOTE_FIELDS
        return set()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_voted(self):
        if not self.env.su and self.filtered(lambda r: r.state != "review"):
            refuse(self, _("Once the cell has voted, a recognition is part of the record and "
                           "cannot be deleted."), "unlink")

    def _audit_scope(self):
        self.ensure_one()
        return {"organization_id": self.organization_id.id, "member_id": self.member_id.id}

    def _check_group(self, group):
        # Buttons are hidden by group in the view; RPC callers are stopped here.
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(_("This step belongs to the cell's secretary or the committee."))

    def _need(self, condition, message):
        if not condition:
            raise UserError(message)

    def action_record_vote(self):
        """The cell's vote on the review: two thirds of its official members, after probation."""
        self._check_group("party_cell.group_party_secretary")
        self._ensure_state(("review",), _("The cell's vote"))
        share = party_share(self.env, "admission_vote_share")
        for rec in self:
            rec._need(rec.self_review and rec.introducer_comment and rec.residence_comment,
                      _("The cell votes on the member's self-review, the introducers' and "
                        "the residence comments: fill them in first."))
            rec._need(rec.vote_date and rec.vote_date >= rec.probation_end_date,
                      _("The cell votes after the probation of %(name)s ends on %(date)s.",
                        name=rec.name, date=format_date(self.env, rec.probation_end_date)))
            rec._need(rec.vote_total > 0 and 0 <= rec.vote_for <= rec.vote_total,
                      _("Give the cell's vote: votes for, out of its official members."))
            rec._need(share_reached(rec.vote_for, rec.vote_total, share),
                      _("Recognition needs the vote of at least %(share)s of the cell's "
                        "official members: %(votes)s of %(total)s is not enough; the "
                        "committee records the refusal.", share="/".join(map(str, share)),
                        votes=rec.vote_for, total=rec.vote_total))
            rec._need(not rec.is_late or (rec.late_reason or "").strip(),
                      _("The review of %(name)s was due by %(date)s: give the reason of the "
                        "delay.", name=rec.name, date=format_date(self.env, rec.due_date)))
        self.check_access("write")
        self._write_workflow({"state": "voted", "vote_user_id": self.env.user.id})

    def action_decide(self):
        """The committee's decision: the member is official from the end of probation."""
        self._check_group("party_cell.group_party_committee")
        self._ensure_state(("voted",), _("The committee's decision"))
        for rec in self:
            rec._need((rec.decision_number or "").strip() and rec.decision_date,
                      _("Give the number and the date of the committee's decision."))
            rec._need(rec.decision_date >= rec.vote_date,
                      _("The committee decides after the cell's vote."))
            # The Change Status step of issue 12, as a secretary or officer uses it: the same
            # checks (two thirds, decision, end of probation) and the on-time official date.
            self.env["party.member.state.wizard"].create({
                "member_ids": [(6, 0, rec.member_id.ids)], "new_state": "official",
                "date": rec.decision_date, "decision_number": rec.decision_number,
                "vote_for": rec.vote_for, "vote_total": rec.vote_total,
                "reason": rec.late_reason if rec.is_late else False,
            }).action_apply()
            rec.check_access("write")
            rec._write_workflow({"state": "recognised", "decision_user_id": self.env.user.id,
                                 "outcome": "late" if rec.is_late else "on_time"})

    def action_refuse(self):
        """Not recognised: the committee removes the member from the rolls, with the reason."""
        self._check_group("party_cell.group_party_committee")
        self._ensure_state(("review", "voted"), _("Refusal"))
        for rec in self:
            rec._need((rec.refusal_reason or "").strip(), _("Give the reason of the refusal."))
            rec._need((rec.decision_number or "").strip() and rec.decision_date,
                      _("Give the number and the date of the committee's decision."))
            self.env["party.member.state.wizard"].create({
                "member_ids": [(6, 0, rec.member_id.ids)], "new_state": "removed",
                "date": rec.decision_date, "decision_number": rec.decision_number,
                "reason": rec.refusal_reason,
            }).action_apply()
            rec.check_access("write")
            rec._write_workflow({"state": "refused", "decision_user_id": self.env.user.id,
                                 "outcome": "refused"})

    @api.model
    def _cron_open_reviews(self):
        """Open the review of every member whose probation ends soon, and tell the cell."""
        today = fields.Date.context_today(self)
        notice = party_rule(self.env, "recognition_notice_days")
        members = self.env["party.member"].search([
            ("state", "=", "probationary"),
            ("probation_end_date", "<=", today + timedelta(days=notice)),
        ])
        opened = self.search([("member_id", "in", members.ids)]).member_id
        new = self.create([{"member_id": m.id} for m in members - opened])
        admin = self.env.ref("base.user_admin")
        new._schedule_once(
            "party_cell.mail_activity_type_recognition_review",
            lambda r: r.organization_id.secretary_id.user_id or admin,
            lambda r: r.env._("Probation of %(name)s ends on %(date)s: the cell reviews the "
                              "member and votes on the recognition by %(due)s.", name=r.name,
                              date=format_date(r.env, r.probation_end_date),
                              due=format_date(r.env, r.due_date)),
            lambda r: r.due_date,
        )
        return new
