from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

from .party_lock import lock_opened, refuse
from .party_meeting import HELD_STATES
from .party_topic import QUARTERS

# What the drafting member may change; the rest belongs to the cell committee.
DRAFTER_FIELDS = {"draft_attachment_ids", "final_attachment_ids", "final_report"}
# The upper level's word on a submitted report.
ASSESSMENT_FIELDS = {"upper_comment", "upper_assessment"}
# Moved by the workflow buttons only.
WORKFLOW_FIELDS = {"state", "approved_date", "sent_date", "submitted_date"}


class PartyTopicAssignment(models.Model):
    """One cell's work on one topic: draft, approval, sending, discussion, final, submission."""

    _name = "party.topic.assignment"
    _description = "Thematic Topic Assignment"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.company.mixin", "party.workflow.mixin"]
    _order = "year desc, quarter desc, organization_id, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    topic_id = fields.Many2one(
        "party.topic", required=True, index=True, ondelete="cascade", check_company=True,
        domain="[('is_catalogue', '=', False)]",
    )
    organization_id = fields.Many2one(
        "party.organization", string="Cell", required=True, index=True, check_company=True,
        ondelete="restrict", domain="[('is_cell', '=', True)]",
        default=lambda self: self.env.user.party_secretary_cell_ids[:1],
    )
    category = fields.Selection(related="topic_id.category", store=True)
    year = fields.Integer(related="topic_id.year", store=True)
    quarter = fields.Selection(
        QUARTERS, compute="_compute_quarter", store=True, readonly=False,
        help="Quarter of the thematic meeting; follows the topic's quarter when it has one.",
    )
    drafter_id = fields.Many2one(
        "party.member", string="Drafting Member", tracking=True, index="btree_not_null",
        domain="[('organization_id', '=', organization_id)]",
    )
    deadline = fields.Date(string="Draft Deadline", tracking=True)
    meeting_id = fields.Many2one(
        "party.meeting", string="Thematic Meeting", tracking=True, check_company=True,
        index="btree_not_null", compute="_compute_meeting_id", store=True, readonly=False,
        domain="[('organization_id', '=', organization_id), ('state', '!=', 'cancelled'), "
               "('is_thematic', '=', True)]",
        help="The cell's thematic meeting on the topic, found as soon as the cell plans one.",
    )
    meeting_date = fields.Datetime(related="meeting_id.date_start", string="Meeting Date")
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting Status")
    state = fields.Selection(
        [
            ("draft", "Drafting"),
            ("approved", "Approved by the Committee"),
            ("sent", "Sent to Members"),
            ("discussed", "Discussed"),
            ("finalised", "Finalised"),
            ("submitted", "Submitted"),
        ],
        default="draft", required=True, tracking=True, index=True, copy=False,
    )
    approved_date = fields.Date(copy=False, readonly=True)
    sent_date = fields.Datetime(copy=False, readonly=True, tracking=True)
    sent_late = fields.Boolean(
        compute="_compute_sent_late", store=True,
        help="Sent to members later than the rule asks (at least one day before the meeting).",
    )
    submitted_date = fields.Date(copy=False, readonly=True, tracking=True)
    draft_attachment_ids = fields.Many2many(
        "ir.attachment", "party_topic_assignment_draft_rel", "assignment_id", "attachment_id",
        string="Draft Versions", copy=False,
        help="Every uploaded draft is kept, numbered in the order it came.",
    )
    final_attachment_ids = fields.Many2many(
        "ir.attachment", "party_topic_assignment_final_rel", "assignment_id", "attachment_id",
        string="Final Versions", copy=False,
    )
    final_report = fields.Html(
        string="Final Report", copy=False, help="Text printed in the year's bound volume."
    )
    upper_comment = fields.Html(string="Upper-level Comment", copy=False)
    upper_assessment = fields.Selection(
        [
            ("excellent", "Excellent"),
            ("good", "Good"),
            ("acceptable", "Acceptable"),
            ("revise", "To Be Revised"),
        ],
        string="Upper-level Assessment", tracking=True, copy=False,
    )
    can_assess = fields.Boolean(compute="_compute_can_assess")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("topic_cell_uniq", "unique(topic_id, organization_id)",
         "A cell has one assignment per topic."),
    ]

    @api.depends("topic_id.name", "organization_id.name")
    def _compute_name(self):
        for assignment in self:
            assignment.name = " – ".join(
                n for n in (assignment.topic_id.name, assignment.organization_id.name) if n
            )

    @api.depends_context("uid")
    def _compute_can_assess(self):
        managed = self._upper_managed()
        for assignment in self:
            assignment.can_assess = assignment in managed

    @api.depends("organization_id", "topic_id.meeting_ids.organization_id",
                 "topic_id.meeting_ids.state", "topic_id.meeting_ids.is_thematic")
    def _compute_meeting_id(self):
        """The cell's first thematic meeting on the topic, once it plans one. A linked
        meeting stays (a re-hold takes it over), and a submitted report keeps its own."""
        waiting = self.filtered(lambda a: not a.meeting_id and a.state != "submitted")
        first = {}
        for meeting in waiting.topic_id.meeting_ids.sorted("date_start", reverse=True):
            if meeting.state != "cancelled" and meeting.is_thematic:
                first[meeting.topic_id, meeting.organization_id] = meeting
        for assignment in self:
            found = assignment in waiting and first.get(
                (assignment.topic_id, assignment.organization_id))
            assignment.meeting_id = assignment.meeting_id or found or False

    @api.depends("topic_id.quarter", "meeting_id.quarter")
    def _compute_quarter(self):
        for assignment in self:
            if assignment.meeting_id.quarter:
                assignment.quarter = str(assignment.meeting_id.quarter)
            elif assignment.topic_id.quarter:
                assignment.quarter = assignment.topic_id.quarter

    @api.depends("sent_date", "meeting_id.date_start")
    def _compute_sent_late(self):
        for assignment in self:
            meeting = assignment.meeting_id
            assignment.sent_late = bool(
                assignment.sent_date and meeting
                and assignment.sent_date > meeting._documents_deadline()
            )

    @api.constrains("drafter_id", "organization_id", "meeting_id")
    def _check_same_cell(self):
        bad = self.filtered(
            lambda a: (a.drafter_id and a.drafter_id.organization_id != a.organization_id)
            or (a.meeting_id and a.meeting_id.organization_id != a.organization_id)
        )
        if bad:
            raise ValidationError(_(
                "The drafting member and the meeting must belong to the assigned cell: %(names)s",
                names=", ".join(bad.mapped("name")),
            ))

    @api.constrains("upper_assessment", "state")
    def _check_assessment(self):
        bad = self.filtered(lambda a: a.upper_assessment and a.state != "submitted")
        if bad:
            raise ValidationError(_(
                "Only a submitted report can be assessed: %(names)s",
                names=", ".join(bad.mapped("name")),
            ))

    @api.model_create_multi
    def create(self, vals_list):
        assignments = super().create(vals_list)
        for assignment, vals in zip(assignments, vals_list):
            for fname in ("draft_attachment_ids", "final_attachment_ids"):
                if vals.get(fname):
                    assignment._number_versions(fname, self.env["ir.attachment"])
        return assignments

    def write(self, vals):
        self._check_write_rights(set(vals))
        before = {
            fname: {a.id: a[fname] for a in self}
            for fname in ("draft_attachment_ids", "final_attachment_ids") if fname in vals
        }
        res = super().write(vals)
        for fname, old_by_id in before.items():
            for assignment in self:
                old = old_by_id[assignment.id]
                if old - assignment[fname] and assignment.state != "draft":
                    raise UserError(_(
                        "Versions of %(name)s are kept once the draft is approved: upload a new "
                        "version instead of removing one.", name=assignment.name,
                    ))
                assignment._number_versions(fname, old)
        return res

    def _check_write_rights(self, fnames):
        """Drafters write their drafts, the committee its assessment, the cell the rest.

        A submitted report is the cell's record: only the upper level's assessment of it
        may still be written (by the upper level). The state moves with the buttons.
        """
        if self.env.su:
            return
        # Chatter and activities are the mail mixins' business, open to whoever may write.
        fnames = {f for f in fnames if not f.startswith(("message_", "activity_"))}
        workflow = fnames & WORKFLOW_FIELDS
        if workflow and not lock_opened(self, workflow):
            refuse(self, _("A thematic report moves on with its buttons (approve, send, "
                           "discuss, finalise, submit), not by writing its state."))
        submitted = self.filtered(lambda a: a.state == "submitted")
        closed = fnames - ASSESSMENT_FIELDS - workflow
        if submitted and closed:
            refuse(self, _("%(name)s is submitted to the upper level and cannot be changed.",
                           name=submitted[0].name))
        if fnames & ASSESSMENT_FIELDS and self - self._upper_managed():
            raise AccessError(_(
                "Only the upper-level committee comments on and assesses a thematic report."
            ))
        if fnames - DRAFTER_FIELDS - ASSESSMENT_FIELDS:
            self._check_cell_manager()

    def _cell_managed(self):
        """The assignments whose cell the current user manages (secretary or committee)."""
        user = self.env.user
        if self.env.su or user.has_group("party_cell.group_party_admin"):
            return self
        return self.filtered_domain([
            "|", ("organization_id", "in", user.party_secretary_cell_ids.ids),
            ("organization_id", "child_of", user.party_committee_organization_ids.ids),
        ])

    def _upper_managed(self):
        user = self.env.user
        if self.env.su or user.has_group("party_cell.group_party_admin"):
            return self
        return self.filtered_domain(
            [("organization_id", "child_of", user.party_committee_organization_ids.ids)]
        )

    def _check_cell_manager(self):
        if self - self._cell_managed():
            raise AccessError(_(
                "Only the cell's secretary or the committee can change %(name)s.",
                name=(self - self._cell_managed())[0].name,
            ))

    def _number_versions(self, fname, old):
        """Name each new upload "v03 – 2026-03-10 – file" and attach it to the assignment."""
        new = self[fname] - old
        if not new:
            return
        count = len(old)
        today = fields.Date.context_today(self)
        for attachment in new.sorted("id"):
            count += 1
            # sudo: the drafter uploaded the file; renaming and re-homing it on this record
            # (so its access follows the assignment) needs no more than that.
            attachment.sudo().write({
                "name": f"v{count:02d} – {today} – {attachment.name}",
                "res_model": self._name,
                "res_id": self.id,
            })

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if not self.env.su and self.filtered(lambda a: a.state == "submitted"):
            refuse(self, _("A submitted thematic report is part of the record; it cannot be "
                           "deleted."), "unlink")

    def action_approve(self):
        """The cell committee approves the draft to be sent to members."""
        self._check_cell_manager()
        self._ensure_state(("draft",), _("Approval"))
        missing = self.filtered(lambda a: not (a.drafter_id and a.draft_attachment_ids))
        if missing:
            raise UserError(_(
                "%(name)s needs a drafting member and an uploaded draft before approval.",
                name=missing[0].name,
            ))
        self._write_workflow({"state": "approved",
                              "approved_date": fields.Date.context_today(self)})
        return True

    def action_send(self):
        """Send the latest draft to the cell's members, ahead of the meeting."""
        self._check_cell_manager()
        self._ensure_state(("approved",), _("Sending"))
        now = fields.Datetime.now()
        for assignment in self:
            meeting = assignment.meeting_id
            if not meeting:
                raise UserError(_(
                    "Link %(name)s to its thematic meeting before sending the draft.",
                    name=assignment.name,
                ))
            if meeting.date_start <= now:
                raise UserError(_(
                    "The meeting of %(name)s has already started: the draft had to be sent before.",
                    name=assignment.name,
                ))
            latest = assignment.draft_attachment_ids.sorted("id")[-1:]
            if meeting.state in ("draft", "planned"):
                meeting.write({"document_ids": [fields.Command.link(latest.id)]})
                meeting._write_workflow(
                    {"documents_sent_date": meeting.documents_sent_date or now})
            assignment._write_workflow({"state": "sent", "sent_date": now})
            partners = meeting._invitees()
            assignment.message_post(
                body=_("Draft %(file)s sent to the members for the meeting of %(date)s.",
                       file=latest.name,
                       date=meeting._local(meeting.date_start).strftime("%d/%m/%Y %H:%M")),
                partner_ids=partners.ids, attachment_ids=latest.ids,
                subtype_xmlid="mail.mt_comment",
            )
            if assignment.sent_late:
                assignment.message_post(body=_(
                    "Sent less than a day before the meeting: the rule asks for at least one day "
                    "(Hướng dẫn 42-HD/BTCTW)."
                ))
        return True

    def action_discuss(self):
        self._check_cell_manager()
        self._ensure_state(("sent",), _("Recording the discussion"))
        not_held = self.filtered(lambda a: a.meeting_state not in HELD_STATES)
        if not_held:
            raise UserError(_(
                "The meeting of %(name)s has not been held yet.", name=not_held[0].name
            ))
        self._write_workflow({"state": "discussed"})
        return True

    def action_finalise(self):
        self._check_cell_manager()
        self._ensure_state(("discussed",), _("Finalising"))
        empty = self.filtered(lambda a: is_html_empty(a.final_report))
        if empty:
            raise UserError(_(
                "Write the final text of %(name)s, as amended by the discussion.",
                name=empty[0].name,
            ))
        self._write_workflow({"state": "finalised"})
        return True

    def action_submit(self):
        """Report the final text upward; the committee officers above are notified."""
        self._check_cell_manager()
        self._ensure_state(("finalised",), _("Submitting"))
        self._write_workflow({"state": "submitted",
                              "submitted_date": fields.Date.context_today(self)})
        for assignment in self:
            assignment.message_post(
                body=_("Final report of %(name)s submitted to the upper level.",
                       name=assignment.name),
                partner_ids=assignment._upper_officers().partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_reset_draft(self):
        """Back to drafting when the committee or the discussion asks for a new version."""
        self._check_cell_manager()
        self._ensure_state(("approved", "sent", "discussed"), _("Returning to drafting"))
        self._write_workflow({"state": "draft"})
        return True

    def action_plan_meeting(self):
        """Open a new thematic meeting of the cell on this topic; it links back on save."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.meeting",
            "view_mode": "form",
            "context": {
                "default_organization_id": self.organization_id.id,
                "default_meeting_type": "thematic",
                "default_topic_id": self.topic_id.id,
            },
        }

    def _upper_officers(self):
        """Committee officers of the nearest organisation above the cell that has some."""
        self.ensure_one()
        # sudo: a secretary cannot read the organisations above the cell; only the officers'
        # users leave this method, to be notified.
        ancestor_ids = [int(i) for i in self.organization_id.sudo().parent_path.split("/")[:-1]]
        ancestors = self.env["party.organization"].sudo().browse(ancestor_ids[:-1][::-1])
        for org in ancestors:
            if org.committee_user_ids:
                return org.committee_user_ids
        return self.env["res.users"]
