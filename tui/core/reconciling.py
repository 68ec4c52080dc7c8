"""Reconciling figures across sources: which figures speak of the same quantity, and
whether their values conflict.

Policy:

* Every figure lands in exactly one group, so the sidebar can list everything; a group of one
  figure is simply not corroborated (the sidebar shows it without a conflict mark).
* Two figures can share a group only if they come from different sentences, have the same
  kind and unit, are not part of a bigger figure ("including six", "a unit of 2,600"), are
  not vague ("thousands of"), speak of the same era (a sentence naming another year, "the
  1999 quake killed 2,400", is history, not today's toll) and are within a factor of five of
  each other (a strike's "20 killed" is not the war's "600,000 killed").
* Counts must count the same thing: the same class of head noun ("troops", "soldiers",
  "infantrymen" are one class; "missiles and drones" is not "drones"), no contradicting
  nationality ("Russian" vs "North Korean"), the same casualty reading (dead, injured, "killed
  or wounded"/"casualties" which fits either, or none), no two different places for a toll
  ("in Kharkiv" vs "in Odesa"), and the same side of an interception ("shot down 87 missiles"
  is not "fired 122 missiles"). A count with no noun joins only through a shared claim, or
  as a death toll ("the toll rose to 39").
* Percents, money and measures are many in a story (rates, targets, forecasts), so they group
  only when their subjects are the same words ("earthquake", "inflation") or when their
  sentences share a claim and each holds just one figure of that kind and unit.
* Dates group only when both clauses mark the same kind of one-off event (fighting starting,
  a quake striking, a measure taking effect). The date of a statement ("warned on October 8
  that", "On October 13, Zelensky confirmed") never groups: when someone said something is
  not the quantity in dispute. Years, ordinals and durations group only through claims.
* Membership is complete-link: a figure joins a group only when it fits every member, so
  chains of near-matches cannot glue unrelated numbers into a fake conflict.
* A group is a conflict when it spans two or more sources and no single value satisfies every
  figure read with its hedge: exact is the value itself (a bare round thousand +-2%, since it
  is itself rounded), "about/around/some" +-5% (so "about 10,000" and "11,000" conflict, as
  the customer requires), "over/more than/at least" up to 25% above, "up to/under" up to 25%
  below and "nearly/almost" 10% below; a date covers its days, a month all of its days.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

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
    date_event,
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
    subject_words: frozenset[str]
    alone: bool
    event: str | None
    interval: tuple[float, float] | None
    claims: frozenset[str] = field(default_factory=frozenset)


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


def _interval(figure: Figure) -> tuple[float, float] | None:
    """The values a figure allows, read with its hedge; None when it has no comparable value."""
    if figure.kind == "date":
        return _date_interval(figure.value)
    if not isinstance(figure.value, int | float) or figure.kind in ("ordinal",):
        return None
    low = float(figure.value)
    high = float(figure.value_max) if isinstance(figure.value_max, int | float) else low
    below, above = _HEDGE_SLACK.get(figure.qualifier or "exact", _ABOVE_SLACK)
    if figure.qualifier == "exact" and low == high and low >= 1000 and low % 1000 == 0:
        below, above = _ROUND_SLACK, _ROUND_SLACK
    return low * (1 - below), high * (1 + above)


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


def _traits(
    figure: Figure,
    sentence: Sentence,
    claims: frozenset[str],
    anchor_year: int | None,
    alone: bool,
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
    if casualty is not None and head is None and re.search(r"\btoll\b", text, re.I):
        head = "toll"
    partitive = bool(PARTITIVE.search(text[max(0, local_start - 40) : local_start]))
    vague = figure.kind == "count" and re.sub(r"\s+", " ", figure.text.lower()) in VAGUE_VALUES
    family = (figure.kind, figure.unit)
    return _Traits(
        figure=figure,
        family=family,
        head=head,
        entities=entities,
        casualty=casualty,
        places=places_of(text, local_start, local_end) if casualty else frozenset(),
        intercepted=bool(INTERCEPTED.search(text[max(0, local_start - 40) : local_start])),
        era=frozenset(int(y) for y in ERA_YEAR.findall(text) if int(y) != anchor_year),
        partitive=partitive,
        vague=vague,
        subject_words=frozenset(
            singular_noun(w.lower())
            for w in re.findall(r"[A-Za-z]+", figure.subject or "")
            if w.lower() not in NP_STOP
        ),
        alone=alone,
        event=date_event(text, local_start, local_end) if figure.kind == "date" else None,
        interval=_interval(figure),
        claims=claims,
    )


def _compatible(a: _Traits, b: _Traits) -> bool:
    """Whether two figures can be about the same quantity (see the module docstring)."""
    fa, fb = a.figure, b.figure
    if fa.sentence == fb.sentence or a.family != b.family:
        return False
    if a.interval is None or b.interval is None or a.vague or b.vague:
        return False
    if fa.kind in ("ordinal", "year", "duration") and not (a.claims & b.claims):
        return False
    if a.partitive != b.partitive or a.era != b.era or a.intercepted != b.intercepted:
        return False
    if a.entities and b.entities and not (a.entities & b.entities):
        return False
    if fa.kind == "date":
        return a.event not in (None, "speech") and a.event == b.event
    if fa.kind in ("percent", "money", "measure"):
        return _levels_agree(a, b)
    if not _heads_agree(a, b):
        return False
    if not _casualties_agree(a, b):
        return False
    if not _within_ratio(a, b):
        return False
    if a.claims & b.claims:
        return True
    return a.head is not None and b.head is not None


def _levels_agree(a: _Traits, b: _Traits) -> bool:
    """Percents, money and measures: a story holds many rates and amounts, so they group only
    when they say what they measure in the same words ("inflation", "depth"), or when their
    sentences share a claim and each holds just one figure of that kind and unit."""
    if a.subject_words and a.subject_words == b.subject_words:
        return _within_ratio(a, b)
    return bool(a.claims & b.claims) and a.alone and b.alone and _within_ratio(a, b)


def _within_ratio(a: _Traits, b: _Traits) -> bool:
    assert a.interval is not None and b.interval is not None
    low = max(min(a.interval), 1e-9)
    other = max(min(b.interval), 1e-9)
    return max(low, other) / min(low, other) <= _MAX_RATIO


def _casualties_agree(a: _Traits, b: _Traits) -> bool:
    """Dead with dead, injured with injured; "casualties" (both, or unsaid) with either; and
    never two tolls of different places ("in Kharkiv" vs "in Odesa")."""
    if a.casualty is None or b.casualty is None:
        return a.casualty == b.casualty
    if a.places and b.places and not (a.places & b.places):
        return False
    return a.casualty == b.casualty or "casualties" in (a.casualty, b.casualty)


def _heads_agree(a: _Traits, b: _Traits) -> bool:
    if a.head is None or b.head is None:
        return bool(a.claims & b.claims)
    if a.head == b.head:
        return True
    casualties = a.casualty is not None and b.casualty is not None
    return casualties and (a.head in CASUALTY_HEADS or b.head in CASUALTY_HEADS)


def reconcile(
    articles: tuple[Article, ...], claims: tuple[Claim, ...], figures: tuple[Figure, ...]
) -> tuple[FigureGroup, ...]:
    """Figures about the same quantity across sources; conflicts first."""
    sentences = {s.id: s for a in articles for s in a.sentences}
    claims_of: dict[str, set[str]] = {}
    for claim in claims:
        for sentence_id in claim.sentences:
            claims_of.setdefault(sentence_id, set()).add(claim.id)
    anchor_year = story_year(
        [year for article in articles for year in explicit_years(article.text)]
        + [d.year for d in (parse_published(a.published) for a in articles) if d is not None]
    )
    per_family = Counter((f.sentence, f.kind, f.unit) for f in figures)
    traits = [
        _traits(
            f,
            sentences[f.sentence],
            frozenset(claims_of.get(f.sentence, ())),
            anchor_year,
            per_family[(f.sentence, f.kind, f.unit)] == 1,
        )
        for f in figures
        if f.sentence in sentences
    ]
    clusters: list[list[_Traits]] = []
    # Blocking keeps big stories fast: a figure is only compared with clusters that share its
    # kind and unit and either its key (head noun, event, subject words), a claim, or, for
    # casualty counts, any casualty cluster; figures that can never group skip the search.
    by_key: dict[tuple[object, ...], list[int]] = {}
    by_claim: dict[tuple[object, ...], list[int]] = {}
    for item in traits:
        if not _groupable(item):
            clusters.append([item])
            continue
        candidates: set[int] = set(by_key.get((item.family, _block_key(item)), ()))
        if item.casualty is not None:
            candidates.update(by_key.get((item.family, "casualty"), ()))
        for claim_id in item.claims:
            candidates.update(by_claim.get((item.family, claim_id), ()))
        best_index: int | None = None
        best_score = 0
        for index in sorted(candidates):
            cluster = clusters[index]
            if all(_compatible(item, member) for member in cluster):
                score = sum(2 if item.claims & m.claims else 1 for m in cluster)
                if score > best_score:
                    best_index, best_score = index, score
        if best_index is None:
            best_index = len(clusters)
            clusters.append([item])
        else:
            clusters[best_index].append(item)
        by_key.setdefault((item.family, _block_key(item)), []).append(best_index)
        if item.casualty is not None:
            by_key.setdefault((item.family, "casualty"), []).append(best_index)
        for claim_id in item.claims:
            by_claim.setdefault((item.family, claim_id), []).append(best_index)
    article_order = {a.id: i for i, a in enumerate(articles)}
    built = [_make_group(cluster) for cluster in clusters]
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


def _groupable(item: _Traits) -> bool:
    """False for figures `_compatible` always refuses, so they skip the cluster search."""
    if item.interval is None or item.vague:
        return False
    if item.figure.kind == "date":
        return item.event not in (None, "speech")
    if item.figure.kind in ("ordinal", "year", "duration"):
        return bool(item.claims)
    return True


def _block_key(item: _Traits) -> object:
    if item.figure.kind == "date":
        return item.event
    if item.figure.kind in ("percent", "money", "measure"):
        return item.subject_words
    return item.head


def _make_group(cluster: list[_Traits]) -> tuple[list[_Traits], FigureGroup]:
    articles = {t.figure.article for t in cluster}
    intervals = [t.interval for t in cluster if t.interval is not None]
    conflict = False
    if len(articles) > 1 and intervals:
        conflict = max(i[0] for i in intervals) > min(i[1] for i in intervals) + 1e-9
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


_CASUALTY_LABELS = {
    "dead": "killed",
    "injured": "injured",
    "casualties": "killed or wounded",
    "missing": "missing",
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
