from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .party_meeting import HELD_STATES


class PartyMeeting(models.Model):
    """Life of a meeting: plan, send documents, hold, approve (number and lock), cancel."""

    _inherit = "party.meeting"

    can_manage = fields.Boolean(
        compute="_compute_can_manage",
        help="The current user may run this meeting (plan, hold, approve, close scoring).",
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

    def action_plan(self):
        self._ensure_state(("draft",), _("Planning"))
        missing = self.filtered(lambda m: not (m.location or m.online_url))
        if missing:
            raise UserError(
                _("Give a place or an online link for %(name)s before planning it.",
                  name=missing[0].name)
            )
        self._write_workflow({"state": "planned"})
        self._fill_attendance()
        self._sync_calendar_event()
        return True

    def action_send_documents(self):
        """Send the attached papers to every summoned member and record when."""
        self._ensure_state(("draft", "planned"), _("Sending documents"))
        for meeting in self:
            if not meeting.document_ids:
                raise UserError(_("Attach the draft report or resolution first."))
            partners = meeting._invitees()
            meeting.message_post(
                body=_("Documents for %(name)s sent to members.", name=meeting.name),
                partner_ids=partners.ids,
                attachment_ids=meeting.document_ids.ids,
                subtype_xmlid="mail.mt_comment",
            )
            meeting._write_workflow({"documents_sent_date": fields.Datetime.now()})
        return True

    def action_hold(self):
        self._ensure_state(("planned",), _("Holding"))
        self._check_started(_("Holding"))
        for meeting in self:
            if not meeting.attendance_ids:
                raise UserError(_("Record the roll call of %(name)s first.", name=meeting.name))
        self._write_workflow({"state": "held", "was_held": True})
        return True

    def action_approve(self):
        """Adopt the minutes: number them, store the PDFs and lock the record."""
        self._ensure_state(("held",), _("Approval"))
        self._check_started(_("Approval"))
        self._lock_rows()
        self._ensure_state(("held",), _("Approval"))
        for meeting in self:
            if not (meeting.conclusion or meeting.resolution):
                raise UserError(
                    _("Write the conclusion or resolution of %(name)s before approving it.",
                      name=meeting.name)
                )
            vals = meeting._next_number("minutes", "BB")
            if meeting.resolution:
                vals.update(meeting._next_number("resolution", "NQ"))
            meeting._write_workflow(dict(vals, approved_date=fields.Datetime.now()))
            meeting._write_workflow({"state": "approved"})
            meeting._store_documents()
            meeting.activity_unlink(["party_cell.mail_activity_type_meeting_minutes"])
        return True

    def action_cancel(self):
        self._ensure_state(("draft", "planned", "held"), _("Cancelling"))
        self._write_workflow({"state": "cancelled"})
        # sudo: the invitation belongs to the secretary who planned the meeting.
        self.calendar_event_id.sudo().write({"active": False})
        return True

    def action_reset_draft(self):
        self._ensure_state(("planned", "cancelled"), _("Returning to draft"))
        self._write_workflow({"state": "draft"})
        return True

    def action_create_rehold(self):
        """Create the meeting that must be held again, linked to this one.

        It starts clean (nothing said, voted, numbered or printed at the meeting that fell
        short is copied), fulfils the same period (see _compute_period) and takes over the
        topic assignments of the first one; the compliance views then count it instead.
        """
        self.ensure_one()
        if not self.rehold_required or self.state not in HELD_STATES:
            raise UserError(_("Only a held meeting the committee or a visit ordered to be held "
                              "again gets a re-hold."))
        if self.rehold_ids.filtered(lambda m: m.state != "cancelled"):
            raise UserError(_("%(name)s is already being held again.", name=self.name))
        rehold = self.copy({
            "rehold_of_id": self.id,
            "name": _("%(name)s (re-held)", name=self.name),
            "date_start": fields.Datetime.add(self.date_start, days=7),
            "date_end": fields.Datetime.add(self.date_end, days=7),
        })
        assignments = self.env["party.topic.assignment"].search([
            ("meeting_id", "=", self.id), ("state", "!=", "submitted"),
        ])
        assignments.write({"meeting_id": rehold.id})
        return rehold._open_form()

    def _check_started(self, action):
        """Holding and approving wait for the meeting's time."""
        now = fields.Datetime.now()
        early = self.filtered(lambda m: m.date_start and m.date_start > now)
        if early:
            meeting = early[0]
            when = meeting._local(meeting.date_start)
            raise UserError(_(
                "%(action)s is not possible yet: %(name)s starts on %(date)s at %(time)s.",
                action=action, name=meeting.name, date=when.strftime("%d/%m/%Y"),
                time=when.strftime("%H:%M"),
            ))

    def _open_form(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.meeting",
            "res_id": self.id,
            "view_mode": "form",
        }

    def _lock_rows(self):
        # NOWAIT: a second approval of the same meeting fails at once with a lock error,
        # which Odoo's RPC layer retries; the retry then finds the meeting approved.
        self.env.cr.execute(SQL(
            "SELECT id FROM party_meeting WHERE id IN %s FOR UPDATE NOWAIT", tuple(self.ids)
        ))
        self.invalidate_recordset(["state"])

    def _next_number(self, kind, code):
        """Next document number of the meeting's organisation: 05-BB/CB, 05-NQ/ĐU."""
        self.ensure_one()
        # The day of the meeting where it is held, not where the approver sits.
        seq, period, number = self.organization_id._next_document_number(
            kind, code, self._local_date())
        return {f"{kind}_sequence": seq, "number_period": period, f"{kind}_number": number}

    def _store_documents(self):
        """Keep the approved minutes and resolution as attachments; they are not regenerated."""
        self.ensure_one()
        vals = {}
        docs = [("minutes", "party_cell.action_report_meeting_minutes")]
        if self.resolution_number:
            docs.append(("resolution", "party_cell.action_report_meeting_resolution"))
        for kind, report_ref in docs:
            report = self.env.ref(report_ref)
            # sudo: the stored minutes are the full document, whoever approves.
            pdf, _type = report.sudo()._render_qweb_pdf(report_ref, self.ids)
            attachment = self.env["ir.attachment"].sudo().search([
                ("res_model", "=", self._name), ("res_id", "=", self.id),
                ("name", "=", self._document_filename(kind)),
            ], limit=1)
            if not attachment:
                attachment = self.env["ir.attachment"].sudo().create({
                    "name": self._document_filename(kind),
                    "raw": pdf,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                })
            vals[f"{kind}_attachment_id"] = attachment.id
        self._write_workflow(vals)

    def _document_filename(self, kind):
        number = self.minutes_number if kind == "minutes" else self.resolution_number
        prefix = "Biên bản" if kind == "minutes" else "Nghị quyết"
        return f"{prefix} {number.replace('/', '-')}.pdf"

    def _invitees(self):
        self.ensure_one()
        members = self.attendance_ids.filtered(lambda a: a.status != "exempt").member_id
        # sudo: members' work contacts live on employee files the secretary cannot open.
        partners = members.sudo().employee_id.work_contact_id
        for guest in self.guest_ids:
            partners |= guest._invite_partner()
        return partners

    def _sync_calendar_event(self):
        """Invite members' work contacts and guests through one calendar event per meeting.

        New events are created together, so planning many meetings at once costs a few
        queries per batch."""
        # sudo: one event per meeting, kept in step whoever edits the meeting.
        Event = self.env["calendar.event"].sudo()
        model_id = self.env["ir.model"]._get_id(self._name)
        new_meetings, new_vals = self.browse(), []
        for meeting in self:
            vals = {
                "name": meeting.name,
                "start": meeting.date_start,
                "stop": meeting.date_end,
                "location": meeting.location or "",
                "videocall_location": meeting.online_url or False,
                "partner_ids": [(6, 0, meeting._invitees().ids)],
                "res_model_id": model_id,
                "res_id": meeting.id,
                "description": meeting.agenda or "",
                "user_id": meeting.organization_id.secretary_id.user_id.id or self.env.uid,
            }
            if meeting.calendar_event_id:
                # sudo: see Event above; the invitation follows the meeting whoever edits it.
                meeting.calendar_event_id.sudo().write(vals)
            else:
                new_meetings |= meeting
                new_vals.append(vals)
        for meeting, event in zip(new_meetings, Event.create(new_vals)):
            meeting.calendar_event_id = event

    def action_open_calendar_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.calendar_event_id.id,
            "view_mode": "form",
        }
