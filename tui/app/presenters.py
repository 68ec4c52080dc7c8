"""What the reader shows, computed from the model without any widget, so it can be unit-tested.

The widgets only paint what these functions return: per-sentence facts (how many sources share
it, its figures, whether it is page furniture), the rows to display for a pivot (with folds),
word-wrap offsets, figure groups for the sidebar and search hits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from tui.core.models import Alignment, Comparison, Figure, FigureGroup, FigureValue

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class FigureSpan:
    """A figure inside one sentence, offsets relative to the sentence start."""

    start: int
    end: int
    figure_id: str
    conflict: bool


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """Everything the view needs to mark one sentence."""

    share_count: int
    shared_all: bool
    figures: tuple[FigureSpan, ...]
    furniture: bool

    @property
    def shared(self) -> bool:
        return self.share_count >= 2

    @property
    def conflict(self) -> bool:
        return any(figure.conflict for figure in self.figures)


@dataclass(frozen=True, slots=True)
class PaneCounts:
    """The numbers in a pane header: sentences shared with another source, own ones, figures."""

    shared: int
    unique: int
    figures: int


@dataclass(frozen=True, slots=True)
class FigureValueView:
    """One value of a figure group and the sources (1-based pane numbers) that give it."""

    text: str
    sources: tuple[int, ...]
    sentences: tuple[str, ...]
    figures: tuple[str, ...] = ()


# Sidebar tiers, in display order: what the editor checks first comes first.
TIER_CONFLICT = 0  # sources disagree
TIER_SHARED = 1  # two or more sources give the figure (and agree)
TIER_SINGLE = 2  # one source only
TIER_UNRESOLVED = 3  # no value could be fixed ("Monday", "last week" without a date)


@dataclass(frozen=True, slots=True)
class FigureGroupView:
    """A sidebar entry: what is counted, whether sources disagree, and each value."""

    group_id: str
    subject: str
    conflict: bool
    values: tuple[FigureValueView, ...]
    named: bool = True
    kinds: tuple[str, ...] = ()
    valued: bool = True
    order: tuple[int, int] = (0, 0)
    """(pane, offset) of the group's first figure: single-source entries keep reading order."""

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(sid for value in self.values for sid in value.sentences)

    @property
    def figures(self) -> tuple[str, ...]:
        return tuple(fid for value in self.values for fid in value.figures)

    @property
    def source_count(self) -> int:
        return len({source for value in self.values for source in value.sources})

    @property
    def tier(self) -> int:
        if self.conflict:
            return TIER_CONFLICT
        if not self.valued:
            return TIER_UNRESOLVED
        return TIER_SHARED if self.source_count >= 2 else TIER_SINGLE


@dataclass(frozen=True, slots=True)
class DisplayRow:
    """One aligned row (a sentence id or None per article), or a fold of `folded` shared rows."""

    cells: tuple[str | None, ...]
    folded: int = 0


@dataclass(frozen=True, slots=True)
class SearchHits:
    """Case-insensitive matches of a query: spans per sentence, counts per article."""

    query: str
    spans: dict[str, tuple[Span, ...]]
    per_article: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.per_article.values())


class StoryFacts:
    """Facts derived once per comparison; every lookup afterwards is a dict access."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.article_count = len(comparison.articles)
        self.position = {article.id: n for n, article in enumerate(comparison.articles)}
        conflicting = {
            figure_id
            for group in comparison.figure_groups
            if group.conflict
            for figure_id in group.figures
        }
        figures_of: dict[str, list[FigureSpan]] = {}
        for figure in comparison.figures:
            try:
                sentence = comparison.sentence(figure.sentence)
            except KeyError:
                continue
            figures_of.setdefault(sentence.id, []).append(
                FigureSpan(
                    max(0, figure.start - sentence.start),
                    max(0, min(sentence.end, figure.end) - sentence.start),
                    figure.id,
                    figure.id in conflicting,
                )
            )
        self.sentences: dict[str, SentenceFacts] = {}
        self.counts: dict[str, PaneCounts] = {}
        for article in comparison.articles:
            furniture = sorted((b.start, b.end) for b in article.boilerplate)
            shared = unique = figure_count = 0
            for sentence in article.sentences:
                count = len(comparison.sharing_articles(sentence.id))
                spans = tuple(sorted(figures_of.get(sentence.id, ()), key=lambda f: f.start))
                facts = SentenceFacts(
                    share_count=count,
                    shared_all=count >= 2 and count == self.article_count,
                    figures=spans,
                    furniture=_inside_any(sentence.start, sentence.end, furniture),
                )
                self.sentences[sentence.id] = facts
                if not facts.furniture:
                    if facts.shared:
                        shared += 1
                    else:
                        unique += 1
                figure_count += len(spans)
            self.counts[article.id] = PaneCounts(shared, unique, figure_count)
        self.figure_groups = figure_group_views(comparison)
        self.conflict_count = sum(1 for group in comparison.figure_groups if group.conflict)

    def facts(self, sentence_id: str) -> SentenceFacts:
        return self.sentences[sentence_id]


def _inside_any(start: int, end: int, spans: Sequence[Span]) -> bool:
    """Whether [start, end) lies wholly inside one of the (sorted, few) furniture spans."""
    return any(span_start <= start and end <= span_end for span_start, span_end in spans)


def figure_group_views(comparison: Comparison) -> tuple[FigureGroupView, ...]:
    """Sidebar entries by tier: conflicts, then figures two or more sources give, then those of
    one source (named subjects first, then in reading order), then dates that name no day.

    Within the first two tiers, groups more sources give come first; "Monday" or "last week"
    without a resolvable date is kept at the bottom, where it cannot push real figures away.
    """
    position = {article.id: n for n, article in enumerate(comparison.articles)}
    by_id = {figure.id: figure for figure in comparison.figures}
    views = [_group_view(group, by_id, position) for group in comparison.figure_groups]

    def key(view: FigureGroupView) -> tuple[object, ...]:
        if view.tier in (TIER_CONFLICT, TIER_SHARED):
            return (view.tier, -view.source_count, not view.named, view.subject.casefold())
        return (view.tier, not view.named, view.order, view.subject.casefold(), view.group_id)

    return tuple(sorted(views, key=key))


def _value_key(value: FigureValue, value_max: FigureValue, unit: str | None) -> str:
    return f"{value!r}|{value_max!r}|{unit or ''}"


def _group_view(
    group: FigureGroup, by_id: dict[str, Figure], position: dict[str, int]
) -> FigureGroupView:
    values: dict[str, tuple[str, list[int], list[str], list[str]]] = {}
    figures = [by_id[figure_id] for figure_id in group.figures if figure_id in by_id]
    for figure in figures:
        key = _value_key(figure.value, figure.value_max, figure.unit)
        _text, sources, sentences, ids = values.setdefault(key, (figure.text, [], [], []))
        pane = position.get(figure.article, -1) + 1
        if pane and pane not in sources:
            sources.append(pane)
        sentences.append(figure.sentence)
        ids.append(figure.id)
    value_views = tuple(
        FigureValueView(
            " ".join(text.split()), tuple(sorted(sources)), tuple(sentences), tuple(ids)
        )
        for text, sources, sentences, ids in values.values()
    )
    value_views = tuple(sorted(value_views, key=lambda v: (-len(v.sources), v.sources)))
    kinds = tuple(sorted({figure.kind for figure in figures}))
    valued = any(figure.value is not None for figure in figures)
    order = min(
        ((position.get(figure.article, 0), figure.start) for figure in figures), default=(0, 0)
    )
    # No subject found: name the group by what its figures are ("date", "count").
    subject = group.subject or ", ".join(kinds) or "figure"
    return FigureGroupView(
        group.id,
        subject,
        group.conflict,
        value_views,
        named=bool(group.subject),
        kinds=kinds,
        valued=valued,
        order=order,
    )


def plan_rows(
    alignment: Alignment,
    facts: StoryFacts,
    *,
    fold_shared: bool,
    hide_furniture: bool,
) -> tuple[DisplayRow, ...]:
    """The rows to draw: furniture-only rows dropped if asked, runs of rows all share folded."""
    rows: list[DisplayRow] = []
    folded = 0
    sentences = facts.sentences
    for cells in alignment.rows:
        if not any(cells):
            continue
        if hide_furniture and all(sentences[sid].furniture for sid in cells if sid is not None):
            continue
        if fold_shared and _every_source_shares(cells, facts):
            folded += 1
            continue
        if folded:
            rows.append(DisplayRow((None,) * len(cells), folded))
            folded = 0
        rows.append(DisplayRow(tuple(cells)))
    if folded:
        rows.append(DisplayRow((None,) * facts.article_count, folded))
    return tuple(rows)


def reading_order_rows(comparison: Comparison, pivot: str) -> Alignment:
    """Before the analysis: every source in its own reading order, row n = each one's n-th."""
    columns = [article.sentences for article in comparison.articles]
    depth = max((len(sentences) for sentences in columns), default=0)
    rows = tuple(
        tuple(sentences[n].id if n < len(sentences) else None for sentences in columns)
        for n in range(depth)
    )
    return Alignment(pivot=pivot, rows=rows, moved=())


def _every_source_shares(cells: Sequence[str | None], facts: StoryFacts) -> bool:
    if facts.article_count < 2 or None in cells:
        return False
    return all(facts.sentences[sid].shared_all for sid in cells if sid is not None)


_WORD = re.compile(r"\S+")


def wrap_offsets(text: str, width: int) -> tuple[Span, ...]:
    """Greedy word wrap of `text` into lines of at most `width` cells, as [start, end) offsets.

    Offsets (not new strings) let the view style figures, variants and hits by position.
    Words wider than a line are cut; whitespace at line ends is dropped. ASCII text (most
    news) is measured with `len`, anything else in terminal cells.
    """
    width = max(1, width)
    measure = len if text.isascii() else cell_len
    lines: list[Span] = []
    line_start = -1
    line_end = 0
    line_cells = 0
    for match in _WORD.finditer(text):
        word_start, word_end = match.span()
        word_cells = measure(match.group())
        if line_start >= 0:
            gap = measure(text[line_end:word_start])
            if line_cells + gap + word_cells <= width:
                line_end = word_end
                line_cells += gap + word_cells
                continue
            lines.append((line_start, line_end))
            line_start = -1
        while word_cells > width:
            cut = _cut_at_cells(text, word_start, word_end, width)
            lines.append((word_start, cut))
            word_start = cut
            word_cells = measure(text[word_start:word_end])
        line_start, line_end, line_cells = word_start, word_end, word_cells
    if line_start >= 0:
        lines.append((line_start, line_end))
    return tuple(lines) or ((0, 0),)


def _cut_at_cells(text: str, start: int, end: int, width: int) -> int:
    cells = 0
    for index in range(start, end):
        cells += cell_len(text[index])
        if cells > width:
            return max(start + 1, index)
    return end


def find_hits(comparison: Comparison, query: str, *, skip: Iterable[str] = ()) -> SearchHits:
    """Every case-insensitive occurrence of `query` in every sentence of every article."""
    needle = query.casefold()
    spans: dict[str, tuple[Span, ...]] = {}
    per_article: dict[str, int] = {article.id: 0 for article in comparison.articles}
    if not needle.strip():
        return SearchHits(query, spans, per_article)
    skipped = set(skip)
    pattern = re.compile(re.escape(needle), re.IGNORECASE)
    for article in comparison.articles:
        for sentence in article.sentences:
            if sentence.id in skipped:
                continue
            found = tuple(match.span() for match in pattern.finditer(sentence.text))
            if found:
                spans[sentence.id] = found
                per_article[article.id] += len(found)
    return SearchHits(query, spans, per_article)
