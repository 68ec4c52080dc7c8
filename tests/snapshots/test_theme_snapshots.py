"""Every built-in theme on the sample story, at 120x36, as an SVG snapshot to review by eye.

Regenerate after a deliberate change with `pytest tests/snapshots/test_theme_snapshots.py
--snapshot-update`, then open `snapshot_report.html` before committing the new SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.conftest import wait_for_analysis
from tui.app.app import ParallaxApp
from tui.app.themes import builtin_theme_dir, theme_files

THEMES = [path.stem for path in theme_files(builtin_theme_dir())]


# Analysis of the sample takes well under a second; 20 s only guards against a hung worker.
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
