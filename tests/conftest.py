"""Fixtures every test module may use: the bundled sample story, as paths and analysed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.models import Comparison

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DIR = REPO / "sample_data" / "kursk"


@pytest.fixture
def sample_paths() -> list[str]:
    """What `parallax` opens with no arguments: the sample story's folder (with story.yaml)."""
    return [str(SAMPLE_DIR)]


@pytest.fixture(scope="session")
def sample_comparison() -> Comparison:
    """The sample story analysed once per test session (the model is immutable)."""
    from tui.core.pipeline import build_comparison

    comparison, problems = build_comparison([str(SAMPLE_DIR)], strict=True)
    assert problems == ()
    return comparison
