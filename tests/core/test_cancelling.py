"""Cancelling: each long stage stops inside its loop, not only between stages."""

from __future__ import annotations

import threading

import pytest

from tui.core import aligning, figures
from tui.core.loading import LoadedArticle
from tui.core.models import Article
from tui.core.options import Options
from tui.core.pipeline import Cancelled, prepare_article

PARAGRAPH = (
    "In {place}, the governor said that {n} homes lost power and {m} people were hurt. "
    "Repairs should take {d} days, according to a report on {day} March.\n\n"
)


def _article(name: str, paragraphs: int) -> Article:
    text = "".join(
        PARAGRAPH.format(place=name, n=10 + k, m=1 + k % 9, d=2 + k % 5, day=1 + k % 28)
        for k in range(paragraphs)
    )
    loaded = LoadedArticle(
        id=name.lower(),
        path=f"{name}.txt",
        source=name,
        title=None,
        url=None,
        published=None,
        language=None,
        text=text,
        front_matter_end=0,
    )
    return prepare_article(loaded)


@pytest.fixture(scope="module")
def articles() -> tuple[Article, ...]:
    return (_article("Kursk", 300), _article("Sumy", 300))


def _set() -> threading.Event:
    event = threading.Event()
    event.set()
    return event


def test_stages_raise_cancelled_when_the_event_is_set(articles: tuple[Article, ...]) -> None:
    with pytest.raises(Cancelled):
        aligning.find_claims(articles, Options(), cancel=_set())
    with pytest.raises(Cancelled):
        figures.extract_figures(articles, cancel=_set())
    found = figures.extract_figures(articles)
    with pytest.raises(Cancelled):
        figures.group_figures(articles, (), found, cancel=_set())


def test_an_unset_event_changes_nothing(articles: tuple[Article, ...]) -> None:
    event = threading.Event()
    claims = aligning.find_claims(articles, Options(), cancel=event)
    assert claims == aligning.find_claims(articles, Options())
    found = figures.extract_figures(articles, cancel=event)
    assert found == figures.extract_figures(articles)
    grouped = figures.group_figures(articles, claims, found, cancel=event)
    assert grouped == figures.group_figures(articles, claims, found)
