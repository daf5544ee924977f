from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyTerm(models.Model):
    """A term (nhiệm kỳ) of an organisation's committee, from one congress to the next."""

    _name = "party.term"
    _description = "Committee Term"
    _inherit = ["party.company.mixin"]
    _order = "organization_id, date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, help="e.g. Nhiệm kỳ 2025–2030")
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, check_company=True,
        ondelete="restrict",
    )
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", help="Empty while the term runs.")
    congress_reference = fields.Char(
        string="Congress Resolution",
        help="Number and date of the congress resolution that elected the committee, e.g. "
        "01-NQ/ĐH ngày 15/6/2025.",
    )
    post_ids = fields.One2many("party.committee.post", "term_id", string="Committee Posts")
    post_count = fields.Integer(compute="_compute_post_count", string="Posts")
    minutes_sequence_id = fields.Many2one("ir.sequence", copy=False, readonly=True,
                                          string="Minutes Numbering")
    resolution_sequence_id = fields.Many2one("ir.sequence", copy=False, readonly=True,
                                             string="Resolutions Numbering")

    @api.depends("post_ids")
    def _compute_post_count(self):
        for term in self:
            term.post_count = len(term.post_ids)

    @api.constrains("date_start", "date_end", "organization_id")
    def _check_dates(self):
        bad = self.filtered(lambda t: t.date_end and t.date_end < t.date_start)
        if bad:
            raise ValidationError(_("Term %(names)s ends before it starts.",
                                    names=", ".join(bad.mapped("name"))))
        # sudo: an overlap may be with a term of the organisation the user cannot read.
        others = self.sudo().search([("organization_id", "in", self.organization_id.ids),
                                     ("id", "not in", self.ids)])
        for term in self:
            clash = others.filtered(
                lambda o, t=term: o.organization_id.id == t.organization_id.id
                and (not o.date_end or o.date_end >= t.date_start)
                and (not t.date_end or t.date_end >= o.date_start))
            if clash:
                raise ValidationError(_(
                    "Terms of %(org)s overlap: %(name)s and %(other)s.",
                    org=term.organization_id.name, name=term.name, other=clash[0].name))

    def _document_sequence(self, kind):
        """The term's numbering of a kind of document (minutes, resolution, report),
        created on first use.

        It starts after the highest number the organisation issued within the term's dates
        before (numbered per year until 18.0.1.2.0), so that no number of the term is
        given twice and the documents already numbered keep their numbers.
        """
        self.ensure_one()
        field = f"{kind}_sequence_id"
        if not self[field]:
            Meeting = self.env["party.meeting"]
            highest = 0
            # Only the meetings' own documents were numbered before: other kinds (the
            # periodic reports) start at 01.
            if f"{kind}_sequence" in Meeting._fields:
                domain = [("organization_id", "=", self.organization_id.id),
                          ("date_start", ">=", self.date_start)]
                if self.date_end:
                    domain.append(("date_start", "<", self.date_end + timedelta(days=1)))
                # sudo: meetings of the organisation the caller may not read; only the
                # highest number is taken.
                [(highest,)] = Meeting.sudo().with_context(active_test=False)._read_group(
                    domain, [], [f"{kind}_sequence:max"])
            self[field] = self.env["ir.sequence"].create({
                "name": f"{self.organization_id.name} {self.name} ({kind})",
                "implementation": "no_gap",
                "padding": 2,
                "number_next": (highest or 0) + 1,
                "company_id": self.company_id.id,
            })
        return self[field]
