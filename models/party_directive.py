from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .party_lock import lock_opened, refuse

# What the cell answers for a direction: how far it went and at which of its meetings.
FOLLOW_UP_FIELDS = {"report", "implemented_meeting_id"}
# Set by the buttons only (done, cancel, reopen).
WORKFLOW_FIELDS = {"state"}


class PartyDirective(models.Model):
    """A direction or task of a committee's resolution for one of its cells.

    The committee's meeting adopts a resolution (numbered 05-NQ/ĐU on approval) whose
    directions name the cell that carries each out, its owner and deadline. Once the
    committee's minutes are approved the directions are part of the record: the cell only
    reports on them (what was done, at which meeting) and marks them done.
    """

    _name = "party.directive"
    _description = "Directive"
    _inherit = ["party.company.mixin", "party.workflow.mixin"]
    _order = "deadline, id"
    _check_company_auto = True

    meeting_id = fields.Many2one(
        "party.meeting", string="Committee Meeting", required=True, index=True,
        ondelete="cascade", check_company=True, domain="[('meeting_type', '=', 'committee')]",
    )
    issuer_id = fields.Many2one(related="meeting_id.organization_id", store=True, index=True,
                                string="Issued By")
    resolution_number = fields.Char(related="meeting_id.resolution_number",
                                    string="Resolution")
    organization_id = fields.Many2one(
        "party.organization", string="Cell", required=True, index=True, check_company=True,
        domain="[('id', 'child_of', issuer_id), ('id', '!=', issuer_id)]",
    )
    name = fields.Char(string="Direction to Carry Out", required=True)
    owner_id = fields.Many2one(
        "party.member", string="Owner", compute="_compute_owner_id", store=True,
        readonly=False, precompute=True,
        help="Who answers for it in the cell; its secretary unless another is named.",
    )
    deadline = fields.Date()
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="open", required=True, index=True,
    )
    implemented_meeting_id = fields.Many2one(
        "party.meeting", string="Implemented at", check_company=True,
        domain="[('organization_id', '=', organization_id)]",
        help="The cell's meeting that took the direction up.",
    )
    report = fields.Text(string="What Was Done")
    is_overdue = fields.Boolean(compute="_compute_is_overdue")

    @api.depends("organization_id")
    def _compute_owner_id(self):
        for directive in self:
            if directive.owner_id.organization_id != directive.organization_id:
                directive.owner_id = directive.organization_id.secretary_id

    def _compute_is_overdue(self):
        for directive in self:
            directive.is_overdue = directive.state == "open" and bool(directive.deadline) and (
                directive.deadline < directive.organization_id._today())

    @api.constrains("meeting_id", "organization_id")
    def _check_cell(self):
        bad = self.filtered(lambda d: d.meeting_id.meeting_type != "committee" or (
            d.organization_id == d.issuer_id
            or str(d.issuer_id.id) not in (d.organization_id.parent_path or "").split("/")))
        if bad:
            raise ValidationError(_(
                "A directive comes from a committee meeting and directs an organisation below "
                "that committee: %(names)s", names=", ".join(bad.mapped("name"))))

    @api.model_create_multi
    def create(self, vals_list):
        directives = super().create(vals_list)
        directives._check_resolution_open(set().union(*vals_list) if vals_list else set())
        return directives

    def write(self, vals):
        fnames = set(vals)
        workflow = fnames & WORKFLOW_FIELDS
        if workflow and not lock_opened(self, workflow):
            refuse(self, _("A directive is marked done, cancelled or reopened with its "
                           "buttons."))
        record = fnames - WORKFLOW_FIELDS - FOLLOW_UP_FIELDS
        if record:
            self._check_resolution_open(record)
        return super().write(vals)

    def _check_resolution_open(self, fnames):
        """The directions are the committee's: its office writes them, until its minutes
        are approved; the cell writes only its follow-up."""
        if self.env.su:
            return
        self._check_committee_office()
        locked = self.filtered(lambda d: d.meeting_id.state == "approved")
        if locked and not lock_opened(locked, fnames):
            refuse(locked, _("Resolution %(number)s is approved: its directions are part of "
                             "the record.", number=locked[0].resolution_number or ""))

    def _check_committee_office(self):
        if not self.env.su and not self.env.user.has_group("party_cell.group_party_committee"):
            raise AccessError(_("The directions of a resolution are written by the committee "
                                "office; the cell reports on them."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if not self.env.su and any(d.meeting_id.state == "approved" for d in self):
            raise ValidationError(_("The directions of an approved resolution cannot be "
                                    "deleted; cancel them."))

    def action_done(self):
        self._ensure_state(("open",), _("Marking done"))
        self._write_workflow({"state": "done"})
        return True

    def action_cancel(self):
        self._ensure_state(("open",), _("Cancelling"))
        self._check_committee_office()
        self._write_workflow({"state": "cancelled"})
        return True

    def action_reopen(self):
        self._ensure_state(("done", "cancelled"), _("Reopening"))
        self._write_workflow({"state": "open"})
        return True
