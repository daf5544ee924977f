from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PartyPilotRolloutWizard(models.TransientModel):
    """After a pilot meeting, plan the same thematic meeting in the other cells."""

    _name = "party.pilot.rollout.wizard"
    _description = "Pilot Meeting Rollout"

    meeting_id = fields.Many2one(
        "party.meeting", string="Pilot Meeting", required=True, readonly=True,
        domain="[('is_pilot', '=', True)]",
    )
    topic_id = fields.Many2one(related="meeting_id.topic_id")
    organization_ids = fields.Many2many(
        "party.organization", string="Cells", domain="[('is_cell', '=', True)]",
        compute="_compute_organization_ids", store=True, readonly=False,
        help="By default the other cells under the same organisation as the pilot cell.",
    )
    date_start = fields.Datetime(
        string="Start", required=True, compute="_compute_dates", store=True, readonly=False,
        precompute=True, help="Start of the follow-up meetings; after the pilot.",
    )
    duration = fields.Integer(
        string="Duration (min)", compute="_compute_dates", store=True, readonly=False,
        precompute=True,
    )

    @api.depends("meeting_id")
    def _compute_organization_ids(self):
        for wizard in self:
            pilot_cell = wizard.meeting_id.organization_id
            wizard.organization_ids = pilot_cell and self.env["party.organization"].search([
                ("parent_id", "=", pilot_cell.parent_id.id), ("is_cell", "=", True),
                ("id", "!=", pilot_cell.id),
            ]) if pilot_cell.parent_id else False

    @api.depends("meeting_id")
    def _compute_dates(self):
        for wizard in self:
            pilot = wizard.meeting_id
            # A week after the pilot leaves time for the lessons-learned session.
            wizard.date_start = pilot.date_start and pilot.date_start + timedelta(days=7)
            wizard.duration = pilot.duration or 120

    def action_create(self):
        self.ensure_one()
        pilot = self.meeting_id
        if not pilot.is_pilot or not pilot.topic_id:
            raise UserError(_("%(name)s is not a pilot thematic meeting.", name=pilot.name))
        if self.date_start <= pilot.date_start:
            raise UserError(_("The follow-up meetings come after the pilot meeting."))
        if self.duration <= 0:
            raise UserError(_("Give the duration of the follow-up meetings."))
        cells = self.organization_ids - pilot.organization_id
        if not cells:
            raise UserError(_("Choose the cells that follow the pilot."))
        Meeting = self.env["party.meeting"]
        already = Meeting.search([
            ("organization_id", "in", cells.ids), ("topic_id", "=", pilot.topic_id.id),
            ("state", "!=", "cancelled"),
        ]).organization_id
        topic = pilot.topic_id
        if (topic.state == "issued" and cells - topic.organization_ids
                and topic.has_access("write")):
            # The follow-up cells work on the same topic: each gets its assignment.
            topic.organization_ids = [fields.Command.link(c.id) for c in cells]
        end = self.date_start + timedelta(minutes=self.duration)
        meetings = Meeting.create([{
            "organization_id": cell.id,
            "meeting_type": pilot.meeting_type,
            "includes_thematic": pilot.includes_thematic,
            "topic_id": topic.id,
            "pilot_meeting_id": pilot.id,
            "date_start": self.date_start,
            "date_end": end,
            "location": cell.meeting_place or False,
        } for cell in cells - already])
        meetings._schedule_secretary_activity(
            "party_cell.mail_activity_type_meeting_plan",
            lambda m: m.env._("Plan the meeting on %(topic)s after the pilot of %(pilot)s.",
                              topic=topic.name, pilot=pilot.organization_id.name),
            lambda m: (m._local(m.date_start) - timedelta(days=3)).date(),
        )
        body = _("Follow-up meetings planned in %(cells)s.",
                 cells=", ".join(meetings.organization_id.mapped("name")) or "-")
        if already:
            body += " " + _("Already planned in %(cells)s.",
                            cells=", ".join(already.mapped("name")))
        pilot.message_post(body=body)
        return pilot.action_view_pilot_followers()
