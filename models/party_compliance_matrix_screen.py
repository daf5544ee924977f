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
        matrix = self.get_matrix(date_from, date_to, filters)
        keys = [m["key"] for m in matrix["months"]]
        rows = []
        for row in matrix["rows"]:
            totals = row.get("totals") or {}
            cells = ""
            if row["is_cell"]:
                cells = ";".join(self._screen_cell(row["cells"][key]) for key in keys)
            rows.append([
                row["id"], row["name"], row["depth"], row["parent_id"], row["is_cell"],
                row.get("cell_count", 0),
                [totals.get(key) for key in TOTAL_KEYS],
                cells,
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
    def _screen_cell(self, cell):
        fields_ = [
            STATUS_CODES[cell["status"]],
            _number(cell["attendance"]),
            _number(cell["speaking"]),
            _number(cell["score"]),
            RATING_CODES.get(cell["rating"], ""),
            THEMATIC_CODES.get(cell["thematic"], ""),
            "1" if cell["ballots_missing"] else "",
            str(cell["tasks_overdue"] or ""),
            str(cell["visits"] or ""),
            str(cell["visits_overdue"] or ""),
        ]
        return "|".join(fields_).rstrip("|")
