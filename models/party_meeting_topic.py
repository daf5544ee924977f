from odoo import api, fields, models


class PartyMeeting(models.Model):
    """Thematic side of a meeting: the cell's topic assignment and the pilot rollout.

    The assignment of the meeting's cell on its topic links itself to the meeting
    (party.topic.assignment.meeting_id).
    """

    _inherit = "party.meeting"

    lessons_learned = fields.Html(
        string="Lessons Learned",
        help="What the pilot meeting taught the cells that hold the same meeting after it.",
    )
    follower_meeting_ids = fields.One2many(
        "party.meeting", "pilot_meeting_id", string="Meetings Following the Pilot"
    )
    follower_meeting_count = fields.Integer(compute="_compute_follower_meeting_count")
    topic_assignment_ids = fields.One2many(
        "party.topic.assignment", "meeting_id", string="Thematic Reports"
    )

    @api.depends("follower_meeting_ids")
    def _compute_follower_meeting_count(self):
        counts = dict(self._read_group(
            [("pilot_meeting_id", "in", self.ids)], ["pilot_meeting_id"], ["__count"]
        ))
        for meeting in self:
            meeting.follower_meeting_count = counts.get(meeting, 0)

    def _follow_up_fields(self):
        # Lessons are drawn after the pilot meeting, usually once its minutes are approved.
        return super()._follow_up_fields() | {"lessons_learned"}

    def action_view_pilot_followers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("party_cell.party_meeting_action")
        action["domain"] = [("pilot_meeting_id", "=", self.id)]
        action["context"] = {"default_pilot_meeting_id": self.id}
        return action
