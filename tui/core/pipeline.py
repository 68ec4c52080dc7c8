"""The one composition point: load -> clean -> segment -> align -> figures."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from tui.core.aligning import find_claims
from tui.core.cancelling import Cancelled, check
from tui.core.errors import InputError
from tui.core.figures import extract_figures, group_figures
from tui.core.garbage import collection_paused
from tui.core.loading import LoadedStory, load_story
from tui.core.models import Comparison
from tui.core.options import Options
from tui.core.preparing import prepare_article

__all__ = ["Cancelled", "analyse", "build_comparison", "prepare_article"]


def analyse(
    story: LoadedStory, options: Options | None = None, cancel: threading.Event | None = None
) -> Comparison:
    """Build the comparison of already loaded articles. Raises `Cancelled` soon after `cancel`
    is set (the long loops look at it every few hundred items)."""
    options = options or Options()
    with collection_paused():
        return _analyse(story, options, cancel)


def _analyse(story: LoadedStory, options: Options, cancel: threading.Event | None) -> Comparison:
    articles = []
    for loaded in story.articles:
        check(cancel)
        articles.append(prepare_article(loaded))
    prepared = tuple(articles)
    check(cancel)
    figures = extract_figures(prepared, cancel=cancel)
    check(cancel)
    claims = find_claims(prepared, options, cancel=cancel, figures=figures)
    check(cancel)
    groups = group_figures(prepared, claims, figures, cancel=cancel)
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
