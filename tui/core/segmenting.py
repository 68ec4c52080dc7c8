"""Sentence segmentation with character offsets into the original text.

The text is cut in three passes, each one only ever adding cut points, so the sentences always
cover every non-whitespace character outside the furniture exactly once:

1. Logical lines. News pages put headlines, bullets, subheads and captions on lines of their own
   without final punctuation, so every line break is a boundary, except inside a hard-wrapped
   paragraph (a block of long, similar lines, or a line running on into a lowercase word), whose
   lines are joined. A logical line is a *paragraph*: `Sentence.paragraph` counts the logical
   lines that hold at least one sentence, from 0.
2. List items. Symbol bullets (`•`, `▪`, ...) start a new item wherever they stand; a line that
   opens with a numbered or lettered marker (`1.`, `2)`, `a.`) is cut before the next marker of
   the same run.
3. Sentences. nupunkt (Punkt with a news-trained model, MEASURED.md: 1 miss in 126 sample
   boundaries once lines are split) cuts each item, with a private copy of its model that no
   longer takes a few common words for abbreviations ("5 per cent.", "a week ago."). A few
   rules then fix what it gets wrong: no sentence starts with a lowercase word or right after a
   title such as "Lt." or "No.", and an initial like "K." or "I." followed by a pronoun ends a
   sentence. Quotations are cut inside
   so each quoted sentence can pair with outlets that quote it alone.
"""

from __future__ import annotations

import bisect
import copy
import functools
import itertools
import re
from collections.abc import Iterator

import nupunkt
from nupunkt import PunktSentenceTokenizer

from tui.core.models import Boilerplate, Sentence


def _word_set(words: str) -> frozenset[str]:
    """A set of words written as one string, so long word lists stay readable."""
    return frozenset(words.split())


# The line breaks `str.splitlines` knows, so a stray \x1c or \u2028 is a break as well.
_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
_TERMINAL = frozenset(".!?…:;\"'”’»)]")

# Symbol bullets that start a list item wherever they stand (after whitespace).
_BULLET_CHARS = "•‣⁃◦▪▫●■□►▶➢✓✔"
_MARKER_PAD = _BULLET_CHARS + " \t"
_BULLET = re.compile(rf"[{_BULLET_CHARS}]")
# A marker at the start of an item: a symbol bullet, or "-"/"*"/"–" then a space.
_LEADING_MARKER = re.compile(rf"[{_BULLET_CHARS}]\s*|[-*–—]\s+")
# Numbered or lettered markers: "1.", "2)", "3.)", "a.", "(b)".
_ENUM_MARKER = re.compile(r"\(?(\d{1,3}|[A-Za-z])(\.\)|\)|\.)(?=\s)")
_MARKER_ONLY = re.compile(rf"(?:[{_BULLET_CHARS}]\s*)?\(?(?:\d{{1,3}}|[A-Za-z])(?:\.\)|\)|\.)")

# Where a sentence could end inside an item: terminal punctuation, closing marks, whitespace.
_INNER_END = re.compile(r"[.!?…][\"'”’»)\]*_]*\s+\S")

# Words the bundled model takes for abbreviations although news prose ends sentences on them
# ("rose 5 per cent. Wages fell", "a week ago. Zelensky said", "said so. Others"). Found by
# checking the model's 2,954 alphabetic abbreviation types against ~300 frequent English words;
# those that are also real abbreviations in news ("Sun.", "Sat.", "Art.", "Fig.") stay.
_NOT_ABBREVIATIONS = _word_set(
    """ago all bank bed bus can car cent cow day how ill in just lab leg life low me month nor
    pen pet pin raw reports row saw sir so sum tax ten vet week win"""
)

# Titles that stand before a name and never end a sentence; nupunkt's model misses some
# ("Lt. Col. Jones" splits after "Lt."). Street "St." and "Jr." are left out: both end sentences.
_TITLES = _word_set(
    """mr mrs ms messrs dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov rev hon
    pres supt insp brig lieut"""
)
# Abbreviations that stand before a number ("No. 5", "N°. 1026"); "no." before a word ends one.
_NUMBER_ABBREVIATIONS = _word_set("no nos nr n° vol fig art ch sec pp p")
_ENDS_WITH_TITLE = re.compile(r"(?:^|[\s(\"“‘])([A-Za-z]+|N°)\.$")
# A one-letter initial, then the next word: "Battalion K. I told him", "you and I. Did you".
_INITIAL = re.compile(r"(?:^|(?<=\s))([A-Z])\.(\s+)(?=[\"“‘]?([A-Z][a-z]*)\b)")
# Words that open a sentence and are not surnames, so an initial before them ends a sentence.
_STARTERS = _word_set(
    """I We You He She They It This That These Those There The But And So Yet However"""
)
_WORD_BEFORE = re.compile(r"(\S+)\s+$")

# Hard-wrapped paragraphs: at least three lines, no longer than the maximum, the non-last ones
# within this share of the longest and most of them ending mid-sentence. Chosen from common wrap
# widths (72-80 columns, Markdown at 100) with room for ragged right edges; a headline over a
# body line, or the sample's one-paragraph-per-line files (60-400 chars), stay unjoined. Elsewhere
# a line of at least the minimum width is joined to a next line that runs on in lowercase.
_WRAP_MIN_LINES = 3
_WRAP_MAX_WIDTH = 120
_WRAP_MIN_SHARE = 0.6
_WRAP_MIN_WIDTH = 50


def segment(
    article_id: str, text: str, boilerplate: tuple[Boilerplate, ...]
) -> tuple[Sentence, ...]:
    """Sentences covering every non-whitespace character outside `boilerplate`, in order."""
    blocked = _union(boilerplate)
    blocked_ends = [end for _, end in blocked]
    sentences: list[Sentence] = []
    paragraph = 0
    for unit_start, unit_end in logical_lines(text):
        found = False
        first = bisect.bisect_right(blocked_ends, unit_start)
        for part_start, part_end in _outside(unit_start, unit_end, blocked, first):
            for start, end in _sentence_spans(text, part_start, part_end):
                index = len(sentences)
                sentences.append(
                    Sentence(
                        id=f"{article_id}#{index}",
                        article=article_id,
                        index=index,
                        start=start,
                        end=end,
                        text=text[start:end],
                        paragraph=paragraph,
                    )
                )
                found = True
        if found:
            paragraph += 1
    return tuple(sentences)


def _union(boilerplate: tuple[Boilerplate, ...]) -> list[tuple[int, int]]:
    """The furniture as sorted, merged spans, so their ends are sorted too (for bisect)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((b.start, b.end) for b in boilerplate if b.end > b.start):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _outside(
    start: int, end: int, blocked: list[tuple[int, int]], first: int
) -> Iterator[tuple[int, int]]:
    """The pieces of `[start, end)` not covered by a blocked span (from `blocked[first]` on)."""
    cursor = start
    for b_start, b_end in itertools.islice(blocked, first, None):
        if b_end <= cursor:
            continue
        if b_start >= end:
            break
        if b_start > cursor:
            yield cursor, b_start
        cursor = max(cursor, b_end)
    if cursor < end:
        yield cursor, end


def logical_lines(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of the text's lines from `offset` on, with a hard-wrapped paragraph's lines joined.

    Cleaning judges furniture on the same units, so a wrapped fragment of a paragraph is never
    mistaken for a caption or a label.
    """
    units: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []
    previous_end = offset
    for match in _LINE.finditer(text, offset):
        start, end = match.span()
        if not text[start:end].strip():
            continue
        gap = text[previous_end:start]
        if block and _breaks(gap) > 1:
            units.extend(_join_wrapped(text, block))
            block = []
        block.append((start, end))
        previous_end = end
    units.extend(_join_wrapped(text, block))
    return units


def _breaks(gap: str) -> int:
    """How many line breaks a stretch of whitespace holds (\\r\\n counts once)."""
    return len(gap.replace("\r\n", "\n").splitlines()) if gap else 0


def _join_wrapped(text: str, block: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the lines of one blank-line-separated block where they were wrapped mid-sentence."""
    if len(block) < 2:
        return block
    lines = [text[s:e].strip() for s, e in block]
    widths = [len(line) for line in lines]
    widest = max(widths[:-1])
    unfinished = sum(line[-1] not in _TERMINAL for line in lines[:-1])
    wrapped = (
        len(block) >= _WRAP_MIN_LINES
        and _WRAP_MIN_WIDTH <= widest <= _WRAP_MAX_WIDTH
        and all(w >= _WRAP_MIN_SHARE * widest for w in widths[:-1])
        and 2 * unfinished > len(lines) - 1
    )
    joined: list[tuple[int, int]] = [block[0]]
    for (start, end), line, before in zip(block[1:], lines[1:], lines[:-1], strict=True):
        starts_item = _LEADING_MARKER.match(line) or _ENUM_MARKER.match(line)
        # A long line running on into a lowercase word that goes on or ends the sentence; short
        # lines ("North Korea", then "news"; a headline, then "end of list") are labels.
        runs_on = (
            before[-1] not in _TERMINAL
            and line[0].islower()
            and len(before) >= _WRAP_MIN_WIDTH
            and (line[-1] in _TERMINAL or len(line) >= _WRAP_MIN_WIDTH)
        )
        if not starts_item and (wrapped or runs_on):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Trimmed sentence spans inside `text[start:end]` (one piece of one logical line)."""
    piece = text[start:end]
    items = _list_items(piece)
    if len(items) == 1 and not _INNER_END.search(piece):
        # The common case: one line, one sentence (a headline, a bullet, a short paragraph).
        stripped = piece.strip()
        if not stripped:
            return []
        lead = len(piece) - len(piece.lstrip())
        return [(start + lead, start + lead + len(stripped))]
    cuts: set[int] = {0, len(piece)}
    for item_start, item_end in items:
        cuts.add(item_start)
        cuts.update(_punkt_cuts(piece, item_start, item_end))
    bounds = sorted(cuts)
    spans = []
    for a, b in itertools.pairwise(bounds):
        chunk = piece[a:b]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + a + lead, start + a + lead + len(stripped)))
    return spans


def _list_items(piece: str) -> list[tuple[int, int]]:
    """Cut a piece before inline bullets and before each marker of a numbered run it opens."""
    cuts = [m.start() for m in _BULLET.finditer(piece, 1) if piece[m.start() - 1].isspace()]
    opening = _ENUM_MARKER.match(piece.lstrip(_MARKER_PAD))
    if opening:
        cuts.extend(_enum_run(piece, opening.group(1), opening.group(2)))
    if not cuts:
        return [(0, len(piece))]
    bounds = sorted({0, len(piece), *cuts})
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _enum_run(piece: str, first: str, style: str) -> Iterator[int]:
    """Offsets of the markers that continue a numbered run ("1." then " 2." then " 3.")."""
    expected = _next_label(first)
    for match in _ENUM_MARKER.finditer(piece):
        if match.start() == 0 or not piece[match.start() - 1].isspace():
            continue
        if match.group(1) == expected and match.group(2) == style:
            start = match.start()
            # Keep a symbol bullet right before the marker ("• 10.") with its item.
            while start > 0 and piece[start - 1] in _BULLET_CHARS + " ":
                start -= 1
            yield start
            expected = _next_label(expected)


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _punkt_cuts(piece: str, start: int, end: int) -> list[int]:
    """Sentence starts inside one list item: nupunkt's, then corrected by the rules above."""
    item = piece[start:end]
    if not _INNER_END.search(item):
        # No full stop, "?" or "!" followed by a space: one sentence, nothing to ask nupunkt.
        return []
    spans = [(a, b) for a, b in _tokenizer().iter_spans(item) if item[a:b].strip()]
    kept: list[tuple[int, int]] = []
    for a, b in spans:
        if kept and _continues(item[kept[-1][0] : kept[-1][1]], item[a:b]):
            kept[-1] = (kept[-1][0], b)
        else:
            kept.append((a, b))
    cuts: list[int] = []
    for a, b in kept:
        cuts.append(a)
        sentence = item[a:b]
        if _INITIAL.search(sentence):
            cuts.extend(a + offset for offset in _initial_cuts(sentence))
    return [start + cut for cut in cuts if 0 < cut < len(item)]


@functools.cache
def _tokenizer() -> PunktSentenceTokenizer:
    """nupunkt's default model without `_NOT_ABBREVIATIONS`, as a private copy.

    `nupunkt.load` hands every caller the same cached instance, so it is copied rather than
    changed in place. Only the abbreviation set is edited, so only it (and the objects that
    hold it) are copied: a deep copy of the whole model took ~16 ms of the reader's start-up.
    """
    shared = nupunkt.load("default")
    tokenizer = copy.copy(shared)
    tokenizer.__dict__.pop("_decision_memo", None)
    tokenizer._params = copy.copy(shared._params)
    tokenizer._params.abbrev_types = set(shared._params.abbrev_types)
    for word in _NOT_ABBREVIATIONS:
        tokenizer.remove_abbreviation(word)
    return tokenizer


def _continues(before: str, after: str) -> bool:
    """True when nupunkt's cut between `before` and `after` falls inside one sentence."""
    head = after.lstrip(" \t\"'“‘«([*_")
    if head[:1].islower():
        return True
    tail = before.rstrip()
    if _MARKER_ONLY.fullmatch(tail.strip()):
        return True
    title = _ENDS_WITH_TITLE.search(tail)
    if not title:
        return False
    word = title.group(1).lower()
    return word in _TITLES or (word in _NUMBER_ABBREVIATIONS and head[:1].isdigit())


def _initial_cuts(sentence: str) -> Iterator[int]:
    """Cuts after a one-letter initial that ends a sentence ("Battalion K. I told him")."""
    for match in _INITIAL.finditer(sentence):
        letter, following = match.group(1), match.group(3)
        previous = _WORD_BEFORE.search(sentence[: match.start()])
        after_lowercase = bool(previous and previous.group(1)[:1].islower())
        if following in _STARTERS or (letter == "I" and after_lowercase):
            yield match.end()
