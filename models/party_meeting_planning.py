from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models

from .party_rules import party_rule

# Meetings the planning cron creates per transaction (see _cron_plan_next_month).
PLANNING_BATCH = 500


class PartyMeeting(models.Model):
    """When and where meetings take place, by the cell's meeting rules.

    A new meeting from "New" gets the secretary's cell, its next slot, usual place, chair
    and minute-taker: each a stored, editable compute that only fills what is empty or no
    longer fits the chosen organisation. The monthly planning drafts next month's meetings
    the same way, and the reminders follow the deadlines of the procedure.
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
            # On a committee above the cells, its officers belong to cells below it.
            if not org or not (chair.organization_id == org or chair in org.committee_member_ids):
                chair = org.secretary_id or org.deputy_secretary_id
                meeting.chair_id = chair
            taker = meeting.minute_taker_id
            if not org or not (taker.organization_id == org or taker in org.committee_member_ids):
                # A committee member other than the chair takes the minutes, else the deputy.
                others = org.committee_member_ids - chair
                meeting.minute_taker_id = (
                    others.filtered(lambda m: m.committee_role == "committee_member")[:1]
                    or others[:1]
                )

    @api.model
    def _slot(self, org, month_start, day):
        """Start (UTC) of a meeting of ``org`` on ``day`` of a month, at the cell's usual
        hour in its time zone."""
        hour = org.meeting_hour
        local = org._tz().localize(datetime.combine(
            month_start.replace(day=day), time(int(hour), int(round((hour % 1) * 60)) % 60)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _next_slot(self, org, now=None):
        """Start (UTC) of the cell's next regular meeting, by its rules, in its time zone.

        The first day of the meeting window at the usual hour, this month while the window
        is open and the cell has no regular meeting yet, otherwise next month.
        """
        now = now or fields.Datetime.now()
        local_now = pytz.utc.localize(now).astimezone(org._tz())
        first_day, last_day = org.meeting_day_from, org.meeting_day_to
        month_start = local_now.date().replace(day=1)
        this_month = self.search_count([
            ("organization_id", "=", org.id), ("meeting_type", "=", "regular"),
            ("state", "!=", "cancelled"), ("month", "=", month_start.strftime("%Y-%m")),
        ], limit=1)
        if not this_month:
            for day in range(max(first_day, local_now.day), last_day + 1):
                start = self._slot(org, month_start, day)
                if start > now:
                    return start
        return self._slot(org, month_start + relativedelta(months=1), first_day)

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

    def _cron_plan_next_month(self, batch_size=PLANNING_BATCH):
        """Create next month's draft regular meeting for every active cell that has none.

        "Next month" and the usual start time are those of each cell's zone; the end, the
        place and the officers follow from the cell's rules as for a new meeting.

        At most ``batch_size`` meetings per call (0: all), created together with their roll
        calls and reminders, so the number of queries grows per batch, not per meeting.
        Run by the scheduler, each batch is its own transaction (Odoo's cron progress API:
        the scheduler commits, then calls again while cells remain), so a crash loses at
        most the batch under way and the next run plans only the cells still missing.
        """
        cells = self.env["party.organization"].search([("is_cell", "=", True)])
        firsts = {cell: (cell._today() + relativedelta(months=1)).replace(day=1)
                  for cell in cells}
        planned = {(org, month) for org, month in self._read_group(
            [("organization_id", "in", cells.ids),
             ("month", "in", list({f.strftime("%Y-%m") for f in firsts.values()})),
             ("meeting_type", "=", "regular"), ("state", "!=", "cancelled")],
            ["organization_id", "month"],
        )}
        todo = [(cell, first) for cell, first in firsts.items()
                if (cell, first.strftime("%Y-%m")) not in planned]
        batch = todo[:batch_size] if batch_size else todo
        meetings = self.with_context(tracking_disable=True, mail_create_nolog=True).create([
            {
                "organization_id": cell.id,
                "meeting_type": "regular",
                "date_start": self._slot(cell, first, cell.meeting_day_from),
            }
            for cell, first in batch
        ])
        # The secretaries find the reminder in their activities; one e-mail per cell at the
        # start of each month would be thousands of mails in one go.
        meetings.with_context(mail_activity_quick_update=True)._schedule_secretary_activity(
            "party_cell.mail_activity_type_meeting_plan",
            lambda m: m.env._("Plan the regular meeting of %(month)s and register it.",
                              month=m._local(m.date_start).strftime("%m/%Y")),
            lambda m: m._registration_deadline() or m.organization_id._today(),
        )
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(todo) - len(batch))
        return meetings

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # Odoo's activities subscribe their assignee one person at a time; the planning and
        # the reminders have made every secretary follow their meeting in one go
        # (_schedule_once). A superuser's call for partners who already follow is then a
        # no-op whatever it does, and is skipped without its queries.
        if self.env.su and partner_ids and not subtype_ids and self._followed_by(partner_ids):
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _registration_deadline(self):
        """Day N of the month before the meeting, when the organisation sets one."""
        self.ensure_one()
        day = self.organization_id.registration_day
        if not day or not self.date_start:
            return False
        first = self._local_date().replace(day=1)
        return (first - relativedelta(months=1)).replace(day=day)

    def _documents_deadline(self):
        """When the papers must reach the members: some days before the meeting."""
        return self.date_start - timedelta(days=party_rule(self.env, "documents_days_before"))

    def _schedule_secretary_activity(self, type_xmlid, summary, deadline):
        """One activity per meeting for its cell's secretary (the administrator if none)."""
        fallback = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        return self._schedule_once(
            type_xmlid, lambda m: m.organization_id.secretary_id.user_id or fallback,
            summary, deadline,
        )

    def _cron_reminders(self):
        """Registration deadline, documents ahead, minutes after, overdue tasks."""
        # As for the planning: the secretaries find the reminders among their activities,
        # without an e-mail each; on a province's first run that was 6,000 mails and more
        # than two minutes, past the cron's time limit.
        quiet = self.with_context(mail_activity_quick_update=True)
        days_before = party_rule(self.env, "documents_days_before")
        days_after = party_rule(self.env, "minutes_days_after")
        now = fields.Datetime.now()

        drafts = quiet.search([("state", "=", "draft"), ("date_start", ">", now)]).filtered(
            lambda m: m._registration_deadline()
            and m._registration_deadline() <= m.organization_id._today() + timedelta(days=3)
        )
        drafts._schedule_secretary_activity(
            "party_cell.mail_activity_type_meeting_plan",
            lambda m: m.env._("Register the schedule of %(name)s by %(date)s.",
                        name=m.name, date=m._registration_deadline()),
            lambda m: m._registration_deadline(),
        )
        unsent = quiet.search([
            ("state", "in", ("draft", "planned")), ("documents_sent_date", "=", False),
            ("date_start", ">", now),
            ("date_start", "<=", now + timedelta(days=days_before + 1)),
        ])
        unsent._schedule_secretary_activity(
            "party_cell.mail_activity_type_meeting_documents",
            lambda m: m.env._("Send the documents of %(name)s to members at least %(days)s day(s) "
                        "ahead.", name=m.name, days=days_before),
            lambda m: (m._local(m.date_start) - timedelta(days=days_before)).date(),
        )
        unapproved = quiet.search([
            ("state", "=", "held"), ("date_end", "<", now - timedelta(days=days_after)),
        ])
        unapproved._schedule_secretary_activity(
            "party_cell.mail_activity_type_meeting_minutes",
            lambda m: m.env._("The minutes of %(name)s are not approved %(days)s days after the "
                        "meeting.", name=m.name, days=days_after),
            lambda m: m.organization_id._today(),
        )
        # Counted once per meeting: a province has thousands of overdue tasks, and counting
        # them again for each of their meetings took minutes.
        overdue = {meeting.id: count for meeting, count in self.env["party.task"]._read_group(
            [("is_overdue", "=", True), ("meeting_id", "!=", False)], ["meeting_id"], ["__count"],
        )}
        quiet.browse(overdue)._schedule_secretary_activity(
            "party_cell.mail_activity_type_task_overdue",
            lambda m: m.env._("%(count)s task(s) assigned at %(name)s are overdue.",
                        count=overdue[m.id], name=m.name),
            lambda m: m.organization_id._today(),
        )
