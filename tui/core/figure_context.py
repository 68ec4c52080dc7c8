"""What the words around a figure say: the thing it counts, who said it, which kind of
event a date marks, whether a count is of dead or injured people, and where.

Heuristics on plain text, no parser: each rule names the pattern it reads ("killing at least
three", "the death toll ... rose to 39", "Kyrylo Budanov, head of ..., said") so a wrong
reading can be traced to one regex.
"""

from __future__ import annotations

import functools
import re

from tui.core.dates import (
    MONTHS,
    WEEKDAYS,
)
from tui.core.models import Sentence


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (keeps long lexicons readable)."""
    return frozenset(words.split())


# --- subjects, attribution and events --------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


NP_STOP = word_set(
    """a an the this that these those their its his her our your my it they he she we i you
    were was are is be been being have has had will would could can may might must shall should
    do does did to in on at from for by with as and or but nor than of into onto per via over
    under about around after before during since while when where who whom whose which what
    said says say told according also already still just now currently only all each every
    both either neither not no more most less least very so such there here then thus if
    because although though until till up down out off against between among through across
    toward towards near within without earlier later ago today yesterday tomorrow each apiece
    respectively overall altogether overnight nationwide worldwide countrywide"""
)


# Verbs that end a noun phrase ("10 people fled", "the quake struck"); -ed forms end it too.
_VERBS = word_set(
    """flew took came went made struck hit rose fell grew said told left held won began saw
    got gave met ran fled led sent spent kept brought bought built caught fought found
    heard knew lay paid put read rode sat slept spoke stood swam taught thought threw
    understood wore wrote says tells gets remain remains continue continues face faces
    marched gathered risen fallen grown cut cuts raise raises lower lowers hike hikes keep
    keeps kept hold holds held leave leaves set sets"""
)


CASUALTY_HEADS = word_set(
    "casualty death dead fatality victim toll wounded injured injury killed loss"
)


_HEAD_CLASSES = {
    **dict.fromkeys(
        word_set(
            "troop soldier infantryman infantrymen serviceman servicemen personnel force fighter "
            "military marine paratrooper conscript recruit mercenary mercenarie combatant "
            "serviceperson militant"
        ),
        "personnel",
    ),
    **dict.fromkeys(
        word_set(
            "people person civilian resident individual inhabitant citizen men women man woman "
            "worshiper worshipper pilgrim passenger villager tourist bystander"
        ),
        "people",
    ),
    **dict.fromkeys(word_set("home house dwelling building"), "home"),
    **dict.fromkeys(word_set("job employee staff worker workforce"), "job"),
}


PARTITIVE = re.compile(
    r"(?i:\b(?:including|includes|include|among them|of whom|of which|of them|among)\s+$"
    # "Among the dead were 27 children"
    r"|\bamong\s+(?:the\s+)?(?:dead|victims|injured|wounded|killed)\s+(?:were|was|are)\s+$"
    r"|\b(?:unit|batch|group|contingent|portion|part|wave|detachment|first|second|third|"
    r"last|initial|another|additional|further|extra)\s+(?:of\s+)?$)"
)


# Kinds of one-off event whose date sources report and may contradict; the key is the label.
_EVENT_CLASSES = {
    "combat": r"combat|hostilities|fighting|battle|battles|battlefield|front\s?line",
    "earthquake": r"earthquake|quake|tremor|temblor",
    "landfall": r"landfall|made\s+land",
    "eruption": r"erupt\w*",
    "ceasefire": r"ceasefire|cease-fire|truce|armistice",
    "effective": r"takes?\s+effect|took\s+effect|come\s+into\s+force|effective|in\s+force",
    "election": r"election|elections|polls|vote|referendum",
    "rate decision": r"rate\s+decision|policy\s+meeting|rate\s+meeting",
}


_EVENT = re.compile(
    "|".join(f"(?P<e{i}>\\b(?:{body})\\b)" for i, body in enumerate(_EVENT_CLASSES.values())),
    re.I,
)


_EVENT_NAMES = tuple(_EVENT_CLASSES)


_SPEECH_NOUN = re.compile(
    r"\b(?:conference|briefing|statement|interview|speech|address|announcement)\b", re.I
)


_DATE_CLAUSE_BREAK = re.compile(
    r"(?P<speech>\b(?:said|says|say|told|tells|stated|reported|reports|confirmed|confirms|"
    r"warned|warns|announced|announces|claimed|claims|revealed|reveals|added|noted|"
    r"emphasi[sz]ed|mentioned|informed|wrote|declared|insisted)\b)"
    r"|(?P<other>\bthat\b|\bwhich\b|\bwho\b|\bwhile\b|\bbut\b|,\s+and\b|[;:—]|\s[-–]\s)",
    re.I,
)


# A name: capitalised words ("Kyrylo Budanov", "Defense Intelligence of Ukraine"), optionally
# a possessive with a lower-case noun or two ("South Korea's intelligence agency").
_NAME = (
    r"(?:[A-Z][\w’'.-]*(?:\s+(?:of|de|al|von|van|the)?\s*[A-Z][\w’'.-]*)*"
    r"(?:['’]s(?:\s+[a-z]+){1,2})?)"
)


_SPEECH_VERBS = (
    r"(?:said|says|told|stated|added|reported|reports|confirmed|confirms|warned|announced|"
    r"claimed|revealed|emphasi[sz]ed|noted|estimated|estimates|wrote|insisted|declared|"
    r"mentioned|informed)"
)


_SPEECH_HINT = re.compile(rf"{_SPEECH_VERBS}|(?i:according)")


_ACCORDING_TO = re.compile(
    rf"\b(?i:according\s+to)\s+(?P<name>(?:the\s+)?{_NAME}|the\s+[a-z]+(?:\s+[a-z]+)?)"
)


_SPEECH_AFTER = re.compile(rf"(?:\s+(?:\w+ly|also|later|has|had|have|then))*\s+{_SPEECH_VERBS}\b")


_SAID_NAME = re.compile(rf"\b{_SPEECH_VERBS}\s+(?P<name>{_NAME})")


_NAME_AT_END = re.compile(rf"(?P<name>{_NAME}|\b(?:he|she|they|He|She|They))\s*$")


_APPOSITIVE_AT_END = re.compile(rf"(?P<name>{_NAME}),(?P<desc>[^,]{{3,80}}),\s*$")


_INSTITUTION = re.compile(
    r"\b(?:Directorate|Intelligence|Ministry|Agency|Council|Department|Office|Service|Army|"
    r"Forces|Defen[cs]e|Post|Times|News|Government|Committee|Commission|Bank|Institute|"
    r"Survey|Center|Centre|Police|NATO|Kremlin|Pentagon|Reuters|Press)\b"
)


NOT_NAMES = word_set(
    "The A An This That It In On At But And Today Last Share Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday"
)


_COMPOUND = re.compile(r"\s+(and|or)\s+([a-z][a-z-]*s)\b(?!\s+(?:\d|of\b))")


_OUTCOME = re.compile(
    r"\s*(?:have been|has been|had been|were|was|are|been)?\s*((?:killed|wounded|injured|"
    r"dead|died|lost|missing|displaced|evacuated|arrested|detained|hurt)"
    r"(?:\s+(?:or|and)\s+(?:killed|wounded|injured|missing))?)\b"
)


# A hedge between the subject and the number ("a depth of under 900 metres") is read past.
_HEDGE_AT_END = re.compile(
    r"\s+(?i:more than|less than|fewer than|over|under|about|around|nearly|almost|some|"
    r"approximately|roughly|at least|at most|up to|close to|just over|just under)\s+$"
)


# Market indices, by the words outlets use for them -> one name, so "the Standard & Poor's
# 500 index" and "the S&P 500" are one subject.
_INDEX_NAMES = (
    (re.compile(r"\bDow\b"), "Dow Jones industrial average"),
    (re.compile(r"\bS&P\b|\bStandard\s*&\s*Poor"), "S&P 500"),
    (re.compile(r"\bNasdaq\b", re.I), "Nasdaq composite"),
    (re.compile(r"\bFTSE\b"), "FTSE 100"),
    (re.compile(r"\bNikkei\b"), "Nikkei 225"),
    (re.compile(r"\bDAX\b", re.I), "DAX"),
    (re.compile(r"\bCAC\b"), "CAC 40"),
    (re.compile(r"\bHang\s+Seng\b"), "Hang Seng"),
    (re.compile(r"\bStoxx\b", re.I), "Stoxx 600"),
)


_INDEX_HINT = re.compile(r"Dow|S&P|Standard|Nasdaq|NASDAQ|FTSE|Nikkei|DAX|Dax|CAC|Hang|Stoxx|STOXX")


_MOVE_NUMBER = r"\d[\d,]*(?:\.\d+)?"


# "The Nasdaq fell 52.31 points, or 1.1 percent, to 4,702.18": one index, three figures.
@functools.cache
def _market_move() -> re.Pattern[str]:
    """Compiled on first use: only texts naming a market index need it."""
    return re.compile(
        r"(?P<name>(?:[A-Z][\w&'’.]*|&)(?:\s+(?:[A-Z][\w&'’.]*|&|\d+|[a-z]+(?=\s+(?:index|average|"
        r"composite)\b)|index|average|composite)){0,5})\s+"
        r"(?:rose|gained|added|climbed|jumped|advanced|surged|rallied|fell|lost|shed|dropped|"
        r"declined|slipped|tumbled|plunged|sank|slid|edged|ended|closed|finished|was|were|is)"
        r"(?:\s+(?:up|down|higher|lower))?\s+(?:by\s+)?"
        rf"(?:(?P<points>{_MOVE_NUMBER})\s+points?(?:,?\s+or\s+|\s+\(|,\s*)?)?"
        rf"(?:(?P<percent>{_MOVE_NUMBER})\s*(?:%|percent|per\s?cent)\)?)?"
        rf"(?:,?\s*(?:to|at)\s+(?:(?:close|end|finish|settle)\s+at\s+)?(?P<level>{_MOVE_NUMBER})\b)?"
    )


def market_moves(text: str) -> list[tuple[str, str, int, int]]:
    """(index name, role, start, end) of the numbers in a market move: role is "points"
    (the change), "percent" or "level" (where the index stood)."""
    found: list[tuple[str, str, int, int]] = []
    if _INDEX_HINT.search(text) is None:
        return found
    for move in _market_move().finditer(text):
        name = next(
            (label for pattern, label in _INDEX_NAMES if pattern.search(move["name"])), None
        )
        if name is None:
            continue
        for role in ("points", "percent", "level"):
            if move.group(role):
                found.append((name, role, move.start(role), move.end(role)))
    return found


# Words after a number that start a time phrase, not its noun ("2.6% last month").
_TIME_WORDS = frozenset([*word_set("last next ago"), *WEEKDAYS, *MONTHS])


# "a 26-member council", "a 3,000-strong force": the number counts what follows the hyphen.
_GLUED_COUNT = re.compile(r"-(?P<unit>member|strong|person|man|woman)\s+(?P<rest>[A-Za-z])")


def subject_of(text: str, start: int, end: int, kind: str) -> str | None:
    """The noun phrase a figure counts ("Russian soldiers killed or wounded")."""
    glued = _GLUED_COUNT.match(text, end) if kind == "count" else None
    if glued:
        if glued.group("unit") == "member":
            return "members"
        return subject_of(text, start, glued.start("rest") - 1, kind)
    rest = text[end:]
    rest = re.sub(r"^\s+of\s+", " ", rest) if re.match(r"\s+of\s", rest) else rest
    words: list[str] = []
    position = 0
    for match in _WORD.finditer(rest):
        gap = rest[position : match.start()]
        if gap.strip() or (position and not gap):
            break
        word = match.group().rstrip(".")
        lowered = word.lower()
        if lowered in NP_STOP or lowered in _VERBS or lowered in _TIME_WORDS or len(words) >= 4:
            break
        if lowered.endswith("ed") and not word[:1].isupper():
            break
        words.append(word)
        position = match.end()
    tail = rest[position:]
    compound = _COMPOUND.match(tail) if words else None
    if compound and compound.group(2).lower() not in NP_STOP | _VERBS:
        # "158 missiles and drones" counts both together: a different thing from "missiles"
        words += [compound.group(1), compound.group(2)]
        tail = tail[compound.end() :]
    if words:
        origin = re.match(rf"\s+from\s+({_NAME})", tail)
        if origin:
            words += ["from", origin.group(1).rstrip(".")]
            tail = tail[origin.end() :]
    outcome = _OUTCOME.match(tail) if kind == "count" else None
    if outcome:
        words.append(outcome.group(1))
    if words:
        return " ".join(words)
    lead_verbs = (
        r"rose|risen|climbed|jumped|fell|fallen|dropped|increased|decreased|reached|hit|stood|"
        r"stands|is|was|were|are|of|at|to|by|from|worth|totalling|totaling|costing|valued"
    )
    toll = _TOLL_BEFORE.search(text[:start]) if kind == "count" else None
    if toll:  # "the death toll from Friday's attack rose to 39"
        return "death toll" if re.search(r"(?i)\bdeath\s+toll", toll.group()) else "toll"
    before = _HEDGE_AT_END.sub(" ", text[max(0, start - 80) : start])
    changed = re.search(r"\s+by\s+[^,;]{1,45}?\s+to\s+$", before)
    if changed:  # "cut interest rates by a quarter point to 4.75%": the rates
        before = before[: changed.start()] + " to "
    lead = re.search(
        rf"([A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){{0,2}})\s+(?:{lead_verbs})"
        r"(?:\s+(?:at|to|by))?\s+$",
        before,
    )
    if lead and (
        not re.search(r"\d\S*\s*$", before[: lead.start()])
        or re.match(r"(?i:and|but|while|with)\s", lead.group(1))  # "..., and the depth at 12 km"
    ):
        kept: list[str] = []
        for word in reversed(lead.group(1).split()):
            lowered = word.lower()
            if lowered in WEEKDAYS or lowered.rstrip(".") in MONTHS:
                break
            if lowered in NP_STOP or lowered in _VERBS:
                if kept:
                    break
                continue
            kept.insert(0, word)
        return " ".join(kept) or None
    return None


# A date that opens its clause ("On Sunday, a quake struck") dates whatever the clause tells.
_DATE_OPENS_CLAUSE = re.compile(
    r"\W*(?:(?:on|in|at|from|by|since|until|early|late|last|this|the|of|and)\s+)*", re.I
)


# "Sunday's earthquake", "the quake on Sunday": an event that carries its own date.
_DATED_BEFORE = re.compile(r"(?:day|weekend|night|morning)['’]s\s+(?:[\w.-]+\s+){0,2}$", re.I)


_EVENT_RIGHT_AFTER = re.compile(r"\s*(?:['’]s\s+(?:[\w.-]+\s+){0,2}?)?$")


def date_event(text: str, start: int, end: int) -> str | None:
    """The kind of one-off event a date marks: an `_EVENT_CLASSES` key, "speech" when it dates
    a statement ("warned on October 8 that", "On October 4, the Post reported"), else None.

    A speech verb splits the sentence: a date before it or right after it dates the
    statement; a date further inside the reported clause dates what was reported. Inside its
    clause a date marks an event named before it ("the quake struck Sunday", "used in combat
    on October 27"), right after it ("Sunday's quake"), hung on it by "that"/"which" ("the
    quake that struck on Sunday"), or anywhere when the date opens the clause; "Crews searched
    Tuesday for survivors of the storm" dates the searching, and "after Sunday's
    earthquake ..., Monday" leaves the quake to its own Sunday.
    """
    left, left_is_speech, relative = 0, False, None
    for match in _DATE_CLAUSE_BREAK.finditer(text, 0, start):
        left, left_is_speech = match.end(), match.lastgroup == "speech"
        relative = match if match.group().lower() in ("that", "which") else None
    right_match = _DATE_CLAUSE_BREAK.search(text, end)
    right = right_match.start() if right_match else len(text)
    if relative is not None:  # "the earthquake that struck on Sunday": the clause's noun
        named = _EVENT_AT_END.search(text, 0, relative.start())
        if named is not None and named.lastgroup is not None:
            return _EVENT_NAMES[int(named.lastgroup[1:])]
    clause = text[left:right]
    before = text[left:start]
    told = _event_before(before)
    if right_match is not None and right_match.lastgroup == "speech" and told is None:
        return "speech"
    if left_is_speech and re.fullmatch(r"\s*(?:(?:on|in|at|last|this|early|late)\s+)?", before):
        return "speech"
    if _SPEECH_NOUN.search(clause):
        return "speech"
    if told is not None:
        return told
    after = text[end:right]
    if _DATE_OPENS_CLAUSE.fullmatch(before):
        event = _EVENT.search(after)
    else:
        event = next(
            (m for m in _EVENT.finditer(after) if _EVENT_RIGHT_AFTER.fullmatch(after[: m.start()])),
            None,
        )
    if event is None or event.lastgroup is None:
        return None
    return _EVENT_NAMES[int(event.lastgroup[1:])]


_EVENT_AT_END = re.compile(
    "(?:"
    + "|".join(f"(?P<e{i}>\\b(?:{body})\\b)" for i, body in enumerate(_EVENT_CLASSES.values()))
    + r")\s*,?\s*$",
    re.I,
)


def _event_before(before: str) -> str | None:
    """The last event named before a date in its clause, unless that event is dated itself."""
    for event in reversed(list(_EVENT.finditer(before))):
        if event.lastgroup is None or _DATED_BEFORE.search(before[: event.start()]):
            continue
        return _EVENT_NAMES[int(event.lastgroup[1:])]
    return None


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and not _INSTITUTION.search(name) and "'" not in name


_PRONOUN = "\0pronoun"


# How far back a "he said" looks for the named speaker; quotes rarely run longer.
_PRONOUN_REACH = 4


def speaker_of(sentences: tuple[Sentence, ...], index: int) -> str | None:
    """The attribution of sentence `index`, a pronoun taking the last speaker named before it."""
    for back in range(index, max(-1, index - _PRONOUN_REACH - 1), -1):
        found = _attribution(sentences[back].text)
        if back == index and found is None:
            return None
        if found is not None and found != _PRONOUN:
            return found
    return None


def _attribution(text: str) -> str | None:
    """Who the sentence credits ("Budanov", "South Korea's intelligence agency").

    A pronoun speaker ("he said") takes the article's last named speaker. Between a title and
    a name in apposition ("the head of intelligence, Kyrylo Budanov, said") the person wins.
    """
    if _SPEECH_HINT.search(text) is None:
        return None
    according = _ACCORDING_TO.search(text)
    if according:
        return _clean_name(according.group("name"))
    for verb in _SPEECH_AFTER.finditer(text):
        before = text[max(0, verb.start() - 160) : verb.start()]
        candidates = []
        appositive = _APPOSITIVE_AT_END.search(before)
        if appositive:
            candidates += [appositive.group("desc").strip(), appositive.group("name")]
        direct = _NAME_AT_END.search(before)
        if direct:
            candidates.insert(0, direct.group("name"))
        candidates = [
            c for c in candidates if (c and c[:1].isupper()) or c in ("he", "she", "they")
        ]
        for candidate in candidates:
            if candidate.lower() in ("he", "she", "they"):
                return _PRONOUN
        cleaned = (
            _clean_name(c)
            for c in candidates
            if c.split()[0] not in NOT_NAMES or len(c.split()) > 1
        )
        named = [n for n in cleaned if n]
        if named:
            return next((n for n in named if _looks_like_person(n)), named[0])
    said = _SAID_NAME.search(text)
    if said and said.group("name").split()[0] not in NOT_NAMES:
        return _clean_name(said.group("name"))
    return None


def _clean_name(name: str) -> str | None:
    name = name.strip().rstrip(",.")
    words = name.split()
    if words and words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words) or None


def _stem(word: str) -> str:
    return word.lower()[:5]


PARTICIPLES = word_set(
    "killed wounded injured dead died hurt lost missing displaced evacuated or and"
)


_NATIONALITY_PLURAL = re.compile(r"[A-Z][a-z]+(?:ians|ans|ese|is)")


def head_class(subject: str | None) -> tuple[str | None, frozenset[str]]:
    """(class of the head noun, place/nationality stems) of a subject phrase."""
    if not subject:
        return None, frozenset()
    phrase = re.split(r"\s+from\s+", subject, maxsplit=1)
    words = re.findall(r"[A-Za-z][\w'’-]*", phrase[0])
    nouns = [w for w in words if w.lower() not in PARTICIPLES or w is words[0]]
    head_word = nouns[-1].lower() if nouns else None
    compound = re.search(r"\b([a-z]+s)\s+(?:and|or)\s+([a-z]+s)\b", phrase[0])
    if compound and compound.group(2) not in PARTICIPLES:
        head_word = f"{singular_noun(compound.group(1))}+{singular_noun(compound.group(2))}"
    entities = {_stem(w) for w in words[:-1] if w[:1].isupper()}
    if len(phrase) > 1:
        entities |= {_stem(w) for w in re.findall(r"[A-Z][\w'’-]*", phrase[1])}
    entities.discard("north")
    entities.discard("south")
    if head_word is None:
        return None, frozenset(entities)
    if _NATIONALITY_PLURAL.fullmatch(nouns[-1]):
        return "people", frozenset(entities)  # "305 Egyptians killed", "12 Ukrainians"
    singular = singular_noun(head_word)
    return _HEAD_CLASSES.get(singular, _HEAD_CLASSES.get(head_word, singular)), frozenset(entities)


def singular_noun(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


CASUALTY_CLASSES = {
    **dict.fromkeys(
        word_set(
            "killed killing kill kills dead died die dies deaths death toll fatalities "
            "perished slain massacred massacring slaughtered"
        ),
        "dead",
    ),
    **dict.fromkeys(word_set("injured injuring injuries wounded wounding hurt"), "injured"),
    **dict.fromkeys(word_set("casualties casualty lost losing losses loss"), "casualties"),
    "missing": "missing",
    # people moved out of harm's way: counted, and contradicted, like tolls
    **dict.fromkeys(word_set("evacuated evacuating evacuees"), "evacuated"),
    **dict.fromkeys(word_set("displaced homeless"), "displaced"),
}


_CASUALTY_WORD = "|".join(sorted(CASUALTY_CLASSES, key=len, reverse=True))


_CASUALTY_AFTER = re.compile(
    r"\s*(?:(?!(?:and|or|but|while|with)\b)[A-Za-z'’-]+\s+){0,4}?"
    # "75 people, including 12 children, were wounded": the aside is read past
    r"(?:[A-Za-z'’-]+,\s*(?:including|among\s+them|of\s+whom)\b[^,;]{1,40},\s*"
    r"|[A-Za-z'’-]+,\s*(?=(?:have|has|had|were|was|are|is)\s))?"
    r"(?:(?:have|has|had)\s+been\s+|were\s+|was\s+|are\s+|is\s+)?"
    rf"(?P<w>{_CASUALTY_WORD})\b(?:\s+(?:or|and)\s+(?P<w2>{_CASUALTY_WORD})\b)?"
)


_CASUALTY_BEFORE = re.compile(rf"\b(?P<w>{_CASUALTY_WORD})\b(?:\s+[\w,'’-]+){{0,4}}\s*$")


# "The death toll ... has risen to nine": a toll named earlier in the sentence.
_TOLL_BEFORE = re.compile(
    r"\b(?:death\s+)?toll\b[^.;\d]{0,120}?\b(?:to|at|of|reached|hit|is|was|stands|stood)\s+$",
    re.I,
)


_PLACE = re.compile(
    r"\b(?:(?i:in|near|at|on|outside|across)\s+(?:the\s+)?"
    r"(?:(?:city|town|region|village|province)\s+of\s+)?"
    # "hit the centre of the city of Eastvale": a named town after "of the city of"
    r"|(?i:of)\s+the\s+(?:city|town|village)\s+of\s+)"
    r"(?P<place>[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?)\b(?!['’]s)"
)


# Weapons "shot down" are a different count from those "launched" in the same attack.
INTERCEPTED = re.compile(
    r"\b(?:shot\s+down|shoot\s+down|intercepted|intercept|downed|destroyed|neutrali[sz]ed|"
    r"repelled)\b(?:\s+[\w'’,-]+){0,4}\s*$",
    re.I,
)


# "that" opens a clause, except as a determiner before a possessive ("that province's board").
_PLACE_CLAUSE_BREAK = re.compile(
    r"\b(?:as|when|after|while|which|that(?!\s+\w+['’]s\b))\b|[;:—]", re.I
)
_PLACE_BEFORE_WHICH = re.compile(
    r"\b(?i:in|near|at|outside|across)\s+(?:the\s+)?[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?,?\s*$"
)


ERA_YEAR = re.compile(r"(?<!since )(?<!Since )\b(?:1[89]\d\d|20\d\d)\b")


# A part named in an aside takes the reading of the count it belongs to.
_INCLUDED_IN = re.compile(
    rf"\b(?P<w>{_CASUALTY_WORD})\b[^.;:]{{0,60}},\s*(?:including|among\s+them|of\s+whom)\s+$",
    re.I,
)


def casualty_class(text: str, start: int, end: int, subject: str | None) -> str | None:
    """Dead, injured, casualties (both or unspecified), missing, or None for other counts.

    Read from the subject ("killed or wounded"), the words right after the number ("were
    killed"), or a verb right before it ("killing at least three").
    """
    words: list[str] = []
    if subject:
        words = [
            w.lower() for w in re.findall(r"[A-Za-z]+", subject) if w.lower() in CASUALTY_CLASSES
        ]
    if not words:
        after = _CASUALTY_AFTER.match(text, end)
        if after:
            words = [after.group("w").lower(), (after.group("w2") or "").lower()]
    if not words or not words[0]:
        before = _CASUALTY_BEFORE.search(text[max(0, start - 50) : start])
        aside = _INCLUDED_IN.search(text[max(0, start - 90) : start])
        if before:
            words = [before.group("w").lower()]
        elif _TOLL_BEFORE.search(text[:start]):
            words = ["toll"]
        elif aside:  # "killing 23 people, including two children": the children were killed
            words = [aside.group("w").lower()]
    classes = {CASUALTY_CLASSES[w] for w in words if w in CASUALTY_CLASSES}
    if not classes:
        return None
    if len(classes) > 1:
        return "casualties"
    return classes.pop()


def places_of(text: str, start: int, end: int) -> frozenset[str]:
    """Places the figure's clause names after a preposition ("In Kharkiv, 2 were killed").

    The clause stops at "as", "when", "after", "while", "that" and semicolons, so "rescuers in
    Kyiv ... as the toll rose to 39 nationwide" does not pin the toll on Kyiv.
    """
    left = 0
    relative = None
    for match in _PLACE_CLAUSE_BREAK.finditer(text, 0, start):
        left = match.end()
        relative = match if match.group().lower() == "which" else None
    right_match = _PLACE_CLAUSE_BREAK.search(text, end)
    clause = text[left : right_match.start() if right_match else len(text)]
    if relative is not None:
        # "in Ontario, which plans to open 40 stores": the place "which" stands for.
        named = _PLACE_BEFORE_WHICH.search(text, 0, relative.start())
        if named is not None:
            clause = named.group() + " " + clause
    found = set()
    for match in _PLACE.finditer(clause):
        name = match.group("place")
        first = name.split()[0].lower()
        if first in WEEKDAYS or first.rstrip(".") in MONTHS:
            continue
        found.add(_stem(name.replace("-", " ").split()[0]))
    return frozenset(found)
