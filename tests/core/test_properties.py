"""Invariants of the whole pipeline on random Unicode stories (hypothesis).

Stories mix random text with sentences shared across articles (so claims and figure groups
form), random numbers, and every kind of line break. The pipeline runs from `analyse`, after
loading (which tests/core/test_loading.py covers), on any text the loader accepts.
"""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.exporting import to_json
from tui.core.loading import LoadedArticle, LoadedStory
from tui.core.models import Comparison
from tui.core.pipeline import analyse

# Modest, so the property tests stay a few seconds of the default run.
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any character the loader keeps: no surrogates, no control characters but line breaks and tabs.
any_char = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\r\t ")
word = st.one_of(
    st.text(string.ascii_letters, min_size=1, max_size=9),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Z")), min_size=1, max_size=6),
    st.integers(0, 10**7).map(str),
    st.sampled_from(["1,200", "3.5", "40%", "$2 billion", "Monday", "Nov. 4", "U.N.", "Mr."]),
)
sentence = st.builds(
    lambda words, end: " ".join(words).capitalize() + end,
    st.lists(word, min_size=1, max_size=14),
    st.sampled_from([".", "!", "?", "", "…", "...", '."', ".”"]),
)
gap = st.sampled_from([" ", "\n", "\r\n", "\n\n", "\r\n\r\n", "\r", "\t", "  \n• "])


@st.composite
def stories(draw: st.DrawFn) -> LoadedStory:
    shared = draw(st.lists(sentence, min_size=0, max_size=4))
    articles = []
    for n in range(draw(st.integers(1, 4))):
        parts = draw(st.lists(sentence | st.sampled_from(shared or ["Same."]), max_size=10))
        if draw(st.booleans()):
            parts.append(draw(st.text(any_char, max_size=200)))
        gaps = draw(st.lists(gap, min_size=len(parts), max_size=len(parts)))
        text = "".join(p + g for p, g in zip(parts, gaps, strict=True))
        if not text.strip():
            text = "Nothing else happened."
        articles.append(
            LoadedArticle(
                id=f"a{n}",
                path=f"a{n}.txt",
                source=f"a{n}",
                title=None,
                url=None,
                published=None,
                language=None,
                text=text,
                front_matter_end=0,
            )
        )
    return LoadedStory(title=None, articles=tuple(articles), problems=())


@SETTINGS
@given(stories())
def test_sentences_are_in_bounds_ordered_and_disjoint(story: LoadedStory) -> None:
    comparison = analyse(story)
    for article in comparison.articles:
        end = 0
        for n, s in enumerate(article.sentences):
            assert (s.id, s.index, s.article) == (f"{article.id}#{n}", n, article.id)
            assert end <= s.start < s.end <= len(article.text)
            assert article.text[s.start : s.end] == s.text == s.text.strip()
            end = s.end
        for b in article.boilerplate:
            assert 0 <= b.start < b.end <= len(article.text)


@SETTINGS
@given(stories())
def test_every_visible_character_is_in_one_sentence_or_boilerplate(story: LoadedStory) -> None:
    comparison = analyse(story)
    for article in comparison.articles:
        owners = [0] * len(article.text)
        for start, end in [(s.start, s.end) for s in article.sentences] + [
            (b.start, b.end) for b in article.boilerplate
        ]:
            for i in range(start, end):
                owners[i] += 1
        for i, ch in enumerate(article.text):
            if not ch.isspace():
                assert owners[i] == 1, f"{ch!r} at {i} of {article.text!r}"


def _check_claims_and_figures(comparison: Comparison) -> None:
    ids = {s.id for a in comparison.articles for s in a.sentences}
    for claim in comparison.claims:
        assert set(claim.sentences) <= ids
        owners = {comparison.sentence(sid).article for sid in claim.sentences}
        assert claim.sources == len(owners) >= 2
        assert 0.0 <= claim.similarity <= 1.0
        for variant in claim.variants:
            s = comparison.sentence(variant.sentence)
            assert s.start <= variant.start < variant.end <= s.end
    texts = {a.id: a.text for a in comparison.articles}
    figure_ids = set()
    for figure in comparison.figures:
        s = comparison.sentence(figure.sentence)
        assert s.article == figure.article
        assert s.start <= figure.start < figure.end <= s.end
        assert texts[figure.article][figure.start : figure.end] == figure.text
        figure_ids.add(figure.id)
    for group in comparison.figure_groups:
        assert group.figures and set(group.figures) <= figure_ids


@SETTINGS
@given(stories())
def test_claims_span_sources_and_figures_sit_in_their_sentence(story: LoadedStory) -> None:
    _check_claims_and_figures(analyse(story))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_export_is_deterministic(story: LoadedStory) -> None:
    assert to_json(analyse(story)) == to_json(analyse(story))
