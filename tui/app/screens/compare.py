"""The reader's one screen: it owns the story and the UI state and hands them to the widgets."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from tui.app.glyphs import Glyphs
from tui.app.messages import AnalysisFailed, ArticlesReady, ComparisonReady
from tui.app.presenters import (
    DisplayRow,
    FigureGroupView,
    SearchHits,
    StoryFacts,
    find_hits,
    plan_rows,
    reading_order_rows,
)
from tui.app.widgets.aligned_view import AlignedView
from tui.app.widgets.figures_sidebar import FiguresSidebar
from tui.app.widgets.pane_headers import PaneHeaders
from tui.app.widgets.story_header import StoryHeader
from tui.core.models import Alignment, Comparison
from tui.core.options import Options

if TYPE_CHECKING:
    from tui.core.loading import LoadedStory

Aligner = Callable[[Comparison, str], Alignment]

# Below this the analysis finishes before anyone notices; above it, say that it is running.
# 0.3 s is the threshold (roughly where a pause stops feeling instantaneous).
PROGRESS_DELAY = 0.3
# Longest the analysis waits for the first paint of the text (normally ~50 ms after `_start`;
# a machine under heavy load has been seen to take 0.6 s, and starting the analysis early only
# slows that frame further).
FIRST_PAINT_WAIT = 2.0
# Narrower than this, the figures sidebar starts hidden: at 60 columns it still leaves two
# 24-column panes beside its 30 (MIN_PANE_WIDTH), below that a single pane of ~24 columns.
NARROW_WIDTH = 60
# Inputs up to this size are read and segmented before the first frame (the five-article
# sample is 16 KB and takes ~20 ms); bigger ones are read by the worker so the UI never waits.
SYNC_PREVIEW_BYTES = 256 * 1024


def _folder_name(paths: Sequence[str]) -> str | None:
    """A story without a title is named after the one folder it was opened from: people name
    their story folders ("stories/kursk-troops/"), not the files in them."""
    if len(paths) != 1 or not Path(paths[0]).is_dir():
        return None
    return Path(paths[0]).resolve().name or None


def _input_bytes(paths: Sequence[str]) -> int:
    """Total size of the input files (a folder counts its direct files); no paths: the sample."""
    total = 0
    for given in paths:
        path = Path(given)
        try:
            if path.is_dir():
                total += sum(f.stat().st_size for f in path.iterdir() if f.is_file())
            else:
                total += path.stat().st_size
        except OSError:
            continue
    return total


def _pivot_bindings() -> list[BindingType]:
    return [
        Binding(
            str(number),
            f"pivot({number - 1})",
            "Pivot to source N",
            id=f"parallax.pivot_{number}",
            show=False,
        )
        for number in range(1, 10)
    ]


class CompareScreen(Screen[None]):
    """Sources side by side, aligned on the pivot's claims, with the figures beside them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # First, so a narrow footer (80 columns) still shows them; the actions are the app's.
        Binding("question_mark,f1", "app.help", "Help", id="parallax.help"),
        Binding("q", "app.quit", "Quit", id="parallax.quit"),
        Binding("tab", "cycle_pivot(1)", "Source", id="parallax.next_source"),
        Binding(
            "shift+tab", "cycle_pivot(-1)", "Previous source", id="parallax.prev_source", show=False
        ),
        *_pivot_bindings(),
        Binding("h,left", "page_panes(-1)", "Panes left", id="parallax.panes_left", show=False),
        Binding("l,right", "page_panes(1)", "Panes right", id="parallax.panes_right", show=False),
        Binding("slash", "search", "Search", id="parallax.search"),
        Binding("o", "toggle_fold", "Only differences", id="parallax.only_differences"),
        Binding("f", "focus_sidebar", "Figures", id="parallax.focus_figures"),
        Binding(
            "F", "toggle_sidebar", "Show/hide figures", id="parallax.toggle_figures", show=False
        ),
        Binding(
            "b",
            "toggle_furniture",
            "Show/hide page furniture",
            id="parallax.toggle_furniture",
            show=False,
        ),
        Binding("escape", "back", "Back to panes", id="parallax.back", show=False),
    ]

    def __init__(
        self,
        paths: Sequence[str],
        *,
        options: Options,
        glyphs: Glyphs,
        sidebar_side: str = "right",
        comparison: Comparison | None = None,
        aligner: Aligner | None = None,
    ) -> None:
        """`comparison` skips loading (tests, benchmarks); `aligner` gives rows for a pivot."""
        super().__init__()
        self.given = comparison
        self.aligner = aligner
        self.paths = list(paths)
        # Read once: the header is redrawn on every move, and this asks the file system.
        self.folder_name = _folder_name(self.paths)
        self.options = options
        self.glyphs = glyphs
        self.sidebar_side = sidebar_side
        self.comparison: Comparison | None = None
        self.facts: StoryFacts | None = None
        self.analysed = False
        self.pivot = 0
        self.fold_shared = False
        self.hide_furniture = False
        self.hits: SearchHits | None = None
        self.selected_group: FigureGroupView | None = None
        self.failure: str | None = None
        self._alignments: dict[str, Alignment] = {}
        # Rows per (pivot, fold, furniture) once analysed: Tab back to a pivot reuses them.
        self._rows: dict[tuple[str, bool, bool], tuple[DisplayRow, ...]] = {}
        self._status = ""
        # Set once the articles' text is on screen; the worker holds the analysis until then
        # so it does not compete with the first paint for the GIL.
        self._text_painted = threading.Event()

    # ----------------------------------------------------------------- composition

    def compose(self) -> ComposeResult:
        yield StoryHeader(glyphs=self.glyphs, id="story-header")
        with Container(id="body"):
            yield FiguresSidebar(glyphs=self.glyphs, id="figures")
            with Vertical(id="reader"):
                yield PaneHeaders(glyphs=self.glyphs, id="pane-headers")
                yield AlignedView(glyphs=self.glyphs, id="aligned")
        yield Input(placeholder="search every source · Enter jumps · Esc clears", id="search")
        yield Footer()

    def on_mount(self) -> None:
        self.set_class(self.sidebar_side == "left", "-sidebar-left")
        self.set_class(self.glyphs.separator.isascii(), "-ascii")
        self.query_one(AlignedView).focus()
        if self.given is not None:
            self.analysed = True
            self._load(self.given)
            return
        self.set_timer(PROGRESS_DELAY, self._show_progress)
        self._start()

    def on_resize(self, event: events.Resize) -> None:
        # Below this width the sidebar would leave one cramped pane: it starts hidden, and f
        # (or F) still shows it, since an inline `display` wins over the class rule.
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")

    @property
    def view(self) -> AlignedView:
        return self.query_one(AlignedView)

    @property
    def sidebar(self) -> FiguresSidebar:
        return self.query_one(FiguresSidebar)

    @property
    def pivot_id(self) -> str | None:
        if self.comparison is None:
            return None
        return self.comparison.articles[self.pivot].id

    # ----------------------------------------------------------------- analysis worker

    def _read_story(self) -> tuple[LoadedStory | None, ArticlesReady | AnalysisFailed]:
        """Load and segment the input: enough to paint the articles' text."""
        from tui.core.loading import load_story, sample_story_path
        from tui.core.preparing import prepare_article

        try:
            story = load_story(self.paths or [sample_story_path()])
        except Exception as error:
            return None, AnalysisFailed(f"could not read the input: {error}")
        if not story.articles:
            reasons = "; ".join(str(problem) for problem in story.problems) or "no articles"
            return None, AnalysisFailed(f"nothing to read: {reasons}")
        preview = Comparison(story.title, tuple(map(prepare_article, story.articles)))
        return story, ArticlesReady(preview, story.problems)

    def _start(self) -> None:
        """Paint text as early as possible, then analyse in a thread.

        Small inputs (the usual story) are read and segmented right here, before the first
        frame, so that frame already shows text; larger ones are read by the worker.
        """
        if _input_bytes(self.paths) > SYNC_PREVIEW_BYTES:
            self.run_analysis(None)
            return
        story, outcome = self._read_story()
        if isinstance(outcome, ArticlesReady):
            # Handled here rather than posted: the text is then in the very first frame,
            # one event-loop turn (and a whole repaint) earlier.
            self._articles_ready(outcome)
        else:
            self.post_message(outcome)
        if story is not None:
            self.run_analysis(story)

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis")
    def run_analysis(self, story: LoadedStory | None) -> None:
        """Compare the sources (reading them first if `_start` did not); never touches widgets.

        This is `build_comparison` split in its two halves (`load_story`, then `analyse`) so
        the articles' text reaches the screen before the cross-source analysis has finished.
        """
        worker = get_current_worker()
        started = time.perf_counter()
        if story is None:
            story, outcome = self._read_story()
            self.post_message(outcome)
            if story is None:
                return
        self._text_painted.wait(timeout=FIRST_PAINT_WAIT)
        from tui.core.pipeline import Cancelled, analyse

        try:
            comparison = analyse(story, self.options, worker.cancelled_event)
        except Cancelled:
            return
        except Exception as error:
            self.post_message(AnalysisFailed(f"analysis failed: {error}"))
            return
        if not worker.is_cancelled:
            self.post_message(ComparisonReady(comparison, time.perf_counter() - started))

    @on(ArticlesReady)
    def _articles_ready(self, message: ArticlesReady) -> None:
        for problem in message.problems:
            self.notify(f"skipped {problem}", title="Input", severity="warning", timeout=8)
        if len(message.comparison.articles) == 1:
            self.notify(
                "Comparing needs at least two sources; showing the one that could be read.",
                title="One source",
                severity="warning",
                timeout=8,
            )
        if not self.analysed:
            self._load(message.comparison)
        self.call_after_refresh(self._text_painted.set)

    @on(ComparisonReady)
    def _comparison_ready(self, message: ComparisonReady) -> None:
        self.analysed = True
        self._status = ""
        self.sidebar.loading = False
        self._load(message.comparison)

    @on(AnalysisFailed)
    def _analysis_failed(self, message: AnalysisFailed) -> None:
        self.failure = message.reason
        self.analysed = True
        self.sidebar.loading = False
        self._status = message.reason
        self.notify(message.reason, title="Parallax", severity="error", timeout=10)
        self._update_header()

    def _show_progress(self) -> None:
        if not self.analysed:
            self._status = "analysing…"
            self.sidebar.loading = True
            self._update_header()

    def _load(self, comparison: Comparison) -> None:
        keep = self._keep_ids()
        self.comparison = comparison
        self.facts = StoryFacts(comparison)
        self._alignments = {}
        self._rows = {}
        self.pivot = min(self.pivot, len(comparison.articles) - 1)
        if self.hits is not None:
            self.hits = find_hits(comparison, self.hits.query)
        self.view.set_hits(self.hits)
        self.sidebar.show_groups(self.facts.figure_groups, pending=not self.analysed)
        self._show_rows(keep)

    # ----------------------------------------------------------------- rows

    def _alignment(self) -> Alignment:
        assert self.comparison is not None
        pivot_id = self.comparison.articles[self.pivot].id
        alignment = self._alignments.get(pivot_id)
        if alignment is None and not self.analysed:
            alignment = reading_order_rows(self.comparison, pivot_id)
        elif alignment is None:
            alignment = self._aligner()(self.comparison, pivot_id)
            self._alignments[pivot_id] = alignment
        return alignment

    def _keep_ids(self) -> list[str]:
        """Ids to find the cursor again after a relayout: the new pivot's claim partner first."""
        if self.comparison is None:
            return []
        current = self.view.cursor_sentence
        if current is None:
            return []
        keep = [current]
        for claim_id in self.comparison.claims_of(current):
            keep.extend(self.comparison.claim(claim_id).sentences)
        pivot_id = self.comparison.articles[self.pivot].id
        return sorted(keep, key=lambda sid: (not sid.startswith(pivot_id + "#"), sid != current))

    def _show_rows(self, keep: Sequence[str]) -> None:
        if self.comparison is None or self.facts is None:
            return
        alignment = self._alignment()
        key = (alignment.pivot, self.fold_shared, self.hide_furniture)
        rows = self._rows.get(key) if self.analysed else None
        if rows is None:
            rows = plan_rows(
                alignment,
                self.facts,
                fold_shared=self.fold_shared,
                hide_furniture=self.hide_furniture,
            )
            if self.analysed:
                self._rows[key] = rows
        self.view.show_rows(self.facts, rows, self.pivot, moved=alignment.moved, keep=keep)
        self._update_header()
        # After the frame, so the thread does not compete with this repaint for the GIL.
        self.call_after_refresh(self._prefetch_neighbours)

    def _prefetch_neighbours(self) -> None:
        """Align the sources Tab and Shift+Tab lead to, in a thread, while the reader reads."""
        comparison = self.comparison
        if comparison is None or not self.analysed or self.failure is not None:
            return
        count = len(comparison.articles)
        wanted = []
        for step in (1, -1):
            article_id = comparison.articles[(self.pivot + step) % count].id
            if article_id not in self._alignments and article_id not in wanted:
                wanted.append(article_id)
        if wanted:
            self._align_in_background(comparison, self._aligner(), wanted)

    def _aligner(self) -> Aligner:
        if self.aligner is None:
            from tui.core.aligning import align_rows

            self.aligner = align_rows
        return self.aligner

    @work(thread=True, exclusive=True, exit_on_error=False, group="prefetch")
    def _align_in_background(
        self, comparison: Comparison, aligner: Aligner, article_ids: list[str]
    ) -> None:
        """Fill the per-pivot alignment cache; the screen only ever reads it."""
        worker = get_current_worker()
        for article_id in article_ids:
            if worker.is_cancelled or comparison is not self.comparison:
                return
            if article_id not in self._alignments:
                alignment = aligner(comparison, article_id)
                if comparison is self.comparison:
                    self._alignments.setdefault(article_id, alignment)

    def _update_header(self) -> None:
        header = self.query_one(StoryHeader)
        comparison = self.comparison
        if comparison is None:
            header.update_header(title="", tallies="", status=self._status or "loading…")
            return
        count = len(comparison.articles)
        tallies = [f"{count} source{'s' if count != 1 else ''}"]
        if self.analysed and self.failure is None and self.facts is not None:
            tallies.append(f"{len(comparison.claims)} shared claims")
            conflicts = self.facts.conflict_count
            tallies.append(f"{conflicts} conflict{'s' if conflicts != 1 else ''}")
        view = self.view
        if view.columns and len(view.columns) < count:
            first = view.columns[0].article + 1
            last = view.columns[-1].article + 1
            tallies.append(f"panes {first}-{last} of {count} (h/l)")
        if self.fold_shared:
            tallies.append("only differences")
        if self.hits is not None and self.hits.query.strip():
            tallies.append(f"/{self.hits.query}: {self.hits.total} hits")
        status = self._status
        if count == 1 and not status:
            status = "comparing needs two sources"
        header.update_header(
            title=(
                comparison.title
                or comparison.articles[0].title
                or self.folder_name
                or "untitled story"
            ),
            tallies=" · ".join(tallies),
            status=status,
            sources=count,
        )
        self.query_one(PaneHeaders).update_headers(self.facts, view.columns, self.pivot, self.hits)

    @on(AlignedView.LayoutChanged)
    def _layout_changed(self, message: AlignedView.LayoutChanged) -> None:
        self._update_header()

    @on(AlignedView.NothingFurther)
    def _nothing_further(self, message: AlignedView.NothingFurther) -> None:
        where = "below" if message.direction > 0 else "above"
        kind = {"hit": "search hit", "moved": "moved partner"}.get(
            message.kind, f"{message.kind} sentence"
        )
        self.notify(f"No {kind} {where}.", timeout=2)

    # ----------------------------------------------------------------- actions

    def set_pivot(self, index: int) -> None:
        """Make source `index` the pivot; the cursor stays on the same claim."""
        if self.comparison is None or not 0 <= index < len(self.comparison.articles):
            return
        if index == self.pivot:
            return
        self.pivot = index
        self._show_rows(self._keep_ids())

    def action_pivot(self, index: int) -> None:
        self.set_pivot(index)

    def action_cycle_pivot(self, step: int) -> None:
        if self.comparison is not None:
            self.set_pivot((self.pivot + step) % len(self.comparison.articles))

    def action_page_panes(self, direction: int) -> None:
        """Show the next (or previous) set of panes when not all of them fit."""
        if self.comparison is None:
            return
        view = self.view
        fitting = view.fitting
        count = len(self.comparison.articles)
        first = max(0, min(view.first_column + direction * fitting, count - fitting))
        if first == view.first_column:
            return
        if not first <= self.pivot < first + fitting:
            keep = self._keep_ids()
            self.pivot = first if direction > 0 else first + fitting - 1
            view.first_column = first
            self._show_rows(keep)
        else:
            view.set_first_column(first)

    def action_toggle_fold(self) -> None:
        self.fold_shared = not self.fold_shared
        self._show_rows(self._keep_ids())

    def action_toggle_furniture(self) -> None:
        self.hide_furniture = not self.hide_furniture
        self._show_rows(self._keep_ids())

    def action_focus_sidebar(self) -> None:
        sidebar = self.sidebar
        if sidebar.has_focus:
            self.view.focus()
            return
        sidebar.display = True
        sidebar.focus()

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        sidebar.display = not sidebar.display
        if not sidebar.display:
            self.view.focus()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.add_class("-open")
        search.focus()

    def action_back(self) -> None:
        """Escape: close the search (clearing it) or leave the sidebar."""
        search = self.query_one("#search", Input)
        if search.has_class("-open"):
            search.remove_class("-open")
            search.value = ""
            self._set_hits(None)
        self.view.focus()

    def _set_hits(self, hits: SearchHits | None) -> None:
        self.hits = hits
        self.view.set_hits(hits)
        self._update_header()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self.comparison is not None:
            self._set_hits(find_hits(self.comparison, event.value) if event.value else None)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.input.remove_class("-open")
        self.view.focus()
        if self.hits is None or not self.hits.total:
            if event.value:
                self.notify(f"No match for {event.value!r}.", timeout=3)
            return
        view = self.view
        before = view.cursor_row
        view.action_seek("hit", 1)
        if view.cursor_row == before:
            view.cursor_row = -1
            view.action_seek("hit", 1)

    @on(FiguresSidebar.FigureSelected)
    def _figure_selected(self, message: FiguresSidebar.FigureSelected) -> None:
        """Enter on a figure: its sentence becomes the cursor, in the pivot if the pivot gives
        the figure (else the pivot moves to a source that does). Every source's figure of the
        group is drawn reversed; Enter again on the same group visits its next source."""
        comparison = self.comparison
        group = message.group
        if comparison is None or self.facts is None:
            return
        position = self.facts.position
        members = sorted(
            set(group.sentences),
            key=lambda sid: (position[comparison.sentence(sid).article], _sentence_number(sid)),
        )
        if not members:
            return
        current = self.view.cursor_sentence
        again = self.selected_group is not None and self.selected_group.group_id == group.group_id
        if again and current in members:
            target = members[(members.index(current) + 1) % len(members)]
        else:
            pivot_id = self.pivot_id
            target = next(
                (sid for sid in members if comparison.sentence(sid).article == pivot_id),
                members[0],
            )
        self.selected_group = group
        self.view.set_marked(group.sentences, group.figures)
        self._go_to_sentence(target, make_pivot=not again)
        pane = position[comparison.sentence(target).article] + 1
        value = next((v.text for v in group.values if target in v.sentences), "")
        step = f"mention {members.index(target) + 1} of {len(members)}"
        more = " · Enter again: next" if len(members) > 1 else ""
        self.notify(f"{group.subject}: {value} in source {pane}, {step}{more}", timeout=4)

    def _go_to_sentence(self, sid: str, *, make_pivot: bool = False) -> None:
        """Put the cursor on `sid` in its own pane, which becomes the pivot if `make_pivot` or
        if it is not on screen; a fold hiding the sentence opens."""
        assert self.comparison is not None and self.facts is not None
        column = self.facts.position[self.comparison.sentence(sid).article]
        view = self.view
        visible = {box.article for box in view.columns}
        if self.fold_shared and view.row_of(sid) is None:
            self.fold_shared = False
            self._show_rows([sid])
        if column != self.pivot and (make_pivot or column not in visible):
            self.pivot = column
            self._show_rows([sid])
        elif view.row_of(sid) is None:
            self._show_rows([sid])
        row = view.row_of(sid)
        if row is not None:
            view.move_cursor_to(row, center=True, column=column)


def _sentence_number(sentence_id: str) -> int:
    """The n of "<article>#<n>", for reading order (ids compare badly as strings)."""
    _, _, number = sentence_id.rpartition("#")
    return int(number) if number.isdigit() else 0
