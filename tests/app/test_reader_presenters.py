"""Unit tests of what the reader shows, computed without widgets."""

from __future__ import annotations

import pytest

from tests.app.conftest import align_by_claims, make_story, make_story_with_dates
from tui.app.glyphs import ASCII_GLYPHS, UNICODE_GLYPHS, choose_glyphs
from tui.app.presenters import (
    TIER_CONFLICT,
    TIER_SHARED,
    TIER_SINGLE,
    TIER_UNRESOLVED,
    StoryFacts,
    find_hits,
    plan_rows,
    reading_order_rows,
    wrap_offsets,
)


@pytest.mark.parametrize("width", [1, 5, 12, 40])
def test_wrap_covers_every_word_within_width(width: int):
    text = "Over 600,000 Russian soldiers have been killed, “officials” said. Supercalifragilistic"
    lines = wrap_offsets(text, width)
    assert all(end - start <= width for start, end in lines)
    joined = "".join(text[s:e] for s, e in lines)
    assert "".join(joined.split()) == "".join(text.split())  # nothing lost, nothing repeated


def test_wrap_keeps_words_whole_when_they_fit():
    lines = wrap_offsets("alpha beta gamma", 10)
    assert lines == ((0, 10), (11, 16))


def test_wrap_of_empty_text_is_one_empty_line():
    assert wrap_offsets("", 10) == ((0, 0),)


def test_facts_count_shared_unique_and_conflicting_figures():
    facts = StoryFacts(make_story())
    assert facts.facts("a#0").shared_all and facts.facts("a#0").conflict
    assert facts.facts("a#1").shared and not facts.facts("a#1").shared_all
    assert not facts.facts("a#3").shared
    assert facts.facts("a#4").furniture
    assert facts.counts["a"].shared == 3 and facts.counts["a"].unique == 1
    assert facts.conflict_count == 1
    group = facts.figure_groups[0]
    assert group.conflict
    assert [(v.text, v.sources) for v in group.values] == [("10,000", (1, 3)), ("11,000", (2,))]


def test_fold_replaces_rows_every_source_shares_with_one_marker():
    story = make_story()
    facts = StoryFacts(story)
    alignment = align_by_claims(story, "a")
    plain = plan_rows(alignment, facts, fold_shared=False, hide_furniture=False)
    folded = plan_rows(alignment, facts, fold_shared=True, hide_furniture=False)
    assert len(folded) == len(plain)  # one row folded into one marker
    assert folded[0].folded == 1 and folded[0].cells == (None, None, None)
    hidden = plan_rows(alignment, facts, fold_shared=False, hide_furniture=True)
    assert all("a#4" not in row.cells for row in hidden)


def test_search_is_case_insensitive_and_counts_per_article():
    hits = find_hits(make_story(), "NATO")
    assert hits.per_article == {"a": 1, "b": 1, "c": 1}
    assert hits.spans["a#0"] == ((0, 4),)
    assert find_hits(make_story(), "  ").total == 0


def test_reading_order_rows_put_each_source_side_by_side():
    rows = reading_order_rows(make_story(), "a").rows
    assert rows[0] == ("a#0", "b#0", "c#0")
    assert rows[4] == ("a#4", None, None)


def test_glyph_sets_are_one_cell_and_distinct():
    for glyphs in (UNICODE_GLYPHS, ASCII_GLYPHS):
        marks = [glyphs.shared, glyphs.unique, glyphs.moved, glyphs.conflict]
        assert all(len(mark) == 1 for mark in marks)
        assert len(set(marks)) == len(marks)
    assert all(ord(c) < 128 for c in vars_of(ASCII_GLYPHS))
    assert choose_glyphs("auto", {"TERM": "linux"}) is ASCII_GLYPHS
    assert choose_glyphs("auto", {"TERM": "xterm-256color"}) is UNICODE_GLYPHS
    assert choose_glyphs("ascii", {}) is ASCII_GLYPHS


def vars_of(glyphs: object) -> str:
    return "".join(getattr(glyphs, name) for name in glyphs.__slots__)  # type: ignore[attr-defined]


def test_sidebar_tiers_conflicts_then_shared_then_one_source_then_unfixed_dates():
    views = StoryFacts(make_story_with_dates()).figure_groups
    assert [view.group_id for view in views] == [
        "group-troops",
        "group-monday",
        "group-tuesday",
        "group-days",
    ]
    assert [view.tier for view in views] == [
        TIER_CONFLICT,
        TIER_SHARED,
        TIER_SINGLE,
        TIER_UNRESOLVED,
    ]
    monday = views[1]
    assert not monday.named and monday.subject == "date"  # labelled by kind
    assert monday.source_count == 2 and set(monday.figures) == {"fig-mon-a", "fig-mon-c"}
    assert views[3].subject == "duration" and not views[3].valued
