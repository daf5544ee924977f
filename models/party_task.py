from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .party_lock import lock_opened, refuse
from .party_today import shown_today

# What a member may change on a task assigned to them; the rest is the secretary's.
ASSIGNEE_WRITABLE = {"state", "result", "done_date"}


class PartyTask(models.Model):
    """A task, commitment or pledge assigned at a meeting, reviewed at the next one."""

    _name = "party.task"
    _description = "Party Task"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.company.mixin"]
    _order = "state, deadline, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    meeting_id = fields.Many2one("party.meeting", ondelete="cascade", index=True,
                                 check_company=True)
    organization_id = fields.Many2one(
        "party.organization", compute="_compute_organization_id", store=True, readonly=False,
        required=True, index=True, check_company=True, precompute=True,
    )
    assignee_ids = fields.Many2many(
        "party.member", string="Assignees", required=True,
        domain="[('organization_id', '=', organization_id)]",
    )
    deadline = fields.Date(required=True, tracking=True, index=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="open", required=True, tracking=True, index=True,
    )
    kind = fields.Selection(
        [("task", "Task"), ("commitment", "Self-correction Commitment"),
         ("pledge", "Exemplary-conduct Pledge")],
        default="task", required=True,
    )
    description = fields.Text()
    result = fields.Text(help="What was done, reported at the next meeting.")
    done_date = fields.Date(copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")

    @api.depends("meeting_id.organization_id")
    def _compute_organization_id(self):
        for task in self:
            if task.meeting_id:
                task.organization_id = task.meeting_id.organization_id

    @api.depends("deadline", "state")
    @api.depends_context("party_today")
    def _compute_is_overdue(self):
        today = self._today()
        for task in self:
            task.is_overdue = task.state == "open" and task.deadline and task.deadline < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Unsupported search on overdue tasks."))
        domain = [("state", "=", "open"), ("deadline", "<", self._today())]
        return domain if (operator == "=") == value else ["!", *domain]

    def _today(self):
        return shown_today(self)

    @api.constrains("assignee_ids", "organization_id")
    def _check_assignees(self):
        unowned = self.filtered(lambda t: not t.assignee_ids)
        if unowned:
            raise ValidationError(
                _("A task needs at least one assignee: %(names)s",
                  names=", ".join(unowned.mapped("name")))
            )
        for task in self:
            # sudo: assignees of other cells must be caught even if the user cannot read them.
            strangers = task.assignee_ids.sudo().filtered(
                lambda m, t=task: m.organization_id != t.organization_id
            )
            if strangers:
                raise ValidationError(
                    _("Tasks go to members of the organisation: %(names)s is not one.",
                      names=", ".join(strangers.mapped("name")))
                )

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks._check_meeting_open({"meeting_id"})
        tasks._schedule_assignee_activities()
        return tasks

    def write(self, vals):
        if not self.env.su and set(vals) - ASSIGNEE_WRITABLE:
            self._check_manager()
        # What the minutes assigned stays as adopted; the follow-up (state, result) goes on.
        recorded = {f for f in vals if f not in ASSIGNEE_WRITABLE
                    and not f.startswith(("message_", "activity_"))}
        if recorded:
            target = vals.get("meeting_id") and self.env["party.meeting"].browse(
                vals["meeting_id"])
            self._check_meeting_open(recorded, target)
        if vals.get("state") == "done" and "done_date" not in vals:
            vals = dict(vals, done_date=fields.Date.context_today(self))
        res = super().write(vals)
        if "assignee_ids" in vals or "deadline" in vals:
            self._schedule_assignee_activities()
        return res

    def _check_meeting_open(self, fnames, target=None, operation="write"):
        """Tasks assigned in approved minutes are part of them: locked with the meeting.

        ``target`` is the meeting a task is being moved to, locked just the same.
        """
        if self.env.su:
            return
        locked = self.filtered(lambda t: t.meeting_id.state == "approved")
        if locked and lock_opened(locked, fnames):
            locked = locked.browse()
        meetings = locked.meeting_id
        if target and target.state == "approved":
            meetings |= target
        if meetings:
            refuse(self, _("Meeting %(name)s is approved and locked. Ask the committee for a "
                           "logged correction.", name=", ".join(meetings.mapped("name"))),
                   operation)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_meeting_open({"meeting_id"}, operation="unlink")

    def _check_manager(self):
        """Only the cell's secretary or the committee changes what a task asks."""
        user = self.env.user
        if user.has_group("party_cell.group_party_admin"):
            return
        managed = self.env["party.organization"].search(
            [("id", "child_of", user.party_committee_organization_ids.ids)]
        ) | user.party_secretary_cell_ids
        if self.organization_id - managed:
            raise AccessError(
                _("Only the secretary or the committee can change a task's content, owners "
                  "or deadline.")
            )

    def _schedule_assignee_activities(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for task in self.filtered(lambda t: t.state == "open"):
            users = task.assignee_ids.user_id
            known = task.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ).user_id
            for user in users - known:
                task.activity_schedule(
                    activity_type_id=activity_type.id, user_id=user.id,
                    date_deadline=task.deadline, summary=task.name,
                )

    def _reown_activities(self, old_users):
        """Give the to-do activities of ``old_users`` to the assignees' current users.

        Called when an employee's user changes: the old user's reminders go, the new user
        gets one per open task, as if the task had been assigned now.
        """
        todo = self.env.ref("mail.mail_activity_data_todo")
        for task in self:
            stale = old_users - task.assignee_ids.user_id
            task.activity_ids.filtered(
                lambda a, stale=stale: a.activity_type_id == todo and a.user_id in stale
            ).unlink()
        self._schedule_assignee_activities()

    def action_done(self):
        self.write({"state": "done"})
        self.activity_feedback(["mail.mail_activity_data_todo"])

    def _report_done(self, note, members):
        """``members`` report the task done from their page, with a note: the task is done
        and the cell's secretary is notified."""
        self.ensure_one()
        self.write({"state": "done", "result": note})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        # sudo: the secretary's contact, to address the notice.
        secretary = self.organization_id.sudo().secretary_id.user_id.partner_id
        self.message_post(
            body=_("%(members)s reported this task done: %(note)s",
                   members=", ".join(members.mapped("name")), note=note),
            partner_ids=secretary.ids, subtype_xmlid="mail.mt_note",
        )

    def action_cancel(self):
        self.write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_reopen(self):
        self.write({"state": "open", "done_date": False})
