from odoo import _, api, fields, models

from .party_lock import lock_opened, refuse


class PartyMeetingLineMixin(models.AbstractModel):
    """A line of a meeting (roll call, guest): locked with the approved meeting.

    A line belongs to its meeting for good: it is never moved to another one. Once the
    meeting is approved, lines are neither added, changed nor removed, except by the
    committee's correction wizard, which opens the lock of the fields it corrects.
    """

    _name = "party.meeting.line.mixin"
    _description = "Meeting Line"

    # auto_join: the record rules test the meeting's type and body ("meeting_id.meeting_type
    # != 'committee'"); as a subquery that is a scan of every meeting (80 ms on a province's
    # 28,000) each time a roll call is read or checked, as a join one row per line.
    meeting_id = fields.Many2one("party.meeting", required=True, ondelete="cascade", index=True,
                                 auto_join=True)
    organization_id = fields.Many2one(related="meeting_id.organization_id", store=True, index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)

    def _check_meeting_open(self, fnames, operation="write"):
        locked = self.filtered(lambda line: line.meeting_id.state == "approved")
        if locked and not lock_opened(locked, fnames):
            refuse(self, _("Meeting %(name)s is approved and locked. Ask the committee for a "
                           "logged correction.", name=", ".join(locked.meeting_id.mapped("name"))),
                   operation)

    def write(self, vals):
        if "meeting_id" in vals and not self.env.su and any(
            line.meeting_id.id != vals["meeting_id"] for line in self
        ):
            refuse(self, _("A line stays with its meeting; add a new one to the other meeting "
                           "instead."))
        self._check_meeting_open(set(vals))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_meeting_open({"meeting_id"})
        return lines

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_meeting_open({"meeting_id"}, "unlink")
