from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_lock import lock_opened, refuse
from .party_member import ACTIVE_STATES
from .party_rules import party_share, share_reached

ADMISSION_STATES = [
    ("candidate", "Candidate"),
    ("course", "Course Completed"),
    ("dossier", "Dossier Complete"),
    ("voted", "Voted by the Cell"),
    ("decided", "Decided by the Committee"),
    ("admitted", "Admitted"),
    ("refused", "Refused"),
]
OPEN_STATES = ("candidate", "course", "dossier", "voted", "decided")
# The fields of each step, in the order of the process.
TARGET_FIELDS = {"employee_id", "organization_id"}
COURSE_FIELDS = {"course_date", "course_certificate", "course_certificate_name"}
DOSSIER_FIELDS = {
    "cv_date", "cv_document", "cv_document_name", "introducer_ids",
    "mass_organization_comment", "mass_organization_date", "residence_comment",
    "residence_date", "residence_document", "residence_document_name",
}
VOTE_FIELDS = {"vote_date", "vote_for", "vote_total", "vote_document", "vote_document_name"}
DECISION_FIELDS = {"decision_number", "decision_date", "decision_document",
                   "decision_document_name"}
CEREMONY_FIELDS = {"ceremony_date", "ceremony_document", "ceremony_document_name"}
# Written by the buttons only: the state, who recorded each step, the membership created.
SERVER_FIELDS = {
    "state", "member_id", "course_user_id", "dossier_user_id", "vote_user_id",
    "decision_user_id", "ceremony_user_id", "refusal_date",
}
# What each state fixes: the cell voted on that dossier, the committee decided on that vote.
LOCKED_IN = {
    "voted": TARGET_FIELDS | COURSE_FIELDS | DOSSIER_FIELDS | VOTE_FIELDS,
    "decided": TARGET_FIELDS | COURSE_FIELDS | DOSSIER_FIELDS | VOTE_FIELDS | DECISION_FIELDS,
}


class PartyAdmission(models.Model):
    """The admission of an outstanding candidate, an employee of the agency, step by step.

    Awareness course, dossier (curriculum vitae, two official members who introduce the
    candidate, the mass organisations' and the residence comments), the cell's vote (at
    least two thirds of its official members, Party Charter art. 4), the committee's
    decision, the admission ceremony. Each step keeps its date, its document and who
    recorded it; once the cell has voted its dossier is fixed, once the committee has
    decided its decision too, and the ceremony creates the probationary membership, whose
    probation runs from the ceremony.
    """

    _name = "party.admission"
    _description = "Party Admission"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "party.audit.mixin", "party.company.mixin",
        "party.workflow.mixin",
    ]
    _order = "state, id desc"
    _check_company_auto = True
    _audit_fields = ("state", "vote_for", "vote_total", "decision_number", "decision_date",
                     "ceremony_date", "member_id")
    _audit_lifecycle = True

    employee_id = fields.Many2one(
        "hr.employee", string="Candidate", required=True, index=True, tracking=True,
        check_company=True, ondelete="restrict",
    )
    name = fields.Char(related="employee_id.name", store=True, readonly=True)
    organization_id = fields.Many2one(
        "party.organization", string="Cell", required=True, index=True, tracking=True,
        check_company=True, domain="[('is_cell', '=', True)]", ondelete="restrict",
        default=lambda self: self.env.user.party_secretary_cell_ids[:1],
    )
    state = fields.Selection(ADMISSION_STATES, default="candidate", required=True,
                             tracking=True, index=True, copy=False)
    # 1. Awareness course.
    course_date = fields.Date(string="Course Completed On", copy=False)
    course_certificate = fields.Binary(string="Course Certificate", attachment=True,
                                       copy=False)
    course_certificate_name = fields.Char(string="Certificate File Name", copy=False)
    course_user_id = fields.Many2one("res.users", string="Course Recorded By", readonly=True,
                                     copy=False)
    # 2. Dossier.
    cv_date = fields.Date(string="Curriculum Vitae Dated", copy=False)
    cv_document = fields.Binary(string="Curriculum Vitae", attachment=True, copy=False)
    cv_document_name = fields.Char(string="Curriculum Vitae File Name", copy=False)
    introducer_ids = fields.Many2many(
        "party.member", string="Introducers", copy=False,
        domain="[('organization_id', '=', organization_id), ('state', '=', 'official')]",
        help="Two official members who have worked with the candidate and introduce them.",
    )
    mass_organization_comment = fields.Text(
        string="Mass Organisations' Comments", copy=False,
        help="The trade union's and the Youth Union's comments on the candidate.")
    mass_organization_date = fields.Date(string="Mass Organisations' Comments Dated",
                                         copy=False)
    residence_comment = fields.Text(string="Residence Comments", copy=False,
                                    help="The comments of the party cell of the candidate's "
                                    "place of residence.")
    residence_date = fields.Date(string="Residence Comments Dated", copy=False)
    residence_document = fields.Binary(string="Residence Comments Document", attachment=True,
                                       copy=False)
    residence_document_name = fields.Char(string="Residence Comments File Name", copy=False)
    dossier_user_id = fields.Many2one("res.users", string="Dossier Checked By", readonly=True,
                                      copy=False)
    # 3. The cell's vote.
    vote_date = fields.Date(copy=False)
    vote_for = fields.Integer(string="Votes For", copy=False)
    vote_total = fields.Integer(
        string="Official Members", compute="_compute_vote_total", store=True, readonly=False,
        copy=False, help="Official members of the cell, the base of the two-thirds majority.")
    vote_document = fields.Binary(string="Cell Resolution", attachment=True, copy=False)
    vote_document_name = fields.Char(string="Resolution File Name", copy=False)
    vote_user_id = fields.Many2one("res.users", string="Vote Recorded By", readonly=True,
                                   copy=False)
    # 4. The committee's decision.
    decision_number = fields.Char(copy=False)
    decision_date = fields.Date(copy=False)
    decision_document = fields.Binary(string="Decision Document", attachment=True,
                                      copy=False)
    decision_document_name = fields.Char(string="Decision File Name", copy=False)
    decision_user_id = fields.Many2one("res.users", string="Decided By", readonly=True,
                                       copy=False)
    # 5. The ceremony.
    ceremony_date = fields.Date(copy=False)
    ceremony_document = fields.Binary(string="Ceremony Minutes", attachment=True, copy=False)
    ceremony_document_name = fields.Char(string="Ceremony Minutes File Name", copy=False)
    ceremony_user_id = fields.Many2one("res.users", string="Ceremony Recorded By",
                                       readonly=True, copy=False)
    member_id = fields.Many2one("party.member", string="Party Member", readonly=True,
                                copy=False, check_company=True, index="btree_not_null")
    probation_end_date = fields.Date(related="member_id.probation_end_date")
    refusal_reason = fields.Text(copy=False, help="Why the cell or the committee refuses the "
                                 "admission; required to refuse it.")
    refusal_date = fields.Date(readonly=True, copy=False)
    missing = fields.Text(compute="_compute_missing", string="What Is Missing")

    @api.depends("organization_id")
    def _compute_vote_total(self):
        cells = self.organization_id
        counts = dict(self.env["party.member"]._read_group(
            [("organization_id", "in", cells.ids), ("state", "=", "official"),
             ("is_temporary", "=", False)],
            ["organization_id"], ["__count"],
        )) if cells else {}
        for admission in self:
            admission.vote_total = counts.get(admission.organization_id, 0)

    @api.depends(*COURSE_FIELDS, *DOSSIER_FIELDS, *VOTE_FIELDS, *DECISION_FIELDS,
                 *CEREMONY_FIELDS, "state")
    def _compute_missing(self):
        for admission in self:
            admission.missing = "\n".join(admission._missing_items()) or False

    def _missing_items(self):
        """What the process still lacks, step by step, in the user's words."""
        self.ensure_one()
        if self.state in ("admitted", "refused"):
            return []
        env = self.env
        items = []
        if not self.course_date:
            items.append(env._("Awareness course: the date it was completed"))
        if not self.course_certificate:
            items.append(env._("Awareness course: the certificate"))
        if not self.cv_document:
            items.append(env._("Dossier: the curriculum vitae"))
        if len(self.introducer_ids) != 2:
            items.append(env._("Dossier: two official members as introducers (%(count)s given)",
                               count=len(self.introducer_ids)))
        if not self.mass_organization_comment:
            items.append(env._("Dossier: the mass organisations' comments"))
        if not self.residence_comment:
            items.append(env._("Dossier: the residence comments"))
        if not self.vote_date or not self.vote_for:
            items.append(env._("The cell's vote"))
        if not self.decision_number or not self.decision_date:
            items.append(env._("The committee's decision: number and date"))
        if not self.ceremony_date:
            items.append(env._("The admission ceremony"))
        return items

    @api.constrains("introducer_ids", "organization_id")
    def _check_introducers(self):
        errors = []
        for admission in self:
            # sudo: an introducer's membership status, whoever may read the member record.
            introducers = admission.introducer_ids.sudo()
            if len(introducers) > 2:
                errors.append(_("%(name)s: a candidate has two introducers.",
                                name=admission.name))
            not_official = introducers.filtered(lambda m: m.state != "official")
            if not_official:
                errors.append(_("%(name)s: introducers must be official members; %(who)s is not.",
                                name=admission.name, who=", ".join(not_official.mapped("name"))))
            if admission.employee_id in introducers.employee_id:
                errors.append(_("%(name)s cannot introduce themself.", name=admission.name))
        if errors:
            raise ValidationError("\n".join(errors))

    @api.constrains("employee_id", "state")
    def _check_one_admission(self):
        open_ones = self.filtered(lambda a: a.state != "refused")
        if not open_ones:
            return
        # sudo: another admission of the same person may sit in a cell the user cannot read.
        others = self.sudo().search([
            ("employee_id", "in", open_ones.employee_id.ids), ("state", "!=", "refused"),
            ("id", "not in", open_ones.ids),
        ])
        if others:
            raise ValidationError(_("%(name)s already has an admission under way or done.",
                                    name=others[0].name))
        # sudo: the candidate may be a member of a cell the user cannot read.
        members = self.env["party.member"].sudo().search([
            ("employee_id", "in", open_ones.filtered(
                lambda a: a.state in OPEN_STATES).employee_id.ids),
            ("state", "in", ACTIVE_STATES),
        ])
        if members:
            raise ValidationError(_("%(name)s is already a party member.",
                                    name=members[0].name))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                server = SERVER_FIELDS & set(vals)
                if server - {"state"} or vals.get("state", "candidate") != "candidate":
                    self._raise_steps()
        admissions = super().create(vals_list)
        if not self.env.su and admissions.filtered(lambda a: a.state != "candidate"):
            self._raise_steps()
        return admissions

    def _raise_steps(self):
        raise UserError(_("An admission starts with the candidate and moves on step by step "
                          "with its buttons."))

    def write(self, vals):
        if not self.env.su:
            fnames = {f for f in vals if not f.startswith(("message_", "activity_"))}
            server = fnames & SERVER_FIELDS
            if server and not lock_opened(self, server):
                self._raise_steps_refused()
            for admission in self:
                locked = fnames & self._locked_fields(admission.state)
                if locked and not lock_opened(admission, locked):
                    refuse(admission, _(
                        "%(name)s: what the cell voted and the committee decided is part of "
                        "the record and cannot be changed.", name=admission.name))
        return super().write(vals)

    def _raise_steps_refused(self):
        refuse(self, _("An admission moves on with its buttons, each step recorded by whoever "
                       "takes it: its state and its record are not written directly."))

    @api.model
    def _locked_fields(self, state):
        if state in ("admitted", "refused"):
            return set(self._fields) - {"display_name"}
        return LOCKED_IN.get(state, set())

    @api.ondelete(at_uninstall=False)
    def _unlink_except_voted(self):
        if not self.env.su and self.filtered(
                lambda a: a.state not in ("candidate", "course", "dossier")):
            refuse(self, _("Once the cell has voted, an admission is part of the record and "
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

    def _step(self, from_states, to_state, user_field, action, extra=None):
        self._ensure_state(from_states, action)
        self.check_access("write")
        vals = dict(extra or {}, state=to_state)
        vals[user_field] = self.env.user.id
        self._write_workflow(vals)
        self.message_post(body=_("%(step)s recorded.", step=action))

    def action_complete_course(self):
        self._check_group("party_cell.group_party_secretary")
        self._ensure_state(("candidate",), _("Awareness course"))
        for admission in self:
            admission._need(admission.course_date and admission.course_certificate,
                            _("Give the date of the awareness course and its certificate."))
        self._step(("candidate",), "course", "course_user_id", _("Awareness course"))

    def action_complete_dossier(self):
        self._check_group("party_cell.group_party_secretary")
        self._ensure_state(("course",), _("Dossier"))
        for admission in self:
            admission._need(admission.cv_document,
                            _("Attach the candidate's curriculum vitae."))
            admission._need(len(admission.introducer_ids) == 2,
                            _("The candidate needs two official members as introducers."))
            admission._need(admission.mass_organization_comment and admission.residence_comment,
                            _("The dossier needs the mass organisations' and the residence "
                              "comments."))
        self._step(("course",), "dossier", "dossier_user_id", _("Dossier"))

    def action_record_vote(self):
        """The cell's resolution: at least two thirds of its official members in favour."""
        self._check_group("party_cell.group_party_secretary")
        self._ensure_state(("dossier",), _("The cell's vote"))
        share = party_share(self.env, "admission_vote_share")
        for admission in self:
            admission._need(admission.vote_date, _("Give the date of the cell's vote."))
            admission._need(admission.vote_total > 0
                            and 0 <= admission.vote_for <= admission.vote_total,
                            _("Give the cell's vote: votes for, out of its official members."))
            admission._need(
                share_reached(admission.vote_for, admission.vote_total, share),
                _("Admission needs the vote of at least %(share)s of the cell's official "
                  "members: %(votes)s of %(total)s is not enough; record a refusal instead.",
                  share="/".join(map(str, share)), votes=admission.vote_for,
                  total=admission.vote_total))
            admission._need(not admission.course_date or admission.vote_date
                            >= admission.course_date,
                            _("The cell votes after the awareness course."))
        self._step(("dossier",), "voted", "vote_user_id", _("The cell's vote"))

    def action_decide(self):
        self._check_group("party_cell.group_party_committee")
        self._ensure_state(("voted",), _("The committee's decision"))
        for admission in self:
            admission._need((admission.decision_number or "").strip()
                            and admission.decision_date,
                            _("Give the number and the date of the committee's decision."))
            admission._need(admission.decision_date >= admission.vote_date,
                            _("The committee decides after the cell's vote."))
        self._step(("voted",), "decided", "decision_user_id", _("The committee's decision"))

    def action_hold_ceremony(self):
        """The ceremony: the candidate becomes a probationary member of the cell from today."""
        self._check_group("party_cell.group_party_secretary")
        self._ensure_state(("decided",), _("The admission ceremony"))
        for admission in self:
            admission._need(admission.ceremony_date,
                            _("Give the date of the admission ceremony."))
            admission._need(admission.ceremony_date >= admission.decision_date,
                            _("The ceremony follows the committee's decision."))
        Member = self.env["party.member"]
        for admission in self:
            introducers = admission.introducer_ids
            member = Member.create({
                "employee_id": admission.employee_id.id,
                "organization_id": admission.organization_id.id,
                "state": "probationary",
                "admission_date": admission.ceremony_date,
                "admitting_organization": admission.organization_id.name,
                "introducer_1": introducers[:1].name,
                "introducer_2": introducers[1:2].name,
                "admission_vote_for": admission.vote_for,
                "admission_vote_total": admission.vote_total,
            })
            admission._step(("decided",), "admitted", "ceremony_user_id",
                            _("The admission ceremony"), {"member_id": member.id})
            member.message_post(body=_(
                "Admitted at the ceremony of %(date)s, decision %(decision)s.",
                date=fields.Date.to_string(admission.ceremony_date),
                decision=admission.decision_number))

    def action_refuse(self):
        """The cell (before its vote) or the committee (after it) ends the admission."""
        self._check_group("party_cell.group_party_secretary")
        if self.filtered(lambda a: a.state in ("voted", "decided")):
            self._check_group("party_cell.group_party_committee")
        self._ensure_state(OPEN_STATES, _("Refusal"))
        for admission in self:
            admission._need((admission.refusal_reason or "").strip(),
                            _("Give the reason of the refusal."))
        self.check_access("write")
        self._write_workflow({"state": "refused",
                              "refusal_date": fields.Date.context_today(self)})
        for admission in self:
            admission.message_post(body=_("Admission refused: %(reason)s",
                                          reason=admission.refusal_reason))
