"""SVG snapshots of the reader: the sample at 120x36 and 80x24, and the hand-made story.

The sample's snapshots change whenever the analysis changes (claims, figures): review
`snapshot_report.html` before `--snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import align_by_claims, make_story
from tui.app.app import ParallaxApp

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "kursk"


# After the analysis, the reader precomputes neighbouring pivots after each frame; until that
# settles the compositor may cut identical-looking lines into different SVG segments.
SETTLE_SECONDS = 0.5


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(SETTLE_SECONDS)
    await pilot.app.workers.wait_for_complete()


@pytest.fixture(autouse=True)
def _no_user_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


def _sample_app(tmp_path: Path) -> ParallaxApp:
    return ParallaxApp([str(SAMPLE)], config_path=tmp_path / "config.yaml", environ={})


def test_sample_120x36(snap_compare, tmp_path):
    assert snap_compare(_sample_app(tmp_path), terminal_size=(120, 36), run_before=_settle)


def test_sample_80x24(snap_compare, tmp_path):
    assert snap_compare(_sample_app(tmp_path), terminal_size=(80, 24), run_before=_settle)


def test_story_focused_claim_and_figures(snap_compare, tmp_path):
    app = ParallaxApp(
        [],
        config_path=tmp_path / "config.yaml",
        comparison=make_story(),
        aligner=align_by_claims,
        environ={},
    )
    assert snap_compare(app, terminal_size=(100, 30), press=["j", "f"])


def test_story_without_colour(snap_compare, tmp_path, monkeypatch):
    """NO_COLOR: the gutter glyphs, bold and underline must still tell shared from divergent."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = ParallaxApp(
        [],
        config_path=tmp_path / "config.yaml",
        comparison=make_story(),
        aligner=align_by_claims,
        environ={},
    )
    assert snap_compare(app, terminal_size=(100, 30), press=["j"])
