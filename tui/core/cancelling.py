"""Cancelling a long analysis: the stages look at the caller's event every few hundred items."""

from __future__ import annotations

import threading

# How many items (sentences, figures) a loop handles between two looks at the cancel event: a
# look costs well under a microsecond, an item tens of microseconds on a 1 MB article, so
# cancelling takes a few milliseconds at most.
CANCEL_EVERY = 256


class Cancelled(Exception):
    """The caller set the cancel event; the half-built comparison is thrown away."""


def check(cancel: threading.Event | None) -> None:
    """Raise `Cancelled` when `cancel` is set."""
    if cancel is not None and cancel.is_set():
        raise Cancelled
