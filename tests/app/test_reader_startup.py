"""The reader on real input: the sample through the worker, one article, skipped inputs, sizes."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.geometry import Size

from tui.app.app import ParallaxApp
from tui.app.screens.compare import CompareScreen
from tui.app.widgets.pane_headers import PaneHeaders
from tui.app.widgets.story_header import StoryHeader

AppFactory = Callable[..., ParallaxApp]
SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "kursk"


async def wait_for_analysis(app: ParallaxApp, pilot) -> CompareScreen:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.compare_screen
    assert screen is not None
    return screen


async def test_sample_opens_with_five_labelled_panes(make_app: AppFactory):
    app = make_app([str(SAMPLE)])
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_for_analysis(app, pilot)
        assert screen.analysed and screen.failure is None
        assert len(screen.view.columns) == 5
        headers = screen.query_one(PaneHeaders)
        for index, article in enumerate(screen.comparison.articles):  # type: ignore[union-attr]
            assert article.source[:10] in headers.header_text(index)
        assert screen.view.cursor_sentence is not None


async def test_one_article_opens_and_says_comparing_needs_two(make_app: AppFactory):
    one = sorted(SAMPLE.glob("*.txt"))[0]
    app = make_app([str(one)])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_analysis(app, pilot)
        assert len(screen.comparison.articles) == 1  # type: ignore[union-attr]
        assert any("two sources" in n.message for n in app._notifications)


async def test_skipped_input_is_notified_and_the_rest_opens(make_app: AppFactory, tmp_path):
    missing = tmp_path / "missing.txt"
    files = [str(path) for path in sorted(SAMPLE.glob("*.txt"))[:2]]
    app = make_app([*files, str(missing)])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_analysis(app, pilot)
        assert len(screen.comparison.articles) == 2  # type: ignore[union-attr]
        assert any("missing.txt" in n.message for n in app._notifications)


async def test_nothing_readable_reports_and_stays_up(make_app: AppFactory, tmp_path):
    app = make_app([str(tmp_path / "nope.txt")])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_analysis(app, pilot)
        assert screen.failure is not None
        await pilot.press("j", "tab", "o", "f", "slash", "x", "enter", "n")


async def test_tiny_terminal_does_not_crash(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("j", "n", "tab", "l", "h", "o", "f", "enter", "f", "G", "question_mark")
        await pilot.press("escape")
        assert app.compare_screen is not None


async def test_resize_storm_does_not_crash(make_app: AppFactory):
    app = make_app([str(SAMPLE)])
    async with app.run_test(size=(200, 60)) as pilot:
        await wait_for_analysis(app, pilot)
        # Events arrive faster than frames in a real storm: post them, let the app catch up
        # every ten cycles (a pause after each one would only test Pilot's patience).
        for cycle in range(50):
            for width, height in ((20, 6), (200, 60)):
                size = Size(width, height)
                app.post_message(events.Resize(size, size))
            if cycle % 10 == 9:
                await pilot.pause()
        for _ in range(3):  # and a few resizes that each wait for their frame
            await pilot.resize_terminal(20, 6)
            await pilot.resize_terminal(200, 60)
        await pilot.pause()
        screen = app.compare_screen
        assert screen is not None
        assert len(screen.view.columns) == 5
        await pilot.press("j", "tab")
        assert screen.view.cursor_sentence is not None


async def test_twelve_sources_page_and_keep_two_digit_gutters(make_app: AppFactory):
    bench = Path(__file__).resolve().parents[1] / "perf" / "bench_keys.py"
    spec = importlib.util.spec_from_file_location("bench_keys", bench)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    app = make_app(comparison=module.synthetic_story(12, sentences_each=8))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.compare_screen
        assert screen is not None
        view = screen.view
        assert len(view.columns) < 12
        for _ in range(12):
            await pilot.press("l")
        assert view.columns[-1].article == 11
        assert screen.pivot_id in {a.id for a in screen.comparison.articles[-len(view.columns) :]}  # type: ignore[union-attr]
        line = "".join(s.text for s in view._render_virtual_line(0))
        assert any(glyph in line for glyph in ("●", "◆"))
        await pilot.press("G", "g", "n", "s", "tab")


async def test_a_folder_without_a_title_is_named_after_the_folder(make_app: AppFactory, tmp_path):
    folder = tmp_path / "harbour-fire"
    folder.mkdir()
    for path in sorted(SAMPLE.glob("*.txt"))[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await wait_for_analysis(app, pilot)
        assert screen.comparison.title is None  # type: ignore[union-attr]
        assert app.query_one(StoryHeader).title_text == "harbour-fire"
