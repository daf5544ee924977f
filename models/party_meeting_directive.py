from odoo import api, fields, models


class PartyMeeting(models.Model):
    """Directive resolutions: what a committee's meeting directs its cells to do, and the
    upper directions a cell's meeting has to carry out."""

    _inherit = "party.meeting"

    directive_ids = fields.One2many("party.directive", "meeting_id", string="Directions",
                                    copy=False)
    upper_directive_ids = fields.Many2many(
        "party.directive", compute="_compute_upper_directive_ids",
        string="Upper Directions to Carry Out",
        help="Directions of the committees above, from resolutions approved before this "
        "meeting, still open or taken up at this meeting.",
    )

    @api.depends("organization_id", "date_start")
    def _compute_upper_directive_ids(self):
        cells = self.filtered(lambda m: m.meeting_type != "committee" and m.organization_id)
        (self - cells).upper_directive_ids = False
        if not cells:
            return
        # sudo: the committee's meeting sits above the cell, out of its members' reach; only
        # its state and date are read, and only directives the user may read are shown.
        directives = self.env["party.directive"].sudo().search([
            ("organization_id", "in", cells.organization_id.ids),
            ("meeting_id.state", "=", "approved"),
            ("state", "!=", "cancelled"),
        ])
        readable = self.env["party.directive"].search([("id", "in", directives.ids)])
        for meeting in cells:
            meeting.upper_directive_ids = readable.browse([
                d.id for d in directives
                if d.organization_id.id == meeting.organization_id.id
                and d.meeting_id.date_start < meeting.date_start
                and (d.state == "open" or d.implemented_meeting_id.id == meeting._origin.id)
                and d in readable
            ])
