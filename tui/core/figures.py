"""Numbers, dates and quantities in each sentence, and their reconciliation across sources.

Extraction policy (what a careful annotator marks, and what this module returns):

* Only inside sentences: furniture is never a sentence, and inside a sentence URLs, e-mail
  addresses, hashtags, product or unit codes ("D-30", "F-16", "COVID-19", "G7"), numbered
  references ("Article 5", "Resolution 2231", "No. 3"), list markers ("1." opening a line),
  slashed codes ("24/7", "9/11") and the numbers in index and ranking names ("S&P 500",
  "FTSE 100", "Fortune 500") are skipped. A capitalised hedge before a number ("Nearly 300")
  is not a model name ("Boeing 737"). An editor's bracketed number restating the one before
  it ("3/4 [0.75%] to 1 percent [1%]") is read as blank space: one figure, not three.
* Fractions: "9 1/2", "1/4", "2½" are numbers when a unit, percent or duration follows
  ("7 1/2 years", "3/4 to 1 percent"); a bare slashed fraction is not a count.
* Counts: digits ("600,000", "600 000", "1.5 million", "10k") and number words ("six", "ten
  thousand", "a dozen"). "one" is a figure only when it counts people or goes with a unit or
  scale ("one person", "one million", "one year"); as a pronoun or article ("one of them",
  "in one recording") it is not. Vague magnitudes ("thousands of", "tens of thousands",
  "dozens of", "several hundred", "a few thousand") are counts with the magnitude as value
  (1000, 10000, 12, 100, 1000) and qualifier "at least"; they never join a group of precise
  figures. Fractions in words ("half", "two-thirds") are not figures, except in a scaled
  number ("half a million" -> 500000).
  Number words glue to a unit with a hyphen ("two-day", "three-member"), not to other words
  ("one-sided").
* Ordinals: digit ordinals ("70th", "21st"), and ordinal words that count a run ("the third
  consecutive day", "a fifth straight session"). Other ordinal words ("first", "second
  batch") are ranks in prose ("the first time", "the first unit"), not quantities.
* Money: whole units of the currency in `unit` ("$2bn" -> 2000000000 "USD", "50 cents" -> 0.5).
  Percent: "3.5%"/"3.2 per cent"/"3-percent" -> 3.5 "%", percentage points "pp", basis points
  "bp" ("25-basis point"); "a quarter point", "a quarter of a percentage point" -> 0.25 "pp",
  "a quarter of a percent" -> 0.25 "%" (the unit as written).
  Measures: number and unit ("10km" -> 10 "km", "magnitude 7.1" -> 7.1 "magnitude").
* Ranges ("27-28", "10,000 to 12,000", "between 10,000 and 12,000", "two or three") keep the
  high end in `value_max`; "from 3 to 12" is a change, two figures.
* Years are ints; "the 1990s" is 1990..1999, "1950-53" 1950..1953; "in 2014 or 2015" is two
  years. Dates are ISO strings: a day "2024-10-23", a month "2024-08", a day range
  "2024-10-27/2024-10-28", a time of day "15:00" ("3 p.m.", "0710 GMT"), fixed holidays
  ("New Year's Day"). A date written without a year takes the year that puts it nearest the
  article's `published` date; without one, the most frequent year the story writes inside a
  full date ("October 25, 2024", a caption's included; ties: the latest). A bare year ("in
  2013", "the 1950-53 war") dates history, not the story, so with no full date such a date
  has no value. Relative dates ("yesterday", "today", "last Thursday", "on Monday", "last
  week", "the weekend") are resolved against `published` only; without it their value is
  None.
* Durations are ISO 8601 ("two and a half years" -> "P2Y6M", "48 hours" -> "PT48H", "four
  more days" -> "P4D"). "a decade"/"a century" are durations as they stand; "a year", "a
  week" only after a hedge ("nearly a year"), since bare they are idioms ("a year ago").
  A duration's subject says what it measures when the words do: "age" ("18-year-old"),
  "time since last" ("for the first time in 7 1/2 years"), a record's reach ("strongest in").
* Market moves ("The Nasdaq fell 52.31 points, or 1.1 percent, to 4,702.18") give the change,
  the percent and the level the index's name as subject (the level is a measure in
  "points", subject "<index> level"); a measure restated in brackets ("20 km (12 miles)")
  shares the subject and hedge of the one it restates.
* `qualifier` is the hedge as written, lower-cased ("over", "more than", "about", "some",
  "up to", "at least", "nearly", "or more"), "exact" when a value is given without a hedge,
  and None when there is no value.
* Spans cover the number with its currency, unit or scale, never the hedge word before it.

Reconciliation (`group_figures`) lives in `tui.core.reconciling`; the words around a figure
(its subject, speaker, event, casualty reading) are read by `tui.core.figure_context`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from tui.core.cancelling import CANCEL_EVERY, check
from tui.core.dates import (
    DAY,
    MONTH,
    MONTHS,
    WEEKDAYS,
    YEAR,
    explicit_years,
    iso_week,
    month_number,
    nearest_year,
    parse_published,
    shift_month,
    story_year,
    valid_date,
    weekday_date,
    weekend,
)
from tui.core.figure_context import (
    NOT_NAMES,
    NP_STOP,
    date_event,
    market_moves,
    speaker_of,
    subject_of,
    word_set,
)
from tui.core.models import Article, Claim, Figure, FigureGroup, FigureKind, FigureValue, Sentence
from tui.core.number_words import (
    SCALE_ABBREVIATIONS,
    SCALES,
    UNITS_AND_TENS,
    VAGUE_VALUES,
    WORD_NUMBER,
    parse_digits,
    parse_number,
    tidy,
)
from tui.core.reconciling import reconcile

# --- patterns -------------------------------------------------------------------------------

_DIGITS = (
    r"(?<![\w.,/])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d+)"
    r"(?:\.\d+)?(?![\d/])"
)


_SCALE_WORD = r"(?:\s?(?i:hundred|thousand|million|billion|trillion)\b|(?:bn|mn|mln|tn|trn|k)\b)"


# A number word may be glued by a hyphen to a unit ("two-day meeting", "a three-member
# team"), never to other words ("one-sided", "two-thirds").
_HYPHEN_UNITS = (
    r"(?i:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|member|strong|man|"
    r"person|mile|kilometre|kilometer|metre|meter|foot|feet|inch|point|percent|storey|story|"
    r"floor|seat|lane|bedroom)"
)


_WORDS = rf"(?<![\w-])(?i:{WORD_NUMBER})(?!\w)(?!-(?!{_HYPHEN_UNITS}\b))"


# Simple fractions news writes with a slash, alone or after a whole number ("7 1/2 years",
# "1/4 to 1/2 percent"); other slashed numbers are codes or dates ("24/7", "9/11").
_SLASH_FRACTION = r"(?:[1357]/8|[13]/4|[12]/3|1/2)"


_FRACTION = (
    rf"(?<![\w.,/])(?:\d{{1,3}}[ \u00a0-])?{_SLASH_FRACTION}(?![\d/])"
    r"|(?<![\w.,/])\d{0,3}[½¼¾⅓⅔]"
)


_NUMBER = rf"(?:{_FRACTION}|{_DIGITS}{_SCALE_WORD}?|{_WORDS})"


_RANGE_SEP = r"(?:\s?[-–—]\s?|\s+to\s+|\s+and\s+|\s+or\s+)"


_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


_CURRENCY_SYMBOLS = {
    "US$": "USD",
    "A$": "AUD",
    "C$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₴": "UAH",
    "₩": "KRW",
}


_CURRENCY_CODES = ("USD", "EUR", "GBP", "JPY", "CNY", "RUB", "UAH", "CHF", "AUD", "CAD", "INR")


# Amount multipliers for currency words: cents and pence are hundredths of the unit.
_CURRENCY_WORDS = {
    "dollars": ("USD", 1.0),
    "dollar": ("USD", 1.0),
    "euros": ("EUR", 1.0),
    "euro": ("EUR", 1.0),
    "pounds sterling": ("GBP", 1.0),
    "pounds": ("GBP", 1.0),
    "yen": ("JPY", 1.0),
    "yuan": ("CNY", 1.0),
    "rubles": ("RUB", 1.0),
    "roubles": ("RUB", 1.0),
    "hryvnias": ("UAH", 1.0),
    "hryvnia": ("UAH", 1.0),
    "rupees": ("INR", 1.0),
    "francs": ("CHF", 1.0),
    "cents": ("USD", 0.01),
    "pence": ("GBP", 0.01),
}


_SYMBOL = "|".join(re.escape(s) for s in sorted(_CURRENCY_SYMBOLS, key=len, reverse=True))


_CUR_WORD = "|".join(sorted(_CURRENCY_WORDS, key=len, reverse=True))


_MONEY_SCALE = (
    r"(?:\s?(?i:hundred|thousand|million|billion|trillion)\b|(?:bn|mn|mln|tn|trn|k|m|b)\b)"
)


_PERCENT_UNIT = (
    r"(?:\s?%|[\s-](?i:per\s?cent|percent)\b|[\s-](?i:percentage[\s-]+points?)\b|"
    r"[\s-](?i:basis[\s-]+points?)\b|\s?bps?\b|pp\b)"
)


# Measurement units as written -> unit stored; longest first so "km/h" wins over "km".
_UNITS = {
    "km/h": "km/h",
    "kph": "km/h",
    "miles per hour": "mph",
    "miles an hour": "mph",
    "kilometres per hour": "km/h",
    "kilometers per hour": "km/h",
    "km per hour": "km/h",
    "kilometres an hour": "km/h",
    "kilometers an hour": "km/h",
    "mph": "mph",
    "km2": "km2",
    "km²": "km2",
    "sq km": "km2",
    "square kilometres": "km2",
    "square kilometers": "km2",
    "square miles": "sq mi",
    "square metres": "m2",
    "square meters": "m2",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "km": "km",
    "miles": "mi",
    "mile": "mi",
    "metres": "m",
    "meters": "m",
    "metre": "m",
    "meter": "m",
    "m": "m",
    "centimetres": "cm",
    "centimeters": "cm",
    "cm": "cm",
    "millimetres": "mm",
    "millimeters": "mm",
    "mm": "mm",
    "feet": "ft",
    "foot": "ft",
    "ft": "ft",
    "inches": "in",
    "kilograms": "kg",
    "kilogrammes": "kg",
    "kg": "kg",
    "tonnes": "t",
    "tonne": "t",
    "tons": "t",
    "ton": "t",
    "litres": "l",
    "liters": "l",
    "gallons": "gal",
    "barrels": "bbl",
    "knots": "kn",
    "hectares": "ha",
    "acres": "acre",
    "megawatts": "MW",
    "MW": "MW",
    "gigawatts": "GW",
    "GW": "GW",
    "kWh": "kWh",
    "TWh": "TWh",
    "°C": "°C",
    "°F": "°F",
    "degrees Celsius": "°C",
    "degrees Fahrenheit": "°F",
    "degrees": "°",
    "points": "points",
    # Glued to the digits only ("40C"): "Section 5 C" is not a temperature.
    "C": "°C",
    "F": "°F",
}


_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))


_DURATION_UNITS = {
    "year": "Y",
    "month": "M",
    "week": "W",
    "day": "D",
    "hour": "H",
    "minute": "MIN",
    "second": "S",
    "decade": "DEC",
    "century": "CEN",
    "centurie": "CEN",
}


_DURATION_UNIT = (
    r"(?i:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|century|centuries)"
)


_QUALIFIER_BEFORE = re.compile(
    r"(?i:\b(more than|more then|over|well over|just over|about|around|at around|at about|nearer|"
    r"up to|at least|nearly|almost|some|approximately|roughly|an estimated|estimated|"
    r"close to|as many as|as much as|at most|no more than|no fewer than|fewer than|"
    r"less than|under|just under|below|above|upwards of|in excess of|approx\.)\s+|(~)\s*)$"
)


_QUALIFIER_AFTER = re.compile(r"(?i:\s*(\+|-plus|\s+plus\b|\s+or more\b|\s+or so\b))")


_PERSON_NOUNS = word_set(
    "person man woman child boy girl baby soldier civilian officer worker resident "
    "student patient victim passenger journalist citizen police policeman firefighter"
)


_YEAR_BEFORE = word_set(
    "in since of by until till from to before after during the early late mid year "
    "fiscal and or than spring summer autumn fall winter"
)


_REFERENCE_WORDS = re.compile(
    r"(?:\b(?:Article|Resolution|Section|Chapter|Flight|Route|Highway|Interstate|Room|"
    r"No\.|Number|Vol\.|Page|Paragraph|Clause|Amendment|Rule|Gate|Platform|Terminal|Unit|"
    r"Block|Building|Apartment|Suite|Channel|Season|Episode)"
    r"|#)\s*$"
)


def _pattern(body: str) -> re.Pattern[str]:
    return re.compile(body)


# (name, pattern) in priority order: on equal spans the earlier one wins.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "date_range",
        _pattern(
            rf"\b(?P<m1>{MONTH})\s+(?P<d1>{DAY})\s?(?:[-–—]|to|and|through)\s?"
            rf"(?:(?P<m2>{MONTH})\s+)?(?P<d2>{DAY})\b(?:,?\s+(?P<y>{YEAR})\b)?"
        ),
    ),
    (
        "date_mdy",
        _pattern(rf"\b(?P<m>{MONTH})\s+(?P<d>{DAY})\b(?!\s?%)(?:,?\s+(?P<y>{YEAR})\b)?"),
    ),
    (
        "date_dmy",
        _pattern(
            rf"\b(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})(?![\w])"
            rf"(?:,?\s+(?P<y>{YEAR})\b)?"
        ),
    ),
    ("month_year", _pattern(rf"\b(?P<m>{MONTH}),?\s+(?P<y>{YEAR})\b")),
    (
        "month",
        _pattern(
            r"(?:\b(?P<prep>[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ff]rom|[Tt]hrough|[Ee]arly|"
            r"[Ll]ate|[Mm]id-?|[Ll]ast|[Nn]ext|[Tt]his|[Oo]f|[Bb]efore|[Aa]fter|[Tt]ill)\s*)"
            rf"(?P<m>{MONTH})(?![\w])"
        ),
    ),
    (
        "holiday",
        _pattern(
            r"\b(?P<name>New Year's Day|New Year’s Day|New Year's Eve|New Year’s Eve|"
            r"Christmas Day|Christmas Eve|Boxing Day|Valentine's Day|Valentine’s Day|Halloween)\b"
            rf"(?:,?\s+(?P<y>{YEAR})\b)?"
        ),
    ),
    ("iso_date", _pattern(r"\b(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)\b")),
    (
        "weekday",
        _pattern(rf"(?:\b(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast)\s+)?\b(?P<wd>{_WEEKDAY})\b(?!s)"),
    ),
    ("deictic", _pattern(r"\b(?P<word>(?i:yesterday|today|tonight|tomorrow))\b")),
    (
        "period",
        _pattern(
            r"\b(?P<mod>(?i:last|next|this|the))\s+(?P<per>week|month|year|weekend)\b"
            r"(?!\s+(?:of|before|after)\b)"
        ),
    ),
    (
        "time",
        _pattern(
            r"(?<![\w:.])(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s?"
            r"(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|(?<![\w:.])(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)\b"
            r"|(?<![\w:.])(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)(?=\s?(?:GMT|UTC|CET|EST|ET|BST)\b)"
        ),
    ),
    (
        "money_range",
        _pattern(
            rf"(?P<sym>{_SYMBOL})\s?(?P<n1>{_DIGITS}{_MONEY_SCALE}?){_RANGE_SEP}"
            rf"(?:{_SYMBOL})?\s?(?P<n2>{_DIGITS}{_MONEY_SCALE}?)"
        ),
    ),
    ("money", _pattern(rf"(?P<sym>{_SYMBOL})\s?(?P<n1>{_DIGITS}{_MONEY_SCALE}?)")),
    (
        "money_code",
        _pattern(rf"\b(?P<code>{'|'.join(_CURRENCY_CODES)})\s?(?P<n1>{_DIGITS}{_MONEY_SCALE}?)"),
    ),
    (
        "magnitude",
        _pattern(
            r"\b(?i:magnitude)[\s-]+(?:(?:of|at|was|is)\s+)?(?P<n1>\d+(?:\.\d+)?)\b"
            r"|(?<![\w.])(?P<n2>\d+(?:\.\d+)?)[\s-]+(?i:magnitude)\b"
            r"|(?<![\w.])(?P<n3>\d+(?:\.\d+)?)(?=\s+on\s+the\s+Richter)"
            r"|(?<![\w.,])(?P<n4>\d\.\d)(?=[\s-](?:quake|earthquake|tremor|temblor|aftershock)s?\b)"
        ),
    ),
    (
        "rank_scale",
        _pattern(
            r"\b(?P<scale>(?i:category|level|phase|stage|grade|force))[\s-](?P<n1>\d{1,2})\b"
            r"(?![.,]\d)"
        ),
    ),
    (
        "point_fraction",
        _pattern(
            r"\b(?:(?i:a)\s+)?(?P<f>(?i:quarter|half|three[\s-]quarters))(?:\s+of)?[\s-]"
            r"(?:a\s+)?(?:(?P<pp>percentage[\s-])?point|(?P<pc>percent|per\s?cent))\b"
        ),
    ),
    (
        "a_duration",
        _pattern(
            r"\b(?P<a>[Aa]n?)\s+(?P<u>(?i:decade|century|year|month|week|fortnight|day|hour))\b"
            r"(?![-\u2010\u2011]?(?:old|s)\b)"
        ),
    ),
    (
        "streak",
        _pattern(
            r"\b(?P<w>(?i:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
            r"twelfth))(?=\s+(?:consecutive|straight|successive|running)\b)"
        ),
    ),
    ("decade", _pattern(r"(?<![\w'])(?:(?P<y>1[89]\d0|20\d0)s|'(?P<yy>\d0)s)\b")),
    ("ordinal", _pattern(r"(?<![\w.,])(?P<n1>\d+)(?:st|nd|rd|th)\b")),
    (
        "vague",
        _pattern(
            r"\b(?P<v>(?i:(?:several|a\s+few|many)\s+(?:hundred|thousand|million)))\b"
            r"(?!\s+(?:and\s+)?\d)"
            r"|\b(?P<w>(?i:(?:tens|hundreds)\s+of\s+(?:thousands|millions)|"
            r"dozens|scores|hundreds|thousands|millions|billions))\b"
            r"(?=\s+(?:of\b|more\b|(?:[a-z]+\s+)?(?:people|troops|soldiers|civilians|homes)\b))"
        ),
    ),
)


# Number-led figures are read in two steps, so the big number pattern is compiled once (not
# once per kind, which cost ~90 ms at import): a number (maybe a range of two), then the
# first of these suffixes that follows it. Order is priority, as in `_PATTERNS`.
_NUMBER_AT = re.compile(_NUMBER)


_RANGE_AT = re.compile(rf"(?:\s?%)?{_RANGE_SEP}")


_SUFFIXES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "money_word",
        re.compile(rf"(?:\s?(?P<sc>{_MONEY_SCALE}))?\s+(?:US\s+)?(?P<cw>{_CUR_WORD})\b"),
    ),
    ("percent", re.compile(rf"(?P<u>{_PERCENT_UNIT})")),
    ("measure", re.compile(rf"[\s-]?(?P<u>{_UNIT})(?![\w])")),
    (
        "duration",
        re.compile(
            r"[\s-]+(?:(?:more|additional|further|extra|straight|consecutive|successive)\s+)?"
            rf"(?P<u>{_DURATION_UNIT})\b(?:[\s-]+old\b)?"
        ),
    ),
    ("count", re.compile("")),
)


_PRIORITY = {
    name: rank
    for rank, name in enumerate(
        [name for name, _ in _PATTERNS]
        + [f"{name}{variant}" for name, _ in _SUFFIXES for variant in ("_range", "")]
    )
}


class _Parts:
    """The named spans of one match: a regex match, or a number plus a suffix read apart.

    Builders read both kinds the same way (`group`, `start`, `end`, `groupdict`).
    """

    __slots__ = ("_spans", "_text")

    def __init__(self, text: str, spans: dict[str, tuple[int, int]]) -> None:
        self._text = text
        self._spans = spans

    @classmethod
    def of(cls, match: re.Match[str]) -> _Parts:
        spans = {"": match.span()}
        for name in match.re.groupindex:
            if match.group(name) is not None:
                spans[name] = match.span(name)
        return cls(match.string, spans)

    def group(self, name: str = "") -> str:
        """The text of a named part; "" when that optional part did not take part."""
        span = self._spans.get(name)
        return "" if span is None else self._text[span[0] : span[1]]

    def start(self, name: str = "") -> int:
        return self._spans[name][0]

    def end(self, name: str = "") -> int:
        return self._spans[name][1]

    def span(self) -> tuple[int, int]:
        return self._spans[""]

    def has(self, name: str) -> bool:
        return name in self._spans

    def groupdict(self) -> dict[str, str]:
        return {name: self.group(name) for name in self._spans if name}


# Patterns that do not start with a number run only when their trigger sees a hint of them in
# the sentence; number-led patterns are tried only where a number starts (the anchors). This
# keeps extraction on the sample under 10 ms instead of ~40 ms for a full scan by every pattern.
_DIGIT_START = re.compile(r"(?<![\w.,/])\d")


_NUMBER_WORD_START = re.compile(
    r"(?<![\w-])(?i:an?|half|hundred|thousand|million|billion|trillion|dozen|"
    + "|".join(sorted(UNITS_AND_TENS, key=len, reverse=True))
    + r")\b"
)


_EXCLUSION_HINT = re.compile(r"\d|http|www\.|[@#]")


_MONTH_HINT = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")


_HAS_DIGIT = re.compile(r"\d")


# A digit then a lookahead (a loose superset of what the clock pattern reads): a regex that
# starts with a plain class and no IGNORECASE scans a sentence several times faster.
_CLOCK_HINT = re.compile(r"\d(?=\s?[AaPp]\.?[Mm]|:\d|\d{3}\s?(?:GMT|UTC|CET|ET|EST|BST)\b)")


_NUMBER_WORD_SET = frozenset([*UNITS_AND_TENS, *SCALES, "dozen"])


_A_DURATION_WORDS = word_set("decade century year month week fortnight day hour")


_LETTERS = re.compile(r"[a-z]+")


# Words that hint at a family of patterns; pairs of families ("point" needs a fraction word
# too) are settled after one pass over the sentence's words.
_WORD_HINTS: dict[str, tuple[str, ...]] = {}
for _family, _words in (
    ("number words", _NUMBER_WORD_SET),
    ("holiday", word_set("year christmas boxing valentine halloween")),
    ("weekday", word_set("monday tuesday wednesday thursday friday saturday sunday")),
    ("deictic", word_set("today yesterday tonight tomorrow")),
    ("period", word_set("week month year weekend")),
    ("rank word", word_set("category level phase stage grade force")),
    ("point word", word_set("point percent cent")),
    ("fraction word", word_set("quarter half quarters")),
    ("duration word", _A_DURATION_WORDS),
    ("article", word_set("a an")),
    ("streak", word_set("consecutive straight successive running")),
    ("magnitude", word_set("magnitude richter quake earthquake tremor temblor aftershock")),
    ("vague", word_set("dozens scores hundreds thousands millions billions several few many")),
):
    for _word in _words:
        _WORD_HINTS[_word] = (*_WORD_HINTS.get(_word, ()), _family)


def _hints(text: str, lower: str) -> frozenset[str]:
    """Which families of pattern can match in this sentence (cheap substring checks)."""
    hints: set[str] = set()
    for word in set(_LETTERS.findall(lower)):
        families = _WORD_HINTS.get(word)
        if families is not None:
            hints.update(families)
    if _MONTH_HINT.search(text):
        hints.add("month")
    if _HAS_DIGIT.search(text):
        hints.add("digit")
        if _CLOCK_HINT.search(text):
            hints.add("time")
        if "-" in text:
            hints.add("iso_date")
        if "0s" in lower:
            hints.add("decade")
        if any(code in text for code in _CURRENCY_CODES):
            hints.add("money_code")
        if any(symbol in text for symbol in "$£€¥₹₽₴₩"):
            hints.add("money")
        if "rank word" in hints:
            hints.add("rank_scale")
    if "point word" in hints and "fraction word" in hints:
        hints.add("point")
    if "duration word" in hints and "article" in hints:
        hints.add("a_duration")
    return frozenset(hints)


# The hint a pattern needs before it is run over the whole sentence (None: number-led, tried
# only at the anchors where a number starts).
_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(("date_range", "date_mdy", "date_dmy", "month_year", "month"), "month"),
    "iso_date": "iso_date",
    "holiday": "holiday",
    "weekday": "weekday",
    "deictic": "deictic",
    "period": "period",
    "time": "time",
    "money_range": "money",
    "money": "money",
    "money_code": "money_code",
    "magnitude": "magnitude",
    "decade": "decade",
    "point_fraction": "point",
    "a_duration": "a_duration",
    "streak": "streak",
    "rank_scale": "rank_scale",
    "vague": "vague",
}


_EXCLUDED = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+|[#@]\w+"
    r"|\b(?=[A-Za-z]*[A-Z])[A-Za-z]+-?\d[\w-]*"  # codes: D-30, F-16, G7, MH17, COVID-19
    rf"|\b(?!{_SLASH_FRACTION}\b(?!/))\d+/\d+(?:/\d+)?\b"  # 24/7, 9/11, numeric dates
    # market indices and rankings named with a number: "S&P 500", "FTSE 100", "Fortune 500"
    r"|(?:\bS&P|\bStandard\s*&\s*Poor['’]s|\b(?:FTSE|Fortune|Russell|Nikkei|Stoxx|CAC|DAX|"
    r"ASX|Forbes))\s*\d+\b"
    r"|\b\d{3}[-.\s]\d{3,4}[-.\s]\d{4}\b"  # phone numbers
)


# "won 3-1": a score, not a range (a range rises: "27-28").
_SCORE = re.compile(r"(?<![\d,.])(\d{1,3})[-–](\d{1,3})(?!\d|[,.]\d|\s?%)")


_LIST_MARKER = re.compile(r"^\s*(?:\(?\d{1,2}[.)]\s|[-•*·▪]\s+\d{1,2}[.)]\s)")


_FUTURE = re.compile(
    r"\b(?:will|would|'ll|shall|is due|are due|plans? to|scheduled|upcoming|next|"
    r"takes? effect|starting|set to|expected to)\b",
    re.I,
)


# An editor's bracketed number ("3/4 [0.75%] to 1 percent [1%]") restates the number
# before it: it is read as blank space, so the quote's own figure (here a range) is read
# whole and the gloss does not count twice. Offsets are unchanged.
_GLOSS = re.compile(r"\[\s*[~≈]?\d[\d.,]*\s*(?:%|[A-Za-z]{1,12}(?:\s[A-Za-z]{1,12})?)?\s*\]")


_BEFORE_GLOSS = re.compile(r"[\d½¼¾⅓⅔][\d.,/]*\s*(?:%|[A-Za-z]{1,12})?\s*$")


def _blank_gloss(match: re.Match[str]) -> str:
    """Blank a bracketed number that follows a number ("1/2 percent [0.5%]"); keep others."""
    before = match.string[max(0, match.start() - 20) : match.start()]
    return " " * len(match.group()) if _BEFORE_GLOSS.search(before) else match.group()


@dataclass(slots=True)
class _Found:
    """A figure while it is being built (mutable; becomes a frozen `Figure`)."""

    article: str
    sentence: Sentence
    start: int
    end: int
    kind: FigureKind
    value: FigureValue
    value_max: FigureValue = None
    unit: str | None = None
    qualifier: str | None = None
    subject: str | None = None
    attribution: str | None = None
    vague: bool = False
    # A date written without a year: (month, day, month_end, day_end), resolved after the
    # whole story is read so the story's own years can stand in for a missing `published`.
    pending: tuple[int, int | None, int | None, int | None] | None = None


# --- extraction ------------------------------------------------------------------------------


def extract_figures(
    articles: tuple[Article, ...], *, cancel: threading.Event | None = None
) -> tuple[Figure, ...]:
    """Every figure said in the articles' sentences, with offsets into the article text.
    Raises `Cancelled` soon after `cancel` is set."""
    found: list[_Found] = []
    for article in articles:
        published = parse_published(article.published)
        blocked = sorted((b.start, b.end) for b in article.boilerplate)
        for index, sentence in enumerate(article.sentences):
            if index % CANCEL_EVERY == 0:
                check(cancel)
            in_sentence = [
                figure
                for figure in _scan_sentence(article, sentence, published)
                if not _inside(blocked, figure.start, figure.end)
            ]
            if not in_sentence:
                continue
            speaker = speaker_of(article.sentences, index)
            for figure in in_sentence:
                figure.attribution = speaker
            found.extend(in_sentence)
    anchor_year = story_year(
        [year for article in articles for year in explicit_years(article.text)]
        + [d.year for d in (parse_published(a.published) for a in articles) if d is not None]
    )
    published_of = {a.id: parse_published(a.published) for a in articles}
    text_of: dict[str, str] = {}
    for article in articles:
        text_of.setdefault(article.id, article.text)  # the first article of an id, as before
    figures = []
    for number, item in enumerate(found, start=1):
        if item.pending is not None:
            item.value, item.value_max = _resolve_pending(
                item.pending,
                published_of[item.article],
                anchor_year,
                _FUTURE.search(item.sentence.text) is not None,
            )
            item.value_max = None
            if item.value is None:
                item.qualifier = None
        text = text_of[item.article]
        figures.append(
            Figure(
                id=f"f{number}",
                article=item.article,
                sentence=item.sentence.id,
                start=item.start,
                end=item.end,
                text=text[item.start : item.end],
                value=item.value,
                value_max=item.value_max,
                kind=item.kind,
                unit=item.unit,
                qualifier=item.qualifier,
                subject=item.subject,
                attribution=item.attribution,
            )
        )
    return tuple(figures)


def _inside(blocked: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps a furniture span."""
    index = bisect.bisect_right(blocked, (start, float("inf"))) - 1
    for candidate in blocked[max(index, 0) : index + 2]:
        if candidate[0] < end and start < candidate[1]:
            return True
    return False


def _scan_sentence(article: Article, sentence: Sentence, published: dt.date | None) -> list[_Found]:
    """Figures of one sentence: leftmost, then longest, then highest-priority match wins."""
    text = sentence.text
    if "[" in text:
        text = _GLOSS.sub(_blank_gloss, text)
    hints = _hints(text, text.lower())
    if not hints:
        return []
    excluded = [m.span() for m in _EXCLUDED.finditer(text)] if _EXCLUSION_HINT.search(text) else []
    if "digit" in hints:
        excluded += [m.span() for m in _SCORE.finditer(text) if int(m.group(2)) <= int(m.group(1))]
    marker = _LIST_MARKER.match(text)
    if marker:
        excluded.append((0, marker.end()))
    candidates: list[tuple[int, int, int, str, _Parts]] = []
    anchors = [m.start() for m in _DIGIT_START.finditer(text)] if "digit" in hints else []
    if "number words" in hints:
        anchors += [m.start() for m in _NUMBER_WORD_START.finditer(text)]
    for name, pattern in _PATTERNS:
        trigger = _TRIGGERS.get(name)
        if trigger is None:
            matches = [m for m in (pattern.match(text, a) for a in anchors) if m is not None]
        elif trigger in hints:
            matches = list(pattern.finditer(text))
        else:
            continue
        for found_match in matches:
            start, end = found_match.span()
            if name == "month":
                start = found_match.start("m")
            candidates.append(
                (start, -(end - start), _PRIORITY[name], name, _Parts.of(found_match))
            )
    for anchor in anchors:
        candidates.extend(_number_led(text, anchor))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    results: list[_Found] = []
    taken_until = 0
    for start, negative_length, _, name, match in candidates:
        end = start - negative_length
        if start < taken_until or any(a < end and start < b for a, b in excluded):
            continue
        if name in ("count", "count_range", "ordinal") and _REFERENCE_WORDS.search(
            text[max(0, start - 20) : start]
        ):
            continue
        built = _BUILDERS[name](match, text, start, end, published)
        if built is None:
            continue
        kind, value, value_max, unit, pending, _ = built
        found = _Found(
            article=article.id,
            sentence=sentence,
            start=sentence.start + start,
            end=sentence.start + end,
            kind=kind,
            value=value,
            value_max=value_max,
            unit=unit,
            pending=pending,
            vague=name == "vague",
        )
        end = _finish(found, text, start, end)
        found.end = sentence.start + end
        results.append(found)
        taken_until = end
    if "(" in text:
        _share_conversions(results, text, sentence.start)
    _read_market_moves(results, text, sentence.start)
    return _merge_weekday_dates(results, text, sentence.start)


_OPEN_PAREN = re.compile(r"\s*\(\s*")


_CLOSE_PAREN = re.compile(r"\s*\)")


def _share_conversions(found: list[_Found], text: str, offset: int) -> None:
    """ "480 kilometers (300 miles) southwest of": the bracketed measure restates the one
    before it, so both take the subject read after the bracket and the first one's hedge."""
    for first, second in itertools.pairwise(found):
        if first.kind != "measure" or second.kind != "measure" or first.unit == second.unit:
            continue
        opening = _OPEN_PAREN.match(text, first.end - offset)
        closing = _CLOSE_PAREN.match(text, second.end - offset)
        if opening is None or opening.end() != second.start - offset or closing is None:
            continue
        subject = subject_of(text, first.start - offset, closing.end(), "measure")
        first.subject = second.subject = subject or first.subject
        if second.qualifier == "exact":
            second.qualifier = first.qualifier


def _read_market_moves(found: list[_Found], text: str, offset: int) -> None:
    """ "The Nasdaq added 76 points, or 1.5 percent, to 5,071": the change, the percent and
    the level are all the index's (the level is a measure in points)."""
    moves = market_moves(text)
    for figure in found:
        start, end = figure.start - offset, figure.end - offset
        for name, role, role_start, role_end in moves:
            if role_start < end and start < role_end:
                figure.subject = f"{name} level" if role == "level" else name
                if role == "level" and figure.kind == "count":
                    figure.kind, figure.unit = "measure", "points"
                break


def _merge_weekday_dates(found: list[_Found], text: str, offset: int) -> list[_Found]:
    """ "Tuesday, Oct. 3" is one date: the weekday joins the explicit date right after it."""
    merged: list[_Found] = []
    for item in found:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.kind == "date"
            and item.kind == "date"
            and re.fullmatch(
                rf"(?:[Ll]ast\s+|[Nn]ext\s+|[Tt]his\s+)?{_WEEKDAY}",
                text[previous.start - offset : previous.end - offset],
            )
            and re.fullmatch(r",?\s*(?:the\s+)?", text[previous.end - offset : item.start - offset])
            and (item.pending is not None or isinstance(item.value, str))
            and item.value_max is None
        ):
            item.start = previous.start
            merged[-1] = item
            continue
        merged.append(item)
    return merged


def _number_led(text: str, anchor: int) -> list[tuple[int, int, int, str, _Parts]]:
    """Every reading of the number at `anchor`: alone or as a range, with each suffix."""
    first = _NUMBER_AT.match(text, anchor)
    if first is None:
        return []
    cores = [({"n1": first.span()}, first.end(), "")]
    separator = _RANGE_AT.match(text, first.end())
    if separator is not None:
        second = _NUMBER_AT.match(text, separator.end())
        if second is not None:
            cores.append(({"n1": first.span(), "n2": second.span()}, second.end(), "_range"))
    found = []
    for spans, core_end, variant in cores:
        for kind, suffix in _SUFFIXES:
            if kind == "money_word" and variant:
                continue
            match = suffix.match(text, core_end)
            if match is None:
                continue
            parts = {**spans, "": (anchor, match.end())}
            for group in suffix.groupindex:
                if match.group(group) is not None:
                    parts[group] = match.span(group)
            name = kind + variant
            found.append((anchor, anchor - match.end(), _PRIORITY[name], name, _Parts(text, parts)))
    return found


_Built = tuple[
    FigureKind,
    FigureValue,
    FigureValue,
    str | None,
    tuple[int, int | None, int | None, int | None] | None,
    int | None,
]


_Builder = Callable[[_Parts, str, int, int, dt.date | None], _Built | None]


def _finish(found: _Found, text: str, start: int, end: int) -> int:
    """Qualifier, subject; returns the span end (a trailing "+" hedge joins the span)."""
    numeric = found.kind in ("count", "money", "percent", "measure", "duration")
    before = text[max(0, start - 40) : start]
    if found.vague:
        found.qualifier = "at least"
    elif numeric:
        hedge = _QUALIFIER_BEFORE.search(before)
        after = _QUALIFIER_AFTER.match(text, end)
        if hedge:
            found.qualifier = (hedge.group(1) or hedge.group(2)).lower()
        elif after:
            found.qualifier = "or more" if "more" in after.group(1).lower() else "over"
            if after.group(1).strip() in ("+", "-plus"):
                end = after.end()
        else:
            found.qualifier = "exact"
    elif found.value is not None or found.pending is not None:
        found.qualifier = "exact"
    if found.kind in ("count", "money", "percent", "measure"):
        found.subject = subject_of(text, start, end, found.kind)
    elif found.kind == "duration":
        found.subject = _duration_subject(text, start, end)
    elif found.kind == "date":
        event = date_event(text, start, end)
        found.subject = event if event != "speech" else None
    return end


_SINCE_LAST = re.compile(
    r"(?i:\bfirst\b(?:\s+[\w-]+){0,3}?\s+(?:in|for)\s+(?:(?:more than|nearly|almost|about|"
    r"over|some|around|roughly|just over|just under|the\s+(?:past|last))\s+)?)$"
)


_RECORD = re.compile(
    r"(?i:\b(?P<w>\w+est|most|least|worst|best)\b[^.,;:]{0,40}?\bin\s+(?:(?:more than|"
    r"nearly|almost|about|over|some|around|the\s+(?:past|last))\s+)?)$"
)


def _duration_subject(text: str, start: int, end: int) -> str | None:
    """What a span of time measures, when the words say: an age ("18-year-old"), the time
    since something last happened ("for the first time in 7 1/2 years", "the first cut in
    nearly five years"), or a record's reach ("the strongest in 14 years"); other durations
    group only through claims."""
    if re.search(r"old$", text[start:end]):
        return "age"
    before = text[max(0, start - 60) : start]
    if _SINCE_LAST.search(before):
        return "time since last"
    record = _RECORD.search(before)
    if record:
        return f"{record.group('w').lower()} in"
    return None


# --- builders: a regex match -> kind, value, value_max, unit, pending date, explicit year -----


def _build_date_range(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    month1 = month_number(match.group("m1"))
    month2 = month_number(match.group("m2")) if match.group("m2") else month1
    day1 = int(re.sub(r"\D", "", match.group("d1")))
    day2 = int(re.sub(r"\D", "", match.group("d2")))
    if (month2, day2) <= (month1, day1):
        return None
    year = int(match.group("y")) if match.group("y") else None
    if year is not None:
        if not (valid_date(year, month1, day1) and valid_date(year, month2, day2)):
            return None
        value = f"{year:04d}-{month1:02d}-{day1:02d}/{year:04d}-{month2:02d}-{day2:02d}"
        return "date", value, None, None, None, year
    return "date", None, None, None, (month1, day1, month2, day2), None


def _build_date(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    month = month_number(match.group("m"))
    day = int(re.sub(r"\D", "", match.group("d")))
    if match.group("m") == "May" and re.match(r"\s", text[match.end("m") :]) is None:
        return None
    year = int(match.group("y")) if match.group("y") else None
    if year is not None:
        if not valid_date(year, month, day):
            return None
        return "date", f"{year:04d}-{month:02d}-{day:02d}", None, None, None, year
    if not valid_date(2000, month, day):
        return None
    return "date", None, None, None, (month, day, None, None), None


def _build_month_year(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    year = int(match.group("y"))
    return "date", f"{year:04d}-{month_number(match.group('m')):02d}", None, None, None, year


def _build_month(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    if match.group("m") == "May" and match.group("prep").lower() not in ("in", "since", "until"):
        return None
    return "date", None, None, None, (month_number(match.group("m")), None, None, None), None


# Fixed-date holidays news uses as dates ("struck on New Year's Day").
_HOLIDAYS = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
}


def _build_holiday(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    month, day = _HOLIDAYS[match.group("name").lower().replace("’", "'")]
    if match.group("y"):
        year = int(match.group("y"))
        return "date", f"{year:04d}-{month:02d}-{day:02d}", None, None, None, year
    return "date", None, None, None, (month, day, None, None), None


def _build_iso_date(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    year, month, day = int(match.group("y")), int(match.group("mo")), int(match.group("d"))
    if not valid_date(year, month, day):
        return None
    return "date", f"{year:04d}-{month:02d}-{day:02d}", None, None, None, year


def _build_weekday(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    if published is None:
        return "date", None, None, None, None, None
    weekday = WEEKDAYS[match.group("wd").lower()]
    modifier = (match.group("mod") or "").lower()
    if modifier in ("last", "past"):
        direction = "last"
    elif modifier == "next":
        direction = "next"
    elif _FUTURE.search(text) and modifier != "this":
        direction = "future"
    else:
        direction = "past"
    return "date", weekday_date(weekday, published, direction).isoformat(), None, None, None, None


def _build_deictic(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    if published is None:
        return "date", None, None, None, None, None
    shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[match.group("word").lower()]
    return "date", (published + dt.timedelta(days=shift)).isoformat(), None, None, None, None


def _build_period(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    modifier, period = match.group("mod").lower(), match.group("per")
    if modifier == "the" and period != "weekend":
        return None
    step = {"last": -1, "next": 1}.get(modifier, 0)
    if period == "year":
        if published is None:
            return "year", None, None, None, None, None
        return "year", published.year + step, None, None, None, None
    if published is None:
        return "date", None, None, None, None, None
    if period == "week":
        value = iso_week(published + dt.timedelta(weeks=step))
    elif period == "month":
        value = shift_month(published, step)
    else:
        value = weekend(published, max(step, 0) if modifier != "last" else 0)
    return "date", value, None, None, None, None


def _build_time(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    if match.group("h2"):
        return "date", f"{int(match.group('h2')):02d}:{match.group('mi2')}", None, None, None, None
    if match.group("h3"):
        return "date", f"{match.group('h3')}:{match.group('mi3')}", None, None, None, None
    hour = int(match.group("h"))
    if hour > 12 or hour == 0:
        return None
    if match.group("ap").lower().startswith("p") and hour != 12:
        hour += 12
    elif match.group("ap").lower().startswith("a") and hour == 12:
        hour = 0
    return "date", f"{hour:02d}:{match.group('mi') or '00'}", None, None, None, None


def _money_amount(number: str, scale: str | None = None) -> float | None:
    text = number.strip()
    glued = re.fullmatch(r"([\d.,\u00a0\u202f ]*\d)\s?([A-Za-z]+)", text)
    if glued and glued.group(2).lower() in ("m", "b"):
        base = parse_digits(glued.group(1))
        if base is None:
            return None
        return base * (1_000_000 if glued.group(2).lower() == "m" else 1_000_000_000)
    value = parse_number(text)
    if value is not None and scale:
        multiplier = SCALES.get(scale.strip().lower()) or SCALE_ABBREVIATIONS.get(
            scale.strip().lower()
        )
        if multiplier is None:
            return None
        value *= multiplier
    return value


def _build_money(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    groups = match.groupdict()
    if groups.get("sym"):
        unit = _CURRENCY_SYMBOLS[groups["sym"]]
        factor = 1.0
    elif groups.get("code"):
        unit, factor = groups["code"], 1.0
    else:
        unit, factor = _CURRENCY_WORDS[groups["cw"].lower()]
    low = _money_amount(groups["n1"], groups.get("sc"))
    if low is None:
        return None
    high = _money_amount(groups["n2"]) if groups.get("n2") else None
    if groups.get("n2"):
        if high is None or not _valid_range(match, text, start, low, high):
            return None
        if high < 1000 <= low:  # "$2bn-3": the scale of the first applies to both
            high *= low // max(_money_amount(re.sub(r"[A-Za-z\s]+$", "", groups["n1"])) or 1, 1)
    return (
        "money",
        tidy(low * factor),
        tidy(high * factor) if high is not None else None,
        unit,
        None,
        None,
    )


def _range_end(match: _Parts, text: str, start: int, low: float) -> tuple[bool, float | None]:
    """The high end of a range the pattern caught ("27-28", "between 10,000 and 12,000"):
    (True, None) when there is none, (False, None) when it is not a valid range."""
    if not ("n2" in match.groupdict() and match.group("n2")):
        return True, None
    first, second = match.group("n1").strip(), match.group("n2")
    joined = text[match.end("n1") : match.start("n2")]
    if (
        re.fullmatch(r"(?:1[89]|20)\d\d", first)
        and re.fullmatch(r"\d\d", second)
        and re.fullmatch(r"\s?[-–—]\s?", joined)
        and int(first) // 100 * 100 + int(second) > low
    ):
        return True, int(first) // 100 * 100 + int(second)  # "1950-53": the century is implied
    high = parse_number(second)
    if high is None or not _valid_range(match, text, start, low, high):
        return False, None
    return True, high


def _valid_range(match: _Parts, text: str, start: int, low: float, high: float) -> bool:
    """A real range: rising, "and" only after "between", "to" not after "from" (a change)."""
    joined = text[match.end("n1") : match.start("n2")]
    before = text[:start].rstrip().lower()
    if high <= low:
        return False
    if "and" in joined:
        return before.endswith("between")
    if "to" in joined:
        change = re.search(r"\b(?:from|by|rose|fell|grew|increased|decreased|cut|raised)$", before)
        return change is None and high <= low * 10
    return True


def _build_percent(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    low = parse_number(match.group("n1"))
    if low is None or _is_lone_one(match.group("n1"), text, match.end("n1"), allow=True):
        return None
    valid, high = _range_end(match, text, start, low)
    if not valid:
        return None
    written = match.group("u").strip(" -").lower()
    if written.startswith("basis") or written.startswith("bp"):
        unit = "bp"
    elif written.startswith("percentage") or written == "pp":
        unit = "pp"
    else:
        unit = "%"
    return "percent", tidy(low), tidy(high) if high is not None else None, unit, None, None


def _build_magnitude(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    number = match.group("n1") or match.group("n2") or match.group("n3") or match.group("n4")
    return "measure", tidy(float(number)), None, "magnitude", None, None


def _build_measure(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    unit_text = match.group("u")
    if unit_text in ("C", "F") and match.start("u") != match.end("n2" if match.has("n2") else "n1"):
        return None
    if unit_text == "m":
        if re.match(r"\s", text[match.end("n1") : match.end("n1") + 1] or "x"):
            return None  # "5 m" is rare in news; "$5 m" is money and handled above
        following = re.match(r"[\s-]*([a-z]+)", text[end:])
        if following and following.group(1) not in _DIMENSIONS:
            base = parse_digits(match.group("n1"))  # "1.5m residents": millions
            if base is None or ("n2" in match.groupdict() and match.group("n2")):
                return None
            return "count", tidy(base * 1_000_000), None, None, None, None
    if unit_text == "points" and not re.search(
        r"(?i:index|dow|nasdaq|ftse|s&p|dax|nikkei|score|poll)", text
    ):
        return None
    low = parse_number(match.group("n1"))
    if low is None or _is_lone_one(match.group("n1"), text, match.end("n1"), allow=True):
        return None
    valid, high = _range_end(match, text, start, low)
    if not valid:
        return None
    unit = _UNITS.get(unit_text) or _UNITS.get(unit_text.lower())
    return "measure", tidy(low), tidy(high) if high is not None else None, unit, None, None


_DIMENSIONS = word_set(
    "high tall deep long wide thick above below away from of in across up down under "
    "higher deeper longer wider"
)


def iso_duration(amount: float, unit: str) -> str:
    """ISO 8601 duration of `amount` units ("Y", "M", "W", "D", "H", "MIN", "S", "DEC", "CEN").

    A fraction carries into the next smaller unit when it comes out whole: 2.5 years is
    "P2Y6M", 1.5 hours "PT1H30M"; otherwise the smallest unit keeps a decimal.
    """
    if unit == "DEC":
        amount, unit = amount * 10, "Y"
    elif unit == "CEN":
        amount, unit = amount * 100, "Y"
    smaller = {
        "Y": ("M", 12),
        "M": ("D", 30),
        "W": ("D", 7),
        "D": ("H", 24),
        "H": ("MIN", 60),
        "MIN": ("S", 60),
    }
    parts: list[tuple[str, float]] = []
    whole = int(amount)
    fraction = amount - whole
    parts.append((unit, whole))
    if fraction and unit in smaller:
        next_unit, ratio = smaller[unit]
        carried = fraction * ratio
        if abs(carried - round(carried)) < 1e-9:
            parts.append((next_unit, round(carried)))
        else:
            parts[-1] = (unit, amount)
    date_part = "".join(f"{tidy(float(n))}{u}" for u, n in parts if u in ("Y", "M", "W", "D") and n)
    time_part = "".join(
        f"{tidy(float(n))}{'M' if u == 'MIN' else u}"
        for u, n in parts
        if u in ("H", "MIN", "S") and n
    )
    if not date_part and not time_part:
        return "PT0S" if unit in ("H", "MIN", "S") else f"P0{unit}"
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def _build_duration(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    low = parse_number(match.group("n1"))
    if low is None:
        return None
    unit_word = match.group("u").lower().rstrip("s")
    unit = _DURATION_UNITS[unit_word]
    if unit_word == "second" and re.search(r"(?i)\bsecond\b", match.group("n1")):
        return None
    valid, high = _range_end(match, text, start, low)
    if not valid:
        return None
    return (
        "duration",
        iso_duration(low, unit),
        iso_duration(high, unit) if high is not None else None,
        None,
        None,
        None,
    )


def _build_rank_scale(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    """ "a Category 4 hurricane", "Level 3 alert": a step on a named scale."""
    return "measure", int(match.group("n1")), None, match.group("scale").lower(), None, None


def _build_point_fraction(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    """ "a quarter point", "half a percentage point": rate moves in percentage points;
    "a quarter of a percent" keeps the unit it was written in."""
    fraction = match.group("f").lower()
    value = 0.25 if fraction == "quarter" else 0.5 if fraction == "half" else 0.75
    return "percent", value, None, "%" if match.has("pc") else "pp", None, None


# "a decade", "a century" are durations as they stand; "a year", "a week" are durations
# only with a hedge ("nearly a year", "more than a week"): bare, they are mostly idioms
# ("a year ago", "twice a day") that annotators do not mark.
_ALWAYS_A_DURATION = frozenset(("decade", "century"))


def _build_a_duration(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    unit_word = match.group("u").lower()
    if unit_word not in _ALWAYS_A_DURATION and not _QUALIFIER_BEFORE.search(
        text[max(0, start - 40) : start]
    ):
        return None
    if unit_word == "fortnight":
        return "duration", "P2W", None, None, None, None
    return "duration", iso_duration(1, _DURATION_UNITS[unit_word]), None, None, None, None


_ORDINAL_WORDS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}


def _build_streak(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    """ "the third consecutive day": the length of a run, a quantity (unlike "the second
    batch", a rank in prose)."""
    return "ordinal", _ORDINAL_WORDS[match.group("w").lower()], None, None, None, None


def _build_decade(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    if match.group("y"):
        year = int(match.group("y"))
    else:
        short = int(match.group("yy"))
        year = 1900 + short if short >= 30 else 2000 + short
    return "year", year, year + 9, None, None, None


def _build_ordinal(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    return "ordinal", int(match.group("n1")), None, None, None, None


def _build_vague(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    words = re.sub(r"\s+", " ", (match.group("v") or match.group("w")).lower())
    return "count", VAGUE_VALUES[words], None, None, None, None


def _is_lone_one(number: str, text: str, end: int, allow: bool = False) -> bool:
    """True for "one"/"a"-style words that are pronouns or articles, not counts."""
    if number.strip().lower() not in ("one",):
        return False
    if allow:
        return False
    following = re.findall(r"[A-Za-z]+", text[end : end + 40])[:2]
    return not any(word.lower().rstrip("s") in _PERSON_NOUNS for word in following)


def _build_count(
    match: _Parts, text: str, start: int, end: int, published: dt.date | None
) -> _Built | None:
    first = match.group("n1")
    low = parse_number(first)
    if low is None:
        return None
    if _is_lone_one(first, text, match.end("n1")):
        return None
    if re.fullmatch(r"(?i)an?", first.strip()):
        return None
    if re.fullmatch(_SLASH_FRACTION + "|[½¼¾⅓⅔]", first.strip()):
        return None  # "a 3/4 majority": a share, not a count
    if re.match(r"[A-Za-z]", text[end : end + 1]):
        return None  # "5G", "3D": part of a name
    if re.fullmatch(r"\d{1,4}", first) and _after_name(text, start):
        return None  # "Boeing 737", "Windows 11": a model or a name, not a count
    valid, high = _range_end(match, text, start, low)
    if not valid:
        return None
    if high is not None:
        second = match.group("n2")
        if _is_year_text(first, text, start) and (
            _is_year_text(second, text, start) or re.fullmatch(r"\d\d", second)
        ):
            if re.fullmatch(r"\s+or\s+", text[match.end("n1") : match.start("n2")]):
                return None  # "in 2014 or 2015" names two years, not a span
            return "year", int(low), int(high), None, None, int(low)
        if re.search(r"[-–—]\s?\d", text[match.end("n1") : match.end("n1") + 3]) and high < low:
            return None
        return "count", tidy(low), tidy(high), None, None, None
    if _is_year_text(first, text, start):
        return "year", int(low), None, None, None, int(low)
    return "count", tidy(low), None, None, None, None


def _after_name(text: str, start: int) -> bool:
    """True when a capitalised word, not opening the sentence, sits right before `start`."""
    previous = re.search(r"(?:^|(?<=\s))([A-Z][\w&.-]*)\s+$", text[max(0, start - 30) : start])
    if previous is None:
        return False
    word = previous.group(1)
    if word.rstrip(".").lower() in MONTHS or word.lower() in WEEKDAYS or word in NOT_NAMES:
        return False
    if word.lower() in NP_STOP or _QUALIFIER_BEFORE.search(word.lower() + " "):
        return False  # "Nearly 300 people", "Only 12 remain": a hedge, not a model name
    return text[:start].strip() != word


def _is_year_text(number: str, text: str, start: int) -> bool:
    """A bare 4-digit number from 1800 to 2100 read as a year unless it counts something."""
    if not re.fullmatch(r"(?:1[89]\d\d|20\d\d|2100)", number.strip()):
        return False
    before = text[max(0, start - 40) : start]
    if _QUALIFIER_BEFORE.search(before):
        return False
    previous = re.search(r"([A-Za-z]+)[\s-]*$", before)
    if previous and previous.group(1).lower() in _YEAR_BEFORE:
        return True
    after = text[start + len(number) :]
    following = re.match(r"\s*([A-Za-z]+)", after)
    return following is None or following.group(1).lower() in NP_STOP


_BUILDERS: dict[str, _Builder] = {
    "date_range": _build_date_range,
    "date_mdy": _build_date,
    "date_dmy": _build_date,
    "month_year": _build_month_year,
    "month": _build_month,
    "iso_date": _build_iso_date,
    "holiday": _build_holiday,
    "weekday": _build_weekday,
    "deictic": _build_deictic,
    "period": _build_period,
    "time": _build_time,
    "money_range": _build_money,
    "money": _build_money,
    "money_code": _build_money,
    "money_word": _build_money,
    "percent_range": _build_percent,
    "percent": _build_percent,
    "magnitude": _build_magnitude,
    "measure_range": _build_measure,
    "measure": _build_measure,
    "duration_range": _build_duration,
    "duration": _build_duration,
    "decade": _build_decade,
    "rank_scale": _build_rank_scale,
    "point_fraction": _build_point_fraction,
    "a_duration": _build_a_duration,
    "streak": _build_streak,
    "ordinal": _build_ordinal,
    "vague": _build_vague,
    "count_range": _build_count,
    "count": _build_count,
}


def _resolve_pending(
    pending: tuple[int, int | None, int | None, int | None],
    published: dt.date | None,
    anchor_year: int | None,
    future: bool = False,
) -> tuple[FigureValue, FigureValue]:
    """ISO value of a date written without its year."""
    month, day, month_end, day_end = pending
    if published is not None:
        year = nearest_year(month, day, published, future)
    elif anchor_year is not None:
        year = anchor_year
    else:
        return None, None
    if day is None:
        return f"{year:04d}-{month:02d}", None
    if not valid_date(year, month, day):
        return None, None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if month_end is not None and day_end is not None:
        end_year = year + (1 if month_end < month else 0)
        if not valid_date(end_year, month_end, day_end):
            return None, None
        value += f"/{end_year:04d}-{month_end:02d}-{day_end:02d}"
    return value, None


def group_figures(
    articles: tuple[Article, ...],
    claims: tuple[Claim, ...],
    figures: tuple[Figure, ...],
    *,
    cancel: threading.Event | None = None,
) -> tuple[FigureGroup, ...]:
    """Figures about the same quantity across sources; conflicts first (see `reconciling`).
    Raises `Cancelled` soon after `cancel` is set."""
    return reconcile(articles, claims, figures, cancel=cancel)
