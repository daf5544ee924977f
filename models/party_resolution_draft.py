from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

from .party_lock import lock_opened, refuse
from .party_meeting import HELD_STATES

# Set by the buttons only: sending, adopting (with its number), cancelling.
WORKFLOW_FIELDS = {"state", "resolution_number", "resolution_sequence", "number_period",
                   "adopted_date", "cell_ids"}
CLOSED_STATES = ("adopted", "cancelled")
# Chatter bookkeeping, not the text of the resolution.
MAIL_PREFIXES = ("message_", "activity_")


class PartyResolutionDraft(models.Model):
    """A thematic resolution of a whole đảng bộ (nghị quyết chuyên đề toàn đảng bộ).

    The committee drafts it and sends it to its cells for comment: each cell below the
    issuer gets one comment line, which its secretary answers (see party.resolution.comment),
    possibly after discussing it at a cell meeting. Once every cell has answered or the
    deadline has passed, a held meeting of the committee adopts it: it is numbered in the
    committee's run of resolutions within its term (NN-NQ/ĐU, shared with the meetings'
    resolutions) and its text is locked.
    """

    _name = "party.resolution.draft"
    _description = "Thematic Resolution Draft"
    _inherit = ["party.company.mixin", "party.workflow.mixin", "mail.thread",
                "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    organization_id = fields.Many2one(
        "party.organization", string="Issuing Committee", required=True, index=True,
        check_company=True, tracking=True, domain="[('is_cell', '=', False)]",
    )
    body = fields.Html(string="Text")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("consultation", "Consultation"),
            ("adopted", "Adopted"),
            ("cancelled", "Cancelled"),
        ],
        default="draft", required=True, index=True, tracking=True, copy=False,
    )
    comment_deadline = fields.Date(string="Comments Due", tracking=True)
    comment_ids = fields.One2many("party.resolution.comment", "draft_id", string="Comments",
                                  copy=False)
    # The cells consulted, kept on the draft for its record rule: a rule through
    # comment_ids would be checked by reading every line as superuser, which would leave
    # the other cells' lines in the cache of a cell's request.
    cell_ids = fields.Many2many(
        "party.organization", "party_resolution_draft_cell_rel", "draft_id", "organization_id",
        string="Cells Consulted", compute="_compute_cell_ids", store=True,
    )
    comment_count = fields.Integer(compute="_compute_comment_stats",
                                   string="Number of Cells Consulted")
    answered_count = fields.Integer(compute="_compute_comment_stats", string="Cells Answered")
    meeting_id = fields.Many2one(
        "party.meeting", string="Adopted at", check_company=True, copy=False, tracking=True,
        domain="[('organization_id', '=', organization_id), ('meeting_type', '=', 'committee')]",
        help="The committee meeting that adopts the resolution.",
    )
    resolution_number = fields.Char(copy=False, readonly=True, tracking=True)
    resolution_sequence = fields.Integer(copy=False, readonly=True)
    # Within what the number runs: the committee's term or the year (see party.meeting).
    number_period = fields.Char(copy=False, readonly=True)
    adopted_date = fields.Date(copy=False, readonly=True)

    _sql_constraints = [
        ("resolution_number_uniq",
         "unique(organization_id, number_period, resolution_sequence)",
         "This resolution number is already taken."),
    ]

    @api.depends("comment_ids.organization_id")
    def _compute_cell_ids(self):
        for draft in self:
            draft.cell_ids = draft.comment_ids.organization_id

    @api.depends("comment_ids.is_answered")
    def _compute_comment_stats(self):
        for draft in self:
            draft.comment_count = len(draft.comment_ids)
            draft.answered_count = len(draft.comment_ids.filtered("is_answered"))

    @api.constrains("organization_id", "meeting_id")
    def _check_issuer(self):
        bad = self.filtered(lambda d: d.organization_id.is_cell or (d.meeting_id and (
            d.meeting_id.organization_id != d.organization_id
            or d.meeting_id.meeting_type != "committee")))
        if bad:
            raise ValidationError(_(
                "A thematic resolution is issued by a committee above cells and adopted at a "
                "meeting of that committee: %(names)s", names=", ".join(bad.mapped("name"))))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_committee_office()
        return super().create(vals_list)

    def write(self, vals):
        fnames = {f for f in vals if not f.startswith(MAIL_PREFIXES)}
        workflow = fnames & WORKFLOW_FIELDS
        if workflow and not lock_opened(self, workflow):
            refuse(self, _("A resolution draft is sent, adopted or cancelled with its "
                           "buttons."))
        text = fnames - WORKFLOW_FIELDS
        if text:
            self._check_committee_office()
            closed = self.filtered(lambda d: d.state in CLOSED_STATES)
            if closed and not lock_opened(closed, text):
                refuse(closed, _("Resolution %(name)s is adopted or cancelled: its text is "
                                 "part of the record.", name=closed[0].display_name))
            sent = self.filtered(lambda d: d.state != "draft")
            if "organization_id" in text and sent and not lock_opened(sent, {"organization_id"}):
                refuse(sent, _("A draft sent to the cells stays with the committee that sent "
                               "it."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if not self.env.su and any(d.state != "draft" for d in self):
            raise UserError(_("A draft sent to the cells is kept; cancel it instead."))

    def _check_committee_office(self):
        """Drafts are the committee office's: cells answer on their comment lines only."""
        if not self.env.su and not self.env.user.has_group("party_cell.group_party_committee"):
            raise AccessError(_("Thematic resolutions are drafted and adopted by the committee "
                                "office; the cells comment on them."))

    def action_send(self):
        """Open the consultation: one comment line per cell below the issuer, each with a
        reminder for its secretary."""
        self._ensure_state(("draft",), _("Sending for comments"))
        self._check_committee_office()
        self.check_access("write")
        for draft in self:
            if is_html_empty(draft.body):
                raise UserError(_("Write the text of %(name)s before sending it to the cells.",
                                  name=draft.name))
            if not draft.comment_deadline or (
                    draft.comment_deadline < draft.organization_id._today()):
                raise UserError(_("Give %(name)s a deadline for comments, today or later.",
                                  name=draft.name))
            cells = self.env["party.organization"].search([
                ("id", "child_of", draft.organization_id.id), ("is_cell", "=", True),
                ("id", "not in", draft.comment_ids.organization_id.ids),
            ])
            if not (cells or draft.comment_ids):
                raise UserError(_("%(org)s has no cell to consult.",
                                  org=draft.organization_id.name))
            self.env["party.resolution.comment"].create([
                {"draft_id": draft.id, "organization_id": cell.id} for cell in cells])
        self._write_workflow({"state": "consultation"})
        self.env["party.resolution.comment"].search([
            ("draft_id", "in", self.ids)])._remind_secretaries()
        return True

    def action_adopt(self):
        """Adopt at the committee's held meeting: number it and lock the text."""
        self._ensure_state(("consultation",), _("Adoption"))
        self._check_committee_office()
        self.check_access("write")
        for draft in self:
            meeting = draft.meeting_id
            if not meeting or meeting.state not in HELD_STATES:
                raise UserError(_("Choose the held committee meeting that adopts %(name)s.",
                                  name=draft.name))
            pending = draft.comment_ids.filtered(lambda c: not c.is_answered)
            if pending and draft.comment_deadline >= draft.organization_id._today():
                raise UserError(_(
                    "%(name)s waits for the comments of %(cells)s until %(date)s.",
                    name=draft.name, cells=", ".join(pending.organization_id.mapped("name")),
                    date=draft.comment_deadline.strftime("%d/%m/%Y")))
            number = meeting._next_number("resolution", "NQ")
            draft._write_workflow({
                "state": "adopted", "adopted_date": meeting._local_date(),
                "resolution_number": number["resolution_number"],
                "resolution_sequence": number["resolution_sequence"],
                "number_period": number["number_period"],
            })
        self.comment_ids._close_reminders()
        return True

    def action_cancel(self):
        self._ensure_state(("draft", "consultation"), _("Cancelling"))
        self._check_committee_office()
        self._write_workflow({"state": "cancelled"})
        self.comment_ids._close_reminders()
        return True
