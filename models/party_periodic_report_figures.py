from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup, escape

from odoo import fields, models
from odoo.tools import html2plaintext, is_html_empty

from ..reports.party_document import RATING_WORDS, party_short_date
from .party_lock import open_lock
from .party_meeting import HELD_STATES

# Meetings of the cells, as opposed to the committees' own meetings.
CELL_MEETING_TYPES = ("regular", "thematic", "extraordinary")
COUNT_FIELDS = (
    "cell_count", "meeting_held_count", "meeting_missed_count", "thematic_count",
    "committee_meeting_count", "rating_good_count", "rating_fair_count",
    "rating_average_count", "rating_poor_count", "rating_none_count", "admission_count",
    "recognition_count", "transfer_in_count", "transfer_out_count", "discipline_count",
    "visit_count", "visit_missed_count",
)


class PartyPeriodicReport(models.Model):
    """The figures of a periodic report, counted from the record of the period.

    They are stored, not computed fields: counted when the draft is created, when its
    organisation or period changes, with Refresh Figures and a last time on Issue, then
    never again. Only the server writes them (see write in party_periodic_report.py).
    """

    _inherit = "party.periodic.report"

    cell_count = fields.Integer(string="Cells", readonly=True, copy=False)
    meeting_held_count = fields.Integer(string="Cell Meetings Held", readonly=True, copy=False)
    meeting_missed_count = fields.Integer(
        string="Cell Meetings Missed", readonly=True, copy=False,
        help="Cancelled, or planned and not held by the time the figures were counted.")
    thematic_count = fields.Integer(string="Thematic Meetings Held", readonly=True, copy=False)
    committee_meeting_count = fields.Integer(string="Committee Meetings Held", readonly=True,
                                             copy=False)
    rating_good_count = fields.Integer(string="Rated Good", readonly=True, copy=False)
    rating_fair_count = fields.Integer(string="Rated Fair", readonly=True, copy=False)
    rating_average_count = fields.Integer(string="Rated Average", readonly=True, copy=False)
    rating_poor_count = fields.Integer(string="Rated Poor", readonly=True, copy=False)
    rating_none_count = fields.Integer(string="Not Rated", readonly=True, copy=False)
    admission_count = fields.Integer(string="Members Admitted", readonly=True, copy=False)
    recognition_count = fields.Integer(string="Recognised as Official", readonly=True,
                                       copy=False)
    transfer_in_count = fields.Integer(string="Transferred In", readonly=True, copy=False)
    transfer_out_count = fields.Integer(string="Transferred Out", readonly=True, copy=False)
    discipline_count = fields.Integer(string="Members Disciplined", readonly=True, copy=False)
    visit_count = fields.Integer(string="Visits Made", readonly=True, copy=False)
    visit_missed_count = fields.Integer(string="Visits Missed", readonly=True, copy=False)
    visit_findings = fields.Html(string="Findings of the Visits", readonly=True, copy=False,
                                 sanitize=True)
    figures_date = fields.Datetime(string="Figures Counted On", readonly=True, copy=False)

    def _figure_fields(self):
        return set(COUNT_FIELDS) | {"visit_findings", "figures_date"}

    def _fill_figures(self):
        now = fields.Datetime.now()
        for report in self:
            vals = report._count_figures(now)
            if is_html_empty(report.body):
                vals["body"] = report._default_body(vals)
            with open_lock(report, set(vals)):
                report.write(vals)

    def _count_figures(self, now):
        """What the organisation's subtree did in the period, from its records.

        sudo: the report counts every record of the subtree whatever its writer may read (a
        committee member does not read other cells' admissions or disciplines); only counts
        and the visits' findings leave, into a report read by the committee and those above.
        """
        self.ensure_one()
        env = self.sudo().env
        org = self.organization_id
        if not (org and self.date_from and self.date_to):
            return dict.fromkeys(COUNT_FIELDS, 0) | {"visit_findings": False,
                                                     "figures_date": now}
        start, end = self._utc_bounds()
        subtree = [("organization_id", "child_of", org.id)]
        days = [(">=", self.date_from), ("<=", self.date_to)]
        Meeting = env["party.meeting"]
        in_period = subtree + [("date_start", ">=", start), ("date_start", "<", end)]
        held = Meeting._read_group(
            in_period + [("state", "in", HELD_STATES), ("is_superseded", "=", False)],
            ["meeting_type", "is_thematic", "official_rating", "rating"], ["__count"])
        vals = dict.fromkeys(COUNT_FIELDS, 0)
        for meeting_type, thematic, official, rating, count in held:
            if meeting_type == "committee":
                vals["committee_meeting_count"] += count
                continue
            vals["meeting_held_count"] += count
            vals["thematic_count"] += count if thematic else 0
            # The upper level's rating where given (as organisation appraisals count it).
            vals[f"rating_{official or rating or 'none'}_count"] += count
        vals["meeting_missed_count"] = Meeting.search_count(
            in_period + [("meeting_type", "in", CELL_MEETING_TYPES), "|",
                         ("state", "=", "cancelled"), "&",
                         ("state", "in", ("draft", "planned")), ("date_end", "<", now)])
        vals["cell_count"] = env["party.organization"].search_count(
            [("id", "child_of", org.id), ("is_cell", "=", True)])
        vals["admission_count"] = env["party.admission"].search_count(
            subtree + [("state", "=", "admitted")]
            + [("ceremony_date", op, day) for op, day in days])
        vals["recognition_count"] = env["party.recognition"].search_count(
            subtree + [("state", "=", "recognised")]
            + [("decision_date", op, day) for op, day in days])
        vals["discipline_count"] = env["party.discipline"].search_count(
            subtree + [("date", op, day) for op, day in days])
        vals.update(self._count_transfers(env, org, days))
        visits = env["party.visit"].search(
            subtree + [("state", "in", ("done", "reported"))]
            + [("done_date", op, day) for op, day in days], order="done_date, id")
        vals["visit_count"] = len(visits)
        vals["visit_missed_count"] = env["party.visit"].search_count(
            subtree + [("state", "=", "missed")]
            + [("month_end", op, day) for op, day in days])
        vals["visit_findings"] = self._findings(visits.filtered(
            lambda v: v.state == "reported"))
        vals["figures_date"] = now
        return vals

    def _utc_bounds(self):
        """The period's first and last day, in the organisation's zone, as UTC datetimes."""
        zone = self.organization_id._tz()
        bounds = []
        for day in (self.date_from, self.date_to + timedelta(days=1)):
            local = zone.localize(datetime.combine(day, time.min))
            bounds.append(local.astimezone(pytz.utc).replace(tzinfo=None))
        return bounds

    @staticmethod
    def _count_transfers(env, org, days):
        """Moves into and out of the subtree (a move between two of its cells is neither)."""
        subtree_ids = set(env["party.organization"].search([("id", "child_of", org.id)]).ids)
        transfers = env["party.member.transfer"].search(
            [("state", "=", "done"), "|", "|",
             ("member_id.organization_id", "child_of", org.id),
             ("from_organization_id", "child_of", org.id),
             ("to_organization_id", "child_of", org.id)]
            + [("date", op, day) for op, day in days])
        counts = {"transfer_in_count": 0, "transfer_out_count": 0}
        for transfer in transfers:
            inside_from = transfer.from_organization_id.id in subtree_ids
            inside_to = transfer.to_organization_id.id in subtree_ids
            if transfer.direction == "in" or (transfer.direction == "internal"
                                              and inside_to and not inside_from):
                counts["transfer_in_count"] += 1
            elif transfer.direction == "out" or (transfer.direction == "internal"
                                                 and inside_from and not inside_to):
                counts["transfer_out_count"] += 1
        return counts

    @staticmethod
    def _findings(visits):
        """What the reported visits found, one line each (printed: Vietnamese on purpose)."""
        if not visits:
            return False
        items = []
        for visit in visits:
            parts = []
            for label, html in (("Ưu điểm", visit.strengths), ("Hạn chế", visit.weaknesses),
                                ("Kiến nghị", visit.recommendations)):
                text = " ".join(html2plaintext(html or "").split())
                if text:
                    parts.append(Markup("<i>%s:</i> %s") % (label, text))
            rating = RATING_WORDS.get(visit.proposed_rating)
            if rating:
                parts.append(Markup("<i>Đề xuất xếp loại:</i> %s") % rating)
            head = Markup("<b>%s</b> (đồng chí %s, %s)") % (
                visit.organization_id.name, visit.visitor_name or "",
                party_short_date(visit.done_date))
            items.append(Markup("<li>%s: %s</li>") % (head, Markup("; ").join(parts) or "—"))
        return Markup("<ul>%s</ul>") % Markup("").join(items)

    def _default_body(self, vals):
        """A first draft of the assessment and the directions, from the figures.

        Document text, in Vietnamese whatever the writer's language, as the printed report.
        """
        self.ensure_one()
        held, missed = vals["meeting_held_count"], vals["meeting_missed_count"]
        rated = ", ".join(
            f"{RATING_WORDS[key]} {vals[f'rating_{key}_count']}"
            for key in ("good", "fair", "average", "poor") if vals[f"rating_{key}_count"])
        lines = [
            f"Trong kỳ, {vals['cell_count']} chi bộ trực thuộc đã tổ chức {held} buổi sinh "
            f"hoạt chi bộ, trong đó {vals['thematic_count']} buổi sinh hoạt chuyên đề"
            + (f"; {missed} buổi chưa tổ chức theo kế hoạch" if missed else "") + ".",
        ]
        if rated:
            lines.append(f"Chất lượng sinh hoạt được xếp loại: {rated}.")
        lines.append("Ưu điểm: …")
        lines.append("Hạn chế, nguyên nhân: …")
        paragraphs = Markup("").join(Markup("<p>%s</p>") % escape(line) for line in lines)
        return (Markup("<p><b>II. ĐÁNH GIÁ CHUNG</b></p>") + paragraphs
                + Markup("<p><b>III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI</b></p><p>- …</p>"))
