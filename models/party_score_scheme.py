from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Ratings of a meeting's quality, best first (Hướng dẫn 12-HD/BTCTW).
RATINGS = [("good", "Good"), ("fair", "Fair"), ("average", "Average"), ("poor", "Poor")]
_RATING_RANK = {key: rank for rank, (key, _label) in enumerate(RATINGS)}


def worst_rating(ratings):
    """The lowest of some meeting ratings (False when there are none): a period with several
    meetings is rated by its weakest."""
    return max(ratings, key=_RATING_RANK.__getitem__, default=False)


class PartyScoreScheme(models.Model):
    """A versioned way of scoring meetings, dated by the document it comes from."""

    _name = "party.score.scheme"
    _description = "Meeting Score Scheme"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    name = fields.Char(required=True, tracking=True)
    reference = fields.Char(string="Document", help="Number and date of the guiding document.")
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(tracking=True)
    criterion_ids = fields.One2many("party.score.criterion", "scheme_id", copy=True,
                                    string="Criteria")
    band_ids = fields.One2many("party.score.band", "scheme_id", copy=True, string="Bands")
    applies_regular = fields.Boolean(string="Regular Meetings", default=True)
    applies_thematic = fields.Boolean(string="Thematic Meetings", default=True)
    applies_committee = fields.Boolean(string="Committee Meetings")
    applies_extraordinary = fields.Boolean(string="Extraordinary Meetings")
    aggregation = fields.Selection(
        [
            ("member_average", "Average of Members' Ballots"),
            ("committee", "Committee Proposal Confirmed by the Cell"),
        ],
        required=True, default="member_average",
        help="How the meeting's score is drawn from the ballots.",
    )
    anonymous = fields.Boolean(
        string="Anonymous Ballots",
        help="The committee sees the totals but not who scored what.",
    )
    discipline_gate = fields.Boolean(
        string="Discipline Makes the Cell Poor",
        help="A member disciplined at reprimand level or above in the meeting's month makes the "
        "meeting poor whatever the score.",
    )
    max_total = fields.Float(compute="_compute_max_total", string="Maximum")
    company_id = fields.Many2one("res.company", help="Empty: shared by every company.")
    active = fields.Boolean(default=True)
    note = fields.Html()

    @api.depends("criterion_ids.max_points")
    def _compute_max_total(self):
        for scheme in self:
            scheme.max_total = sum(scheme.criterion_ids.mapped("max_points"))

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        bad = self.filtered(lambda s: s.date_to and s.date_to < s.date_from)
        if bad:
            raise ValidationError(
                _("Scheme %(name)s ends before it starts.", name=bad[0].name)
            )

    @api.constrains("band_ids")
    def _check_bands(self):
        for scheme in self:
            ratings = scheme.band_ids.mapped("rating")
            if len(ratings) != len(set(ratings)):
                raise ValidationError(
                    _("Scheme %(name)s gives a rating more than one band.", name=scheme.name)
                )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for scheme, vals in zip(self, vals_list):
            if "name" not in (default or {}):
                vals["name"] = _("%(name)s (copy)", name=scheme.name)
        return vals_list

    @api.model
    def _find_for(self, meeting_type, date, company):
        """The scheme in force on a date for a type of meeting, the company's own first."""
        return self._in_force()._pick(meeting_type, date, company)

    @api.model
    def _in_force(self):
        """Every scheme, in the order :meth:`_pick` prefers them (a handful of records)."""
        return self.search([], order="company_id, date_from desc, id desc")

    def _pick(self, meeting_type, date, company):
        """Among ``self`` (from :meth:`_in_force`), the scheme for a meeting, without SQL."""
        fname = f"applies_{meeting_type}"
        if fname not in self._fields:
            return self.browse()
        schemes = self.filtered(lambda s: s[fname] and s.date_from <= date
                                and (not s.date_to or s.date_to >= date)
                                and (not s.company_id or s.company_id == company))
        return schemes.filtered("company_id")[:1] or schemes[:1]

    def _rating_for(self, score, lines_by_criterion=None, disciplined=False):
        """Rating from the bands, then the gates: full marks for "good", discipline."""
        self.ensure_one()
        if disciplined and self.discipline_gate:
            return "poor"
        rating = "poor"
        for band in self.band_ids.sorted("min_score", reverse=True):
            if score >= band.min_score:
                rating = band.rating
                break
        if rating == "good" and lines_by_criterion is not None:
            for criterion in self.criterion_ids.filtered("gate_for_good"):
                if lines_by_criterion.get(criterion.id, 0.0) < criterion.max_points:
                    return "fair"
        return rating


class PartyScoreBand(models.Model):
    _name = "party.score.band"
    _description = "Meeting Score Band"
    _order = "scheme_id, min_score desc"

    scheme_id = fields.Many2one("party.score.scheme", required=True, ondelete="cascade",
                                index=True)
    rating = fields.Selection(RATINGS, required=True)
    min_score = fields.Float(string="From Score", required=True)

    _sql_constraints = [
        ("min_score_range", "CHECK(min_score >= 0)", "A band starts at zero or more."),
    ]
