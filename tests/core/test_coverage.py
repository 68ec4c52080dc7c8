"""Every visible character is either in one sentence or in one boilerplate span, never both."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.cleaning import find_boilerplate
from tui.core.models import Boilerplate, Sentence
from tui.core.segmenting import segment

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "kursk"


def assert_partition(
    text: str, sentences: tuple[Sentence, ...], boilerplate: tuple[Boilerplate, ...]
) -> None:
    """The invariants every article must keep, whatever its text."""
    owners = [0] * len(text)
    previous_end = 0
    for span in boilerplate:
        assert 0 <= previous_end <= span.start < span.end <= len(text), "sorted and disjoint"
        assert not text[span.start].isspace() and not text[span.end - 1].isspace(), "trimmed"
        assert span.reason
        previous_end = span.end
        for i in range(span.start, span.end):
            owners[i] += 1
    previous_end = 0
    for n, sentence in enumerate(sentences):
        assert sentence.index == n and sentence.id == f"{sentence.article}#{n}"
        assert previous_end <= sentence.start < sentence.end <= len(text), "in reading order"
        assert sentence.text == text[sentence.start : sentence.end]
        assert sentence.text == sentence.text.strip(), "no surrounding whitespace"
        previous_end = sentence.end
        for i in range(sentence.start, sentence.end):
            owners[i] += 1
    paragraphs = [s.paragraph for s in sentences]
    assert paragraphs == sorted(paragraphs)
    assert not paragraphs or (
        paragraphs[0] == 0 and set(paragraphs) == set(range(paragraphs[-1] + 1))
    )
    for i, char in enumerate(text):
        if not char.isspace():
            assert owners[i] == 1, f"char {i} {char!r} owned {owners[i]} times"


@pytest.mark.parametrize("path", sorted(SAMPLE.glob("*.txt")), ids=lambda p: p.stem)
def test_sample_articles_are_partitioned(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    boilerplate = find_boilerplate(text)
    sentences = segment(path.stem, text, boilerplate)
    assert sentences
    assert_partition(text, sentences, boilerplate)


def test_front_matter_is_one_span() -> None:
    text = "---\ntitle: A\n---\n\nHeadline here\n\nBody sentence one. Body two.\n"
    end = text.index("\n\nHeadline") + 1
    boilerplate = find_boilerplate(text, end)
    assert boilerplate[0] == Boilerplate(0, end - 1, "front matter")
    assert_partition(text, segment("a", text, boilerplate), boilerplate)


def test_article_without_line_breaks_keeps_its_sentences() -> None:
    """A page pasted as one line must not vanish into one furniture span (banner, caption)."""
    text = " ".join(
        path.read_text(encoding="utf-8").replace("\n", " ") for path in sorted(SAMPLE.glob("*.txt"))
    )
    boilerplate = find_boilerplate(text)
    sentences = segment("one-line", text, boilerplate)
    assert len(sentences) > 100
    assert_partition(text, sentences, boilerplate)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("By " + "A" * 60 + "!", id="byline-backtracking"),
        pytest.param("(" * 3000 + "photo" + ")" * 10, id="parentheses"),
        pytest.param("Aa " * 5000 + "/ AP", id="credit-backtracking"),
        pytest.param("A / B " * 3000, id="slashes"),
        pytest.param(". " * 20000, id="dots"),
        pytest.param("x" * 200_000, id="one-token"),
        pytest.param(" ".join(f"{i}. Item" for i in range(1, 3000)), id="long-numbered-run"),
    ],
)
def test_hostile_inputs_stay_fast(text: str) -> None:
    began = time.perf_counter()
    boilerplate = find_boilerplate(text)
    sentences = segment("h", text, boilerplate)
    # Each takes under 0.2 s here; the bound only catches exponential regex backtracking.
    assert time.perf_counter() - began < 2.0
    assert_partition(text, sentences, boilerplate)


_PIECES = st.sampled_from(
    [
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "\u2028",
        "\x0c",
        "\x1c",
        ". ",
        "... ",
        "… ",
        "? ",
        "! ",
        "“",
        "”",
        "‘",
        "’",
        '"',
        "'",
        "• ",
        "- ",
        "* ",
        "1. ",
        "2) ",
        "a. ",
        "(",
        ")",
        "U.S. ",
        "Mr. ",
        "Sept. 9 ",
        "3.5 ",
        "per cent. ",
        "Share",
        "close",
        "f",
        "cookies ",
        "consent ",
        "privacy ",
        "accept ",
        "(pictured) ",
        " / AP",
        "Photo: ",
        "Read more",
        "The ",
        "troops ",
        "fire ",
        "in ",
        "said ",
        "Kursk",
        "K. ",
        "I ",
        "Zelensky ",
        "News",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(min_value=0, max_value=40))
def test_random_text_is_partitioned(text: str, front: int) -> None:
    front_matter_end = min(front, len(text)) if front % 3 == 0 else 0
    boilerplate = find_boilerplate(text, front_matter_end)
    assert_partition(text, segment("r", text, boilerplate), boilerplate)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_unicode_is_partitioned_without_furniture(text: str) -> None:
    assert_partition(text, segment("u", text, ()), ())
