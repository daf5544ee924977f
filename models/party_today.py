"""The day that displayed figures are computed for."""

from odoo import fields


def shown_today(records):
    """Today for what ``records`` show (overdue flags, party age, fee flags, statuses).

    ``party_today`` in the context pins another day, for a report of that day or a test.
    It moves displayed computes only; no lock or decision reads it.
    """
    pinned = records.env.context.get("party_today")
    return fields.Date.to_date(pinned) if pinned else fields.Date.context_today(records)
