from odoo import api, fields, models


class PartyTask(models.Model):
    """Self-correction commitments made at a yearly review belong to that review.

    They are followed up as tasks (owner, deadline, result) and shown again on the next
    year's review of the same member or organisation.
    """

    _inherit = "party.task"

    appraisal_id = fields.Many2one("party.appraisal", string="Yearly Review",
                                   index="btree_not_null", ondelete="restrict",
                                   check_company=True)

    @api.depends("meeting_id.organization_id", "appraisal_id.scope_organization_id")
    def _compute_organization_id(self):
        # A task belongs to its meeting's organisation, a commitment to its review's.
        for task in self:
            if task.meeting_id:
                task.organization_id = task.meeting_id.organization_id
            elif task.appraisal_id:
                task.organization_id = task.appraisal_id.scope_organization_id
