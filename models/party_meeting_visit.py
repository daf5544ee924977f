from odoo import fields, models


class PartyMeeting(models.Model):
    """Visits planned on a meeting: the record rules let their officials read it."""

    _inherit = "party.meeting"

    visit_ids = fields.One2many("party.visit", "meeting_id", string="Visits")
    visit_count = fields.Integer(compute="_compute_visit_count", string="Visit Count")

    def _compute_visit_count(self):
        counts = dict(self.env["party.visit"]._read_group(
            [("meeting_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["meeting_id"], ["__count"],
        ))
        for meeting in self:
            meeting.visit_count = counts.get(meeting, 0)

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("party_cell.party_visit_action")
        action["domain"] = [("meeting_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
