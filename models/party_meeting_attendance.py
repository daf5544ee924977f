from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyMeetingAttendance(models.Model):
    """Roll-call line: one member summoned to one meeting."""

    _name = "party.meeting.attendance"
    _inherit = ["party.meeting.line.mixin"]
    _description = "Meeting Attendance"
    _order = "meeting_id, committee_role_sequence, member_name"

    member_id = fields.Many2one("party.member", required=True, ondelete="restrict", index=True)
    member_name = fields.Char(related="member_id.name", store=True, string="Member Name")
    member_state = fields.Selection(related="member_id.state", store=True, string="Membership")
    is_temporary = fields.Boolean(related="member_id.is_temporary", store=True)
    committee_role_sequence = fields.Integer(
        related="member_id.committee_role_sequence", store=True
    )
    status = fields.Selection(
        [
            ("present", "Present"),
            ("excused", "Absent with Reason"),
            ("unexcused", "Absent without Reason"),
            ("exempt", "Exempt"),
        ],
        required=True, default="present",
    )
    reason = fields.Char()
    speaking_turns = fields.Integer(default=0)
    opinion = fields.Text(help="Summary of what the member said, for the minutes.")

    _sql_constraints = [
        ("member_meeting_uniq", "unique(meeting_id, member_id)",
         "A member is summoned only once to a meeting."),
        ("turns_positive", "CHECK(speaking_turns >= 0)", "Speaking turns cannot be negative."),
    ]

    @api.constrains("member_id", "meeting_id")
    def _check_member_of_cell(self):
        errors = []
        for line in self:
            # sudo: the check reads the member's cell and dates even when the user cannot read them.
            member, meeting = line.member_id.sudo(), line.meeting_id
            date = meeting.date_start.date() if meeting.date_start else None
            wrong_cell = member.organization_id != meeting.organization_id
            not_yet = date and member.admission_date and member.admission_date > date
            gone = date and member.end_date and member.end_date <= date
            if wrong_cell or not_yet or gone:
                errors.append(member.name)
        if errors:
            raise ValidationError(
                _("Only members of the meeting's organisation on its date can be summoned: "
                  "%(names)s", names=", ".join(errors))
            )

    @api.constrains("status", "speaking_turns")
    def _check_turns_need_presence(self):
        bad = self.filtered(lambda a: a.status != "present" and a.speaking_turns)
        if bad:
            raise ValidationError(
                _("Only members present can have speaking turns: %(names)s",
                  names=", ".join(bad.mapped("member_name")))
            )

    def action_add_turn(self):
        for line in self:
            line.write({"speaking_turns": line.speaking_turns + 1, "status": "present"})
