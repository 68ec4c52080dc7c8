"""Sentence boundaries: the rules one by one, then floors under the measured scores."""

from __future__ import annotations

import pytest

from tests.eval.segmentation import golden_rules, load_annotations, sample_boundaries
from tui.core.models import Boilerplate
from tui.core.segmenting import segment


def texts(text: str, boilerplate: tuple[Boilerplate, ...] = ()) -> list[str]:
    return [sentence.text for sentence in segment("a", text, boilerplate)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The U.N. Security Council met. It voted.",
            ["The U.N. Security Council met.", "It voted."],
            id="acronym-with-dots",
        ),
        pytest.param(
            "He arrived on Sept. 9, 2018. Then he left.",
            ["He arrived on Sept. 9, 2018.", "Then he left."],
            id="month-abbreviation",
        ),
        pytest.param(
            "Lt. Col. Jones met Gen. Smith and Mr. Brown on Jan. 5. They talked.",
            ["Lt. Col. Jones met Gen. Smith and Mr. Brown on Jan. 5.", "They talked."],
            id="titles",
        ),
        pytest.param(
            "Turnout was 52.3 in 2019. It fell to 47.7 in 2024.",
            ["Turnout was 52.3 in 2019.", "It fell to 47.7 in 2024."],
            id="decimals",
        ),
        pytest.param(
            "It is in Washington, D.C. The next day he left.",
            ["It is in Washington, D.C.", "The next day he left."],
            id="abbreviation-ends-sentence",
        ),
        pytest.param(
            "He relies on outside help to sustain his offensive against Ukraine… NATO allies"
            " will continue to support Ukraine.",
            [
                "He relies on outside help to sustain his offensive against Ukraine…",
                "NATO allies will continue to support Ukraine.",
            ],
            id="unicode-ellipsis-before-capital",
        ),
        pytest.param(
            "I never meant that... She left the store.",
            ["I never meant that...", "She left the store."],
            id="dots-ellipsis-before-capital",
        ),
        pytest.param(
            "He waited... and waited. Nothing came.",
            ["He waited... and waited.", "Nothing came."],
            id="ellipsis-before-lowercase",
        ),
        pytest.param(
            "“We are ready. We will act,” he said. Others agreed.",
            ["“We are ready.", "We will act,” he said.", "Others agreed."],
            id="split-inside-multi-sentence-quote",
        ),
        pytest.param(
            'She said, "This is great." she smiled.',
            ['She said, "This is great." she smiled.'],
            id="quote-then-lowercase",
        ),
        pytest.param(
            "The Kremlin called it “fake news.” But Putin did not deny it.",
            ["The Kremlin called it “fake news.”", "But Putin did not deny it."],
            id="closing-quote-after-stop",
        ),
        pytest.param(
            "He was talking about Battalion K. I told him so.",
            ["He was talking about Battalion K.", "I told him so."],
            id="initial-before-pronoun",
        ),
        pytest.param(
            "President George W. Bush spoke.",
            ["President George W. Bush spoke."],
            id="middle-initial",
        ),
        pytest.param(
            "She works at Yahoo! in the accounting department.",
            ["She works at Yahoo! in the accounting department."],
            id="exclamation-before-lowercase",
        ),
        pytest.param(
            "See item No. 5 in the list. It is short.",
            ["See item No. 5 in the list.", "It is short."],
            id="number-abbreviation",
        ),
        pytest.param(
            "Prices rose 3.5 per cent. Wages rose 2.1 per cent.",
            ["Prices rose 3.5 per cent.", "Wages rose 2.1 per cent."],
            id="per-cent-ends-sentence",
        ),
        pytest.param(
            "The attack came a week ago. Zelensky said it was a crime.",
            ["The attack came a week ago.", "Zelensky said it was a crime."],
            id="ago-ends-sentence",
        ),
        pytest.param(
            "Gov. Newsom said so. Others disagreed.",
            ["Gov. Newsom said so.", "Others disagreed."],
            id="so-ends-sentence",
        ),
        pytest.param(
            "The answer was no. Then he left.",
            ["The answer was no.", "Then he left."],
            id="no-as-a-word",
        ),
    ],
)
def test_sentence_rules(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Russia cannot sustain attack without allies\nThe NATO chief spoke on Monday.",
            ["Russia cannot sustain attack without allies", "The NATO chief spoke on Monday."],
            id="headline-without-stop",
        ),
        pytest.param(
            "• First point without stop\n• Second point.\n- Third point\n* Fourth point",
            ["• First point without stop", "• Second point.", "- Third point", "* Fourth point"],
            id="bullet-lines",
        ),
        pytest.param(
            "Key points • Troops were sent • Talks were held",
            ["Key points", "• Troops were sent", "• Talks were held"],
            id="inline-bullets",
        ),
        pytest.param(
            "1. The first item 2. The second item",
            ["1. The first item", "2. The second item"],
            id="numbered-run",
        ),
        pytest.param(
            "In 2024. The year ended 3. Then more.",
            ["In 2024.", "The year ended 3.", "Then more."],
            id="numbers-that-are-not-a-list",
        ),
        pytest.param(
            "North Korea\nnews\nEurope",
            ["North Korea", "news", "Europe"],
            id="short-lines-never-run-on",
        ),
        pytest.param(
            "Headline here\r\n\r\nFirst line.\rSecond line.\nThird line.",
            ["Headline here", "First line.", "Second line.", "Third line."],
            id="mixed-newlines",
        ),
        pytest.param(
            "The deployment of North Korean troops to Russia to bolster Moscow's\n"
            "war effort in Ukraine was a sign of growing desperation, the NATO\n"
            "chief said on Monday. He spoke in Brussels.\n",
            [
                "The deployment of North Korean troops to Russia to bolster Moscow's\n"
                "war effort in Ukraine was a sign of growing desperation, the NATO\n"
                "chief said on Monday.",
                "He spoke in Brussels.",
            ],
            id="hard-wrapped-paragraph",
        ),
        pytest.param(
            "Talks between the two delegations began in Brussels on Monday and\ncontinued late.",
            ["Talks between the two delegations began in Brussels on Monday and\ncontinued late."],
            id="line-running-on-lowercase",
        ),
    ],
)
def test_line_rules(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_boilerplate_is_never_part_of_a_sentence() -> None:
    text = "He said it was over. Share\nclose\nNext paragraph here."
    share = text.index("Share")
    close = text.index("close")
    boilerplate = (
        Boilerplate(share, share + 5, "button"),
        Boilerplate(close, close + 5, "button"),
    )
    assert texts(text, boilerplate) == ["He said it was over.", "Next paragraph here."]


def test_ids_offsets_and_paragraphs() -> None:
    text = "Title line\n\nOne. Two.\n\n  Three.  \nclose\n"
    close = text.index("close")
    sentences = segment("art", text, (Boilerplate(close, close + 5, "button"),))
    assert [s.id for s in sentences] == ["art#0", "art#1", "art#2", "art#3"]
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]
    assert all(s.text == text[s.start : s.end] and s.article == "art" for s in sentences)


def test_blank_and_furniture_only_text_has_no_sentences() -> None:
    assert segment("a", " \n\r\n\t", ()) == ()
    assert segment("a", "close", (Boilerplate(0, 5, "button"),)) == ()


def test_golden_rules_floor() -> None:
    score = golden_rules()
    # 46 of 48 measured; the two misses (a.m./P.M. before "Mr.", a leading ". . .") are the
    # ones the Pragmatic Segmenter's own ports mark as known failures or disagree on.
    assert score.found >= 46, "\n".join(score.failures)


def test_sample_boundaries_floor() -> None:
    missed, wrong = sample_boundaries(load_annotations())
    assert missed.total >= 110
    assert missed.found <= 1, "\n".join(missed.failures)
    assert wrong.found <= 1, "\n".join(wrong.failures)


def test_overlapping_furniture_spans_are_merged() -> None:
    text = "Alpha beta gamma. Delta epsilon."
    boilerplate = (Boilerplate(0, 17, "x"), Boilerplate(6, 10, "y"))
    assert texts(text, boilerplate) == ["Delta epsilon."]
