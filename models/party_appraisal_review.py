from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from .party_rules import add_working_days, party_rule
from .party_today import shown_today


class PartyAppraisal(models.Model):
    """The yearly review (kiểm điểm) around the rating: comments and follow-up.

    The cell comments on each member; the residence cell's comments (Regulation
    213-QĐ/TW) are requested, awaited until their deadline and kept; the committee's rating
    follows the bands and the cap on "excellent" of party_appraisal.py, and a proposal of
    "excellent" needs the points of that band. The self-correction commitments made at the
    review are followed up the next year, on the next review.
    """

    _inherit = "party.appraisal"

    cell_comment = fields.Text(string="Cell's Comments", copy=False)
    residence_cell = fields.Char(related="member_id.residence_cell")
    residence_sent_date = fields.Date(string="Residence Request Sent", copy=False,
                                      tracking=True)
    residence_deadline = fields.Date(
        compute="_compute_residence_deadline", store=True, readonly=False, copy=False,
        string="Residence Comments Due",
        help="The residence cell answers within this many working days (Settings).")
    residence_received_date = fields.Date(string="Residence Comments Received", copy=False,
                                          tracking=True)
    residence_comment = fields.Text(string="Residence Comments", copy=False)
    residence_document = fields.Binary(string="Residence Comments Document", attachment=True,
                                       copy=False)
    residence_document_name = fields.Char(string="Residence Comments File Name", copy=False)
    residence_status = fields.Selection(
        [("not_sent", "Not Requested"), ("waiting", "Awaited"), ("overdue", "Overdue"),
         ("received", "Received")], compute="_compute_residence_status",
        string="Residence Comments Status")
    commitment_ids = fields.One2many(
        "party.task", "appraisal_id", string="Self-correction Commitments",
        help="What the member or the organisation commits to correct, with deadlines.")
    previous_commitment_ids = fields.Many2many(
        "party.task", compute="_compute_previous_commitments",
        string="Last Year's Commitments",
        help="The commitments of the previous year's review, and how far they came.")
    commitments_open = fields.Integer(compute="_compute_previous_commitments",
                                      string="Last Year's Commitments Still Open")

    @api.depends("residence_sent_date")
    def _compute_residence_deadline(self):
        days = party_rule(self.env, "residence_comment_working_days")
        for appraisal in self:
            sent = appraisal.residence_sent_date
            appraisal.residence_deadline = add_working_days(sent, days) if sent else False

    @api.depends("residence_sent_date", "residence_deadline", "residence_received_date")
    @api.depends_context("party_today")
    def _compute_residence_status(self):
        today = shown_today(self)
        for appraisal in self:
            if appraisal.residence_received_date:
                status = "received"
            elif not appraisal.residence_sent_date:
                status = "not_sent"
            elif appraisal.residence_deadline and appraisal.residence_deadline < today:
                status = "overdue"
            else:
                status = "waiting"
            appraisal.residence_status = status

    @api.depends("member_id", "organization_id", "year")
    def _compute_previous_commitments(self):
        previous = self.search([
            "|", ("member_id", "in", self.member_id.ids),
            ("organization_id", "in", self.organization_id.ids),
            ("year", "in", [y - 1 for y in self.mapped("year")]),
        ]) if self.ids else self.browse()
        by_target = {((a.member_id or a.organization_id)._name,
                      (a.member_id or a.organization_id).id, a.year): a for a in previous}
        for appraisal in self:
            target = appraisal.member_id or appraisal.organization_id
            last = by_target.get((target._name, target.id, appraisal.year - 1))
            tasks = last.commitment_ids if last else self.env["party.task"]
            appraisal.previous_commitment_ids = tasks
            appraisal.commitments_open = len(tasks.filtered(lambda t: t.state == "open"))

    def _check_review_ready(self, rating_field):
        """What Regulation 366-QĐ/TW and 213-QĐ/TW ask before the cell proposes a rating."""
        bands = dict(self._bands())
        # The real date, not residence_status: that display follows the "party_today"
        # context a caller could send, and no caller may move the deadline.
        today = fields.Date.context_today(self)
        for appraisal in self:
            deadline = appraisal.residence_deadline
            if (appraisal.residence_sent_date and not appraisal.residence_received_date
                    and not (deadline and deadline < today)):
                raise UserError(_(
                    "%(name)s: the residence cell's comments are awaited until %(date)s; "
                    "propose the rating when they arrive or after that day.",
                    name=appraisal.display_name,
                    date=format_date(self.env, appraisal.residence_deadline)))
            if appraisal[rating_field] == "excellent" and appraisal.score < bands.get(
                    "excellent", 0):
                raise UserError(_(
                    "%(name)s: excellently completed needs at least %(points)s points "
                    "(Regulation 366-QĐ/TW); the score is %(score)s.",
                    name=appraisal.display_name, points=bands["excellent"],
                    score=appraisal.score))

    def action_propose(self):
        self._check_group("party_cell.group_party_secretary")
        self._check_review_ready("proposed_rating")
        return super().action_propose()

    def action_decide(self):
        self._check_group("party_cell.group_party_committee")
        self._check_review_ready("rating")
        return super().action_decide()
