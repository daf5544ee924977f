from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .party_lock import lock_opened, refuse

PERIOD_KINDS = [("month", "Monthly"), ("quarter", "Quarterly"), ("year", "Yearly")]
MONTHS = [(str(m), str(m)) for m in range(1, 13)]
QUARTERS = [("1", "I"), ("2", "II"), ("3", "III"), ("4", "IV")]
# What the writers of a draft choose; everything else is the server's.
DRAFT_FIELDS = {"organization_id", "period_kind", "year", "month", "quarter", "date_from",
                "date_to", "body"}
# Set by the buttons only: Issue numbers, prints and locks; Cancel withdraws.
WORKFLOW_FIELDS = {"state", "number", "number_sequence", "number_period", "date_issued",
                   "attachment_id"}


class PartyPeriodicReport(models.Model):
    """A committee's monthly, quarterly or yearly report to the level above ("05-BC/ĐU").

    Its figures are counted from the record of the organisation's subtree for the period
    (party_periodic_report_figures.py) and stored, so that the issued report never changes;
    its body (assessment, directions for the next period) is written by the committee,
    prefilled from the figures. Issuing numbers it within the committee's term, stores the
    printed PDF and locks the record for every caller.
    """

    _name = "party.periodic.report"
    _description = "Periodic Report"
    _inherit = ["mail.thread", "party.company.mixin", "party.workflow.mixin"]
    _order = "date_from desc, organization_id, id desc"
    _rec_names_search = ["number", "organization_id"]
    _check_company_auto = True

    # Not stored: the title is read in each user's language (a stored one would keep the
    # language of whoever created it, English for the demo, loaded before the translations).
    name = fields.Char(compute="_compute_name")
    organization_id = fields.Many2one(
        "party.organization", string="Organisation", required=True, index=True,
        check_company=True, ondelete="restrict", tracking=True,
        help="The committee (or cell) that reports, for itself and every organisation under "
        "it.",
    )
    period_kind = fields.Selection(PERIOD_KINDS, string="Period", required=True,
                                   default="quarter", tracking=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(
        self).year, aggregator=None)
    month = fields.Selection(MONTHS, default=lambda self: str(
        fields.Date.context_today(self).month))
    quarter = fields.Selection(QUARTERS, default=lambda self: str(
        (fields.Date.context_today(self).month - 1) // 3 + 1))
    # Prefilled from the period; a committee whose reports run e.g. from the 15th to the
    # 14th moves them.
    # Not required in the database: a period without its month or quarter has no dates, and
    # _check_period says so in words rather than a NOT NULL error.
    date_from = fields.Date(string="From", compute="_compute_dates", store=True,
                            readonly=False, precompute=True)
    date_to = fields.Date(string="To", compute="_compute_dates", store=True, readonly=False,
                          precompute=True)
    period_key = fields.Char(compute="_compute_period_key", store=True, index=True,
                             help="2026-11, 2026-Q3 or 2026: one report per organisation.")
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued"), ("cancelled", "Cancelled")],
        default="draft", required=True, tracking=True, index=True, copy=False,
    )
    number = fields.Char(copy=False, readonly=True, tracking=True)
    number_sequence = fields.Integer(copy=False, readonly=True)
    # Within what the numbers run from 01 (Hướng dẫn 36-HD/VPTW): "term:<id>" or "year:2026".
    number_period = fields.Char(copy=False, readonly=True)
    date_issued = fields.Date(string="Issued On", copy=False, readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="Issued PDF", copy=False,
                                    readonly=True)
    body = fields.Html(
        string="Assessment and Directions", copy=False, sanitize_style=True,
        help="Prefilled from the figures; the committee's assessment and its directions for "
        "the next period.",
    )
    can_write = fields.Boolean(compute="_compute_can_write")

    _sql_constraints = [
        ("number_uniq", "unique(organization_id, number_period, number_sequence)",
         "This report number is already taken."),
    ]

    def init(self):
        # One report per organisation and period, cancelled ones aside: a partial unique
        # index, which _sql_constraints cannot express; _check_unique_period says it first.
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS party_periodic_report_period_uniq
                ON party_periodic_report (organization_id, period_key)
             WHERE state != 'cancelled'
        """)

    @api.depends("period_kind", "year", "month", "quarter")
    def _compute_dates(self):
        for report in self:
            start = report._period_start()
            if not start:
                report.date_from = report.date_to = False
                continue
            months = {"month": 1, "quarter": 3, "year": 12}[report.period_kind]
            report.date_from = start
            report.date_to = start + relativedelta(months=months, days=-1)

    def _period_start(self):
        self.ensure_one()
        if not (self.year and 1900 < self.year < 3000 and self.period_kind):
            return None
        if self.period_kind == "month":
            return self.month and date(self.year, int(self.month), 1)
        if self.period_kind == "quarter":
            return self.quarter and date(self.year, 3 * int(self.quarter) - 2, 1)
        return date(self.year, 1, 1)

    @api.depends("period_kind", "year", "month", "quarter")
    def _compute_period_key(self):
        for report in self:
            key = str(report.year or "")
            if report.period_kind == "month":
                key = f"{key}-{int(report.month or 0):02d}"
            elif report.period_kind == "quarter":
                key = f"{key}-Q{report.quarter or ''}"
            report.period_key = key

    @api.depends("period_kind", "year", "month", "quarter", "organization_id.name")
    @api.depends_context("lang")
    def _compute_name(self):
        for report in self:
            report.name = _("Report %(period)s: %(org)s", period=report._period_label(),
                            org=report.organization_id.name or "")

    def _period_label(self):
        """The period as a title names it: 11/2026, Q.III/2026, 2026."""
        self.ensure_one()
        if self.period_kind == "month":
            return f"{self.month or ''}/{self.year}"
        if self.period_kind == "quarter":
            return f"Q.{dict(QUARTERS).get(self.quarter, '')}/{self.year}"
        return str(self.year)

    @api.depends_context("uid")
    def _compute_can_write(self):
        writable = self._filtered_access("write") if self.ids else self
        for report in self:
            report.can_write = report.state == "draft" and report in writable

    @api.constrains("period_kind", "year", "month", "quarter")
    def _check_period(self):
        bad = self.filtered(lambda r: not (r._period_start() and r.date_from and r.date_to))
        if bad:
            raise ValidationError(_(
                "Report %(name)s: give a year and, for a monthly or quarterly report, its "
                "month or quarter.", name=bad[0].name or ""))

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        bad = self.filtered(lambda r: r.date_from and r.date_to and r.date_to < r.date_from)
        if bad:
            raise ValidationError(_("Report %(name)s ends before it starts.",
                                    name=", ".join(bad.mapped("name"))))

    # Not on period_key: it is computed at the next flush, which the partial unique index
    # would refuse with a database error before this check could say it in words.
    @api.constrains("organization_id", "period_kind", "year", "month", "quarter", "state")
    def _check_unique_period(self):
        # sudo: a report of the period may exist that the user cannot read.
        others = self.sudo().search([
            ("organization_id", "in", self.organization_id.ids),
            ("year", "in", self.mapped("year")), ("state", "!=", "cancelled"),
            ("id", "not in", self.ids),
        ])
        for report in self.filtered(lambda r: r.state != "cancelled"):
            clash = others.filtered(lambda o, r=report: (
                o.organization_id == r.organization_id and o._period() == r._period()))
            if clash:
                raise ValidationError(_(
                    "%(org)s already has a report for %(period)s (%(state)s); cancel it before "
                    "writing another.", org=report.organization_id.name,
                    period=report._period_label(),
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        clash[0].state]))

    def _period(self):
        """What identifies the period (the stored period_key, before it is computed)."""
        self.ensure_one()
        return (self.period_kind, self.year,
                self.month if self.period_kind == "month" else False,
                self.quarter if self.period_kind == "quarter" else False)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(set(vals) & self._figure_fields() for vals in vals_list):
            self.check_access("create")
            raise UserError(_("The figures of a report are counted by the server."))
        reports = super().create(vals_list)
        # Checked on the records, after Odoo added the defaults: a default_state in the
        # context is as much the caller's as a state in the values.
        if not self.env.su and any(
            r.state != "draft" or r.number or r.number_sequence or r.number_period
            or r.date_issued or r.attachment_id for r in reports
        ):
            raise UserError(_("A report starts as a draft: its number and state are set by "
                              "its buttons."))
        # The figures are the server's whatever the values held.
        reports._fill_figures()
        return reports

    def write(self, vals):
        fnames = set(vals)
        server = fnames & (WORKFLOW_FIELDS | self._figure_fields())
        if server and not lock_opened(self, server):
            refuse(self, _("The state, number and figures of a report are set by its "
                           "buttons."))
        locked = self.filtered(lambda r: r.state != "draft")
        if locked and not lock_opened(locked, fnames):
            refuse(locked, _("Report %(number)s is issued: it is part of the record and "
                             "cannot be changed.", number=locked[0].number or locked[0].name))
        result = super().write(vals)
        if fnames & {"organization_id", "date_from", "date_to", "period_kind", "year", "month",
                     "quarter"}:
            self.filtered(lambda r: r.state == "draft")._fill_figures()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if not self.env.su and any(r.state != "draft" for r in self):
            raise UserError(_("An issued report is part of the record: it cannot be deleted. "
                              "The committee office may cancel it."))

    # ---------------------------------------------------------------- buttons

    def action_refresh_figures(self):
        """Count the figures again from the record (a draft only)."""
        self._ensure_state(("draft",), _("Counting the figures"))
        self.check_access("write")
        self._fill_figures()
        return True

    def action_issue(self):
        """Number the report, count its figures one last time, store the PDF and lock it."""
        self._ensure_state(("draft",), _("Issuing"))
        self.check_access("write")
        # NOWAIT: a second Issue of the same report fails at once with a lock error, which
        # Odoo's RPC layer retries; the retry then finds the report issued (as for minutes).
        self.env.cr.execute(SQL("SELECT id FROM party_periodic_report WHERE id IN %s "
                                "FOR UPDATE NOWAIT", tuple(self.ids)))
        self.invalidate_recordset(["state"])
        self._ensure_state(("draft",), _("Issuing"))
        for report in self:
            if not report.body or not report.body.strip():
                raise UserError(_("Write the assessment of report %(name)s before issuing "
                                  "it.", name=report.name))
            report._fill_figures()
            day = report.organization_id._today()
            report._write_workflow(dict(report._next_number(day), date_issued=day))
            report._write_workflow({"state": "issued"})
            report._store_pdf()
        return True

    def action_cancel(self):
        """Withdraw a report; an issued one only by the committee office, its number kept."""
        self._ensure_state(("draft", "issued"), _("Cancelling"))
        self.check_access("write")
        if self.filtered(lambda r: r.state == "issued") and not self.env.user.has_group(
                "party_cell.group_party_committee"):
            raise AccessError(_("Only the committee office cancels an issued report."))
        self._write_workflow({"state": "cancelled"})
        return True

    def action_open_pdf(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "new",
                "url": f"/web/content/{self.attachment_id.id}?download=true"}

    # ---------------------------------------------------------------- business

    def _next_number(self, day):
        """Next report number of the issuer, "05-BC/ĐU", numbered as its minutes and
        resolutions are (``party.organization._next_document_number``)."""
        self.ensure_one()
        seq, period, number = self.organization_id._next_document_number("report", "BC", day)
        return {"number_sequence": seq, "number_period": period, "number": number}

    def _store_pdf(self):
        """Keep the issued report as printed; it is not printed again."""
        self.ensure_one()
        report_ref = "party_cell.action_report_periodic_report"
        # sudo: the stored PDF is the whole report, whoever issues it.
        pdf, _type = self.env.ref(report_ref).sudo()._render_qweb_pdf(report_ref, self.ids)
        name = self._pdf_filename()
        Attachment = self.env["ir.attachment"].sudo()
        attachment = Attachment.search([("res_model", "=", self._name),
                                        ("res_id", "=", self.id), ("name", "=", name)], limit=1)
        if not attachment:
            attachment = Attachment.create({"name": name, "raw": pdf, "res_model": self._name,
                                            "res_id": self.id, "mimetype": "application/pdf"})
        self._write_workflow({"attachment_id": attachment.id})

    def _pdf_filename(self):
        return f"Báo cáo {(self.number or '').replace('/', '-')}.pdf"
