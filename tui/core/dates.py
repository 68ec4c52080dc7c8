"""Calendar arithmetic for figures: month names, years for dates written without one, and
relative dates ("last Thursday", "yesterday") resolved against an article's publication date.

Pure and deterministic: the only "now" is the article's own `published` date; without one a
relative date has no value (None) rather than a guess from the machine's clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation ("Sept.", "October")."""
    return MONTHS[name.lower().rstrip(".")]


def parse_published(published: str | None) -> dt.date | None:
    """The article's publication date, or None when it is missing or not an ISO date."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def story_year(explicit_years: Iterable[int]) -> int | None:
    """The year to give dates written without one when no publication date is known.

    The most frequent explicit year in the story; on a tie the latest, because news reports
    recent events and dated references to the past (an old photo's caption) are the exception.
    """
    counts = Counter(explicit_years)
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


# News mostly reports what happened: a date without a year is read in the future only when
# it is within about six weeks (an announced schedule: "talks on November 1", "the midterm
# elections on November 8" in early October, "takes effect in November") or the sentence
# speaks of the future ("will"); "struck on New Year's Day" in late October is last January.
# Two weeks, the first value, sent "in November" written on 5 October to the year before; a
# past date that close ahead in the calendar would be written with its year.
FUTURE_REACH_DAYS = 45


def nearest_year(month: int, day: int | None, anchor: dt.date, future: bool = False) -> int:
    """The year (anchor's, the one before or after) that puts month/day closest to the anchor.

    An article of 3 January that says "December 28" means the December just past; one of
    24 October that says "March 3" means the March before, unless it speaks of the future.
    """
    best_year, best_distance = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = dt.date(year, month, day or 15)
        except ValueError:
            continue
        distance = abs((candidate - anchor).days)
        if candidate > anchor and not future and distance > FUTURE_REACH_DAYS:
            continue
        if best_distance is None or distance < best_distance:
            best_year, best_distance = year, distance
    return best_year


def valid_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def weekday_date(weekday: int, anchor: dt.date, direction: str) -> dt.date:
    """The `weekday` relative to `anchor`.

    direction: "last" (strictly before), "next" (strictly after), "past" (on or before: a bare
    weekday in past-tense news), "future" (on or after: a bare weekday with "will").
    """
    delta = (anchor.weekday() - weekday) % 7
    if direction == "last":
        return anchor - dt.timedelta(days=delta or 7)
    if direction == "past":
        return anchor - dt.timedelta(days=delta)
    ahead = (weekday - anchor.weekday()) % 7
    if direction == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    return anchor + dt.timedelta(days=ahead)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift_month(day: dt.date, months: int) -> str:
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def weekend(anchor: dt.date, offset_weeks: int) -> str:
    """The Saturday/Sunday range of the most recent weekend (offset 0), or one week on/back."""
    saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
    saturday += dt.timedelta(weeks=offset_weeks)
    return f"{saturday.isoformat()}/{(saturday + dt.timedelta(days=1)).isoformat()}"


# Regex pieces for written dates, shared by the figure extractor and `explicit_years`.
MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept(?:ember|\.)?|Sep\.|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"


_EXPLICIT_DATE = re.compile(
    rf"\b{MONTH}\s+{DAY},?\s+(?P<y1>{YEAR})\b|\b{DAY}\s+(?:of\s+)?{MONTH},?\s+(?P<y2>{YEAR})\b"
    rf"|\b{MONTH},?\s+(?P<y3>{YEAR})\b|\b(?P<y4>{YEAR})-[01]\d-[0-3]\d\b"
)


_YEAR_TOKEN = re.compile(rf"\b{YEAR}\b")


@functools.lru_cache(maxsize=256)
def explicit_years(text: str) -> tuple[int, ...]:
    """Years written inside full dates anywhere in an article, captions included.

    Furniture yields no figures, but a caption's "October 25, 2024" is still the best
    evidence of which year the story's "October 23" belongs to. Only the text just before
    each 4-digit year is searched for its date. Cached: extraction and reconciliation both
    ask for the same articles.
    """
    years = []
    for token in _YEAR_TOKEN.finditer(text):
        window = text[max(0, token.start() - 24) : token.end() + 6]
        for match in _EXPLICIT_DATE.finditer(window):
            year = next((y for y in match.groups() if y), None)
            if year == token.group():
                years.append(int(year))
                break
    return tuple(years)
