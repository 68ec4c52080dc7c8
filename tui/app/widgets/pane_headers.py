"""One header line over the panes, drawn from the same column boxes as `AlignedView`."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from tui.app.glyphs import UNICODE_GLYPHS, Glyphs
from tui.app.presenters import SearchHits, StoryFacts
from tui.app.widgets.aligned_view import ColumnBox


class PaneHeaders(Widget):
    """Each visible pane's number, source label and counts (shared, own, figures, hits)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pane-headers--label",
        "pane-headers--pivot",
        "pane-headers--counts",
        "pane-headers--separator",
    }

    def __init__(self, *, glyphs: Glyphs = UNICODE_GLYPHS, id: str | None = None) -> None:
        super().__init__(id=id)
        self.glyphs = glyphs
        self.facts: StoryFacts | None = None
        self.columns: tuple[ColumnBox, ...] = ()
        self.pivot = 0
        self.hits: SearchHits | None = None

    def update_headers(
        self,
        facts: StoryFacts | None,
        columns: tuple[ColumnBox, ...],
        pivot: int,
        hits: SearchHits | None,
    ) -> None:
        self.facts, self.columns, self.pivot, self.hits = facts, columns, pivot, hits
        self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop", end="")
        if self.facts is None:
            return text
        separator_style = self.get_component_rich_style("pane-headers--separator")
        for line in (0, 1):
            if line:
                text.append("\n")
            for slot, box in enumerate(self.columns):
                if slot:
                    text.append(self.glyphs.separator, separator_style)
                text.append_text(self._header(box)[line])
        return text

    def header_text(self, article: int) -> str:
        """The plain text of one pane's header at its current width (for tests and tools)."""
        box = next((b for b in self.columns if b.article == article), None)
        if box is None:
            return ""
        label, tally = self._header(box)
        return f"{label.plain.rstrip()} | {tally.plain.strip()}"

    def _header(self, box: ColumnBox) -> tuple[Text, Text]:
        """Line one: pivot mark, pane number, source; line two: its counts."""
        assert self.facts is not None
        article = self.facts.comparison.articles[box.article]
        is_pivot = box.article == self.pivot
        marker = self.glyphs.pivot if is_pivot else " "
        label = f"{marker}{box.article + 1} {article.source}"
        if len(label) > box.width:
            label = label[: max(1, box.width - 1)] + self.glyphs.ellipsis
        tally = self._tally(article.id, compact=self._compact())
        style = self.get_component_rich_style(
            "pane-headers--pivot" if is_pivot else "pane-headers--label"
        )
        label_text = Text(label, style=style, end="")
        label_text.truncate(box.width, pad=True)
        tally_text = Text(
            tally, style=self.get_component_rich_style("pane-headers--counts"), end=""
        )
        tally_text.truncate(box.width, pad=True)
        return label_text, tally_text

    def _tally(self, article_id: str, *, compact: bool) -> str:
        assert self.facts is not None
        counts = self.facts.counts[article_id]
        hits = None
        if self.hits is not None and self.hits.query.strip():
            hits = self.hits.per_article.get(article_id, 0)
        if compact:
            glyphs = self.glyphs
            parts = [
                f"{counts.shared}{glyphs.shared}",
                f"{counts.unique}{glyphs.unique}",
                f"{counts.figures}#",
            ]
            if hits is not None:
                parts.append(f"/{hits}")
            return " ".join(parts)
        parts = [f"{counts.shared} shared", f"{counts.unique} own", f"{counts.figures} fig"]
        if hits is not None:
            parts.append(f"{hits} hits")
        return " · ".join(parts)

    def _compact(self) -> bool:
        """Glyph counts in every pane as soon as the words do not fit in one: one format."""
        assert self.facts is not None
        articles = self.facts.comparison.articles
        return any(
            len(self._tally(articles[box.article].id, compact=False)) > box.width
            for box in self.columns
        )
