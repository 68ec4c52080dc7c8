"""All panes in one Line API widget, so rows share one geometry and one scroll position.

One `ScrollView` draws every visible pane side by side: a row's height is the tallest wrapped
cell among the visible panes, and aligning across panes needs no scroll syncing between
widgets. Strips are cached per virtual line (LRU); a cursor move only drops and repaints the
rows that hold the old and the new focused claim.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain
from typing import ClassVar, TypeVar, cast

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.glyphs import UNICODE_GLYPHS, Glyphs
from tui.app.presenters import DisplayRow, SearchHits, Span, StoryFacts, wrap_offsets

K = TypeVar("K")
V = TypeVar("V")

# Narrowest pane that still reads as prose: about three words a line after the gutter. Chosen so
# the sample's five sources plus the 30-column figures sidebar fit side by side at 160 columns.
MIN_PANE_WIDTH = 24
# Blank lines between rows; one keeps rows apart without wasting an 80x24 screen.
ROW_GAP = 1


# Layouts kept per shown `rows` object: enough for Tab through a dozen pivots and back, each
# with and without the fold, without holding a 100-source story's layouts forever.
LAYOUT_CACHE_SIZE = 24


def _remember(cache: dict[K, V], key: K, value: V) -> None:
    """Insert into a small FIFO cache (dicts keep insertion order)."""
    cache[key] = value
    while len(cache) > LAYOUT_CACHE_SIZE:
        del cache[next(iter(cache))]


@dataclass(frozen=True, slots=True)
class ColumnBox:
    """Where one article's pane sits inside the view: article position, x and width in cells."""

    article: int
    x: int
    width: int


class AlignedView(ScrollView, can_focus=True, inherit_bindings=False):
    """Aligned rows of every visible source, with the cursor, the focused claim and highlights."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "aligned-view--shared",
        "aligned-view--shared-some",
        "aligned-view--divergent",
        "aligned-view--figure",
        "aligned-view--conflict",
        "aligned-view--focus",
        "aligned-view--cursor",
        "aligned-view--cursor-gutter",
        "aligned-view--mark",
        "aligned-view--variant",
        "aligned-view--moved",
        "aligned-view--furniture",
        "aligned-view--gutter",
        "aligned-view--gutter-shared",
        "aligned-view--separator",
        "aligned-view--search",
        "aligned-view--fold",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Next sentence", id="parallax.next_sentence", show=False),
        Binding("up,k", "move(-1)", "Previous sentence", id="parallax.prev_sentence", show=False),
        Binding("pagedown", "page(1)", "Page down", id="parallax.page_down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="parallax.page_up", show=False),
        Binding("g,home", "edge(-1)", "First sentence", id="parallax.first", show=False),
        Binding("G,end", "edge(1)", "Last sentence", id="parallax.last", show=False),
        Binding("n", "seek('divergent', 1)", "Divergent", id="parallax.next_divergent"),
        Binding(
            "N",
            "seek('divergent', -1)",
            "Previous divergent",
            id="parallax.prev_divergent",
            show=False,
        ),
        Binding("m", "follow_moved", "Go to moved partner", id="parallax.follow_moved", show=False),
        Binding("s", "seek('shared', 1)", "Shared", id="parallax.next_shared"),
        Binding(
            "S", "seek('shared', -1)", "Previous shared", id="parallax.prev_shared", show=False
        ),
        Binding("right_square_bracket", "seek('figure', 1)", "Figure", id="parallax.next_figure"),
        Binding(
            "left_square_bracket",
            "seek('figure', -1)",
            "Previous figure",
            id="parallax.prev_figure",
            show=False,
        ),
    ]

    @dataclass
    class CursorMoved(Message):
        """The cursor is on another row; `sentence_id` is what it points at (None on a fold)."""

        view: AlignedView
        sentence_id: str | None
        row: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, AlignedView.CursorMoved)

    @dataclass
    class LayoutChanged(Message):
        """The visible panes changed (width, paging or pivot); headers follow this geometry."""

        view: AlignedView
        columns: tuple[ColumnBox, ...]
        first: int
        fitting: int

    @dataclass
    class NothingFurther(Message):
        """A seek key found no further row of that kind."""

        view: AlignedView
        kind: str
        direction: int

    def __init__(
        self, *, glyphs: Glyphs = UNICODE_GLYPHS, name: str | None = None, id: str | None = None
    ) -> None:
        super().__init__(name=name, id=id)
        self.glyphs = glyphs
        self.facts: StoryFacts | None = None
        self.rows: tuple[DisplayRow, ...] = ()
        self.pivot = 0
        self.first_column = 0
        self.cursor_row = 0
        self.cursor_column: int | None = None
        self.moved: frozenset[str] = frozenset()
        self.partner: dict[str, str] = {}
        self.hits: SearchHits | None = None
        self.marked_sentences: frozenset[str] = frozenset()
        self.marked_figures: frozenset[str] = frozenset()
        self._columns: tuple[ColumnBox, ...] = ()
        self._row_top: list[int] = []
        self._row_of: dict[str, int] = {}
        self._wraps: dict[tuple[str, int], tuple[Span, ...]] = {}
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._styles: dict[tuple[str, ...], Style] = {}
        self._focus: frozenset[str] = frozenset()
        self._variants: dict[str, tuple[Span, ...]] = {}
        self._layout_width = -1
        self._index_cache: dict[int, tuple[tuple[DisplayRow, ...], dict[str, int]]] = {}
        self._tops_cache: dict[
            tuple[int, int, int], tuple[tuple[DisplayRow, ...], list[int], int]
        ] = {}

    # ----------------------------------------------------------------- state set by the screen

    def show_rows(
        self,
        facts: StoryFacts,
        rows: tuple[DisplayRow, ...],
        pivot: int,
        *,
        moved: Iterable[tuple[str, str]] = (),
        keep: Iterable[str] = (),
    ) -> None:
        """Display `rows` for `pivot`; the cursor lands on the first row holding a `keep` id.

        The screen hands back the same `rows` object when it shows a pivot again, so the row
        index and the row heights computed for it are reused (a pivot change on a 100-source
        story spent most of its time rebuilding them).
        """
        if facts is not self.facts:
            self._index_cache.clear()
            self._tops_cache.clear()
            self._wraps.clear()
        self.facts = facts
        self.rows = rows
        self.pivot = pivot
        self.cursor_column = None
        self.partner = {}
        for anchor, other in moved:
            self.partner[other] = anchor
            self.partner.setdefault(anchor, other)
        # Only the displaced member carries the mark; its anchor is where the claim's row is.
        self.moved = frozenset(other for _, other in moved)
        self._row_of = self._row_index(rows)
        self._ensure_pivot_visible()
        self._relayout(force=True)
        target = next((self._row_of[sid] for sid in keep if sid in self._row_of), None)
        if target is None:
            target = min(self.cursor_row, max(0, len(rows) - 1))
            target = self._nearest_sentence_row(target)
        self.cursor_row = -1
        self.move_cursor_to(target, center=True)

    def _row_index(self, rows: tuple[DisplayRow, ...]) -> dict[str, int]:
        """Sentence id -> the first row that holds it, cached per `rows` object."""
        cached = self._index_cache.get(id(rows))
        if cached is not None and cached[0] is rows:
            return cached[1]
        cells_of: dict[str | None, int] = {}
        # Backwards, so the first row holding a sentence wins; `dict.fromkeys` runs in C.
        for index in range(len(rows) - 1, -1, -1):
            cells_of.update(dict.fromkeys(rows[index].cells, index))
        cells_of.pop(None, None)
        row_of = cast("dict[str, int]", cells_of)
        _remember(self._index_cache, id(rows), (rows, row_of))
        return row_of

    def set_first_column(self, first: int) -> None:
        """Page the visible panes so that `first` is the left-most one."""
        self.first_column = first
        self._relayout(force=True)

    def set_hits(self, hits: SearchHits | None) -> None:
        self.hits = hits
        self._clear_cache()

    def set_marked(self, sentence_ids: Iterable[str], figure_ids: Iterable[str] = ()) -> None:
        """The figure group chosen in the sidebar: its figures are drawn reversed, wherever
        they are (all figures of `sentence_ids` when no figure ids are given)."""
        self.marked_sentences = frozenset(sentence_ids)
        self.marked_figures = frozenset(figure_ids)
        self._clear_cache()

    @property
    def columns(self) -> tuple[ColumnBox, ...]:
        return self._columns

    @property
    def fitting(self) -> int:
        """How many panes fit side by side at the current width."""
        count = self.facts.article_count if self.facts else 1
        width = max(1, self._content_width())
        return max(1, min(count, (width + 1) // (MIN_PANE_WIDTH + 1)))

    @property
    def cursor_sentence(self) -> str | None:
        """The sentence under the cursor: the clicked pane's, else the pivot's, else the first."""
        if not self.rows or not 0 <= self.cursor_row < len(self.rows):
            return None
        cells = self.rows[self.cursor_row].cells
        for column in (self.cursor_column, self.pivot):
            if column is not None and column < len(cells) and cells[column] is not None:
                return cells[column]
        return next((sid for sid in cells if sid is not None), None)

    def row_of(self, sentence_id: str) -> int | None:
        return self._row_of.get(sentence_id)

    # ----------------------------------------------------------------- geometry

    def _content_width(self) -> int:
        return self.scrollable_content_region.width or self.size.width

    def _gutter_width(self) -> int:
        count = self.facts.article_count if self.facts else 1
        return len(str(count)) + 3

    def _ensure_pivot_visible(self) -> None:
        fitting = self.fitting
        if self.pivot < self.first_column:
            self.first_column = self.pivot
        elif self.pivot >= self.first_column + fitting:
            self.first_column = self.pivot - fitting + 1

    def _relayout(self, *, force: bool = False) -> None:
        """Recompute columns and row heights; cheap because wraps are cached per width."""
        width = self._content_width()
        if not force and width == self._layout_width:
            return
        self._layout_width = width
        if self.facts is None or width <= 0:
            self._columns = ()
            self._row_top = []
            self.virtual_size = Size(max(width, 0), 0)
            return
        count = self.facts.article_count
        fitting = self.fitting
        self.first_column = max(0, min(self.first_column, count - fitting))
        self._ensure_pivot_visible()
        usable = width - (fitting - 1)
        base, extra = divmod(usable, fitting)
        columns = []
        x = 0
        for slot in range(fitting):
            column_width = base + (1 if slot < extra else 0)
            columns.append(ColumnBox(self.first_column + slot, x, column_width))
            x += column_width + 1
        self._columns = tuple(columns)
        key = (id(self.rows), self.first_column, width)
        cached = self._tops_cache.get(key)
        if cached is not None and cached[0] is self.rows:
            tops, y = cached[1], cached[2]
        else:
            tops, y = self._row_tops()
            _remember(self._tops_cache, key, (self.rows, tops, y))
        self._row_top = tops
        self._clear_cache()
        self.virtual_size = Size(width, y)
        self.post_message(self.LayoutChanged(self, self._columns, self.first_column, fitting))

    def _row_tops(self) -> tuple[list[int], int]:
        """Each row's first virtual line and the total height, for the current columns."""
        margin = self._gutter_width() + 1
        tops = []
        y = 0
        for row in self.rows:
            tops.append(y)
            if row.folded:
                y += 1 + ROW_GAP
                continue
            height = 1
            for box in self._columns:
                sid = row.cells[box.article] if box.article < len(row.cells) else None
                if sid is not None:
                    height = max(height, len(self._wrap(sid, box.width - margin)))
            y += height + ROW_GAP
        return tops, y

    def _wrap(self, sid: str, width: int) -> tuple[Span, ...]:
        key = (sid, width)
        lines = self._wraps.get(key)
        if lines is None:
            assert self.facts is not None
            lines = wrap_offsets(self.facts.comparison.sentence(sid).text, width)
            self._wraps[key] = lines
        return lines

    def _row_height(self, row: int) -> int:
        end = self._row_top[row + 1] if row + 1 < len(self._row_top) else self.virtual_size.height
        return end - self._row_top[row]

    def _row_at(self, y: int) -> int:
        return max(0, bisect_right(self._row_top, y) - 1)

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}
        self._clear_cache()

    def _clear_cache(self) -> None:
        self._strips.clear()
        self.refresh()

    # ----------------------------------------------------------------- cursor

    def move_cursor_to(self, row: int, *, center: bool = False, column: int | None = None) -> None:
        """Put the cursor on `row`, repaint only the rows whose highlight changed."""
        if not self.rows:
            return
        row = max(0, min(row, len(self.rows) - 1))
        old_focus = self._focus
        old_row = self.cursor_row
        self.cursor_row = row
        if column is not None:
            self.cursor_column = column
        self._focus, self._variants = self._focus_of(self.cursor_sentence)
        touched = {self._row_of.get(sid) for sid in old_focus | self._focus}
        touched.update((old_row, row))
        for index in touched:
            if index is not None and 0 <= index < len(self._row_top):
                self._refresh_row(index)
        self._scroll_to_row(row, center=center)
        if old_row != row or column is not None:
            self.post_message(self.CursorMoved(self, self.cursor_sentence, row))

    def _focus_of(self, sid: str | None) -> tuple[frozenset[str], dict[str, tuple[Span, ...]]]:
        """The cursor sentence plus every member of its claims, and the members' variants."""
        if sid is None or self.facts is None:
            return frozenset(), {}
        comparison = self.facts.comparison
        members = {sid}
        variants: dict[str, list[Span]] = {}
        for claim_id in comparison.claims_of(sid):
            claim = comparison.claim(claim_id)
            members.update(claim.sentences)
            for variant in claim.variants:
                start = comparison.sentence(variant.sentence).start
                variants.setdefault(variant.sentence, []).append(
                    (variant.start - start, variant.end - start)
                )
        return frozenset(members), {k: tuple(v) for k, v in variants.items()}

    def _refresh_row(self, row: int) -> None:
        top = self._row_top[row]
        height = self._row_height(row)
        for line in range(top, top + height):
            self._strips.discard(line)
        self.refresh_lines(top, height)

    def _scroll_to_row(self, row: int, *, center: bool) -> None:
        if not self._row_top:
            return
        top = self._row_top[row]
        height = max(1, self._row_height(row) - ROW_GAP)
        self.scroll_to_region(
            Region(0, top, 1, height), animate=False, center=center, immediate=True, x_axis=False
        )

    def _nearest_sentence_row(self, row: int) -> int:
        """`row` itself unless it is a fold, then the next row with sentences."""
        for index in chain(range(row, len(self.rows)), range(row - 1, -1, -1)):
            if not self.rows[index].folded:
                return index
        return row

    def action_move(self, delta: int) -> None:
        target = self.cursor_row + delta
        while 0 <= target < len(self.rows) and self.rows[target].folded:
            target += delta
        if 0 <= target < len(self.rows):
            self.move_cursor_to(target)

    def action_page(self, direction: int) -> None:
        if not self._row_top:
            return
        page = max(1, self.scrollable_content_region.height - 1)
        y = self._row_top[self.cursor_row] + direction * page
        self.scroll_to(y=self.scroll_y + direction * page, animate=False, immediate=True)
        target = self._nearest_sentence_row(self._row_at(max(0, y)))
        self.move_cursor_to(target)

    def action_edge(self, direction: int) -> None:
        if self.rows:
            target = 0 if direction < 0 else len(self.rows) - 1
            self.move_cursor_to(self._nearest_sentence_row(target))

    def action_seek(self, kind: str, direction: int) -> None:
        """Move to the next (or previous) row that holds a sentence of `kind`."""
        if self.facts is None:
            return
        test = self._row_test(kind)
        index = self.cursor_row + direction
        while 0 <= index < len(self.rows):
            row = self.rows[index]
            if not row.folded and any(sid is not None and test(sid) for sid in row.cells):
                self.move_cursor_to(index, center=True)
                return
            index += direction
        self.post_message(self.NothingFurther(self, kind, direction))

    def action_follow_moved(self) -> None:
        """Jump to where the cursor sentence's claim partner sits (the other end of a ↕)."""
        sid = self.cursor_sentence
        partner = self.partner.get(sid) if sid else None
        row = self._row_of.get(partner) if partner else None
        if partner is None or row is None or self.facts is None:
            self.post_message(self.NothingFurther(self, "moved", 1))
            return
        column = self.facts.position[self.facts.comparison.sentence(partner).article]
        self.move_cursor_to(row, center=True, column=column)

    def _row_test(self, kind: str) -> Callable[[str], bool]:
        assert self.facts is not None
        sentences = self.facts.sentences
        if kind == "divergent":
            return lambda sid: not sentences[sid].shared and not sentences[sid].furniture
        if kind == "shared":
            return lambda sid: sentences[sid].shared
        if kind == "figure":
            return lambda sid: bool(sentences[sid].figures)
        if kind == "hit":
            spans = self.hits.spans if self.hits else {}
            return lambda sid: sid in spans
        raise ValueError(kind)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._row_top:
            return
        y = offset.y + self.scroll_offset.y
        row = self._row_at(y)
        column = next(
            (box.article for box in self._columns if box.x <= offset.x < box.x + box.width), None
        )
        if row < len(self.rows) and not self.rows[row].folded:
            cells = self.rows[row].cells
            if column is not None and cells[column] is None:
                column = None
            self.move_cursor_to(row, column=column)

    # ----------------------------------------------------------------- painting

    def _style(self, *names: str) -> Style:
        """The widget's base style plus the named component styles, cached per combination.

        `rich_style` walks the DOM and Style addition allocates, so both are paid once per
        theme instead of once per cell.
        """
        style = self._styles.get(names)
        if style is None:
            style = self.rich_style
            for name in names:
                style += self._component(name)
            self._styles[names] = style
        return style

    def _component(self, name: str) -> Style:
        """One component's own style, its colour as Textual resolves it on this widget.

        The partial style alone keeps only what the rule sets, but a partial colour drops its
        alpha and cannot resolve `auto` (`$text-muted` is "auto 60%" and came out white, so
        the gutter vanished in parallax-light); the full style's colour is blended with the
        background the way Textual draws it.
        """
        component = f"aligned-view--{name}"
        partial = self.get_component_rich_style(component, partial=True)
        if partial.color is None:
            return partial
        full = self.get_component_rich_style(component)
        return partial + Style(color=full.color) if full.color is not None else partial

    def render_lines(self, crop: Region) -> list[Strip]:
        # The first frame is drawn before the first Resize event reaches `on_resize`: lay out
        # for the real width now, so that frame already shows the text.
        self._relayout()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        width = self.size.width
        strip = self._strips.get(line)
        if strip is None:
            strip = self._render_virtual_line(line)
            if strip.cell_length != width:
                strip = strip.crop_extend(0, width, self._style())
            self._strips[line] = strip
        return strip

    def _render_virtual_line(self, line: int) -> Strip:
        base = self._style()
        # The width the columns were laid out for (`scrollable_content_region` is not free,
        # and every line of a frame would ask for it).
        width = max(0, self._layout_width)
        if not self._row_top or line >= self.virtual_size.height:
            return Strip.blank(width, base)
        row_index = self._row_at(line)
        row = self.rows[row_index]
        offset = line - self._row_top[row_index]
        if row.folded:
            return self._fold_line(row.folded, width) if offset == 0 else Strip.blank(width, base)
        segments: list[Segment] = []
        separator = Segment(self.glyphs.separator, self._style("separator"))
        gutter_width = self._gutter_width()
        for slot, box in enumerate(self._columns):
            if slot:
                segments.append(separator)
            sid = row.cells[box.article] if box.article < len(row.cells) else None
            if sid is None:
                segments.append(Segment(" " * box.width, base))
                continue
            segments.extend(self._cell_line(sid, offset, box.width, gutter_width, base))
        return Strip(segments, width)

    def _fold_line(self, folded: int, width: int) -> Strip:
        noun = "row" if folded == 1 else "rows"
        label = f" {folded} {noun} every source shares · o to unfold "
        side = max(0, (width - len(label)) // 2)
        text = (self.glyphs.fold * side + label + self.glyphs.fold * width)[:width]
        return Strip([Segment(text, self._style("fold"))], width)

    def _cell_line(
        self, sid: str, offset: int, width: int, gutter_width: int, base: Style
    ) -> list[Segment]:
        text_width = width - gutter_width - 1
        lines = self._wrap(sid, text_width)
        if offset >= len(lines):
            return [Segment(" " * width, base)]
        assert self.facts is not None
        segments = self._gutter(sid, offset, gutter_width, base)
        start, end = lines[offset]
        text = self.facts.comparison.sentence(sid).text
        used = 0
        for run_start, run_end, style in self._runs(sid, text, start, end, base):
            chunk = text[run_start:run_end].replace("\n", " ").replace("\t", " ")
            segments.append(Segment(chunk, style))
            used += Segment(chunk).cell_length
        segments.append(Segment(" " * max(0, width - gutter_width - used), base))
        return segments

    def _gutter(self, sid: str, offset: int, gutter_width: int, base: Style) -> list[Segment]:
        """`N● ` / `1◆ `, then a flag: `!` a conflicting figure, `↕` partner on another row."""
        if offset:
            return [Segment(" " * gutter_width, base)]
        assert self.facts is not None
        facts = self.facts.sentences[sid]
        digits = gutter_width - 3
        glyph = self.glyphs.shared if facts.shared else self.glyphs.unique
        names = ["gutter-shared" if facts.shared else "gutter"]
        if sid in self._focus:  # the cursor's claim, in every pane: marked without colour too
            names.append("cursor-gutter")
        segments = [Segment(f"{facts.share_count:>{digits}}{glyph}", self._style(*names))]
        if facts.conflict:
            segments.append(Segment(self.glyphs.conflict, self._style(*names, "conflict")))
        elif sid in self.moved:  # only the glyph: a whole sentence in `$moved` read as a tint
            segments.append(Segment(self.glyphs.moved, self._style(*names, "moved")))
        else:
            segments.append(Segment(" ", self._style(*names)))
        segments.append(Segment(" ", self._style(*names)))
        return segments

    def _runs(
        self, sid: str, text: str, start: int, end: int, base: Style
    ) -> list[tuple[int, int, Style]]:
        """Styled runs of `text[start:end]`: the sentence tint plus every overlapping mark."""
        assert self.facts is not None
        facts = self.facts.sentences[sid]
        if facts.furniture:
            tint = "furniture"
        elif facts.shared_all:
            tint = "shared"
        elif facts.shared:
            tint = "shared-some"
        else:
            tint = "divergent"
        sentence_names: list[str] = [tint]
        if sid in self._focus:
            sentence_names.append("focus")
        if sid == self.cursor_sentence:
            sentence_names.append("cursor")
        marks: list[tuple[int, int, str]] = []
        for figure in facts.figures:
            marks.append((figure.start, figure.end, "conflict" if figure.conflict else "figure"))
        if sid in self._focus:
            for span_start, span_end in self._variants.get(sid, ()):
                marks.append((span_start, span_end, "variant"))
        if self.hits is not None:
            for span_start, span_end in self.hits.spans.get(sid, ()):
                marks.append((span_start, span_end, "search"))
        if sid in self.marked_sentences:
            for figure in facts.figures:
                if figure.figure_id in self.marked_figures or not self.marked_figures:
                    marks.append((figure.start, figure.end, "mark"))
        if not marks:
            return [(start, end, self._style(*sentence_names))]
        points = {start, end}
        for mark_start, mark_end, _ in marks:
            if mark_end > start and mark_start < end:
                points.add(max(start, mark_start))
                points.add(min(end, mark_end))
        ordered = sorted(points)
        runs = []
        for run_start, run_end in itertools.pairwise(ordered):
            names = list(sentence_names)
            for mark_start, mark_end, mark_name in marks:
                if mark_start <= run_start and run_end <= mark_end:
                    names.append(mark_name)
            runs.append((run_start, run_end, self._style(*names)))
        return runs
