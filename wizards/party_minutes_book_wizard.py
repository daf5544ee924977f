from odoo import api, fields, models

from ..reports.report_party_minutes_book import BOOK_KINDS


class PartyMinutesBookWizard(models.TransientModel):
    """Choose the term and the book (members', committee's, standing committee's)."""

    _name = "party.minutes.book.wizard"
    _description = "Print Minutes Book"

    term_id = fields.Many2one(
        "party.term", string="Term", required=True, default=lambda self: self._default_term(),
    )
    organization_id = fields.Many2one(related="term_id.organization_id")
    kind = fields.Selection(
        BOOK_KINDS, string="Book", required=True, compute="_compute_kind", store=True,
        readonly=False, precompute=True,
        help="Members' meetings: the cell's meetings (Sổ biên bản sinh hoạt chi bộ). "
        "Committee meetings: the chi ủy of a cell, the Ban Chấp hành of a đảng bộ. "
        "Standing committee meetings: its Ban Thường vụ.",
    )

    @api.depends("term_id")
    def _compute_kind(self):
        for wizard in self:
            # A cell's usual book is its members' meetings; a đảng bộ's, its committee's.
            org = wizard.term_id.organization_id
            wizard.kind = "committee" if org and not org.is_cell else "members"

    @api.model
    def _default_term(self):
        model, active_id = self.env.context.get("active_model"), self.env.context.get("active_id")
        if model == "party.term":
            return active_id
        if model == "party.organization" and active_id:
            org = self.env["party.organization"].browse(active_id)
            today = org._today()
            return self.env["party.term"].search([
                ("organization_id", "=", org.id), ("date_start", "<=", today),
            ], order="date_start desc", limit=1).id
        return False

    def action_print(self):
        self.ensure_one()
        # Refuse here, with the reason, what the book's rendering would refuse.
        self.env["report.party_cell.party_minutes_book"]._book_meetings(self.term_id, self.kind)
        return self.env.ref("party_cell.action_report_party_minutes_book").report_action(
            self.term_id, data={"term_id": self.term_id.id, "kind": self.kind}, config=False,
        )
