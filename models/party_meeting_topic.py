from odoo import api, fields, models


class PartyMeeting(models.Model):
    """Thematic side of a meeting: the cell's topic assignment and the pilot rollout."""

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

    @api.model_create_multi
    def create(self, vals_list):
        meetings = super().create(vals_list)
        meetings._link_topic_assignments()
        return meetings

    def write(self, vals):
        res = super().write(vals)
        if {"topic_id", "meeting_type", "includes_thematic"} & set(vals):
            self._link_topic_assignments()
        return res

    def _approved_writable(self):
        # Lessons are drawn after the pilot meeting, usually once its minutes are approved.
        return super()._approved_writable() | {"lessons_learned"}

    def _link_topic_assignments(self):
        """Give the cell's assignment on the meeting's topic its meeting, if it has none yet."""
        thematic = self.filtered(
            lambda m: m.topic_id and m.state != "cancelled"
            and (m.meeting_type == "thematic" or m.includes_thematic)
        )
        if not thematic:
            return
        assignments = self.env["party.topic.assignment"].search([
            ("topic_id", "in", thematic.topic_id.ids),
            ("organization_id", "in", thematic.organization_id.ids),
            ("meeting_id", "=", False),
        ])
        for assignment in assignments:
            meeting = thematic.filtered(
                lambda m, a=assignment: m.topic_id == a.topic_id
                and m.organization_id == a.organization_id
            )[:1]
            if meeting:
                assignment.meeting_id = meeting

    def action_view_pilot_followers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("party_cell.party_meeting_action")
        action["domain"] = [("pilot_meeting_id", "=", self.id)]
        action["context"] = {"default_pilot_meeting_id": self.id}
        return action
