"""The top two lines: the story, its tallies and status, then the legend of marks."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from tui.app.glyphs import UNICODE_GLYPHS, Glyphs


class StoryHeader(Widget):
    """Title line plus a legend, so the glyphs are explained on screen (NO_COLOR needs it)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "story-header--title",
        "story-header--status",
        "story-header--legend",
    }

    def __init__(self, *, glyphs: Glyphs = UNICODE_GLYPHS, id: str | None = None) -> None:
        super().__init__(id=id)
        self.glyphs = glyphs
        self.title_text = "Parallax"
        self.tallies = ""
        self.status = ""
        self.sources = 0

    def update_header(self, *, title: str, tallies: str, status: str, sources: int = 0) -> None:
        self.title_text, self.tallies, self.status = title, tallies, status
        self.sources = sources
        self.refresh()

    @property
    def legend(self) -> str:
        """The marks, with the story's own source count (a two-source story has no "5●")."""
        g = self.glyphs
        n = max(2, self.sources)
        return (
            f"{n}{g.shared} shared by {n}  1{g.unique} only this source  {g.moved} moved "
            f"(m)  {g.conflict} figures disagree  # figures  {g.pivot} pivot  ? help"
        )

    def render(self) -> Text:
        """Line one: the story; line two: tallies and status, then as much legend as fits."""
        width = max(1, self.size.width)
        title_style = self.get_component_rich_style("story-header--title")
        status_style = self.get_component_rich_style("story-header--status")
        legend_style = self.get_component_rich_style("story-header--legend")
        title = Text(f" Parallax {self.glyphs.separator} {self.title_text}", title_style, end="")
        facts = Text(" ", end="")
        if self.tallies:
            facts.append(self.tallies, title_style)
        if self.status:
            facts.append(f"  {self.status}", status_style)
        facts.append(f"  {self.glyphs.separator} {self.legend}", legend_style)
        for line in (title, facts):
            if line.cell_len > width:  # the glyph set's ellipsis: "~" on the Linux console
                line.truncate(max(0, width - 1), overflow="crop")
                line.append(self.glyphs.ellipsis, legend_style)
        return Text("\n", end="").join((title, facts))
