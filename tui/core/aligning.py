"""Cross-source claims (which sentences report the same thing) and aligned rows for a pivot."""

from __future__ import annotations

from tui.core.models import Alignment, Article, Claim, Comparison
from tui.core.options import Options


def find_claims(articles: tuple[Article, ...], options: Options) -> tuple[Claim, ...]:
    """Group sentences of different sources that report the same claim."""
    return ()


def align_rows(comparison: Comparison, pivot: str) -> Alignment:
    """Rows in the pivot's order; other sources keep their own order, gaps where they lack one."""
    rows: list[tuple[str | None, ...]] = []
    ids = comparison.article_ids
    for column, article in enumerate(comparison.articles):
        for sentence in article.sentences:
            rows.append(tuple(sentence.id if c == column else None for c in range(len(ids))))
    return Alignment(pivot=pivot, rows=tuple(rows), moved=())
