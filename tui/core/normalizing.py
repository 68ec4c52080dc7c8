"""Turning sentences into comparable word tokens, whatever typography each outlet uses.

Outlets print the same words differently: curly or straight quotes, "U.N." or "UN" or
"United Nations", "Sept." or "September", "600,000" or "600 000", "Rütte" or "Rutte",
"deployed" or "deploys". Pairing compares
the normalised tokens, never the raw strings, and every token keeps its offsets into the
original text so word-level variants can be marked where the reader sees them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

# English function words and reporting verbs: they say nothing about which fact a sentence
# states ("said", "told", "according" appear in most news sentences of every story).
_STOPWORDS_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either few for
    from further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    said say says saying told tell tells added adds according stated noted reported emphasized
    stressed mentioned claimed announced also already now currently still later earlier
    mr mrs ms s t
    """
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’][^\W_]+)*")
# "600,000", "600 000", "600 000" (thin/narrow no-break spaces) and "600.000" groupings.
_GROUPED_NUMBER = re.compile(r"\d{1,3}(?:(?:,|\.|[ \u00a0\u202f\u2009])\d{3})+(?![\d])")
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


class Token(NamedTuple):
    """One word of a sentence: its normal form and its [start, end) offsets in the article.

    A NamedTuple rather than a frozen dataclass: a big story makes millions of tokens and a
    tuple is several times cheaper to create.
    """

    norm: str
    start: int
    end: int
    content: bool
    number: bool
    # Written with a capital letter (names, but also the first word of a sentence or quote).
    capital: bool = False


_FOLDED: dict[int, str] = {}


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if len(base) != 1:
        base = char
    if base in "‘’‛′`´":
        base = "'"
    elif base in "“”„‟″«»":
        base = '"'
    elif base in "‐‑‒–—―−":
        base = "-"
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


def fold(text: str) -> str:
    """Lower case without diacritics, with one kind of quote and dash; same length as `text`.

    Keeping the length lets offsets found in the folded text index the original.
    """
    for char in set(text):
        if ord(char) not in _FOLDED:
            _FOLDED[ord(char)] = _fold_char(char)
    return text.translate(_FOLDED)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately light suffix stripper: "troops"/"troop", "deployed"/"deployment"/"deploy".

    Conflating a few unrelated words costs little next to missing plural and tense changes,
    which every rewrite introduces.
    """
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 4 or word.isdigit():
        return word
    if word.endswith("ly") and len(word) >= 8:
        # Adverbs: "unanimously"/"unanimous", "repeatedly"/"repeated" (shorter ones such as
        # "early", "family", "weekly" keep their ending).
        word = word[:-2]
    for suffix, repl in (
        ("ments", ""),
        ("ment", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + repl
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word.rstrip("e") if len(word) > 4 else word


def _number_value(raw: str) -> str:
    digits = raw
    if _GROUPED_NUMBER.fullmatch(raw):
        digits = re.sub(r"[,. \u00a0\u202f\u2009]", "", raw)
    digits = digits.replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return raw
    return f"{value:g}" if value != int(value) else str(int(value))


def _drop_dots(match: re.Match[str]) -> str:
    return match.group().replace(".", "") + " " * match.group().count(".")


def _join_groups(match: re.Match[str]) -> str:
    return _GROUP_BLANK.sub(",", match.group())


_GROUP_BLANK = re.compile(r"[ \u00a0\u202f\u2009]")


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Normalised tokens of `text`; offsets are shifted by `offset` (the sentence's start)."""
    folded = fold(text)
    if "." in folded:
        folded = _ACRONYM.sub(_drop_dots, folded)
    # Join digit groups so "600 000" is one token; blanks keep the text's length.
    folded = _GROUPED_NUMBER.sub(_join_groups, folded)
    tokens: list[Token] = []
    new = _new_tuple
    known_words = _WORDS
    for match in _WORD.finditer(folded):
        raw = match.group()  # fold() already made every apostrophe "'"
        start, end = match.span()
        known = known_words.get(raw)
        if known is None:
            known = _learn(raw)
        norm, content, number = known
        if number:
            tokens.append(new(Token, (norm, offset + start, offset + end, True, True, False)))
        elif content is None:  # a scale word: "2.5 million" is one number
            if tokens and tokens[-1].number:
                previous = tokens.pop()
                try:
                    value = float(previous.norm) * _SCALE[raw]
                    norm = f"{value:g}" if value != int(value) else str(int(value))
                except ValueError:
                    norm = previous.norm
                tokens.append(new(Token, (norm, previous.start, offset + end, True, True, False)))
            else:
                word = _SCALE_WORDS[raw]
                tokens.append(
                    new(
                        Token,
                        (word, offset + start, offset + end, True, False, text[start].isupper()),
                    )
                )
        else:
            tokens.append(
                new(
                    Token,
                    (norm, offset + start, offset + end, content, False, text[start].isupper()),
                )
            )
    if len(tokens) > 1 and any(word in folded for word in _PHRASE_STARTS):
        tokens = _joined_phrases(tokens)
    return tuple(tokens)


def _joined_phrases(tokens: list[Token]) -> list[Token]:
    """ "United States" and "U.S.", "United Nations" and "UN": one token, as the short form."""
    joined: list[Token] = []
    for token in tokens:
        if joined:
            short = _PHRASES.get((joined[-1].norm, token.norm))
            if short is not None:
                first = joined.pop()
                token = Token(short, first.start, token.end, True, False, first.capital)
        joined.append(token)
    return joined


def _learn(raw: str) -> tuple[str, bool | None, bool]:
    """Normal form, content flag (None: a scale word) and number flag of a word, cached."""
    known: tuple[str, bool | None, bool]
    if raw[0].isdigit():
        known = (_number_value(raw), True, True)
    elif raw in _SCALE:
        known = (raw, None, False)
    else:
        word = stem(_MONTH_ABBREVIATIONS.get(raw, raw))
        known = (word, raw not in STOPWORDS and word not in STOPWORDS and len(word) > 1, False)
    _WORDS[raw] = known
    return known


# Building the tuple directly skips NamedTuple's Python-level __new__: tokenizing is the
# largest share of a 100-source story's time, and a story makes hundreds of thousands.
_new_tuple = tuple.__new__


# Normal form, content and number flags of each word seen: news text repeats its words.
_WORDS: dict[str, tuple[str, bool | None, bool]] = {}
# A scale word with no number before it is an ordinary word ("millions of people").
_SCALE_WORDS = {word: stem(word) for word in _SCALE}


_MONTH_ABBREVIATIONS = {
    "jan": "january",
    "feb": "february",
    "apr": "april",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
}
# Names outlets write in full or as initials.
_PHRASE_WORDS = {
    ("united", "states"): "us",
    ("united", "nations"): "un",
    ("united", "kingdom"): "uk",
    ("european", "union"): "eu",
}
# By their stemmed words, as tokens hold them.
_PHRASES = {(stem(first), stem(second)): short for (first, second), short in _PHRASE_WORDS.items()}
# A sentence is searched for them only when its folded text holds a first word.
_PHRASE_STARTS = frozenset(first for first, _ in _PHRASE_WORDS)
