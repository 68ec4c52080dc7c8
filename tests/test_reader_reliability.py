"""The reader's side of the bad-input matrix: it opens what it can and names what it skipped;
tiny terminals and quitting mid-analysis never crash or hang.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.app.app import ParallaxApp
from tui.app.screens.compare import CompareScreen

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "kursk"
GOOD = sorted(SAMPLE.glob("*.txt"))[:2]


@pytest.fixture
def reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[list[str]], ParallaxApp]:
    """A reader on real paths with a throwaway config folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return lambda paths: ParallaxApp(paths, config_path=tmp_path / "config.yaml")


async def analysed(app: ParallaxApp, pilot) -> CompareScreen:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.compare_screen
    assert screen is not None and screen.analysed
    return screen


def _symlink_loop(folder: Path) -> Path:
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    return folder / "loop.txt"


def _sparse(folder: Path) -> Path:
    path = folder / "dump.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 2**20)
    return path


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return build


BAD: dict[str, Callable[[Path], Path]] = {
    "binary": _bytes("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
    "empty": _bytes("empty.txt", b""),
    "NUL bytes": _bytes("nul.txt", b"Some words.\x00\x00\x00"),
    "truncated UTF-8": _bytes("half.txt", ("Café. " * 40).encode() + b"\xe2\x80"),
    "broken front matter": _bytes("fm.md", b"---\ntitle: [oops\n---\nText.\n"),
    "50 MB file": _sparse,
    "symlink loop": _symlink_loop,
}


@pytest.mark.parametrize("make_bad", BAD.values(), ids=BAD.keys())
async def test_reader_opens_the_good_files_and_names_the_bad_one(
    reader: Callable[[list[str]], ParallaxApp], tmp_path: Path, make_bad: Callable[[Path], Path]
) -> None:
    bad = make_bad(tmp_path)
    app = reader([str(GOOD[0]), str(bad), str(GOOD[1])])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(app, pilot)
        assert screen.failure is None
        assert screen.comparison is not None
        assert [a.path for a in screen.comparison.articles] == [str(p) for p in GOOD]
        skipped = [n.message for n in app._notifications if bad.name in n.message]
        assert len(skipped) == 1 and "\n" not in skipped[0]


async def test_broken_story_yaml_keeps_the_story(
    reader: Callable[[list[str]], ParallaxApp], tmp_path: Path
) -> None:
    for path in GOOD:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "story.yaml").write_text("title: [unclosed\n")
    app = reader([str(tmp_path)])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(app, pilot)
        assert screen.comparison is not None and len(screen.comparison.articles) == 2
        assert any("story.yaml" in n.message for n in app._notifications)


async def test_sample_in_a_20x6_terminal(reader: Callable[[list[str]], ParallaxApp]) -> None:
    app = reader([str(SAMPLE)])
    async with app.run_test(size=(20, 6)) as pilot:
        screen = await analysed(app, pilot)
        await pilot.press("j", "j", "n", "s", "tab", "l", "h", "o", "o", "m", "G", "g")
        await pilot.press("f", "escape", "question_mark", "escape", "t", "slash", "x", "escape")
        await pilot.resize_terminal(6, 2)
        await pilot.press("j", "tab")
        await pilot.resize_terminal(20, 6)
        await pilot.pause()
        assert app.compare_screen is screen and screen.failure is None


async def test_resize_storm_while_analysing(
    reader: Callable[[list[str]], ParallaxApp], tmp_path: Path
) -> None:
    """Resizes arrive while the worker still analyses; the result lands in whatever size."""
    text = "".join(
        f"Officials said on day {n} that the {n % 13} bridges near town {n} were closed.\n\n"
        for n in range(150)
    )
    (tmp_path / "long.txt").write_text(text)
    app = reader([str(tmp_path / "long.txt"), str(GOOD[0])])
    async with app.run_test(size=(120, 36)) as pilot:
        for width, height in [(20, 6), (200, 60), (1, 1), (80, 24), (33, 7)] * 3:
            await pilot.resize_terminal(width, height)
            await pilot.press("j")
        screen = await analysed(app, pilot)
        assert screen.failure is None and screen.comparison is not None
        assert len(screen.comparison.articles) == 2


async def test_quitting_mid_analysis_returns_promptly(
    reader: Callable[[list[str]], ParallaxApp], tmp_path: Path
) -> None:
    text = "".join(
        f"The governor said on day {n} that {n % 97 + 2} homes in district {n} lost power.\n\n"
        for n in range(8000)
    )
    (tmp_path / "big.txt").write_text(text)
    app = reader([str(tmp_path / "big.txt"), str(GOOD[0])])
    started = time.perf_counter()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("q")
    assert time.perf_counter() - started < 10
