from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_lock import lock_opened, open_lock, refuse

# What the cell answers: its comment and the meeting that discussed the draft.
ANSWER_FIELDS = {"comment", "meeting_id"}
MAIL_PREFIXES = ("message_", "activity_")
ACTIVITY_TYPE = "party_cell.mail_activity_type_resolution_comment"


class PartyResolutionComment(models.Model):
    """One cell's comment on a committee's thematic resolution draft.

    The committee office creates the lines when it sends the draft; the cell's secretary
    answers on its own line while the consultation runs (record rules let cells read only
    their own line, the committee all of them). The line is then part of the record.
    """

    _name = "party.resolution.comment"
    _description = "Cell Comment on a Resolution Draft"
    _inherit = ["party.company.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "draft_id desc, organization_id"
    _check_company_auto = True
    _rec_name = "organization_id"

    draft_id = fields.Many2one("party.resolution.draft", string="Resolution Draft",
                               required=True, index=True, ondelete="cascade",
                               check_company=True)
    issuer_id = fields.Many2one(related="draft_id.organization_id", store=True, index=True,
                                string="Issuing Committee")
    draft_state = fields.Selection(related="draft_id.state", string="Draft Status")
    comment_deadline = fields.Date(related="draft_id.comment_deadline")
    draft_body = fields.Html(related="draft_id.body", string="Draft Text")
    # restrict: a cell consulted keeps its organisation (Odoo refuses its deletion).
    organization_id = fields.Many2one("party.organization", string="Cell", required=True,
                                      index=True, check_company=True, ondelete="restrict")
    secretary_id = fields.Many2one(related="organization_id.secretary_id")
    comment = fields.Text(string="Cell's Comment", tracking=True)
    meeting_id = fields.Many2one(
        "party.meeting", string="Discussed at", check_company=True, tracking=True,
        domain="[('organization_id', '=', organization_id), ('meeting_type', '!=', 'committee')]",
        help="The cell meeting that discussed the draft.",
    )
    answered_date = fields.Datetime(string="Answered", readonly=True, copy=False)
    is_answered = fields.Boolean(compute="_compute_is_answered", store=True)

    _sql_constraints = [
        ("cell_uniq", "unique(draft_id, organization_id)",
         "A cell comments once on a resolution draft."),
    ]

    @api.depends("answered_date")
    def _compute_is_answered(self):
        for line in self:
            line.is_answered = bool(line.answered_date)

    @api.constrains("organization_id", "draft_id", "meeting_id")
    def _check_cell(self):
        # sudo: a secretary may name a meeting of another cell, which they cannot read; only
        # its organisation and type are compared here.
        bad = self.sudo().filtered(lambda c: not c.organization_id.is_cell or (
            str(c.issuer_id.id) not in (c.organization_id.parent_path or "").split("/")
        ) or (c.meeting_id and (c.meeting_id.organization_id != c.organization_id
                                or c.meeting_id.meeting_type == "committee")))
        if bad:
            raise ValidationError(_(
                "A comment comes from a cell below the issuing committee, discussed at one of "
                "that cell's meetings: %(cells)s",
                cells=", ".join(bad.organization_id.mapped("name"))))

    @api.model_create_multi
    def create(self, vals_list):
        self.env["party.resolution.draft"]._check_committee_office()
        if any(vals.keys() & ANSWER_FIELDS for vals in vals_list):
            raise UserError(_("The cell gives its comment itself, once the draft is sent."))
        lines = super().create(vals_list)
        if lines.filtered(lambda c: c.draft_id.state not in ("draft", "consultation")):
            raise UserError(_("Cells are added to a draft before it is adopted or cancelled."))
        lines.filtered(lambda c: c.draft_state == "consultation")._remind_secretaries()
        return lines

    def write(self, vals):
        fnames = {f for f in vals if not f.startswith(MAIL_PREFIXES)}
        fixed = fnames - ANSWER_FIELDS
        if fixed and not lock_opened(self, fixed):
            refuse(self, _("A comment line belongs to its draft and its cell; the cell only "
                           "gives its comment."))
        answer = fnames & ANSWER_FIELDS
        closed = self.filtered(lambda c: c.draft_state != "consultation")
        if answer and closed and not lock_opened(closed, answer):
            refuse(closed, _("The consultation on %(name)s is not open: the comments are "
                             "given while it runs.", name=closed[0].draft_id.name))
        result = super().write(vals)
        if "comment" in vals:
            self._mark_answered()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if not self.env.su and any(c.draft_state != "draft" for c in self):
            raise UserError(_("The comment lines of a sent draft are kept."))

    def _mark_answered(self):
        answered = self.filtered("comment")
        with open_lock(self, {"answered_date"}):
            answered.filtered(lambda c: not c.answered_date).write(
                {"answered_date": fields.Datetime.now()})
            (self - answered).filtered("answered_date").write({"answered_date": False})
        answered.activity_feedback([ACTIVITY_TYPE])

    def _remind_secretaries(self):
        """An activity for each cell's secretary (or, without one, nobody: the committee
        follows the unanswered lines on the draft)."""
        activity_type = self.env.ref(ACTIVITY_TYPE)
        for line in self:
            user = line.organization_id.secretary_id.user_id
            if not user:
                continue
            env = line.with_context(lang=user.lang or self.env.lang).env
            # sudo: the committee office sends the draft but does not write the cell's line;
            # the reminder only points its secretary, who reads the line, to it.
            line.sudo().activity_schedule(
                activity_type_id=activity_type.id, user_id=user.id,
                date_deadline=line.comment_deadline,
                summary=env._("Comment on the draft %(name)s", name=line.draft_id.name))

    def _close_reminders(self):
        # sudo: see _remind_secretaries; the reminders go when the consultation closes.
        self.sudo().activity_unlink([ACTIVITY_TYPE])
