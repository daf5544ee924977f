from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .party_member import MEMBER_STATES

ATTENDANCE_STATUSES = [
    ("present", "Present"),
    ("excused", "Absent with Reason"),
    ("unexcused", "Absent without Reason"),
    ("exempt", "Exempt"),
]


class PartyMeetingAttendance(models.Model):
    """Roll-call line: one member summoned to one meeting."""

    _name = "party.meeting.attendance"
    _inherit = ["party.meeting.line.mixin", "party.audit.mixin"]
    _description = "Meeting Attendance"
    _order = "meeting_id, committee_role_sequence, member_name"

    member_id = fields.Many2one("party.member", required=True, ondelete="restrict", index=True)
    member_name = fields.Char(related="member_id.name", store=True, string="Member Name")
    member_state = fields.Selection(
        MEMBER_STATES, compute="_compute_member_snapshot", store=True, string="Membership",
        help="The member's status on the day of the meeting, kept as it was once the minutes "
        "are approved.",
    )
    is_temporary = fields.Boolean(compute="_compute_member_snapshot", store=True)
    committee_role_sequence = fields.Integer(
        related="member_id.committee_role_sequence", store=True
    )
    status = fields.Selection(ATTENDANCE_STATUSES, required=True, default="present")
    reason = fields.Char()
    speaking_turns = fields.Integer(default=0)
    opinion = fields.Text(help="Summary of what the member said, for the minutes.")

    _sql_constraints = [
        ("member_meeting_uniq", "unique(meeting_id, member_id)",
         "A member is summoned only once to a meeting."),
        ("turns_positive", "CHECK(speaking_turns >= 0)", "Speaking turns cannot be negative."),
    ]

    @api.depends("meeting_id.name", "member_name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.meeting_id.name} – {line.member_name or ''}"

    @api.depends("member_id.state", "member_id.official_date", "member_id.exemption_date",
                 "member_id.admission_date", "member_id.end_date", "member_id.is_temporary",
                 "meeting_id.date_start")
    def _compute_member_snapshot(self):
        # The day of each meeting once, not once per line: a roll call of 60 lines, or the
        # planning of 2,000 meetings, has few meetings and many lines.
        days = {meeting.id: meeting._local_date() for meeting in self.meeting_id}
        # sudo: the status of a member the secretary may no longer read (moved away).
        for line, line_sudo in zip(self, self.sudo()):
            if line.meeting_id.state == "approved" and line.member_state:
                # Approved minutes keep who voted as what: a later change of status (a
                # recognition, an exemption, a transfer) does not rewrite them.
                line.member_state = line.member_state
                line.is_temporary = line.is_temporary
                continue
            member = line_sudo.member_id
            day = days.get(line.meeting_id.id)
            line.member_state = (member._state_on(day) if day else False) or member.state
            line.is_temporary = member.is_temporary

    @api.model
    def _insert_summoned(self, vals_list):
        """Create the roll-call lines of ``_fill_attendance`` in one INSERT, as the superuser.

        The monthly planning summons 30,000 members at once; through ``create`` each line
        paid for its defaults, related fields, snapshot and constraints one by one. Here the
        derived columns are written as their computes would (organisation and company of the
        meeting, the member's name, role order and temporary flag, ``member_state`` from
        the caller), and the Python constraints hold by construction: the members are those
        ``_summonable_members`` returned, nobody has speaking turns. The meetings' locks are
        still checked, and the ORM is told of the new lines so that the meetings' counts and
        rates are computed as after ``create``.
        """
        assert self.env.su, "only the superuser bypasses create()"
        if not vals_list:
            return self.browse()
        Meeting = self.env["party.meeting"]
        meetings = Meeting.browse({vals["meeting_id"] for vals in vals_list})
        members = self.env["party.member"].browse({vals["member_id"] for vals in vals_list})
        now = self.env.cr.now()
        columns = ("meeting_id", "member_id", "organization_id", "company_id", "member_name",
                   "member_state", "is_temporary", "committee_role_sequence", "status",
                   "speaking_turns", "create_uid", "create_date", "write_uid", "write_date")
        # Read once per meeting and per member, not once per line.
        of_meeting = {m.id: (m.organization_id.id or None, m.company_id.id or None)
                      for m in meetings}
        of_member = {m.id: (m.name or None, bool(m.is_temporary), m.committee_role_sequence or 0)
                     for m in members}
        rows = []
        for vals in vals_list:
            org_id, company_id = of_meeting[vals["meeting_id"]]
            name, temporary, sequence = of_member[vals["member_id"]]
            rows.append((
                vals["meeting_id"], vals["member_id"], org_id, company_id, name,
                vals["member_state"] or None, temporary, sequence, vals["status"],
                0, self.env.uid, now, self.env.uid, now,
            ))
        ids = []
        for start in range(0, len(rows), 1000):
            ids += [row[0] for row in self.env.execute_query(SQL(
                "INSERT INTO party_meeting_attendance (%s) VALUES %s RETURNING id",
                SQL(", ").join(map(SQL.identifier, columns)),
                SQL(", ").join(SQL("%s", row) for row in rows[start:start + 1000]),
            ))]
        lines = self.browse(ids)
        # The ORM's cache gets what was inserted, as create() would leave it: the meetings'
        # counts then read their lines without fetching them again.
        for index, fname in enumerate(columns[:10]):
            self.env.cache.update(lines, self._fields[fname], [row[index] for row in rows])
        meetings.invalidate_recordset(["attendance_ids"])
        if any(meeting.state == "approved" for meeting in meetings):
            lines._check_meeting_open({"meeting_id"})
        # The values above are the lines' own: only what depends on them is recomputed.
        computed = [field for field in self._fields.values() if field.compute and field.store]
        with self.env.protecting(computed, lines):
            lines.modified(self._fields, create=True)
        return lines

    @api.constrains("member_id", "meeting_id")
    def _check_member_of_cell(self):
        summonable = {meeting: set(members.ids) for meeting, members
                      in self.meeting_id._summonable_members().items()}
        errors, committee_errors = [], []
        for line in self:
            if line.member_id.id not in summonable[line.meeting_id]:
                # sudo: the name of a member the user may not read, for the message.
                (committee_errors if line.meeting_id._is_committee_meeting() else errors).append(
                    line.member_id.sudo().name)
        if committee_errors:
            raise ValidationError(
                _("Only the committee's members on the meeting's date can be summoned to a "
                  "committee meeting: %(names)s", names=", ".join(committee_errors))
            )
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
