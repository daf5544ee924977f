"""Locks of the book of record, and the only way server code opens one.

Approved minutes, submitted ballots, decided appraisals, reported visits and the like refuse
changes whatever the caller sends. The workflow buttons and the committee's correction
wizard must still write some of those fields; they open the lock for named records and
fields, for the duration of a ``with`` block::

    with open_lock(meeting, {"state"}):
        meeting.write({"state": "approved"})

The opening is held in a context variable of the running thread, not in ``env.context``:
an RPC caller may send any context key, but cannot reach this variable, just as it cannot
make itself superuser (Odoo core never lets a caller-supplied context open a lock either).
The user's own access rights and record rules still apply inside the block: nothing is
elevated but the named fields of the named records. The superuser (data files, the shell,
server code that has already checked the user's rights) passes every lock.
"""

import contextvars
from contextlib import contextmanager

from odoo.exceptions import UserError

_OPENED = contextvars.ContextVar("party_cell_opened_locks", default=frozenset())


@contextmanager
def open_lock(records, fnames):
    """Let the enclosed code change ``fnames`` of ``records`` through their lock."""
    keys = {(records._name, rid, fname) for rid in records.ids for fname in fnames}
    token = _OPENED.set(_OPENED.get() | keys)
    try:
        yield records
    finally:
        _OPENED.reset(token)


def lock_opened(records, fnames):
    """Whether server code opened the lock of every field of ``fnames`` on ``records``."""
    if records.env.su:
        return True
    opened = _OPENED.get()
    return all((records._name, rid, fname) in opened
               for rid in records.ids for fname in fnames)


def refuse(records, message, operation="write"):
    """Refuse a change of locked records; a user who may not change them at all hears that
    first (an access error), as Odoo would tell them, rather than about the lock."""
    records.check_access(operation)
    raise UserError(message)
