from odoo import api, models

# One letter per month status, rating and thematic state in the screen's payload.
STATUS_CODES = {"held": "h", "issues": "i", "late": "l", "missing": "m", "planned": "p",
                "future": "f", "untracked": "u"}
RATING_CODES = {"good": "g", "fair": "f", "average": "a", "poor": "p"}
THEMATIC_CODES = {"held": "h", "planned": "p", "missing": "m"}
# Row totals sent to the screen, in this order.
TOTAL_KEYS = ("held_total", "due", "missing", "thematic_quarters", "quarters", "attendance",
              "score")


def _number(value):
    """A rate or score as short as JSON allows: 85.0 → 85, None → ''."""
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else str(value)


class PartyComplianceMatrix(models.AbstractModel):
    """The matrix as the screen receives it: the same figures in a compact form.

    2,000 cells × 12 months as dicts of a dozen keys each are about 7 MB of JSON; the screen
    gets one string per row instead (``get_matrix_screen``), under 1 MB, and decodes the
    rows it shows. ``get_matrix`` stays the reference (the XLSX export and the tests read
    it).
    """

    _inherit = "party.compliance.matrix"

    @api.model
    def get_matrix_screen(self, date_from, date_to, filters=None):
        """:meth:`get_matrix` in the screen's compact form.

        :return: dict with ``months``, ``summary``, ``legend`` and the filter choices as
            :meth:`get_matrix`, and ``rows`` in tree order, each a list ``[id, name, depth,
            parent_id, is_cell, cell_count, totals, cells]``: ``totals`` in the order of
            ``total_keys``; ``cells`` one string, months separated by ``;``, each month
            ``status|attendance|speaking|score|rating|thematic|ballots_missing|tasks_overdue|
            visits|visits_overdue`` with the letters of ``codes`` and empty trailing fields
            left out.
        """
        matrix = self._matrix(date_from, date_to, filters, self._screen_data)
        rows = []
        for row in matrix["rows"]:
            totals = row.get("totals") or {}
            rows.append([
                row["id"], row["name"], row["depth"], row["parent_id"], row["is_cell"],
                row.get("cell_count", 0),
                [totals.get(key) for key in TOTAL_KEYS],
                row.get("cells") or "",
            ])
        matrix["rows"] = rows
        matrix["total_keys"] = list(TOTAL_KEYS)
        matrix["codes"] = {
            "status": {code: status for status, code in STATUS_CODES.items()},
            "rating": {code: rating for rating, code in RATING_CODES.items()},
            "thematic": {code: state for state, code in THEMATIC_CODES.items()},
        }
        return matrix

    @api.model
    def _screen_data(self, cells, months, summary):
        """Per cell its months as the screen's string, built from the month tuples of
        ``_matrix_cells`` without a dict per month, and the row totals."""
        keys = [m["key"] for m in months]
        # Rates and scores repeat from cell to cell: each is written out once.
        numbers = {}

        def number(value):
            text = numbers.get(value)
            if text is None:
                text = numbers[value] = _number(value)
            return text

        data = {}
        for cell_id, row_months, totals in self._matrix_cells(cells, months):
            texts = []
            for key, (status, _state, _count, att, spk, score, rating, ballots, them, tasks,
                      visits, visits_overdue, color) in zip(keys, row_months):
                summary[key][color] += 1
                texts.append("|".join((
                    STATUS_CODES[status], number(att), number(spk), number(score),
                    RATING_CODES.get(rating, ""), THEMATIC_CODES.get(them, ""),
                    "1" if ballots else "", str(tasks or ""), str(visits or ""),
                    str(visits_overdue or ""),
                )).rstrip("|"))
            data[cell_id] = {"cells": ";".join(texts), "totals": totals}
        return data
