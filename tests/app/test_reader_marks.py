"""Marks and terminal details the themes work asked of the reader (issue 6 follow-ups)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.color import Color as RichColor

from tests.app.conftest import align_by_claims, make_story
from tui.app import launch
from tui.app.app import ParallaxApp
from tui.app.config import default_config_path

AppFactory = Callable[..., ParallaxApp]


def _rgb(color: RichColor | None) -> tuple[int, int, int]:
    assert color is not None and color.triplet is not None
    return color.triplet.red, color.triplet.green, color.triplet.blue


@pytest.mark.parametrize("theme", ["parallax-light", "parallax-dark"])
async def test_gutter_and_separator_colours_differ_from_the_background(
    make_app: AppFactory, theme: str
):
    # `$text-muted` is "auto 60%": as a partial style it came out white, invisible in light.
    app = make_app(theme=theme)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        view = app.compare_screen.view  # type: ignore[union-attr]
        background = _rgb(view._style().bgcolor)
        for name in ("gutter", "fold", "separator"):
            colour = _rgb(view._style(name).color)
            assert sum(abs(a - b) for a, b in zip(colour, background, strict=True)) > 120, name


async def test_moved_colours_only_the_glyph_not_the_sentence(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        view = app.compare_screen.view  # type: ignore[union-attr]
        view.moved = frozenset({"b#2"})
        moved_colour = view._style("moved").color
        gutter = view._gutter("b#2", 0, view._gutter_width(), view._style())
        flags = [segment for segment in gutter if segment.text == view.glyphs.moved]
        assert flags and flags[0].style is not None and flags[0].style.color == moved_colour
        text = view.facts.comparison.sentence("b#2").text  # type: ignore[union-attr]
        runs = view._runs("b#2", text, 0, len(text), view._style())
        assert all(style.color != moved_colour for _, _, style in runs)


async def test_conflict_span_sits_on_the_surface(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        view = app.compare_screen.view  # type: ignore[union-attr]
        surface = app.theme_variables["surface"]
        assert view._style("divergent", "conflict").bgcolor is not None
        assert _rgb(view._style("divergent", "conflict").bgcolor) == _rgb(RichColor.parse(surface))


def test_bad_theme_in_the_default_config_names_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    config = default_config_path()
    config.parent.mkdir(parents=True)
    config.write_text("theme: no-such-theme\n", encoding="utf-8")
    app = ParallaxApp([], comparison=make_story(), aligner=align_by_claims)
    assert any(p.startswith(f"{config}: theme: 'no-such-theme'") for p in app.startup_problems)


@pytest.mark.parametrize(("sty", "mouse"), [("1234.pts-0.host", False), ("", True)])
def test_gnu_screen_runs_without_mouse_tracking(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sty: str, mouse: bool
):
    # With mouse reports on, GNU screen (which sets STY) made a lone Escape wait for a key.
    seen: dict[str, object] = {}
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("STY", sty)
    monkeypatch.setattr(ParallaxApp, "run", lambda self, **kwargs: seen.update(kwargs))
    args = argparse.Namespace(paths=[], theme=None, config=None, semantic=False)
    assert launch.run_reader(args) == 0
    assert seen["mouse"] is mouse
