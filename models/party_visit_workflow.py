from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import UserError

from .party_visit import OPEN_STATES


class PartyVisit(models.Model):
    """Life of a visit: contact, confirm on the cell's meeting, attend, report; or miss/cancel."""

    _inherit = "party.visit"

    def action_contact(self):
        """The official has contacted the organisation to agree the meeting date."""
        self._ensure_state(("planned",), _("Recording the contact"))
        today = fields.Date.context_today(self)
        for visit in self:
            visit._write_workflow({"state": "contacted",
                                   "contact_date": visit.contact_date or today})
        self.activity_feedback(["party_cell.mail_activity_type_visit_contact"])
        return True

    def action_confirm(self):
        """Link the cell's meeting, add the official as its guest and invite them."""
        self._ensure_state(("planned", "contacted"), _("Confirming"))
        for visit in self:
            meeting = visit.meeting_id or visit._find_month_meeting()
            if not meeting:
                # sudo: the official may not read the visited organisation; its name only.
                raise UserError(
                    _("%(org)s has no meeting registered in %(month)s/%(year)s yet: ask its "
                      "secretary to register it, then confirm again.",
                      org=visit.organization_id.sudo().name, month=visit.month,
                      year=visit.year)
                )
            if meeting.sudo().state not in ("draft", "planned"):
                raise UserError(
                    _("Meeting %(meeting)s is no longer open for guests.", meeting=meeting.name)
                )
            visit._write_workflow({
                "meeting_id": meeting.id,
                "state": "confirmed",
                "contact_date": visit.contact_date or fields.Date.context_today(visit),
            })
            visit._invite_to_meeting()
        self.activity_feedback(["party_cell.mail_activity_type_visit_contact"])
        return True

    def _find_month_meeting(self):
        """The visited organisation's meeting in the visit's month, regular ones first."""
        self.ensure_one()
        # sudo: the official cannot read the cell's meetings before being linked to one;
        # only the single meeting of the planned month is picked, and linked to this visit.
        meetings = self.env["party.meeting"].sudo().search([
            ("organization_id", "=", self.organization_id.id),
            ("month", "=", f"{self.year}-{self.month:02d}"),
            ("state", "in", ("draft", "planned")),
        ], order="date_start")
        regular = meetings.filtered(lambda m: m.meeting_type == "regular")
        return (regular or meetings)[:1].with_env(self.env)

    def _invite_to_meeting(self):
        """Add the official to the meeting's guests and to its calendar invitation."""
        self.ensure_one()
        # sudo: the official only reads the cell's meeting; the visit is what authorises them
        # to be its guest, and only this guest line and the invitation are written.
        meeting = self.meeting_id.sudo()
        employee = self.visitor_employee_id
        if employee not in meeting.guest_ids.employee_id:
            meeting.guest_ids = [fields.Command.create({
                "employee_id": employee.id,
                "organization_name": self.issuer_id.sudo().name,
            })]
        if meeting.calendar_event_id:
            meeting._sync_calendar_event()

    def _uninvite_from_meeting(self):
        """Take the official off the guests of a meeting still to come."""
        # sudo: the official may not read the meeting; only its state is checked.
        visits = self.filtered(lambda v: v.meeting_id.sudo().state in ("draft", "planned"))
        if not visits:
            return
        # Officials still expected at the meeting through another visit keep their line.
        staying = set(self.sudo()._read_group(
            [("meeting_id", "in", visits.meeting_id.ids), ("id", "not in", visits.ids),
             ("state", "in", ("confirmed", "done", "reported"))],
            ["meeting_id", "visitor_employee_id"],
        ))
        for visit in visits:
            if (visit.meeting_id, visit.visitor_employee_id) in staying:
                continue
            # sudo: undoes what _invite_to_meeting wrote, nothing else.
            meeting = visit.meeting_id.sudo()
            meeting.guest_ids.filtered(
                lambda g, v=visit: g.employee_id == v.visitor_employee_id
            ).unlink()
            if meeting.calendar_event_id:
                meeting._sync_calendar_event()

    def action_done(self):
        """The official attended the meeting."""
        self._ensure_state(("confirmed",), _("Marking as attended"))
        now = fields.Datetime.now()
        early = self.filtered(lambda v: v.meeting_id.date_start > now)
        if early:
            raise UserError(_("The meeting of %(name)s has not started yet.", name=early[0].name))
        for visit in self:
            visit._write_workflow({"state": "done",
                                   "done_date": visit.meeting_id._local_date()})
        return True

    def action_report(self):
        """Submit the report; a meeting that must be held again becomes the cell's duty."""
        self._ensure_state(("done",), _("Submitting the report"))
        for visit in self:
            missing = visit._missing_findings()
            if missing:
                raise UserError(_("The report of %(name)s still needs %(missing)s.",
                                  name=visit.name, missing=", ".join(missing)))
        self._write_workflow({"state": "reported", "report_date": fields.Date.context_today(self)})
        self.activity_feedback(["party_cell.mail_activity_type_visit_report"])
        self.filtered("rehold_required")._require_rehold()
        for visit in self:
            # sudo: the cluster head's employee file is outside the official's access.
            head = visit.cluster_id.sudo().head_employee_id.user_id.partner_id
            # The cluster head follows the cells of the cluster: tell them a report is in.
            visit.message_post(
                body=_("Visit report submitted by %(official)s.", official=visit.visitor_name),
                partner_ids=head.ids, subtype_xmlid="mail.mt_note",
            )
        return True

    def _require_rehold(self):
        """Put the re-hold requirement on the cell's meeting, for its secretary to act on."""
        for visit in self:
            # sudo: the official reads the meeting only; the visit's conclusion is what
            # obliges the cell to hold it again (the flag stays writable on approved minutes).
            meeting = visit.meeting_id.sudo()
            meeting.rehold_required = True
            meeting._schedule_secretary_activity(
                "party_cell.mail_activity_type_meeting_rehold",
                lambda m, v=visit: m.env._("%(official)s found that %(name)s must be held "
                                           "again.", official=v.visitor_name, name=m.name),
                lambda m: fields.Date.context_today(m) + timedelta(days=14),
            )

    def action_miss(self):
        return self._reason_dialog("missed", _("Visit Missed"))

    def action_cancel(self):
        return self._reason_dialog("cancelled", _("Cancel Visit"))

    def _reason_dialog(self, state, title):
        self.ensure_one()
        self._ensure_state(OPEN_STATES, title)
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "party.visit",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("party_cell.party_visit_view_form_reason").id, "form")],
            "target": "new",
            # Only which button the dialog shows: each button calls its own method.
            "context": {"visit_close_state": state},
        }

    def action_close_missed(self):
        """Button of the reason dialog: the visit did not take place."""
        self._close("missed")
        return {"type": "ir.actions.act_window_close"}

    def action_close_cancelled(self):
        """Button of the reason dialog: the visit is called off."""
        self._close("cancelled")
        return {"type": "ir.actions.act_window_close"}

    def _close(self, state):
        self._ensure_state(OPEN_STATES, _("Closing"))
        no_reason = self.filtered(lambda v: not (v.reason or "").strip())
        if no_reason:
            raise UserError(_("Give the reason why %(name)s did not take place.",
                              name=no_reason[0].name))
        self._uninvite_from_meeting()
        self._write_workflow({"state": state})
        self.activity_unlink(["party_cell.mail_activity_type_visit_contact",
                              "party_cell.mail_activity_type_visit_report"])

    def action_reset_planned(self):
        self._ensure_state(("missed", "cancelled"), _("Planning again"))
        self._check_assignment_rights()
        self._write_workflow({"state": "planned", "reason": False})
        return True

    def action_open_meeting(self):
        self.ensure_one()
        return self.meeting_id._open_form()

    def action_open_rehold_meeting(self):
        self.ensure_one()
        return self.rehold_meeting_id._open_form()

    def _cron_reminders(self):
        """Remind officials to contact the organisation and to hand in their report; mark the
        visits that never took place as missed."""
        today = fields.Date.context_today(self)
        to_contact = self.search([
            ("state", "=", "planned"), ("plan_id.state", "=", "approved"),
            ("visitor_user_id", "!=", False),
            ("contact_deadline", "<=", today + timedelta(days=7)),
        ])
        to_contact._schedule_visitor_activity(
            "party_cell.mail_activity_type_visit_contact",
            lambda v: v.env._("Contact %(org)s by %(date)s to agree the date of its meeting.",
                              org=v.organization_id.name,
                              date=v.contact_deadline.strftime("%d/%m/%Y")),
            lambda v: v.contact_deadline,
        )
        # A visit still open a week after its month has ended did not take place.
        missed = self.search([
            ("state", "in", OPEN_STATES), ("plan_id.state", "=", "approved"),
            ("month_end", "<", today - timedelta(days=7)),
        ])
        if missed:
            missed.write({"reason": self.env._("Not attended by the end of its month "
                                               "(recorded automatically).")})
            missed._close("missed")
        to_report = self.search([("state", "=", "done"), ("visitor_user_id", "!=", False)])
        to_report._schedule_visitor_activity(
            "party_cell.mail_activity_type_visit_report",
            lambda v: v.env._("Hand in the report of %(name)s.", name=v.name),
            lambda v: v.report_deadline,
        )

    def _schedule_visitor_activity(self, type_xmlid, summary, deadline):
        """One activity of the type per visit, for the official."""
        return self._schedule_once(type_xmlid, lambda v: v.visitor_user_id, summary, deadline)
