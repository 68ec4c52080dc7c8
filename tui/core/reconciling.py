"""Reconciling figures across sources: which figures speak of the same quantity, and
whether their values conflict.

Policy:

* Every figure lands in exactly one group, so the sidebar can list everything; a group of one
  figure is simply not corroborated (the sidebar shows it without a conflict mark).
* Two figures can share a group only if they come from different sentences, have the same
  kind and unit (or unit dimension), are not part of a bigger figure ("including six", "a
  unit of 2,600"), are not vague ("thousands of"), speak of the same era (a sentence naming
  another year, "the 1999 quake killed 2,400", is history, not today's toll) and are within
  a factor of five of each other (a strike's "20 killed" is not the war's "600,000
  killed"). Tolls of one class (dead with dead, injured with injured) and measures with the
  same subject may be 25 times apart: early and late counts of a disaster differ that much
  ("about 60" vs "more than 1,400" injured), and so do sources on a depth ("12 km" vs "under
  900 metres"). A running total ("so far this year", "since the war began") never
  groups with a count that is not one.
* Measures of one dimension compare in a base unit ("480 km" vs "300 miles"), basis points
  as hundredths of a percentage point; a measure restated in brackets ("20 km (12 miles)")
  joins the group of the one it restates.
* Counts must count the same thing: the same class of head noun ("troops", "soldiers",
  "infantrymen" are one class; "missiles and drones" is not "drones"), no contradicting
  nationality ("Russian" vs "North Korean"), the same casualty reading (dead, injured, "killed
  or wounded"/"casualties" which fits either, missing, evacuated, displaced, or none; a part
  named in an aside, "killing 23, including two children", reads as its whole), not a part
  of another count ("25 of the 26 members"), no two different places for a toll
  ("in Kharkiv" vs "in Odesa"), and the same side of an interception ("shot down 87 missiles"
  is not "fired 122 missiles"). A count with no noun joins only through a shared claim, or
  as a toll ("the toll rose to 27", "injured more than 2,000").
* Percents, money and measures are many in a story (rates, targets, forecasts), so they group
  only when their subjects are the same words ("earthquake" and "quake" are one;
  "north-east" is "northeast"; for measures one subject may hold the other: "shallow depth",
  "depth") or, when either has no subject, when their sentences share a claim and each holds
  just one figure of that kind and unit. Two different stated subjects never group.
* Dates group only when both clauses mark the same kind of one-off event (fighting starting,
  a quake striking, a measure taking effect). The date of a statement ("warned on October 8
  that", "On October 13, Zelensky confirmed") never groups: when someone said something is
  not the quantity in dispute. A date marks the event named before it in its clause ("the
  quake struck Sunday"), right after it ("Sunday's quake") or anywhere in a clause it opens;
  "Crews searched Tuesday for survivors of the storm" dates the searching. Years and
  ordinals group only through claims; durations through claims or the same subject ("time
  since last": "7 Years" and "7 1/2 years" conflict; an age never meets a span; spans more
  than 1.5 times apart are of different things).
* Membership is complete-link: a figure joins a group only when it fits every member, so
  chains of near-matches cannot glue unrelated numbers into a fake conflict.
* A group is a conflict when it spans two or more sources and no single value satisfies every
  figure read with its hedge: exact is the value itself (a bare round thousand +-2%, since it
  is itself rounded), "about/around/some" +-5% (so "about 10,000" and "11,000" conflict, as
  the customer requires), "over/more than/at least" up to 25% above (up to twice a number
  with one significant digit: "more than 2,000" agrees with 3,640, "at least 120" still
  conflicts with "at least 310"), "up to/under" up to 25% below and "nearly/almost" 10%
  below; a date covers its days, a month all of its days. A measure also allows the rounding
  of its last written digit ("12 miles" is 11.5-12.5 miles, so it agrees with "20 km"), and
  "about" widens that to its last significant digit, at most 5% ("about 480 km" is 475-485).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field

from tui.core.cancelling import CANCEL_EVERY, check
from tui.core.dates import (
    explicit_years,
    parse_published,
    shift_month,
    story_year,
)
from tui.core.figure_context import (
    CASUALTY_CLASSES,
    CASUALTY_HEADS,
    ERA_YEAR,
    INTERCEPTED,
    NP_STOP,
    PARTICIPLES,
    PARTITIVE,
    casualty_class,
    head_class,
    places_of,
    singular_noun,
)
from tui.core.models import Article, Claim, Figure, FigureGroup, FigureValue, Sentence
from tui.core.number_words import (
    VAGUE_VALUES,
)


@dataclass(slots=True)
class _Traits:
    """What grouping compares, computed once per figure."""

    figure: Figure
    family: tuple[str, str | None]
    head: str | None
    entities: frozenset[str]
    casualty: str | None
    places: frozenset[str]
    era: frozenset[int]
    partitive: bool
    intercepted: bool
    vague: bool
    cumulative: bool
    subject_words: tuple[str, ...]
    alone: bool
    event: str | None
    interval: tuple[float, float] | None
    claims: frozenset[str] = field(default_factory=frozenset)


# A group stops taking members at this size, which bounds the work of grouping a 10 MB story
# of 500 files (every figure is checked against each open candidate group). The largest
# group in the sample and the held-out stories has 10 figures; a story where one quantity is
# said more than 100 times gets several groups for it.
_GROUP_CAP = 100


# Relative slack each hedge allows around the stated value, as (below, above) fractions.
# "about" +-5% keeps "about 10,000" apart from 11,000 (the customer's troop conflict) while a
# round figure and its hedged twin ("over 600,000", "600,000") still overlap at the value.
_HEDGE_SLACK = {
    "exact": (0.0, 0.0),
    "about": (0.05, 0.05),
    "around": (0.05, 0.05),
    "at around": (0.05, 0.05),
    "at about": (0.05, 0.05),
    "some": (0.05, 0.05),
    "approximately": (0.05, 0.05),
    "approx.": (0.05, 0.05),
    "roughly": (0.05, 0.05),
    "an estimated": (0.05, 0.05),
    "estimated": (0.05, 0.05),
    "~": (0.05, 0.05),
    "or so": (0.05, 0.05),
    "nearer": (0.05, 0.05),
    "close to": (0.1, 0.0),
    "nearly": (0.1, 0.0),
    "almost": (0.1, 0.0),
    "just under": (0.1, 0.0),
    "up to": (0.25, 0.0),
    "as many as": (0.25, 0.0),
    "as much as": (0.25, 0.0),
    "at most": (0.25, 0.0),
    "no more than": (0.25, 0.0),
    "fewer than": (0.25, 0.0),
    "less than": (0.25, 0.0),
    "under": (0.25, 0.0),
    "below": (0.25, 0.0),
}


_ABOVE_SLACK = (0.0, 0.25)


# A bare round thousand is itself a rounding: "1,000 injured" agrees with 1,011, while
# 10,000 and 11,000 (10% apart) still conflict.
_ROUND_SLACK = 0.02  # over, more than, at least, above, or more, ...


# Two precise counts of the same thing rarely differ by more than this factor across outlets
# (10,000 vs 3,000 troops is 3.3; a death toll of 3 vs 12 is 4); beyond it they are almost
# always different quantities (a strike's 20 dead vs a war's 600,000).
_MAX_RATIO = 5.0


# Up to this many figures, every count is read for the places its clause names (Quebec's 20
# stores are not Ontario's 40); above it only tolls are. On a 2 MB story of 500 templated
# files (67,500 figures, eight places) reading every count tripled grouping (84 s, not 31 s):
# each place splits every cluster. Real stories hold tens to a few hundred figures.
PLACES_LIMIT = 10_000


# Tolls of one class (dead with dead, injured with injured) move further as a disaster's
# counts come in: a quake's injured can go from "about 60" to "more than 1,400" (23x)
# within a day. History and other places are kept apart by era and place instead.
_CASUALTY_MAX_RATIO = 25.0


# "the first time in 7 years" and "in 7 1/2 years" or "nearly a decade" are one span; "the
# first time in 2 years" in the same story is the last time of something else.
_SPAN_RATIO = 1.5


# A measure named the same way ("depth", "distance") is one quantity even when sources are
# far apart: one agency puts a quake's depth at "12 km", another at "under 900 metres".
_SAME_MEASURE_RATIO = 25.0


# A lower bound at a number with one significant digit ("more than 2,000", "over 300,000")
# states an order of magnitude, not a tight floor: it allows up to twice the number, so
# "more than 2,000 injured" agrees with 3,640. A finer floor ("at least 120") keeps the 25%
# reach, so a toll "at least 120" still conflicts with "at least 310".
_ROUND_FLOOR_REACH = 1.0


# Measures are compared in one base unit per dimension, so "480 km" meets "300 miles".
_UNIT_BASES: dict[str, tuple[str, float]] = {
    "km": ("length", 1000.0),
    "m": ("length", 1.0),
    "cm": ("length", 0.01),
    "mm": ("length", 0.001),
    "mi": ("length", 1609.344),
    "ft": ("length", 0.3048),
    "in": ("length", 0.0254),
    "kg": ("mass", 1.0),
    "t": ("mass", 1000.0),
    "km/h": ("speed", 1.0),
    "mph": ("speed", 1.609344),
    "kn": ("speed", 1.852),
    "km2": ("area", 1.0),
    "m2": ("area", 1e-6),
    "sq mi": ("area", 2.589988),
    "ha": ("area", 0.01),
    "acre": ("area", 0.0040468564),
    "l": ("volume", 1.0),
    "gal": ("volume", 3.785411784),
}


_DAYS = {"Y": 365.25, "M": 30.4375, "W": 7.0, "D": 1.0}


_ISO_DURATION = re.compile(
    r"P(?:(?P<Y>[\d.]+)Y)?(?:(?P<M>[\d.]+)M)?(?:(?P<W>[\d.]+)W)?(?:(?P<D>[\d.]+)D)?"
    r"(?:T(?:(?P<h>[\d.]+)H)?(?:(?P<m>[\d.]+)M)?(?:(?P<s>[\d.]+)S)?)?"
)


def _duration_days(value: FigureValue) -> float | None:
    """Days in an ISO 8601 duration ("P9Y6M" -> about 3470), None when it is not one."""
    if not isinstance(value, str):
        return None
    match = _ISO_DURATION.fullmatch(value)
    if match is None or value in ("P", "PT"):
        return None
    days = sum(float(match.group(u)) * _DAYS[u] for u in _DAYS if match.group(u))
    for unit, per_day in (("h", 24.0), ("m", 1440.0), ("s", 86400.0)):
        if match.group(unit):
            days += float(match.group(unit)) / per_day
    return days


def family_of(figure: Figure) -> tuple[str, str | None]:
    """What a figure can be compared with: its kind and unit, a measure's dimension."""
    if figure.kind == "measure" and figure.unit in _UNIT_BASES:
        return figure.kind, _UNIT_BASES[figure.unit][0]
    if figure.kind == "percent" and figure.unit == "bp":
        return figure.kind, "pp"  # 25 basis points is 0.25 percentage point
    return figure.kind, figure.unit


def _written_step(value: float) -> float:
    """Half a unit of the last digit a number is written with (6.1 -> 0.05, 370 -> 0.5)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0**-decimals


def _significant_step(value: float) -> float:
    """Half a unit of the last significant digit (370 -> 5, 225 -> 0.5, 1,600 -> 50)."""
    if value == 0 or not float(value).is_integer():
        return _written_step(value)
    number, step = int(abs(value)), 0.5
    while number and number % 10 == 0:
        number //= 10
        step *= 10
    return step


def _interval(figure: Figure) -> tuple[float, float] | None:
    """The values a figure allows, read with its hedge; None when it has no comparable value."""
    if figure.kind == "date":
        return _date_interval(figure.value)
    if figure.kind == "duration":
        low_days = _duration_days(figure.value)
        if low_days is None:
            return None
        high_days = _duration_days(figure.value_max) if figure.value_max else low_days
        return _hedged(figure, low_days, high_days if high_days is not None else low_days)
    if not isinstance(figure.value, int | float) or figure.kind in ("ordinal",):
        return None
    low = float(figure.value)
    high = float(figure.value_max) if isinstance(figure.value_max, int | float) else low
    if figure.kind == "measure":
        return _measure_interval(figure, low, high)
    if figure.kind == "percent" and figure.unit == "bp":
        low, high = low / 100, high / 100
    return _hedged(figure, low, high)


def _hedged(figure: Figure, low: float, high: float) -> tuple[float, float]:
    below, above = _HEDGE_SLACK.get(figure.qualifier or "exact", _ABOVE_SLACK)
    if figure.qualifier == "exact" and low == high and low >= 1000 and low % 1000 == 0:
        below, above = _ROUND_SLACK, _ROUND_SLACK
    if (below, above) == _ABOVE_SLACK and low == high and _significant_step(low) * 2 > low / 10:
        above = _ROUND_FLOOR_REACH  # one significant digit: "more than 2,000"
    return low * (1 - below), high * (1 + above)


def _measure_interval(figure: Figure, low: float, high: float) -> tuple[float, float]:
    """A measure allows the rounding of its last written digit ("12 miles" is 11.5-12.5, so
    it agrees with "20 km"); "about" widens that to its last significant digit, at most 5%
    ("about 480 km" is 475-485, and does not meet "about 290 miles", 467 km). Values are in
    the base unit of their dimension."""
    qualifier = figure.qualifier or "exact"
    below, above = _HEDGE_SLACK.get(qualifier, _ABOVE_SLACK)
    written = [n.split(".")[1] if "." in n else "" for n in _WRITTEN_NUMBER.findall(figure.text)]
    if written:  # "6.0" keeps its decimal, which the value 6 has lost
        step_low = 0.5 * 10.0 ** -len(written[0])
        step_high = 0.5 * 10.0 ** -len(written[-1])
    else:
        step_low, step_high = _written_step(low), _written_step(high)
    if below == above and below > 0:  # about, around, some, ...
        step_low = max(step_low, min(_significant_step(low), low * below))
        step_high = max(step_high, min(_significant_step(high), high * above))
        below = above = 0.0
    factor = _UNIT_BASES[figure.unit][1] if figure.unit in _UNIT_BASES else 1.0
    return (low - step_low) * (1 - below) * factor, (high + step_high) * (1 + above) * factor


_WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _date_interval(value: FigureValue) -> tuple[float, float] | None:
    if not isinstance(value, str):
        return None
    parts = value.split("/")
    try:
        if re.fullmatch(r"\d{4}-\d\d", parts[0]):
            first = dt.date.fromisoformat(parts[0] + "-01")
            following = dt.date.fromisoformat(shift_month(first, 1) + "-01")
            return float(first.toordinal()), float(following.toordinal() - 1)
        low = dt.date.fromisoformat(parts[0]).toordinal()
        high = dt.date.fromisoformat(parts[-1]).toordinal()
    except ValueError:
        return None
    return float(low), float(high)


# Words outlets use interchangeably in a figure's subject, read as one.
_SUBJECT_SYNONYMS = {
    "quake": "earthquake",
    "temblor": "earthquake",
    "tremor": "earthquake",
    "injury": "injured",
    "wounded": "injured",
}


_COMPASS = re.compile(r"\b(north|south)[\s-]+(east|west)\b", re.I)


def subject_words(subject: str | None) -> tuple[str, ...]:
    """The content words of a subject, singular, lower-case, synonyms merged, in order
    ("the shallow depth" -> ("shallow", "depth"); "north-east" -> ("northeast",))."""
    if not subject:
        return ()
    text = _COMPASS.sub(r"\1\2", subject.lower())
    words = (singular_noun(w) for w in re.findall(r"[a-z]+", text) if w not in NP_STOP)
    return tuple(dict.fromkeys(_SUBJECT_SYNONYMS.get(w, w) for w in words))


def _magnitude_subject(figure: Figure, around: str) -> tuple[str, ...]:
    """A magnitude always measures a quake, named or not ("the agency put the magnitude at
    6.5"); an aftershock's, named within a few words, is its own quantity."""
    if figure.unit != "magnitude":
        return ()
    return ("aftershock",) if _AFTERSHOCK.search(around) else ("earthquake",)


_AFTERSHOCK = re.compile(r"(?i:aftershock|foreshock)")


def _same_subject(a: _Traits, b: _Traits) -> bool:
    """Same words; for measures also the same head with one phrase inside the other
    ("shallow depth" and "depth"; not "S&P 500 level" and "Nasdaq composite level")."""
    if not a.subject_words or not b.subject_words:
        return False
    if a.subject_words == b.subject_words:
        return True
    if a.family[0] != "measure" or a.subject_words[-1] != b.subject_words[-1]:
        return False  # rates are many: "rates" at 5% is not "its main rate" at 4.75%
    first, second = set(a.subject_words), set(b.subject_words)
    return first <= second or second <= first


# A running total ("killed 900 civilians so far this year") is not one event's toll.
_CUMULATIVE = re.compile(
    r"\b(?:so far|to date|this year|this month|since the (?:start|beginning)|"
    r"since the (?:war|invasion|conflict|fighting) (?:began|started))\b",
    re.I,
)


# "25 of the 26 members": the first number is a part of the second, a different quantity.
_PART_OF_COUNT = re.compile(
    r"\s+(?:of|out\s+of)\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:\d|(?i:two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen)\b)"
)


def _traits(
    figure: Figure,
    sentence: Sentence,
    claims: frozenset[str],
    anchor_year: int | None,
    alone: bool,
    every_place: bool,
) -> _Traits:
    local_start = figure.start - sentence.start
    local_end = figure.end - sentence.start
    text = sentence.text
    head, entities = head_class(figure.subject)
    casualty = (
        casualty_class(text, local_start, local_end, figure.subject)
        if figure.kind == "count"
        else None
    )
    if casualty is not None and head is None:
        head = "toll"  # "the toll rose to 27", "injured more than 2,000": a toll with no noun
    partitive = bool(
        PARTITIVE.search(text[max(0, local_start - 40) : local_start])
        or _PART_OF_COUNT.match(text, local_end)
    )
    vague = figure.kind == "count" and re.sub(r"\s+", " ", figure.text.lower()) in VAGUE_VALUES
    family = family_of(figure)
    return _Traits(
        figure=figure,
        family=family,
        head=head,
        entities=entities,
        casualty=casualty,
        places=places_of(text, local_start, local_end)
        if casualty or (every_place and figure.kind == "count")
        else frozenset(),
        intercepted=bool(INTERCEPTED.search(text[max(0, local_start - 40) : local_start])),
        era=frozenset(int(y) for y in ERA_YEAR.findall(text) if int(y) != anchor_year),
        partitive=partitive,
        vague=vague,
        cumulative=figure.kind == "count" and bool(_CUMULATIVE.search(text)),
        subject_words=_magnitude_subject(figure, text[max(0, local_start - 60) : local_end + 40])
        or subject_words(figure.subject),
        alone=alone,
        # extraction already read a date's event into its subject (`figures._finish`)
        event=figure.subject if figure.kind == "date" else None,
        interval=_interval(figure),
        claims=claims,
    )


def _compatible(a: _Traits, b: _Traits) -> bool:
    """Whether two figures can be about the same quantity (see the module docstring)."""
    if a.figure.sentence == b.figure.sentence:
        return False
    limit = _ratio_limit(a, b)
    return limit is not None and (limit == _ANY_RATIO or _within_ratio(a, b, limit))


# `_ratio_limit` of two figures whose values need not be near each other (dates of one event).
_ANY_RATIO = float("inf")


def _ratio_limit(a: _Traits, b: _Traits) -> float | None:
    """How far apart two figures' values may be for them to be about the same quantity; None
    when they cannot be whatever their values. Reads neither sentence nor value, so one
    answer serves every pair of figures with the same `_signature`s."""
    fa = a.figure
    if a.family != b.family:
        return None
    if a.interval is None or b.interval is None or a.vague or b.vague:
        return None
    if fa.kind == "duration" and (a.subject_words or b.subject_words):
        # an age never meets a span of years; spans far apart are of different things
        return _SPAN_RATIO if _same_subject(a, b) else None
    if fa.kind in ("ordinal", "year", "duration") and not (a.claims & b.claims):
        return None
    if a.partitive != b.partitive or a.era != b.era or a.intercepted != b.intercepted:
        return None
    if a.cumulative != b.cumulative:
        return None
    if a.entities and b.entities and not (a.entities & b.entities):
        return None
    if fa.kind == "date":
        return _ANY_RATIO if a.event not in (None, "speech") and a.event == b.event else None
    if fa.kind in ("percent", "money", "measure"):
        return _levels_limit(a, b)
    if not _heads_agree(a, b):
        return None
    if not _casualties_agree(a, b):
        return None
    if a.places and b.places and not (a.places & b.places):
        return None  # 20 stores across Quebec, 40 in Ontario
    if not (a.claims & b.claims) and (a.head is None or b.head is None):
        return None
    same_toll = a.casualty is not None and a.casualty == b.casualty
    return _CASUALTY_MAX_RATIO if same_toll else _MAX_RATIO


def _levels_limit(a: _Traits, b: _Traits) -> float | None:
    """Percents, money and measures: a story holds many rates and amounts, so they group only
    when they say what they measure in the same words ("inflation", "depth"), or when their
    sentences share a claim and each holds just one figure of that kind and unit."""
    if _same_subject(a, b):
        return _SAME_MEASURE_RATIO if a.family[0] == "measure" else _MAX_RATIO
    if a.subject_words and b.subject_words:
        return None  # "a 2% advance" of utilities is not the index's 1.4% gain
    return _MAX_RATIO if (a.claims & b.claims) and a.alone and b.alone else None


def _within_ratio(a: _Traits, b: _Traits, limit: float = _MAX_RATIO) -> bool:
    assert a.interval is not None and b.interval is not None
    return _ratio_ok(min(a.interval), min(b.interval), limit)


def _ratio_ok(first: float, second: float, limit: float) -> bool:
    low = max(first, 1e-9)
    other = max(second, 1e-9)
    return max(low, other) / min(low, other) <= limit


def _casualties_agree(a: _Traits, b: _Traits) -> bool:
    """Dead with dead, injured with injured; "casualties" (both, or unsaid) with either; and
    never two tolls of different places ("in Kharkiv" vs "in Odesa")."""
    if a.casualty is None or b.casualty is None:
        return a.casualty == b.casualty
    if a.places and b.places and not (a.places & b.places):
        return False
    if a.casualty == b.casualty:
        return True
    return "casualties" in (a.casualty, b.casualty) and {a.casualty, b.casualty} <= _HARMED


_HARMED = frozenset(("dead", "injured", "casualties"))


def _heads_agree(a: _Traits, b: _Traits) -> bool:
    if a.head is None or b.head is None:
        return bool(a.claims & b.claims)
    if a.head == b.head:
        return True
    casualties = a.casualty is not None and b.casualty is not None
    return casualties and (a.head in CASUALTY_HEADS or b.head in CASUALTY_HEADS)


def reconcile(
    articles: tuple[Article, ...],
    claims: tuple[Claim, ...],
    figures: tuple[Figure, ...],
    *,
    cancel: threading.Event | None = None,
) -> tuple[FigureGroup, ...]:
    """Figures about the same quantity across sources; conflicts first. Raises `Cancelled`
    soon after `cancel` is set."""
    sentences = {s.id: s for a in articles for s in a.sentences}
    claims_of: dict[str, set[str]] = {}
    for claim in claims:
        for sentence_id in claim.sentences:
            claims_of.setdefault(sentence_id, set()).add(claim.id)
    anchor_year = story_year(
        [year for article in articles for year in explicit_years(article.text)]
        + [d.year for d in (parse_published(a.published) for a in articles) if d is not None]
    )
    per_family = Counter((f.sentence, family_of(f)) for f in figures)
    every_place = len(figures) <= PLACES_LIMIT
    traits = [
        _traits(
            f,
            sentences[f.sentence],
            frozenset(claims_of.get(f.sentence, ())),
            anchor_year,
            per_family[(f.sentence, family_of(f))] == 1,
            every_place,
        )
        for f in figures
        if f.sentence in sentences
    ]
    restated = _conversions(figures, sentences)
    clusters: list[list[_Traits]] = []
    summaries: list[dict[int, _Members]] = []
    signatures: dict[tuple[object, ...], int] = {}
    # The index sets each open cluster is listed in, so a full one leaves them all.
    listed_in: dict[int, list[set[int]]] = {}
    cluster_of: dict[str, int] = {}
    # Blocking keeps big stories fast: a figure is only compared with clusters that share its
    # kind and unit and either its key (head noun, event, subject words), a claim, or, for
    # casualty counts, any casualty cluster; figures that can never group skip the search.
    by_key: dict[tuple[object, ...], set[int]] = {}
    by_claim: dict[tuple[object, ...], set[int]] = {}
    for number, item in enumerate(traits):
        if number % CANCEL_EVERY == 0:
            check(cancel)
        if item.figure.id in restated:
            continue
        if not _groupable(item):
            cluster_of[item.figure.id] = len(clusters)
            clusters.append([item])
            summaries.append({})
            continue
        candidates: set[int] = set(by_key.get((item.family, _block_key(item)), ()))
        if item.casualty is not None:
            candidates.update(by_key.get((item.family, "casualty"), ()))
        for claim_id in item.claims:
            candidates.update(by_claim.get((item.family, claim_id), ()))
        signature = signatures.setdefault(_signature(item), len(signatures))
        best_index: int | None = None
        best_score = 0
        # The biggest clusters first: a cluster scores at most two per member, so once one
        # fits, smaller clusters that cannot beat it (ties go to the earlier cluster) are
        # skipped without a look.
        for index in sorted(candidates, key=lambda i: (-len(clusters[i]), i)):
            most = 2 * len(clusters[index])
            if most < best_score or (
                most == best_score and best_index is not None and index > best_index
            ):
                continue
            score = _fit(item, summaries[index])
            if score > best_score or (
                score == best_score > 0 and best_index is not None and index < best_index
            ):
                best_index, best_score = index, score
        if best_index is None:
            best_index = len(clusters)
            clusters.append([item])
            summaries.append({})
        else:
            clusters[best_index].append(item)
        _add_member(summaries[best_index], signature, item)
        cluster_of[item.figure.id] = best_index
        listed = listed_in.setdefault(best_index, [])
        listed.append(by_key.setdefault((item.family, _block_key(item)), set()))
        if item.casualty is not None:
            listed.append(by_key.setdefault((item.family, "casualty"), set()))
        for claim_id in item.claims:
            listed.append(by_claim.setdefault((item.family, claim_id), set()))
        if len(clusters[best_index]) >= _GROUP_CAP:
            for index_set in listed:  # full: no longer a candidate
                index_set.discard(best_index)
            del listed_in[best_index]
        else:
            for index_set in listed[-1 - len(item.claims) - (item.casualty is not None) :]:
                index_set.add(best_index)
    for item in traits:
        primary = restated.get(item.figure.id)
        if primary is not None:
            if primary in cluster_of:
                clusters[cluster_of[primary]].append(item)
            else:
                clusters.append([item])
    article_order = {a.id: i for i, a in enumerate(articles)}
    stated: _Stated = {}
    for item in traits:
        if item.interval is not None and not item.vague:  # "thousands are waiting" says no count
            stated.setdefault(_stated_key(item.figure.article, item), []).append(item.interval)
    built = [_make_group(cluster, stated) for cluster in clusters]
    built.sort(
        key=lambda g: (
            not g[1].conflict,
            -len({f.figure.article for f in g[0]}),
            -len(g[0]),
            article_order.get(g[0][0].figure.article, 0),
            int(g[0][0].figure.id[1:]),
        )
    )
    return tuple(
        FigureGroup(
            id=f"g{number}",
            subject=group.subject,
            figures=group.figures,
            values=group.values,
            conflict=group.conflict,
        )
        for number, (_, group) in enumerate(built, start=1)
    )


@dataclass(slots=True)
class _Members:
    """The members of a cluster that `_ratio_limit` cannot tell apart (one `_signature`): the
    lowest and highest of their values, their sentences and how many they are."""

    first: _Traits
    low: float
    high: float
    sentences: set[str]
    count: int


def _signature(item: _Traits) -> tuple[object, ...]:
    """Everything `_ratio_limit` reads of a figure. A value that is not a finite number cannot
    be ordered, so its figure stays a class of its own."""
    assert item.interval is not None
    unordered = None if math.isfinite(min(item.interval)) else item.figure.id
    return (
        item.family,
        item.head,
        item.entities,
        item.casualty,
        item.places,
        item.era,
        item.partitive,
        item.intercepted,
        item.vague,
        item.cumulative,
        item.subject_words,
        item.alone,
        item.event,
        item.claims,
        unordered,
    )


def _add_member(summary: dict[int, _Members], signature: int, item: _Traits) -> None:
    assert item.interval is not None
    value = min(item.interval)
    members = summary.get(signature)
    if members is None:
        summary[signature] = _Members(item, value, value, {item.figure.sentence}, 1)
        return
    members.low = min(members.low, value)
    members.high = max(members.high, value)
    members.sentences.add(item.figure.sentence)
    members.count += 1


def _fit(item: _Traits, summary: dict[int, _Members]) -> int:
    """How well `item` joins a cluster (two per member sharing a claim, one per other member),
    0 when `_compatible` refuses any member.

    Checking every member made grouping quadratic on big stories. `_compatible` is "not the
    same sentence", and a verdict on the two signatures (`_ratio_limit`), and "values within
    that ratio"; the ratio test holds for every value between two values it holds for, so a
    signature's lowest and highest values decide for all its members.
    """
    assert item.interval is not None
    value = max(min(item.interval), 1e-9)
    score = 0
    for members in summary.values():
        if item.figure.sentence in members.sentences:
            return 0
        limit = _ratio_limit(item, members.first)
        if limit is None:
            return 0
        if limit != _ANY_RATIO:
            low, high = max(members.low, 1e-9), max(members.high, 1e-9)
            if max(value, low) / min(value, low) > limit:
                return 0
            if max(value, high) / min(value, high) > limit:
                return 0
        score += members.count * (2 if item.claims & members.first.claims else 1)
    return score


def _conversions(figures: tuple[Figure, ...], sentences: dict[str, Sentence]) -> dict[str, str]:
    """Measures restated in another unit in brackets ("20 kilometers (12 miles)"): the id of
    each restatement -> the id of the measure it restates, whose group it joins."""
    restated: dict[str, str] = {}
    for first, second in itertools.pairwise(figures):
        if (
            first.sentence != second.sentence
            or first.kind != "measure"
            or family_of(first) != family_of(second)
            or first.unit == second.unit
            or first.sentence not in sentences
        ):
            continue
        sentence = sentences[first.sentence]
        gap = sentence.text[first.end - sentence.start : second.start - sentence.start]
        if re.fullmatch(r"\s*\(\s*", gap):
            restated[second.id] = restated.get(first.id, first.id)
    return restated


def _groupable(item: _Traits) -> bool:
    """False for figures `_compatible` always refuses, so they skip the cluster search."""
    if item.interval is None or item.vague:
        return False
    if item.figure.kind == "date":
        return item.event not in (None, "speech")
    if item.figure.kind == "duration" and item.subject_words:
        return True
    if item.figure.kind in ("ordinal", "year", "duration"):
        return bool(item.claims)
    if item.figure.kind == "count":
        return item.head is not None or bool(item.claims)  # see `_heads_agree`
    return True


def _block_key(item: _Traits) -> object:
    if item.figure.kind == "date":
        return item.event
    if item.figure.kind in ("percent", "money", "measure", "duration"):
        return item.subject_words[-1] if item.subject_words else None
    return item.head


def _make_group(
    cluster: list[_Traits],
    stated: _Stated,
) -> tuple[list[_Traits], FigureGroup]:
    articles = {t.figure.article for t in cluster}
    intervals = [t.interval for t in cluster if t.interval is not None]
    conflict = False
    if len(articles) > 1 and intervals:
        conflict = max(i[0] for i in intervals) > min(i[1] for i in intervals) + 1e-9
        conflict = conflict and _disagree(cluster, stated)
    sources_per_value: dict[FigureValue, set[str]] = {}
    mentions: Counter[FigureValue] = Counter()
    first_seen: dict[FigureValue, int] = {}
    for position, item in enumerate(cluster):
        value = item.figure.value
        sources_per_value.setdefault(value, set()).add(item.figure.article)
        mentions[value] += 1
        first_seen.setdefault(value, position)
    values = sorted(
        sources_per_value,
        key=lambda v: (-len(sources_per_value[v]), -mentions[v], first_seen[v]),
    )
    group = FigureGroup(
        id="",
        subject=_group_subject(cluster),
        figures=tuple(t.figure.id for t in cluster),
        values=tuple(values),
        conflict=conflict,
    )
    return cluster, group


# The values each article states, by what they count: (article, family, head, casualty).
_StatedKey = tuple[str, tuple[str, str | None], str | None, str | None]
_Stated = dict[_StatedKey, list[tuple[float, float]]]


def _stated_key(article: str, item: _Traits) -> _StatedKey:
    return article, item.family, item.head, item.casualty


def _disagree(cluster: list[_Traits], stated: _Stated) -> bool:
    """Whether two sources of the group give values that cannot both hold, and neither also
    says the other's: outlets that each report "60 days" proposed and "30 days" approved agree
    on both numbers, however the grouping paired them, so that is no disagreement. (A source
    that states a value of the same kind, unit, head and casualty class says it: "500 migrants"
    does not answer "500 homes".)"""
    by_article: dict[str, list[tuple[float, float]]] = {}
    for item in cluster:
        if item.interval is not None:
            by_article.setdefault(item.figure.article, []).append(item.interval)
    for item in cluster:
        value = item.interval
        if value is None:
            continue
        for article, intervals in by_article.items():
            if article == item.figure.article:
                continue
            if all(_overlap(value, other) for other in intervals):
                continue  # nothing this source says contradicts `item`
            said = stated.get(_stated_key(article, item), ())
            if not any(_overlap(value, other) for other in said):
                return True  # `article` gives another value and never `item`'s
    return False


def _overlap(first: tuple[float, float], second: tuple[float, float]) -> bool:
    return first[0] <= second[1] + 1e-9 and second[0] <= first[1] + 1e-9


_CASUALTY_LABELS = {
    "dead": "killed",
    "injured": "injured",
    "casualties": "killed or wounded",
    "missing": "missing",
    "evacuated": "evacuated",
    "displaced": "displaced",
}


_PARTICIPLE_TAIL = re.compile(
    r"\s+(?:killed|wounded|injured|dead|died|lost|missing|hurt)"
    r"(?:\s+(?:or|and)\s+(?:killed|wounded|injured|missing))?$"
)


def _group_subject(cluster: list[_Traits]) -> str | None:
    """The label of a group: a subject most members use, else modifier + commonest head.

    Troop counts said as "troops", "soldiers from North Korea" and "North Korean infantrymen"
    read best as "North Korean troops".
    """
    subjects = Counter(t.figure.subject for t in cluster if t.figure.subject)
    if not subjects:
        return None
    casualties = {t.casualty for t in cluster}
    if len(casualties) == 1 and None not in casualties and len(cluster) > 1:
        if any("toll" in subject for subject in subjects):
            return "death toll" if casualties == {"dead"} else "toll"
        label = _CASUALTY_LABELS[casualties.pop() or ""]
        people = Counter(
            _PARTICIPLE_TAIL.sub("", s).strip() for s in subjects.elements() if "toll" not in s
        )
        named = people.most_common(1)[0][0]
        if any(w in CASUALTY_CLASSES for w in named.lower().split()):
            return named
        return f"{named} {label}".strip()
    top, top_count = subjects.most_common(1)[0]
    if top_count * 2 >= sum(subjects.values()) or len(subjects) == 1:
        return top
    heads: Counter[str] = Counter()
    modifiers: Counter[str] = Counter()
    for subject in subjects.elements():
        words = re.split(r"\s+from\s+", subject)[0].split()
        nouns = [w for w in words if w.lower() not in PARTICIPLES]
        if not nouns:
            continue
        heads[nouns[-1]] += 1
        lead = [w for w in nouns[:-1] if w[:1].isupper()]
        if lead:
            modifiers[" ".join(lead)] += 1
    if not heads:
        return top
    head = heads.most_common(1)[0][0]
    return f"{modifiers.most_common(1)[0][0]} {head}" if modifiers else head
