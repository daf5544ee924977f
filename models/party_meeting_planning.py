from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import fields, models

from .party_rules import party_rule


class PartyMeeting(models.Model):
    """Scheduled work around meetings: monthly drafts and the reminders of the procedure."""

    _inherit = "party.meeting"

    def _cron_plan_next_month(self):
        """Create next month's draft regular meeting for every active cell that has none.

        "Next month" and the usual start time are those of each cell's zone.
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
        vals_list = []
        for cell, first in firsts.items():
            if (cell, first.strftime("%Y-%m")) in planned:
                continue
            hour = cell.meeting_hour or 14.0
            local_start = cell._tz().localize(datetime.combine(
                first.replace(day=cell.meeting_day_from or 1),
                time(int(hour), int(round((hour % 1) * 60))),
            ))
            start = local_start.astimezone(pytz.utc).replace(tzinfo=None)
            vals_list.append({
                "organization_id": cell.id,
                "meeting_type": "regular",
                "date_start": start,
                "date_end": start + timedelta(minutes=cell.min_duration or 90),
                "location": cell.meeting_place or False,
            })
        meetings = self.with_context(tracking_disable=True, mail_create_nolog=True).create(
            vals_list
        )
        meetings._schedule_secretary_activity(
            "party_cell.mail_activity_type_meeting_plan",
            lambda m: m.env._("Plan the regular meeting of %(month)s and register it.",
                              month=m._local(m.date_start).strftime("%m/%Y")),
            lambda m: m._registration_deadline() or m.organization_id._today(),
        )
        return meetings

    def _registration_deadline(self):
        """Day N of the month before the meeting, when the organisation sets one."""
        self.ensure_one()
        day = self.organization_id.registration_day
        if not day or not self.date_start:
            return False
        first = self._local_date().replace(day=1)
        return (first - relativedelta(months=1)).replace(day=day)

    def _schedule_secretary_activity(self, type_xmlid, summary, deadline):
        """One activity per meeting for its cell's secretary (the administrator if none)."""
        fallback = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        return self._schedule_once(
            type_xmlid, lambda m: m.organization_id.secretary_id.user_id or fallback,
            summary, deadline,
        )

    def _cron_reminders(self):
        """Registration deadline, documents ahead, minutes after, overdue tasks."""
        days_before = party_rule(self.env, "documents_days_before", 1)
        days_after = party_rule(self.env, "minutes_days_after", 2)
        now = fields.Datetime.now()

        drafts = self.search([("state", "=", "draft"), ("date_start", ">", now)]).filtered(
            lambda m: m._registration_deadline()
            and m._registration_deadline() <= m.organization_id._today() + timedelta(days=3)
        )
        drafts._schedule_secretary_activity(
            "party_cell.mail_activity_type_meeting_plan",
            lambda m: m.env._("Register the schedule of %(name)s by %(date)s.",
                        name=m.name, date=m._registration_deadline()),
            lambda m: m._registration_deadline(),
        )
        unsent = self.search([
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
        unapproved = self.search([
            ("state", "=", "held"), ("date_end", "<", now - timedelta(days=days_after)),
        ])
        unapproved._schedule_secretary_activity(
            "party_cell.mail_activity_type_meeting_minutes",
            lambda m: m.env._("The minutes of %(name)s are not approved %(days)s days after the "
                        "meeting.", name=m.name, days=days_after),
            lambda m: m.organization_id._today(),
        )
        overdue = self.env["party.task"].search([("is_overdue", "=", True)])
        overdue.meeting_id._schedule_secretary_activity(
            "party_cell.mail_activity_type_task_overdue",
            lambda m: m.env._("%(count)s task(s) assigned at %(name)s are overdue.",
                        count=len(overdue.filtered(lambda t, m=m: t.meeting_id == m)),
                        name=m.name),
            lambda m: m.organization_id._today(),
        )
