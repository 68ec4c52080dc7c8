"""Numbers, dates and quantities in each sentence, and their reconciliation across sources."""

from __future__ import annotations

from tui.core.models import Article, Claim, Figure, FigureGroup


def extract_figures(articles: tuple[Article, ...]) -> tuple[Figure, ...]:
    """Every figure said in the articles' sentences, with offsets into the article text."""
    return ()


def group_figures(
    articles: tuple[Article, ...], claims: tuple[Claim, ...], figures: tuple[Figure, ...]
) -> tuple[FigureGroup, ...]:
    """Figures about the same quantity across sources; conflicts first."""
    return ()
