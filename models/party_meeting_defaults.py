from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PartyMeeting(models.Model):
    """A new meeting from "New": the secretary's cell, its usual slot, place and officers.

    The date, time and place come from the cell's meeting rules (local times of the cell),
    the chair and the minute-taker from its officers. Each default is a stored, editable
    compute that only fills what is empty or no longer fits the chosen organisation.
    """

    _inherit = "party.meeting"

    organization_id = fields.Many2one(default=lambda self: self._default_organization())
    date_start = fields.Datetime(
        compute="_compute_date_start", store=True, readonly=False, precompute=True,
    )
    date_end = fields.Datetime(
        compute="_compute_date_end", store=True, readonly=False, precompute=True,
    )
    location = fields.Char(
        compute="_compute_location", store=True, readonly=False, precompute=True,
    )
    chair_id = fields.Many2one(
        compute="_compute_officers", store=True, readonly=False, precompute=True,
    )
    minute_taker_id = fields.Many2one(
        compute="_compute_officers", store=True, readonly=False, precompute=True,
    )
    can_manage = fields.Boolean(
        compute="_compute_can_manage",
        help="The current user may run this meeting (plan, hold, approve, close scoring).",
    )

    @api.model
    def _default_organization(self):
        return self.env.user.party_secretary_cell_ids[:1]

    @api.depends("organization_id")
    def _compute_date_start(self):
        for meeting in self:
            if not meeting.date_start and meeting.organization_id:
                meeting.date_start = meeting._next_slot(meeting.organization_id)

    @api.depends("date_start", "includes_thematic", "organization_id")
    def _compute_date_end(self):
        for meeting in self:
            start = meeting.date_start
            if not start:
                continue
            origin = meeting._origin
            if meeting.id != origin.id and origin.date_start and origin.date_end:
                # Editing a saved meeting in the form: moving the start keeps its length.
                meeting.date_end = start + (origin.date_end - origin.date_start)
            elif meeting.id == origin.id and meeting.date_end and meeting.date_end > start:
                continue
            else:
                meeting.date_end = start + timedelta(minutes=meeting._minimum_minutes())

    @api.depends("organization_id")
    def _compute_location(self):
        for meeting in self:
            if not meeting.location:
                meeting.location = meeting.organization_id.meeting_place or False

    @api.depends("organization_id")
    def _compute_officers(self):
        for meeting in self:
            org = meeting.organization_id
            chair = meeting.chair_id
            if not org or chair.organization_id != org:
                chair = org.secretary_id or org.deputy_secretary_id
                meeting.chair_id = chair
            taker = meeting.minute_taker_id
            if not org or taker.organization_id != org:
                # A committee member other than the chair takes the minutes, else the deputy.
                others = org.committee_member_ids - chair
                meeting.minute_taker_id = (
                    others.filtered(lambda m: m.committee_role == "committee_member")[:1]
                    or others[:1]
                )

    # organization_id: a new record in the form computes the field once its cell is known.
    @api.depends("organization_id")
    @api.depends_context("uid")
    def _compute_can_manage(self):
        saved = self.browse([m._origin.id for m in self if m._origin.id])
        writable = saved._filtered_access("write")
        may_create = self.browse().has_access("create")
        for meeting in self:
            meeting.can_manage = (
                meeting._origin.id in writable.ids if meeting._origin.id else may_create
            )

    def _minimum_minutes(self):
        org = self.organization_id
        minutes = org.min_duration_combined if self.includes_thematic else org.min_duration
        return minutes or 90

    @api.model
    def _next_slot(self, org, now=None):
        """Start (UTC) of the cell's next regular meeting, by its rules, in its time zone.

        The first day of the meeting window at the usual hour, this month while the window
        is open and the cell has no regular meeting yet, otherwise next month.
        """
        tz = org._tz()
        now = now or fields.Datetime.now()
        local_now = pytz.utc.localize(now).astimezone(tz)
        hour = org.meeting_hour or 14.0
        at = time(int(hour), int(round((hour % 1) * 60)) % 60)
        first_day = org.meeting_day_from or 1
        last_day = max(org.meeting_day_to or first_day, first_day)

        def slot(month_start, day):
            local = tz.localize(datetime.combine(month_start.replace(day=day), at))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        month_start = local_now.date().replace(day=1)
        this_month = self.search_count([
            ("organization_id", "=", org.id), ("meeting_type", "=", "regular"),
            ("state", "!=", "cancelled"), ("month", "=", month_start.strftime("%Y-%m")),
        ], limit=1)
        if not this_month:
            for day in range(max(first_day, local_now.day), last_day + 1):
                start = slot(month_start, day)
                if start > now:
                    return start
        return slot(month_start + relativedelta(months=1), first_day)

    def _check_started(self, action):
        """Holding and approving wait for the meeting's time."""
        now = fields.Datetime.now()
        early = self.filtered(lambda m: m.date_start and m.date_start > now)
        if early:
            meeting = early[0]
            when = pytz.utc.localize(meeting.date_start).astimezone(meeting.organization_id._tz())
            raise UserError(_(
                "%(action)s is not possible yet: %(name)s starts on %(date)s at %(time)s.",
                action=action, name=meeting.name, date=when.strftime("%d/%m/%Y"),
                time=when.strftime("%H:%M"),
            ))

    @api.model
    def _action_next_meeting(self):
        """The secretary's next meeting to prepare or run; a new one when there is none."""
        cells = self.env.user.party_secretary_cell_ids
        if not cells:
            # Committee officers (in the secretary group too) follow many cells: their
            # upcoming meetings.
            action = self.env["ir.actions.act_window"]._for_xml_id(
                "party_cell.party_meeting_action")
            action["context"] = {"search_default_filter_upcoming": 1}
            return action
        meeting = self.search([
            ("organization_id", "in", cells.ids), ("state", "in", ("draft", "planned", "held")),
        ], order="date_start asc", limit=1)
        action = {
            "type": "ir.actions.act_window",
            "res_model": "party.meeting",
            "view_mode": "form",
            "views": [(False, "form")],
            "name": _("Next Meeting"),
        }
        if meeting:
            action["res_id"] = meeting.id
        else:
            action["context"] = {"default_organization_id": cells[0].id}
        return action
