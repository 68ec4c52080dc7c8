"""Normalised tokens (tui.core.normalizing): typography must never decide a pairing."""

from __future__ import annotations

import pytest

from tui.core.normalizing import fold, tokenize


def norms(text: str) -> list[str]:
    return [t.norm for t in tokenize(text) if t.content]


@pytest.mark.parametrize("written", ["600,000", "600 000", "600\u202f000", "600000", "600.000"])
def test_number_formats_become_one_token(written: str) -> None:
    assert norms(f"{written} soldiers") == ["600000", "soldier"]


def test_scale_words_join_their_number() -> None:
    assert norms("2.5 million people") == ["2500000", "peopl"]


def test_acronyms_diacritics_quotes_and_dashes_fold() -> None:
    assert norms("U.N. Rütte “growing” — desperation’s") == norms(
        'UN Rutte "growing" - desperation\'s'
    )


def test_fold_keeps_length_so_offsets_still_index_the_text() -> None:
    text = "Rütte said “U.N.” — ﬁne İstanbul"
    assert len(fold(text)) == len(text)


def test_offsets_point_at_the_words_in_the_original() -> None:
    text = "Over 600,000 Russian soldiers"
    tokens = tokenize(text, offset=10)
    shown = "x" * 10 + text
    assert [shown[t.start : t.end] for t in tokens] == ["Over", "600,000", "Russian", "soldiers"]


def test_function_words_and_reporting_verbs_carry_no_content() -> None:
    assert norms("He said that it was the troops") == ["troop"]


def test_inflections_share_a_stem() -> None:
    assert norms("deployed")[0] == norms("deployment")[0] == norms("deploys")[0]
    assert norms("troops") == norms("troop")


def test_long_adverbs_share_their_adjective_stem() -> None:
    assert norms("unanimously") == norms("unanimous")
    # Short words ending in "ly" are not adverbs to strip.
    assert norms("early family")[0] != norms("ear")[0]
    assert norms("family") != norms("famous")


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("the United States said", "the U.S. said"),
        ("at the United Nations today", "at the UN today"),
        ("the European Union's rules", "the EU's rules"),
        ("on Sept. 15", "on September 15"),
        ("since Oct. 3", "since October 3"),
    ],
)
def test_names_and_months_in_full_or_short_are_one_token(full: str, short: str) -> None:
    assert [t.norm for t in tokenize(full)] == [t.norm for t in tokenize(short)]


def test_a_joined_name_spans_both_words() -> None:
    text = "Officials in the United States said"
    joined = next(t for t in tokenize(text) if t.norm == "us")
    assert text[joined.start : joined.end] == "United States"
