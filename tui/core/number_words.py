"""Numbers written in words or with digits, separators and scale words, as plain numbers.

News writes the same quantity as "10,000", "10 000", "10k", "ten thousand" and "$2bn"; the
figure extractor finds the spans with its patterns and asks this module for the value.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
UNITS_AND_TENS = (*UNITS, *TENS)
# Abbreviated scales glued to or right after digits: "$2bn", "10k", "£1.5m", "3 mln".
SCALE_ABBREVIATIONS = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
}

_BASIC = (
    "(?:(?:" + "|".join(TENS) + ")(?:-(?:" + "|".join(list(UNITS)[1:10]) + "))?"
    "|" + "|".join(sorted(UNITS, key=len, reverse=True)) + ")"
)
_SCALE_NAMES = "|".join(SCALES)
_SCALE = "(?:" + _SCALE_NAMES + ")"
_AFTER_SCALE = "(?:" + "|".join(f"(?<={name})" for name in SCALES) + ")"
# A run of number words: "six", "twenty-five", "ten thousand", "a dozen", "two and a half",
# "one hundred and twenty", "two and a half million". `and` only joins after a scale word or
# before "a half", so "six and seven" stays two numbers.
WORD_NUMBER = (
    r"(?:(?:(?:half\s+an?|an?\s+half|an?)\s+(?=(?:" + _SCALE_NAMES + r"|dozen)\b))?"
    r"(?:" + _BASIC + "|" + _SCALE + r"|dozen)"
    r"(?:(?:[ -]+|"
    + _AFTER_SCALE
    + r"\s+and\s+(?="
    + _BASIC
    + r"\b))(?:"
    + _BASIC
    + "|"
    + _SCALE
    + r"|dozen)\b)*"
    r"(?:\s+and\s+a\s+half\b)?(?:[ -]+" + _SCALE + r"\b)?)"
)
_WORD_SPLIT = re.compile(r"[\s-]+")


def parse_word_number(text: str) -> float | None:
    """The value of a run of number words ("two and a half" -> 2.5), or None when it is not one."""
    words = [w for w in _WORD_SPLIT.split(text.lower().strip()) if w and w != "and"]
    factor = 1.0
    if words[:2] in (["half", "a"], ["half", "an"], ["a", "half"], ["an", "half"]):
        factor, words = 0.5, words[2:]  # "half a million", "a half million"
    total = 0.0
    current = 0.0
    seen_number = False
    index = 0
    while index < len(words):
        word = words[index]
        if word in ("a", "an") and index + 1 < len(words) and words[index + 1] == "half":
            current += 0.5
            index += 2
            seen_number = True
            continue
        if word in ("a", "an"):
            current = current or 1
        elif word in UNITS:
            current += UNITS[word]
            seen_number = True
        elif word in TENS:
            current += TENS[word]
            seen_number = True
        elif word == "dozen":
            current = (current or 1) * 12
            seen_number = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen_number = True
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
            seen_number = True
        else:
            return None
        index += 1
    return (total + current) * factor if seen_number else None


def parse_digits(text: str) -> float | None:
    """'600,000', '600 000', '1.5', '3,2' is not accepted: comma is only a thousands separator."""
    cleaned = re.sub(r"[,\u00a0\u202f\u2009 ']", "", text)
    try:
        return float(cleaned)
    except ValueError:
        return None


_VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}


_FRACTION = re.compile(r"(?:(\d+)[\s\u00a0-]*)?(?:(\d)/(\d)|([½¼¾⅓⅔]))")


def parse_fraction(text: str) -> float | None:
    """ "9 1/2" -> 9.5, "1/4" -> 0.25, "9½" -> 9.5; None when `text` is not a fraction."""
    match = _FRACTION.fullmatch(text.strip())
    if match is None:
        return None
    whole = float(match.group(1) or 0)
    if match.group(4):
        return whole + _VULGAR_FRACTIONS[match.group(4)]
    denominator = int(match.group(3))
    if denominator == 0:
        return None
    return whole + int(match.group(2)) / denominator


def parse_number(text: str) -> float | None:
    """Digits (with an optional scale word or abbreviation after them), fractions ("9 1/2")
    or number words."""
    stripped = text.strip()
    if "/" in stripped or any(c in _VULGAR_FRACTIONS for c in stripped):
        return parse_fraction(stripped)
    match = re.fullmatch(r"([\d.,\u00a0\u202f\u2009 ]*\d)\s*(?:-\s*)?([A-Za-z]+)?", stripped)
    if match:
        number = parse_digits(match.group(1))
        if number is None:
            return None
        scale_word = (match.group(2) or "").lower()
        if not scale_word:
            return number
        if scale_word in SCALES:
            return number * SCALES[scale_word]
        if scale_word in SCALE_ABBREVIATIONS:
            return number * SCALE_ABBREVIATIONS[scale_word]
        return None
    return parse_word_number(stripped)


def tidy(value: float) -> int | float:
    """Whole numbers as int so 600000.0 reads and exports as 600000."""
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return round(value, 6)


# Vague magnitudes ("thousands of", "tens of thousands") stand for the magnitude itself.
VAGUE_VALUES = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
    "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
    "tens of millions": 10_000_000,
    "hundreds of millions": 100_000_000,
    # A quantifier before a bare magnitude is as vague as its plural ("several hundred").
    **{
        f"{quantifier} {magnitude}": value
        for quantifier in ("several", "a few", "many")
        for magnitude, value in (("hundred", 100), ("thousand", 1_000), ("million", 1_000_000))
    },
}
