"""Snapshot fixtures shared by the reader and theme snapshots."""

from __future__ import annotations

import pytest

from tui.app.screens import compare


@pytest.fixture(autouse=True)
def _no_progress_indicator(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether the 'analysing…' indicator appears depends on machine load (it shows after
    PROGRESS_DELAY); once removed it can leave the compositor cutting lines differently, so
    identical screens would give different SVGs. Snapshots show the finished reader only."""
    monkeypatch.setattr(compare, "PROGRESS_DELAY", 3600.0)
