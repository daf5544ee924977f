from odoo import _, models
from odoo.exceptions import UserError

from .party_lock import open_lock


class PartyWorkflowMixin(models.AbstractModel):
    """Records that move from state to state with their buttons, and only so.

    A button checks where its records stand (``_ensure_state``), then writes the fields of
    its step through their lock (``_write_workflow``): the model's ``write`` refuses those
    fields from anyone else (see party_lock). Meetings, visits, visit plans, thematic
    reports, ballots and appraisals move this way.
    """

    _name = "party.workflow.mixin"
    _description = "Party Workflow"

    def _ensure_state(self, allowed, action):
        """Refuse ``action`` (a translated noun such as "Approval") unless every record
        stands in one of the ``allowed`` states."""
        wrong = self.filtered(lambda record: record.state not in allowed)
        if wrong:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(_(
                "%(action)s is not possible for %(name)s in state %(state)s.",
                action=action, name=wrong[0].display_name, state=states[wrong[0].state],
            ))

    def _write_workflow(self, vals):
        """Write the fields of a step for a button, as the user: their rights still apply."""
        with open_lock(self, set(vals)):
            return self.write(vals)
