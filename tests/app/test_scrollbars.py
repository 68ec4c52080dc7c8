"""On the Linux console the scrollbar thumb is whole reverse-video cells, not eighth blocks."""

from __future__ import annotations

from rich.color import Color
from textual.scrollbar import ScrollBar, ScrollBarRender

from tui.app.app import ParallaxApp
from tui.app.glyphs import AsciiScrollBarRender

BLOCKS = set("▁▂▃▄▅▆▇█▉▊▋▌▍▎▏")


def drawn(renderer: type[ScrollBarRender], position: float) -> str:
    """The characters of a 20-cell scrollbar whose thumb ends inside a cell."""
    bar = renderer.render_bar(
        size=20,
        virtual_size=137,
        window_size=31,
        position=position,
        back_color=Color.parse("#555555"),
        bar_color=Color.parse("#ffffff"),
    )
    return "".join(segment.text for segment in bar.segments)


def test_linux_console_draws_the_thumb_without_block_glyphs() -> None:
    ParallaxApp(environ={"TERM": "linux"})
    assert ScrollBar.renderer is AsciiScrollBarRender
    for position in (0, 13.3, 57.7, 106):
        text = drawn(ScrollBar.renderer, position)
        assert not BLOCKS & set(text)
        assert len(text) == 20


def test_other_terminals_keep_textuals_smooth_thumb() -> None:
    ParallaxApp(environ={"TERM": "linux"})
    ParallaxApp(environ={"TERM": "xterm-256color"})
    assert ScrollBar.renderer is ScrollBarRender
    assert BLOCKS & set(drawn(ScrollBar.renderer, 13.3)), "the ends use eighth blocks"
