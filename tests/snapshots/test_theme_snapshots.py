"""Every built-in theme on the sample story, at 120x36, as an SVG snapshot to review by eye.

Regenerate after a deliberate change with `pytest tests/snapshots/test_theme_snapshots.py
--snapshot-update`, then open `snapshot_report.html` before committing the new SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.app.app import ParallaxApp
from tui.app.themes import builtin_theme_dir, theme_files

THEMES = [path.stem for path in theme_files(builtin_theme_dir())]
# Analysis of the sample takes well under a second; 20 s only guards against a hung worker.
ANALYSIS_TIMEOUT_STEPS = 400
STEP_SECONDS = 0.05


async def wait_for_analysis(pilot: Pilot[None]) -> None:
    """Snapshot the finished reader, not the moment the worker happens to be at."""
    app = pilot.app
    assert isinstance(app, ParallaxApp)
    for _ in range(ANALYSIS_TIMEOUT_STEPS):
        screen = app.compare_screen
        if screen is not None and screen.analysed:
            break
        await pilot.pause(STEP_SECONDS)
    screen = app.compare_screen
    assert screen is not None and screen.analysed, "analysis did not finish"
    assert screen.failure is None, screen.failure
    # Let the neighbouring-pivot precompute settle, or identical lines may be cut differently.
    await app.workers.wait_for_complete()
    await pilot.pause(0.5)
    await app.workers.wait_for_complete()


@pytest.fixture
def no_user_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty XDG config folder: the developer's own themes and config stay out of snapshots."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "parallax" / "config.yaml"


def test_every_builtin_theme_has_a_snapshot() -> None:
    assert sorted(THEMES) == [
        "colorblind",
        "high-contrast",
        "monochrome",
        "parallax-dark",
        "parallax-light",
    ]


@pytest.mark.parametrize("theme", THEMES)
def test_theme_on_the_sample(
    theme: str, sample_paths: list[str], no_user_settings: Path, snap_compare: Callable[..., bool]
) -> None:
    app = ParallaxApp(sample_paths, theme=theme, config_path=no_user_settings)
    assert app.theme == theme
    assert snap_compare(app, terminal_size=(120, 36), run_before=wait_for_analysis)
