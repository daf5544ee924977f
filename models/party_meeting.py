import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_lock import lock_opened
from .party_organization import DEFAULT_TZ
from .party_rules import party_rule

# Written by the workflow buttons only (plan, send documents, hold, approve, cancel): the
# numbers, dates and stored documents of the book of record, and the state itself.
WORKFLOW_FIELDS = {
    "state", "was_held", "documents_sent_date", "minutes_number", "minutes_sequence",
    "resolution_number", "resolution_sequence", "number_period", "approved_date",
    "minutes_attachment_id",
    "resolution_attachment_id",
}
# The states of a meeting that took place: held, then its minutes approved.
HELD_STATES = ("held", "approved")
# What a roll-call update may change when applied in one access check (see write).
ROLL_CALL_FIELDS = {"status", "reason", "speaking_turns", "opinion"}


class PartyMeeting(models.Model):
    _name = "party.meeting"
    _description = "Party Meeting"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "party.activity.mixin", "party.audit.mixin",
        "party.company.mixin", "party.workflow.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _audit_fields = ("official_rating", "rehold_required")

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, required=True, precompute=True
    )
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, tracking=True, check_company=True,
        ondelete="restrict",
    )
    meeting_type = fields.Selection(
        [
            ("regular", "Regular"),
            ("thematic", "Thematic"),
            ("committee", "Committee"),
            ("extraordinary", "Extraordinary"),
        ],
        string="Type", required=True, default="regular", tracking=True,
    )
    includes_thematic = fields.Boolean(
        string="Includes Thematic Part", compute="_compute_includes_thematic", store=True,
        readonly=False, precompute=True,
        help="Regular and thematic meeting held in one session (longer minimum duration).",
    )
    is_thematic = fields.Boolean(
        string="Thematic", compute="_compute_is_thematic", store=True, index=True,
        help="A thematic meeting, or a regular one with its thematic part: the meeting that "
        "answers the quarter's thematic duty.",
    )
    date_start = fields.Datetime(string="Start", required=True, tracking=True, index=True)
    date_end = fields.Datetime(string="End", required=True, tracking=True)
    duration = fields.Integer(
        string="Duration (min)", compute="_compute_duration", store=True
    )
    min_duration = fields.Integer(string="Minimum (min)", compute="_compute_duration", store=True)
    # In the organisation's zone; a re-held meeting takes the period of the one it replaces.
    month = fields.Char(compute="_compute_period", store=True, index=True, recursive=True,
                        help="YYYY-MM")
    year = fields.Integer(compute="_compute_period", store=True, recursive=True)
    quarter = fields.Integer(compute="_compute_period", store=True, recursive=True)
    location = fields.Char(tracking=True)
    is_online = fields.Boolean(string="Online", tracking=True)
    online_url = fields.Char(string="Online Link")
    topic_id = fields.Many2one("party.topic", string="Topic", check_company=True, tracking=True)
    agenda = fields.Html()
    # A committee's officers belong to the cells below it.
    chair_id = fields.Many2one(
        "party.member", string="Chair", tracking=True,
        domain="[('organization_id', 'child_of', organization_id)]",
    )
    minute_taker_id = fields.Many2one(
        "party.member", string="Minute-taker", tracking=True,
        domain="[('organization_id', 'child_of', organization_id)]",
    )
    attendance_ids = fields.One2many("party.meeting.attendance", "meeting_id", copy=False)
    guest_ids = fields.One2many("party.meeting.guest", "meeting_id", copy=False)
    task_ids = fields.One2many("party.task", "meeting_id", string="Tasks", copy=False)
    # Order of business (Hướng dẫn 42-HD/BTCTW): opening, proceedings, closing. What was
    # said and decided is not copied: a duplicate or a re-held meeting starts clean.
    party_fee_report = fields.Text(string="Party Fee Report", copy=False)
    situation = fields.Html(string="Situation and Results of the Month", copy=False)
    last_resolution_results = fields.Html(string="Results of the Last Resolution", copy=False)
    task_review = fields.Html(string="Review of Members' Tasks", copy=False)
    news = fields.Html(string="News and Current Issues", copy=False)
    next_tasks = fields.Html(string="Tasks for Next Month", copy=False)
    opinions = fields.Html(string="Discussion", copy=False)
    # Not tracked: Odoo 18's mail tracking has no Html type and fails every tracked write.
    conclusion = fields.Html(copy=False)
    resolution = fields.Html(copy=False)
    vote_for = fields.Integer(string="Votes For", tracking=True, copy=False)
    vote_against = fields.Integer(string="Votes Against", copy=False)
    vote_total = fields.Integer(
        string="Voters Summoned", compute="_compute_vote_total", store=True, readonly=False,
        help="Official members summoned: exempted members count only when they attend; "
        "temporarily attending members are not counted.",
    )
    vote_rate = fields.Float(compute="_compute_vote", string="Approval (%)")
    vote_passed = fields.Boolean(compute="_compute_vote", string="Passed")
    vote_display = fields.Char(compute="_compute_vote", string="Vote")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("planned", "Planned"),
            ("held", "Held"),
            ("approved", "Approved"),
            ("cancelled", "Cancelled"),
        ],
        default="draft", required=True, tracking=True, index=True, copy=False,
    )
    was_held = fields.Boolean(copy=False, help="Set once held; a held meeting is never deleted.")
    cancel_reason = fields.Char(copy=False, tracking=True)
    minutes_number = fields.Char(copy=False, readonly=True, tracking=True)
    minutes_sequence = fields.Integer(copy=False, readonly=True)
    resolution_number = fields.Char(copy=False, readonly=True)
    resolution_sequence = fields.Integer(copy=False, readonly=True)
    # Within what the numbers run from 01 (Hướng dẫn 36-HD/VPTW): the committee's term,
    # "term:<id>", or the year, "year:2026", for an organisation without a term.
    number_period = fields.Char(copy=False, readonly=True)
    approved_date = fields.Datetime(copy=False, readonly=True)
    minutes_attachment_id = fields.Many2one("ir.attachment", copy=False, readonly=True)
    resolution_attachment_id = fields.Many2one("ir.attachment", copy=False, readonly=True)
    document_ids = fields.Many2many(
        "ir.attachment", string="Documents", copy=False,
        help="Draft report, draft resolution and other papers sent to members before the meeting.",
    )
    documents_sent_date = fields.Datetime(string="Documents Sent", copy=False, tracking=True)
    calendar_event_id = fields.Many2one("calendar.event", copy=False, readonly=True)
    is_pilot = fields.Boolean(string="Pilot Meeting", tracking=True)
    pilot_meeting_id = fields.Many2one(
        "party.meeting", string="Follows Pilot", domain="[('is_pilot', '=', True)]",
        help="The pilot meeting this one follows and draws lessons from.",
    )
    rehold_required = fields.Boolean(string="Must Be Held Again", tracking=True, copy=False)
    rehold_of_id = fields.Many2one("party.meeting", string="Re-hold Of", index="btree_not_null",
                                   copy=False, check_company=True)
    rehold_ids = fields.One2many("party.meeting", "rehold_of_id", string="Re-holds")
    is_superseded = fields.Boolean(
        string="Replaced by Re-hold", compute="_compute_is_superseded", store=True, index=True,
        help="The meeting fell short and is being held again: the re-held meeting counts for "
        "the period instead of this one.",
    )
    summoned_count = fields.Integer(compute="_compute_attendance_stats", store=True)
    present_count = fields.Integer(compute="_compute_attendance_stats", store=True)
    excused_count = fields.Integer(compute="_compute_attendance_stats", store=True)
    unexcused_count = fields.Integer(compute="_compute_attendance_stats", store=True)
    attendance_rate = fields.Float(compute="_compute_attendance_stats", store=True,
                                   aggregator="avg")
    speaker_count = fields.Integer(compute="_compute_attendance_stats", store=True)
    speaking_turns = fields.Integer(compute="_compute_attendance_stats", store=True)
    speaking_rate = fields.Float(compute="_compute_attendance_stats", store=True,
                                 aggregator="avg")
    task_count = fields.Integer(compute="_compute_task_count")
    is_late = fields.Boolean(
        compute="_compute_is_late", store=True,
        help="Held outside the organisation's meeting window.",
    )
    color = fields.Integer(compute="_compute_color")

    _sql_constraints = [
        ("minutes_number_uniq", "unique(organization_id, number_period, minutes_sequence)",
         "This minutes number is already taken."),
        ("resolution_number_uniq",
         "unique(organization_id, number_period, resolution_sequence)",
         "This resolution number is already taken."),
    ]

    def _tz(self):
        """The zone of the meeting's organisation: every date rule and printed time uses it."""
        self.ensure_one()
        org = self.organization_id
        # sudo: the zone only; a visiting official may not read the organisation.
        return org.sudo()._tz() if org else pytz.timezone(
            self.env.company.partner_id.tz or DEFAULT_TZ)

    def _local(self, dt):
        """A stored (UTC) datetime of the meeting as an aware datetime in its zone."""
        self.ensure_one()
        return pytz.utc.localize(dt).astimezone(self._tz()) if dt else None

    def _audit_scope(self):
        self.ensure_one()
        return {"organization_id": self.organization_id.id, "meeting_id": self.id}

    def _local_date(self):
        """The day of the meeting where it is held."""
        self.ensure_one()
        return self._local(self.date_start).date() if self.date_start else None

    @api.depends("meeting_type")
    def _compute_includes_thematic(self):
        # Only a regular meeting takes a thematic part into its session.
        for meeting in self:
            meeting.includes_thematic = meeting.includes_thematic and (
                meeting.meeting_type == "regular")

    @api.depends("meeting_type", "includes_thematic")
    def _compute_is_thematic(self):
        for meeting in self:
            meeting.is_thematic = (
                meeting.meeting_type == "thematic" or meeting.includes_thematic)

    # Only the meeting's own fields rename it: the name is the title of its documents, so a
    # later change of the topic's name, the cell's zone or the agency's language (read here
    # for the wording) leaves existing titles, approved ones above all, as they are.
    @api.depends("meeting_type", "includes_thematic", "date_start", "organization_id", "topic_id",
                 "committee_body")
    def _compute_name(self):
        for meeting in self:
            # In the agency's language, whoever creates the meeting (the monthly planning too).
            lang = meeting.company_id.partner_id.lang or self.env.lang
            env = meeting.with_context(lang=lang).env
            month = ""
            if meeting.date_start:
                local = meeting._local(meeting.date_start)
                month = f"{local.month}/{local.year}"
            topic = meeting.topic_id.name or ""
            if meeting.meeting_type == "thematic":
                name = env._("Thematic meeting of %(month)s", month=month)
                if topic:
                    name = env._("%(name)s: %(topic)s", name=name, topic=topic)
            elif meeting.committee_body == "executive":
                name = env._("Committee meeting of %(month)s", month=month)
            elif meeting.committee_body == "standing":
                name = env._("Standing committee meeting of %(month)s", month=month)
            elif meeting.meeting_type == "committee":
                name = env._("Cell committee meeting of %(month)s", month=month)
            elif meeting.meeting_type == "extraordinary":
                name = env._("Extraordinary cell meeting of %(month)s", month=month)
            elif meeting.includes_thematic and topic:
                name = env._("Regular cell meeting of %(month)s with the thematic part: "
                             "%(topic)s", month=month, topic=topic)
            else:
                name = env._("Regular cell meeting of %(month)s", month=month)
            meeting.name = name.strip()

    @api.depends("date_start", "date_end", "includes_thematic", "organization_id")
    def _compute_duration(self):
        for meeting in self:
            if meeting.date_start and meeting.date_end:
                delta = meeting.date_end - meeting.date_start
                meeting.duration = int(delta.total_seconds() // 60)
            else:
                meeting.duration = 0
            meeting.min_duration = meeting._minimum_minutes()

    def _minimum_minutes(self):
        """The organisation's minimum length of this kind of session, else the agency's."""
        key = "min_duration_combined" if self.includes_thematic else "min_duration"
        return self.organization_id[key] or party_rule(self.env, key)

    @api.depends("date_start", "organization_id.tz", "rehold_of_id.month")
    def _compute_period(self):
        for meeting in self:
            if meeting.rehold_of_id.month:
                # A re-held meeting fulfils the obligation of the period of the one it replaces.
                original = meeting.rehold_of_id
                meeting.month = original.month
                meeting.year = original.year
                meeting.quarter = original.quarter
            elif meeting.date_start:
                local = meeting._local(meeting.date_start)
                meeting.month = local.strftime("%Y-%m")
                meeting.year = local.year
                meeting.quarter = (local.month - 1) // 3 + 1
            else:
                meeting.month = False
                meeting.year = 0
                meeting.quarter = 0

    @api.depends("date_start", "meeting_type", "organization_id.meeting_day_to",
                 "organization_id.tz", "rehold_of_id")
    def _compute_is_late(self):
        for meeting in self:
            # A re-held meeting is held when the upper level orders it, outside the window.
            if meeting.meeting_type != "regular" or not meeting.date_start or (
                meeting.rehold_of_id
            ):
                meeting.is_late = False
                continue
            local = meeting._local(meeting.date_start)
            meeting.is_late = local.day > meeting.organization_id.meeting_day_to

    @api.depends("rehold_ids.state")
    def _compute_is_superseded(self):
        for meeting in self:
            meeting.is_superseded = any(r.state != "cancelled" for r in meeting.rehold_ids)

    @api.depends(
        "attendance_ids.status", "attendance_ids.speaking_turns",
    )
    def _compute_attendance_stats(self):
        for meeting in self:
            lines = meeting.attendance_ids
            counts = {"present": 0, "excused": 0, "unexcused": 0, "exempt": 0}
            speakers = turns = 0
            for line in lines:
                counts[line.status] += 1
                if line.status == "present" and line.speaking_turns > 0:
                    speakers += 1
                    turns += line.speaking_turns
            # Exempted members who stay away are out of the denominator (HD 12/2018).
            summoned = counts["present"] + counts["excused"] + counts["unexcused"]
            meeting.summoned_count = summoned
            meeting.present_count = counts["present"]
            meeting.excused_count = counts["excused"]
            meeting.unexcused_count = counts["unexcused"]
            meeting.attendance_rate = 100.0 * counts["present"] / summoned if summoned else 0.0
            meeting.speaker_count = speakers
            meeting.speaking_turns = turns
            meeting.speaking_rate = (
                100.0 * speakers / counts["present"] if counts["present"] else 0.0
            )

    @api.depends("attendance_ids.status", "attendance_ids.member_state",
                 "attendance_ids.is_temporary")
    def _compute_vote_total(self):
        for meeting in self:
            # Official members vote; an exempted member counts only when present (HD 12/2018).
            meeting.vote_total = len(meeting.attendance_ids.filtered(
                lambda a: not a.is_temporary and (
                    (a.member_state == "official" and a.status != "exempt")
                    or (a.member_state == "exempted" and a.status == "present")
                )
            ))

    @api.depends("vote_for", "vote_total")
    def _compute_vote(self):
        for meeting in self:
            total = meeting.vote_total
            meeting.vote_rate = 100.0 * meeting.vote_for / total if total else 0.0
            # A resolution passes with more than half of the official members summoned.
            meeting.vote_passed = bool(total) and meeting.vote_for * 2 > total
            meeting.vote_display = (
                f"{meeting.vote_for}/{total}, {meeting.vote_rate:.1f}%" if total else ""
            )

    def _compute_task_count(self):
        counts = dict(self.env["party.task"]._read_group(
            [("meeting_id", "in", self.ids)], ["meeting_id"], ["__count"]
        ))
        for meeting in self:
            meeting.task_count = counts.get(meeting, 0)

    @api.depends("state")
    def _compute_color(self):
        colors = {"draft": 0, "planned": 4, "held": 2, "approved": 10, "cancelled": 1}
        for meeting in self:
            meeting.color = colors.get(meeting.state, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        bad = self.filtered(lambda m: m.date_end <= m.date_start)
        if bad:
            raise ValidationError(
                _("Meeting %(name)s ends before it starts.", name=", ".join(bad.mapped("name")))
            )

    @api.constrains("date_start", "date_end", "organization_id", "state")
    def _check_overlap(self):
        meetings = self.filtered(lambda m: m.state != "cancelled")
        if not meetings:
            return
        # One search for the whole batch (the monthly planning checks 2,000 meetings at once).
        # sudo: a clash may be a meeting of the cell the user cannot read.
        others = self.sudo().search([
            ("organization_id", "in", meetings.organization_id.ids),
            ("state", "!=", "cancelled"),
            ("date_start", "<", max(meetings.mapped("date_end"))),
            ("date_end", ">", min(meetings.mapped("date_start"))),
        ])
        by_org = others.grouped("organization_id")
        for meeting in meetings:
            clash = next((
                other for other in by_org.get(meeting.organization_id.sudo(), ())
                if other.id != meeting.id and other.date_start < meeting.date_end
                and other.date_end > meeting.date_start
            ), None)
            if clash:
                raise ValidationError(
                    _("%(org)s already has a meeting at that time: %(other)s.",
                      org=meeting.organization_id.name, other=clash.name)
                )

    @api.constrains("meeting_type", "includes_thematic")
    def _check_thematic_part(self):
        bad = self.filtered(lambda m: m.includes_thematic and m.meeting_type != "regular")
        if bad:
            raise ValidationError(
                _("Only a regular meeting takes a thematic part into its session: %(names)s",
                  names=", ".join(bad.mapped("name")))
            )

    @api.constrains("is_thematic", "topic_id")
    def _check_topic(self):
        bad = self.filtered(lambda m: m.is_thematic and not m.topic_id)
        if bad:
            raise ValidationError(
                _("A thematic meeting needs a topic: %(names)s",
                  names=", ".join(bad.mapped("name")))
            )

    @api.constrains("state", "chair_id", "minute_taker_id")
    def _check_officers(self):
        bad = self.filtered(
            lambda m: m.state in HELD_STATES and not (m.chair_id and m.minute_taker_id)
        )
        if bad:
            raise ValidationError(
                _("A held meeting needs a chair and a minute-taker: %(names)s",
                  names=", ".join(bad.mapped("name")))
            )

    @api.constrains("vote_for", "vote_against", "vote_total")
    def _check_votes(self):
        for meeting in self:
            if meeting.vote_for < 0 or meeting.vote_against < 0 or (
                meeting.vote_for + meeting.vote_against > meeting.vote_total
            ):
                raise ValidationError(
                    _("%(name)s: the votes cannot exceed the %(total)s voters summoned.",
                      name=meeting.name, total=meeting.vote_total)
                )

    @api.model_create_multi
    def create(self, vals_list):
        meetings = super().create(vals_list)
        # Checked on the records, after Odoo added the defaults: a default_state in the
        # context is as much the caller's as a state in the values.
        meetings._check_created_open()
        meetings.filtered(lambda m: not m.attendance_ids)._fill_attendance()
        return meetings

    def _check_created_open(self):
        if self.env.su:
            return
        if any(m.state != "draft" or m.was_held or m.minutes_number or m.resolution_number
               or m.approved_date or m.documents_sent_date or m.minutes_attachment_id
               or m.resolution_attachment_id for m in self):
            raise UserError(_("A meeting starts as a draft; its numbers and dates are set by "
                              "its buttons (plan, send documents, hold, approve)."))
        if any(m[fname] for m in self for fname in self._committee_fields()):
            self._check_committee()

    def write(self, vals):
        # Access first: a reader is told they may not write, not that the meeting is locked.
        self.check_access("write")
        self._check_write_allowed(vals)
        if vals.get("attendance_ids"):
            vals = dict(vals, attendance_ids=self._write_attendance_updates(vals["attendance_ids"]))
        return super().write(vals)

    # The lock of the book of record. Each file of the model names the fields it owns in
    # the two hooks below (extending them through super()), so that the lock knows no
    # other file's fields.

    def _committee_fields(self):
        """The upper level's word on a meeting: committee officers alone write these, and
        they stay open once the minutes are approved."""
        return {"rehold_required"}

    def _follow_up_fields(self):
        """Fields that stay open once the minutes are approved: follow-up, not the record."""
        return {"message_main_attachment_id", "activity_ids", "message_follower_ids"}

    def _check_write_allowed(self, vals):
        """The lock of the book of record, whatever fields the caller writes.

        Workflow fields change only through the buttons, the upper level's fields only by
        the committee, and an approved meeting only in its follow-up fields; the committee's
        correction wizard is the one way to change approved minutes (see party_lock).
        """
        fnames = set(vals)
        workflow = fnames & WORKFLOW_FIELDS
        if workflow and not lock_opened(self, workflow):
            labels = ", ".join(sorted(
                self._fields[f].get_description(self.env)["string"] for f in workflow))
            raise UserError(_("%(fields)s of a meeting are set by its buttons (plan, send "
                              "documents, hold, approve, cancel), not written directly.",
                              fields=labels))
        committee = fnames & self._committee_fields()
        if committee and not lock_opened(self, committee):
            self._check_committee()
        locked = self.filtered(lambda m: m.state == "approved")
        closed = fnames - workflow - committee - self._follow_up_fields()
        if locked and closed and not lock_opened(locked, closed):
            raise UserError(
                _("Meeting %(name)s is approved and locked. Ask the committee for a logged "
                  "correction.", name=", ".join(locked.mapped("name")))
            )

    def _check_committee(self):
        if not self.env.su and not self.env.user.has_group("party_cell.group_party_committee"):
            raise AccessError(_("The official rating, re-holding a meeting and reopening its "
                                "scoring are decided by the committee."))

    def _write_attendance_updates(self, commands):
        """Apply the roll call's update commands in one access check; return the others.

        The ORM checks record rules once per updated line; a roll call of 60 members
        would cost 60 queries. The lines are checked together here, then written. Only the
        roll-call fields take this path; any other change goes through the ORM as usual.
        """
        updates = [c for c in commands if c[0] == fields.Command.UPDATE
                   and isinstance(c[2], dict) and set(c[2]) <= ROLL_CALL_FIELDS]
        if not updates:
            return commands
        lines = self.env["party.meeting.attendance"].browse([c[1] for c in updates])
        if lines.meeting_id - self:
            raise UserError(_("These roll-call lines belong to another meeting."))
        lines.check_access("write")
        for command in updates:
            # sudo: access was checked above for all lines at once, and the meeting's lock
            # before; only roll-call fields are written and uid stays the user's.
            lines.browse(command[1]).sudo().write(command[2])
        return [c for c in commands if c not in updates]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        if any(m.was_held or m.state in HELD_STATES for m in self):
            raise UserError(_("A meeting that has been held cannot be deleted; cancel it."))

    def action_fill_attendance(self):
        self._ensure_state(("draft", "planned", "held"), _("Loading members"))
        self._fill_attendance()
        return True

    def _summonable_members(self):
        """Who may be summoned to each meeting: ``{meeting: members}``, the members the
        organisation had on the meeting's day (one query for the batch)."""
        days = {meeting: meeting._local_date() for meeting in self}
        on_day = self.env["party.member"]._members_on(
            (meeting.organization_id, day) for meeting, day in days.items()
        )
        return {meeting: on_day.get((meeting.organization_id.id, days[meeting]),
                                    self.env["party.member"]) for meeting in self}

    def _fill_attendance(self):
        """Summon everyone who may be summoned on the meeting's day, exempted members as
        exempt: a past month's meeting entered today gets that month's members."""
        summonable = self._summonable_members()
        vals_list = []
        for meeting in self:
            day = meeting._local_date()
            present = set(meeting.attendance_ids.member_id.ids)
            # sudo: members who have moved to another cell since that day.
            for member in summonable[meeting].sudo():
                if member.id in present:
                    continue
                state_on = member._state_on(day)
                vals_list.append({
                    "meeting_id": meeting.id,
                    "member_id": member.id,
                    "status": "exempt" if state_on == "exempted" else "present",
                    # The line's snapshot as its compute would take it (see _insert_summoned).
                    "member_state": state_on or member.state,
                })
        Attendance = self.env["party.meeting.attendance"]
        if self.env.su:
            Attendance._insert_summoned(vals_list)
        else:
            Attendance.create([{k: v for k, v in vals.items() if k != "member_state"}
                               for vals in vals_list])
