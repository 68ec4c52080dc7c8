"""A hand-made three-source story with claims, variants, figures and a conflict, for the reader.

The core's analysis is still changing; these tests pin the reader's behaviour against a model
whose every claim and figure is known, and build the app around it without touching the disk
(the config file lives in a temporary folder, so `t` never writes the user's real config).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.app.app import ParallaxApp
from tui.core.models import (
    Alignment,
    Article,
    Boilerplate,
    Claim,
    Comparison,
    Figure,
    FigureGroup,
    Sentence,
    Variant,
)

# Three sources; sentences are (text, paragraph). Indices are referred to below as A0, B2...
TEXTS = {
    "a": [
        "NATO said 10,000 North Korean troops are in the Kursk region.",
        "The alliance called it a sign of growing desperation in Moscow.",
        "Officials in Seoul shared intelligence with allies on Monday.",
        "Only this outlet mentions the weather on the border.",
        "Share this article",
    ],
    "b": [
        "NATO said 11,000 North Korean troops are in the Kursk region.",
        "Pentagon officials confirmed the deployment on Tuesday.",
        "The alliance called it a sign of growing desperation in the Kremlin.",
        "A spokesman declined to give further details.",
    ],
    "c": [
        "NATO said 10,000 North Korean troops are in the Kursk region.",
        "Ukraine expects combat within days.",
        "Officials in Seoul shared intelligence with allies on Monday.",
        "The report was first published in Kyiv.",
    ],
}
SOURCES = {"a": "Alpha Daily", "b": "Beta Wire", "c": "Gamma Post"}


def _article(article_id: str) -> Article:
    sentences = []
    text = ""
    for index, sentence_text in enumerate(TEXTS[article_id]):
        start = len(text)
        text += sentence_text + "\n\n"
        sentences.append(
            Sentence(
                id=f"{article_id}#{index}",
                article=article_id,
                index=index,
                start=start,
                end=start + len(sentence_text),
                text=sentence_text,
                paragraph=index,
            )
        )
    boilerplate: tuple[Boilerplate, ...] = ()
    if article_id == "a":
        last = sentences[-1]
        boilerplate = (Boilerplate(last.start, last.end, "share button"),)
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        source=SOURCES[article_id],
        title="North Korean troops in Kursk",
        url=None,
        published=None,
        language="en",
        text=text,
        sentences=tuple(sentences),
        boilerplate=boilerplate,
    )


def _figure(figure_id: str, sid: str, articles: dict[str, Article], needle: str) -> Figure:
    article_id, index = sid.split("#")
    sentence = articles[article_id].sentences[int(index)]
    start = sentence.start + sentence.text.index(needle)
    return Figure(
        id=figure_id,
        article=article_id,
        sentence=sid,
        start=start,
        end=start + len(needle),
        text=needle,
        value=int(needle.replace(",", "")),
        value_max=None,
        kind="count",
        unit=None,
        qualifier=None,
        subject="North Korean troops",
        attribution="NATO",
    )


def make_story() -> Comparison:
    """The three-source story: one claim all share (with a number variant), two shared by two."""
    articles = {article_id: _article(article_id) for article_id in TEXTS}
    b0 = articles["b"].sentences[0]
    number_at = b0.start + b0.text.index("11,000")
    a1 = articles["a"].sentences[1]
    moscow_at = a1.start + a1.text.index("Moscow")
    claims = (
        Claim(
            id="claim-troops",
            sentences=("a#0", "b#0", "c#0"),
            sources=3,
            similarity=0.95,
            kind="near_verbatim",
            variants=(Variant("b#0", number_at, number_at + 6, "number"),),
        ),
        Claim(
            id="claim-desperation",
            sentences=("a#1", "b#2"),
            sources=2,
            similarity=0.9,
            kind="near_verbatim",
            variants=(Variant("a#1", moscow_at, moscow_at + 6, "changed"),),
        ),
        Claim(
            id="claim-seoul",
            sentences=("a#2", "c#2"),
            sources=2,
            similarity=1.0,
            kind="near_verbatim",
        ),
    )
    figures = (
        _figure("fig-a", "a#0", articles, "10,000"),
        _figure("fig-b", "b#0", articles, "11,000"),
        _figure("fig-c", "c#0", articles, "10,000"),
    )
    groups = (
        FigureGroup(
            id="group-troops",
            subject="North Korean troops",
            figures=("fig-a", "fig-b", "fig-c"),
            values=(10000, 11000),
            conflict=True,
        ),
    )
    return Comparison(
        title="North Korean troops in Kursk",
        articles=tuple(articles.values()),
        claims=claims,
        figures=figures,
        figure_groups=groups,
    )


def _date(
    figure_id: str,
    sid: str,
    articles: dict[str, Article],
    needle: str,
    value: str | None,
    kind: str = "date",
) -> Figure:
    """A figure without a subject (as the extractor gives most dates), `value` None if unfixed."""
    article_id, index = sid.split("#")
    sentence = articles[article_id].sentences[int(index)]
    start = sentence.start + sentence.text.index(needle)
    return Figure(
        id=figure_id,
        article=article_id,
        sentence=sid,
        start=start,
        end=start + len(needle),
        text=needle,
        value=value,
        value_max=None,
        kind=kind,  # type: ignore[arg-type]
        unit=None,
        qualifier=None,
        subject=None,
        attribution=None,
    )


def make_story_with_dates() -> Comparison:
    """`make_story` plus a group in every sidebar tier: the Monday two sources give (shared),
    Beta's Tuesday (one source) and Gamma's "within days" (no value could be fixed)."""
    story = make_story()
    articles = {article.id: article for article in story.articles}
    extra = (
        _date("fig-mon-a", "a#2", articles, "Monday", "2024-10-28"),
        _date("fig-mon-c", "c#2", articles, "Monday", "2024-10-28"),
        _date("fig-tue-b", "b#1", articles, "Tuesday", "2024-10-29"),
        _date("fig-days-c", "c#1", articles, "within days", None, kind="duration"),
    )
    groups = (
        FigureGroup("group-days", None, ("fig-days-c",), (None,), False),
        FigureGroup("group-tuesday", None, ("fig-tue-b",), ("2024-10-29",), False),
        FigureGroup("group-monday", None, ("fig-mon-a", "fig-mon-c"), ("2024-10-28",), False),
    )
    return Comparison(
        title=story.title,
        articles=story.articles,
        claims=story.claims,
        figures=story.figures + extra,
        figure_groups=story.figure_groups + groups,
    )


def align_by_claims(comparison: Comparison, pivot: str) -> Alignment:
    """Rows in the pivot's order with each claim's partners beside it, then the rest, in order."""
    ids = comparison.article_ids
    column = {article_id: n for n, article_id in enumerate(ids)}
    placed: set[str] = set()
    rows: list[tuple[str | None, ...]] = []
    pivot_article = comparison.articles[column[pivot]]
    for sentence in pivot_article.sentences:
        cells: list[str | None] = [None] * len(ids)
        cells[column[pivot]] = sentence.id
        for claim_id in comparison.claims_of(sentence.id):
            for partner in comparison.claim(claim_id).sentences:
                owner = comparison.sentence(partner).article
                if cells[column[owner]] is None:
                    cells[column[owner]] = partner
        placed.update(sid for sid in cells if sid is not None)
        rows.append(tuple(cells))
    for article in comparison.articles:
        for sentence in article.sentences:
            if sentence.id not in placed:
                cells = [None] * len(ids)
                cells[column[article.id]] = sentence.id
                rows.append(tuple(cells))
    row_of = {sid: n for n, row in enumerate(rows) for sid in row if sid is not None}
    moved = []
    for claim in comparison.claims:
        anchor = next((s for s in claim.sentences if s.startswith(pivot + "#")), claim.sentences[0])
        moved.extend(
            (anchor, other) for other in claim.sentences if row_of[other] != row_of[anchor]
        )
    return Alignment(pivot=pivot, rows=tuple(rows), moved=tuple(moved))


@pytest.fixture
def story() -> Comparison:
    return make_story()


@pytest.fixture
def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., ParallaxApp]:
    """Build the reader on the hand-made story (or real `paths`) with a throwaway config file.

    XDG_CONFIG_HOME points into the test's folder so the developer's own themes stay out.
    """
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))

    def build(paths: list[str] | None = None, **kwargs: object) -> ParallaxApp:
        config_path = tmp_path / "config.yaml"
        if paths is None:
            kwargs.setdefault("comparison", make_story())
            kwargs.setdefault("aligner", align_by_claims)
        return ParallaxApp(paths or [], config_path=config_path, **kwargs)  # type: ignore[arg-type]

    return build


ANALYSIS_TIMEOUT_STEPS = 400
STEP_SECONDS = 0.05


async def wait_for_analysis(pilot: Pilot[None]) -> None:
    """Wait for the finished reader (analysis done, neighbour prefetch settled), so tests and
    snapshots see the same screen whatever the machine load."""
    app = pilot.app
    assert isinstance(app, ParallaxApp)
    for _ in range(ANALYSIS_TIMEOUT_STEPS):
        screen = app.compare_screen
        if screen is not None and screen.analysed:
            break
        await pilot.pause(STEP_SECONDS)
    screen = app.compare_screen
    assert screen is not None and screen.analysed, "analysis did not finish"
    assert screen.failure is None, screen.failure
    # Let the neighbouring-pivot precompute settle, or identical lines may be cut differently.
    await app.workers.wait_for_complete()
    await pilot.pause(0.5)
    await app.workers.wait_for_complete()
