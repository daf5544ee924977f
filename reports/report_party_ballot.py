from collections import defaultdict

from odoo import api, models

from .party_document import RATING_WORDS

# Printed sheets are official Vietnamese documents whatever the reader's language.


def format_points(value):
    """Points as printed on a Vietnamese sheet: 4 / 4,5 / blank."""
    if value is None or value is False:
        return ""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


class ReportBallotFilled(models.AbstractModel):
    """Score sheet of a meeting: committee self-score and upper-level score per criterion."""

    _name = "report.party_cell.report_ballot_filled"
    _description = "Meeting Ballot Sheet (filled)"

    _blank = False

    @api.model
    def _get_report_values(self, docids, data=None):
        meetings = self.env["party.meeting"].browse(docids)
        rating_labels = RATING_WORDS
        # sudo: member ballots may be anonymous to the reader; only averages are printed.
        ballots = self.env["party.ballot"].sudo().search([
            ("meeting_id", "in", meetings.ids), ("state", "=", "submitted"),
        ])
        sheets = {}
        for meeting in meetings:
            scheme = meeting.scheme_id
            mine = ballots.filtered(lambda b, m=meeting: b.meeting_id == m)
            self_scores, upper_scores = self._columns(mine)
            groups, number = [], 0
            for criterion in scheme.criterion_ids:
                if not groups or groups[-1]["name"] != criterion.group:
                    groups.append({"name": criterion.group, "rows": []})
                number += 1
                groups[-1]["rows"].append({
                    "number": number,
                    "criterion": criterion,
                    "self": None if self._blank else self_scores.get(criterion.id),
                    "upper": None if self._blank else upper_scores.get(criterion.id),
                })
            local = meeting._local_date()
            sheets[meeting.id] = {
                "scheme": scheme,
                "groups": groups,
                "date": local,
                "period": local and f"tháng {local.month:02d}/{local.year}" or "",
                "max_total": scheme.max_total,
                "self_total": None if self._blank or not self_scores
                else sum(self_scores.values()),
                "upper_total": None if self._blank or not upper_scores
                else sum(upper_scores.values()),
                "rating": not self._blank and rating_labels.get(meeting.rating),
                "official_rating": not self._blank and rating_labels.get(meeting.official_rating),
                "bands": "; ".join(
                    f"{rating_labels[b.rating]} từ {format_points(b.min_score)} điểm"
                    for b in scheme.band_ids.sorted("min_score", reverse=True)
                ),
                "upper_name": "" if self._blank else mine.filtered(
                    lambda b: b.role == "upper")[:1].voter_employee_id.name or "",
            }
        return {
            "doc_ids": docids,
            "doc_model": "party.meeting",
            "docs": meetings,
            "sheets": sheets,
            "format_points": format_points,
        }

    def _columns(self, ballots):
        """Self-score: the committee proposal, else the members' average; upper: its ballot."""
        committee = ballots.filtered(lambda b: b.role == "committee")[:1]
        members = ballots.filtered(lambda b: b.role == "member")
        upper = ballots.filtered(lambda b: b.role == "upper")[:1]
        if committee:
            own = {line.criterion_id.id: line.points for line in committee.line_ids}
        else:
            sums = defaultdict(float)
            for line in members.line_ids:
                sums[line.criterion_id.id] += line.points
            own = {key: value / len(members) for key, value in sums.items()}
        return own, {line.criterion_id.id: line.points for line in upper.line_ids}


class ReportBallotBlank(models.AbstractModel):
    _name = "report.party_cell.report_ballot_blank"
    _inherit = "report.party_cell.report_ballot_filled"
    _description = "Meeting Ballot Sheet (blank)"

    _blank = True
