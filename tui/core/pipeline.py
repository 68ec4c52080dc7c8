"""The one composition point: load -> clean -> segment -> align -> figures."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from tui.core.aligning import find_claims
from tui.core.cleaning import find_boilerplate
from tui.core.errors import InputError
from tui.core.figures import extract_figures, group_figures
from tui.core.loading import LoadedArticle, LoadedStory, load_story
from tui.core.models import Article, Comparison
from tui.core.options import Options
from tui.core.segmenting import segment


class Cancelled(Exception):
    """The caller set the cancel event; the half-built comparison is thrown away."""


def prepare_article(loaded: LoadedArticle) -> Article:
    """Clean and segment one loaded article."""
    boilerplate = find_boilerplate(loaded.text, loaded.front_matter_end)
    return Article(
        id=loaded.id,
        path=loaded.path,
        source=loaded.source,
        title=loaded.title,
        url=loaded.url,
        published=loaded.published,
        language=loaded.language,
        text=loaded.text,
        sentences=segment(loaded.id, loaded.text, boilerplate),
        boilerplate=boilerplate,
    )


def analyse(
    story: LoadedStory, options: Options | None = None, cancel: threading.Event | None = None
) -> Comparison:
    """Build the comparison of already loaded articles."""
    options = options or Options()

    def check() -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled

    articles = []
    for loaded in story.articles:
        check()
        articles.append(prepare_article(loaded))
    prepared = tuple(articles)
    check()
    claims = find_claims(prepared, options)
    check()
    figures = extract_figures(prepared)
    check()
    groups = group_figures(prepared, claims, figures)
    return Comparison(
        title=story.title,
        articles=prepared,
        claims=claims,
        figures=figures,
        figure_groups=groups,
    )


def build_comparison(
    paths: Sequence[str],
    options: Options | None = None,
    cancel: threading.Event | None = None,
    *,
    strict: bool = True,
) -> tuple[Comparison, tuple[InputError, ...]]:
    """Load `paths` and analyse them. `strict` raises the first problem instead of skipping it."""
    story = load_story(paths)
    if strict and story.problems:
        raise story.problems[0]
    if not story.articles:
        if story.problems:
            raise story.problems[0]
        raise InputError(", ".join(paths) or ".", "no articles to read")
    return analyse(story, options, cancel), story.problems
