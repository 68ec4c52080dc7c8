"""Under NO_COLOR the reader still shows shared, divergent and conflict marks.

Textual answers NO_COLOR with a greyscale filter, so tints collapse into greys; what must remain
is the gutter glyph and the text style of each mark (STYLE.md, "Never colour alone"). The panes
are read back through `Widget.render_lines`, which applies the app's line filters exactly as the
terminal output does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.style import Style
from textual.filter import Monochrome
from textual.geometry import Region
from textual.widget import Widget

from tests.app.conftest import wait_for_analysis
from tui.app.app import ParallaxApp
from tui.app.glyphs import Glyphs
from tui.app.widgets.aligned_view import AlignedView
from tui.app.widgets.figures_sidebar import FiguresSidebar

# Analysis of the sample takes well under a second; 20 s only guards against a hung worker.
# The sample is about 20 screens long at 120x36; more pages than that means no conflict is drawn.
PAGES_TO_SEARCH = 60


@dataclass(frozen=True, slots=True)
class Cell:
    """One sentence on screen: its gutter text, its styled characters, and whether the cursor
    is on it (the cursor's gutter is drawn reversed)."""

    gutter: str
    text: str
    styles: tuple[Style, ...]
    cursor: bool


def styled_characters(widget: Widget) -> list[list[tuple[str, Style]]]:
    """What the terminal receives for `widget`, filters applied, one (char, style) per cell."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return [
        [(character, segment.style or Style()) for segment in strip for character in segment.text]
        for strip in widget.render_lines(region)
    ]


def pane_cells(view: AlignedView, glyphs: Glyphs) -> list[Cell]:
    """Each sentence drawn on screen: its gutter ("12●! ") and its wrapped lines' characters.

    Lines are split at the pane separator; a line with a blank gutter under a sentence in the
    same pane continues that sentence, a blank line ends it.
    """
    gutter = re.compile(
        rf"^ *\d+[{re.escape(glyphs.shared + glyphs.unique)}]"
        rf"[{re.escape(glyphs.conflict + glyphs.moved)} ] "
    )
    finished: list[Cell] = []
    open_cells: dict[int, Cell] = {}
    for line in styled_characters(view):
        text = "".join(character for character, _ in line)
        start = 0
        for column, part in enumerate(text.split(glyphs.separator)):
            end = start + len(part)
            match = gutter.match(part)
            current = open_cells.pop(column, None)
            if match is not None:
                if current is not None:
                    finished.append(current)
                body = slice(start + match.end(), end)
                styles = tuple(style for _, style in line[body])
                cursor = any(style.reverse for _, style in line[start : start + match.end()])
                open_cells[column] = Cell(match.group(0), text[body], styles, cursor)
            elif current is not None and part.strip():
                body = slice(start + len(current.gutter), end)
                styles = tuple(style for _, style in line[body])
                open_cells[column] = Cell(
                    current.gutter,
                    current.text + text[body],
                    current.styles + styles,
                    current.cursor,
                )
            elif current is not None:
                finished.append(current)
            start = end + len(glyphs.separator)
    return finished + list(open_cells.values())


def is_box(character: str) -> bool:
    """Box-drawing characters (the sidebar's border), U+2500 to U+257F."""
    return "\u2500" <= character <= "\u257f"


def is_grey(style: Style) -> bool:
    for colour in (style.color, style.bgcolor):
        if colour is not None and colour.triplet is not None:
            red, green, blue = colour.triplet
            if not red == green == blue:
                return False
    return True


@pytest.fixture
def no_color_app(
    sample_paths: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> ParallaxApp:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("NO_COLOR", "1")
    app = ParallaxApp(sample_paths, config_path=tmp_path / "config.yaml")
    assert app.no_color
    assert any(isinstance(line_filter, Monochrome) for line_filter in app.get_line_filters())
    return app


async def test_marks_stay_visible_without_colour(no_color_app: ParallaxApp) -> None:
    app = no_color_app
    glyphs = app.glyphs
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_analysis(pilot)
        view = app.screen.query_one(AlignedView)

        cells = pane_cells(view, glyphs)
        assert cells, "no sentence drawn"
        assert all(is_grey(style) for cell in cells for style in cell.styles)
        assert any(glyphs.shared in cell.gutter for cell in cells), "no shared glyph"

        # Next divergent sentence, then one step on: the cursor's own bold must not count.
        await pilot.press("n", "down")
        divergent = [
            cell
            for cell in pane_cells(view, glyphs)
            if glyphs.unique in cell.gutter and not cell.cursor
        ]
        assert divergent, "no divergent glyph near the cursor after n"
        for cell in divergent:
            words = [
                style
                for character, style in zip(cell.text, cell.styles, strict=True)
                if character != " "
            ]
            assert words and all(style.bold for style in words), cell.text

        sidebar = app.screen.query_one(FiguresSidebar)
        first_group = next(
            line
            for line in styled_characters(sidebar)
            if any(character.isalnum() for character, _ in line)
            and not any(character in "╭╰" for character, _ in line)  # the titled border
        )
        marks = [(c, style) for c, style in first_group if not (c.isspace() or is_box(c))]
        assert marks[0][0] == glyphs.conflict, "conflicts are not listed first, marked"
        assert marks[0][1].bold

        # Page through the story (no figure group selected, so only the conflict style
        # reverses text) until a sentence with a conflicting figure is on screen.
        reversed_text: list[str] = []
        for _ in range(PAGES_TO_SEARCH):
            conflicting = [
                cell for cell in pane_cells(view, glyphs) if glyphs.conflict in cell.gutter
            ]
            reversed_text = [
                "".join(
                    c for c, style in zip(cell.text, cell.styles, strict=True) if style.reverse
                ).strip()
                for cell in conflicting
            ]
            if any(reversed_text):
                break
            await pilot.press("pagedown")
        assert any(reversed_text), "no conflicting figure drawn reversed next to a ! glyph"
