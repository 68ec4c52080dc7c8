"""Cross-source claims (which sentences report the same thing) and aligned rows for a pivot.

Pairing works on units: every sentence, plus its clauses, because a fact one outlet states
in its own sentence another embeds in a longer one. Candidates come from an inverted index
of shared words, word pairs, numbers and names (never all pairs), and each candidate pair
is described by several signals: rarity-weighted word overlap (IDF over the story, so the
story's own topic words weigh little and a shared name, number or phrase weighs a lot),
rapidfuzz's ratio on sorted words, shared identifying numbers and numbers within a few
percent of each other (outlets round and update counts: "nears 300" / "297"; the numbers
of dates and clock times count as words, not figures: every outlet prints the story's
day), vague amounts ("dozens of people" / "50 people"), rare names only one side says,
whether the sentences are headlines (compressed statements of the main fact), figures the
figure groups count as one quantity (even when the values disagree), where the two stand
in their articles (outlets tell a story in much the same order: a weak prior, never a
constraint), and how the pair compares with each sentence's best partner in the other
article (outlets reword, so no absolute threshold separates rewording from unrelated
sentences of the same story). A second model adds how many sentences the first strongly
links to both ends.
Names that extend a shorter name of the story are one entity ("Russia"/"Russian",
"Fed"/"Federal"). A small logistic model over these signals decides the links; `--semantic`
adds the embedding cosine as one more signal. Links grow into claims only when a newcomer
matches most of a claim's members, which stops a chain of pairwise links from gluing
unrelated facts together. Huge stories pair each set of near-copies once.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.core.cancelling import CANCEL_EVERY, check
from tui.core.garbage import collection_paused
from tui.core.models import Alignment, Article, Claim, ClaimKind, Comparison, Figure, Sentence
from tui.core.normalizing import Token, stem, tokenize
from tui.core.options import Options
from tui.core.variants import find_variants

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# Tuning constants. All were chosen on the annotated sample and the two synthetic stories
# (tests/eval: flood, rate decision) together, preferring round values where F1 is flat.
# How cosine, containment and ratio make one similarity (for ranking rivals and for output).
BASE_WEIGHTS = (0.5, 0.25, 0.25)
# Two logistic models decide whether a pair states the same fact. The first sees the pair's
# own evidence (FEATURES); the second adds how many sentences the first strongly links
# (logit >= CORROBORATE_AT) to both ends (CORROBORATED, see _corroborated). Both are fitted
# by `python -m tests.eval.fit_pairs --extra ...` on seven annotated stories: the sample,
# the two synthetic ones, and four real multi-outlet stories annotated fact by fact whose
# texts are third-party and not in the repository (a quake, two rate decisions, a missile
# strike). Scored leaving each story out of the fit (`--loso`), micro over the seven:
# precision 0.752, recall 0.696 with claims merged (_merge; 0.756, 0.667 without, 0.758,
# 0.652 also without the position features; the one-stage model before: 0.718, 0.627).
# THRESHOLD (on the second stage's logit) swept 0.5-2.5 and SUPPORT_MARGIN 0-2.5 the same
# way: THRESHOLD 1.25/1.5/1.75/2.0 micro F1 0.710/0.723/0.701/0.692 (with _merge),
# SUPPORT_MARGIN 0/0.75/1.5/2.5 0.689/0.688/0.681/0.672 at THRESHOLD 1.0 (0.75 keeps
# more recall than 0 at the same F1); JOIN_SHARE 0.5/0.67/0.8/1.0 0.655/0.681/0.685/0.685
# (0.67 stays: 0.8 is within noise). Letting a source repeat itself in a claim when linked
# to the other sources' members (instead of to all members) lost 0.01-0.02 F1; a feature
# counting synonym matches of 17 sets of news words (killed/dead, missile/rocket,
# raise/hike, ...) lost 0.015. Also measured the same way and dropped (within +-0.005 F1
# or worse): the rarest shared word spread one per source, a clash of the names before a
# shared noun ("Ukrainian troops" / "North Korean troops"), same or other speaker of
# "said", capitals and acronyms as their country (Pyongyang, DPRK, Moscow), attaching
# unclaimed sentences near most of a claim's members, a gradient-boosted model in place of
# the logistic ones (pair-level average precision 0.707 against 0.750 on the sample), and
# the L2 penalty at 0.01 or 0.0001. On eight held-out real stories never used for fitting
# (tests/eval/real, `python -m tests.eval.real_stories`) these weights give micro precision
# 0.653, recall 0.422; refitting on them with our three stories, leaving each out, gave the
# same F1 at lower precision (0.491/0.526 on the eight). Measured there, leaving each of the
# eleven stories out, and dropped (within +-0.01 F1): quote overlap of the quoted words,
# shared words held by at most 2.5 sentences per source, demonyms folded to their country,
# partial_ratio of the content words in order; an IDF-cosine floor of 0.15-0.3 cost far
# more recall than it gained; number words as digits ("six"/"6") cost the rate story a pair.
WEIGHTS = (
    1.036,  # cosine
    0.187,  # containment
    0.436,  # ratio
    0.43,  # relative_first
    0.716,  # relative_second
    -0.843,  # length
    2.196,  # shared_number
    3.918,  # shared_words
    0.085,  # shared_bigrams
    0.999,  # shared_core
    -0.834,  # shared_names
    -0.647,  # other_names
    0.95,  # near_number
    0.112,  # both_headlines
    0.698,  # one_headline
    1.575,  # same_quantity
    -0.858,  # position_gap
    0.927,  # both_ledes
)
BIAS = -3.317
FINAL_WEIGHTS = (
    1.011,  # cosine
    0.089,  # containment
    0.344,  # ratio
    0.906,  # relative_first
    0.9,  # relative_second
    -0.854,  # length
    1.314,  # shared_number
    3.341,  # shared_words
    -0.261,  # shared_bigrams
    0.729,  # shared_core
    -0.787,  # shared_names
    -0.377,  # other_names
    0.509,  # near_number
    -0.024,  # both_headlines
    0.336,  # one_headline
    0.676,  # same_quantity
    -0.667,  # position_gap
    0.057,  # both_ledes
    1.934,  # corroborated
)
FINAL_BIAS = -3.458
CORROBORATE_AT = 1.5
THRESHOLD = 1.5
# The same models with the embedding cosine as a last feature, for `--semantic`; fitted by
# `python -m tests.eval.fit_pairs --semantic --extra ...` on the same stories. Leaving each
# story out: micro precision 0.701, recall 0.668 (F1 0.684 against the lexical model's
# 0.723): the cosine ranks paraphrases well on its own but adds nothing the lexical signals
# do not already carry, and same-topic pairs score high on it.
SEMANTIC_WEIGHTS = (
    0.99,  # cosine
    0.162,  # containment
    -0.024,  # ratio
    0.457,  # relative_first
    0.778,  # relative_second
    -0.788,  # length
    2.139,  # shared_number
    3.635,  # shared_words
    0.002,  # shared_bigrams
    0.892,  # shared_core
    -0.87,  # shared_names
    -0.632,  # other_names
    0.871,  # near_number
    0.052,  # both_headlines
    0.641,  # one_headline
    1.476,  # same_quantity
    -0.816,  # position_gap
    0.933,  # both_ledes
    2.292,  # semantic cosine
)
SEMANTIC_BIAS = -3.979
SEMANTIC_FINAL_WEIGHTS = (
    0.986,  # cosine
    0.043,  # containment
    -0.086,  # ratio
    0.976,  # relative_first
    1.0,  # relative_second
    -0.78,  # length
    1.273,  # shared_number
    3.044,  # shared_words
    -0.335,  # shared_bigrams
    0.694,  # shared_core
    -0.749,  # shared_names
    -0.348,  # other_names
    0.435,  # near_number
    -0.056,  # both_headlines
    0.316,  # one_headline
    0.64,  # same_quantity
    -0.595,  # position_gap
    0.106,  # both_ledes
    1.891,  # semantic cosine
    1.964,  # corroborated
)
SEMANTIC_FINAL_BIAS = -4.119
# Up to this many sentences the semantic model's n x n similarity matrix is used (64 MB
# of float32); bigger stories dot the pairs' vectors instead.
SEMANTIC_MATRIX_LIMIT = 4000
# How far `Options.sensitivity` moves THRESHOLD: at sensitivity 0 (threshold 3.5) the sample
# and the two synthetic stories give precision 0.80, 0.94, 1.00 at recall 0.49, 0.47, 0.15.
SENSITIVITY_SPAN = 2.0
# A newcomer joins a claim when it is linked to at least this share of its members.
JOIN_SHARE = 0.67
# Pairs scoring up to this much under THRESHOLD count towards JOIN_SHARE (never as links on
# their own): a sentence linked to one member of a claim usually states the fact the others
# state, in words too different for a link. Swept with the two-stage model (see above).
SUPPORT_MARGIN = 0.75
# A claim is near-verbatim when two of its sources use nearly the same words: rapidfuzz's
# token_set_ratio of their normalised words reaches this. Swept 30-95 by 5 on the claims of
# the three annotated stories against their facts' `paraphrase` marks: 80 labels 68% of
# them right, the pair similarity (the previous rule, at any cut) at most 59%.
VERBATIM = 80.0
# Two claims become one when this share of the pairs across them are links or near links
# (see _merge). Swept on the seven annotated stories with the current weights: 0.6/0.7/0.8/
# 0.9 (1.0 never merges) micro precision 0.736/0.769/0.770/0.768, recall 0.740/0.720/0.700/
# 0.690; leaving each story out of the fit, 0.7 took micro recall from 0.667 to 0.696 at
# precision 0.756 -> 0.752.
MERGE_DENSITY = 0.7
# Claims with more members compare the first with this many others only.
KIND_ALL_PAIRS = 10
# Clauses shorter than this many content words are too thin to pair on their own (3 let
# "Rutte said"-sized runs pair with anything; 5 kept fewer facts apart).
MIN_CLAUSE_WORDS = 4
# Weight of a word pair against a single word: pairs are rarer than words, so at full
# weight they would swamp the vectors of long sentences (0.3-0.6 scored alike).
BIGRAM_WEIGHT = 0.5
# How many of a unit's rarest words make its core (3 beat 2 and 4 by 0.02-0.04 F1).
CORE_WORDS = 3
# Candidate generation skips features held by more units than this or than there are
# articles (a fact said once per source cannot be more common: such features are the story's
# topic words, weigh little, and would make candidate generation quadratic).
POSTING_CAP_MIN = 80
# At most this many candidate entries (one per feature shared by two units): bounds time and
# memory on huge stories (100 sources x 60 sentences: 167 MB peak instead of 225 MB, at
# some recall); the sample (57,000 entries) and 20-source stories stay far below.
PAIR_BUDGET = 1_000_000
# Above this many figures (in the sentences being paired) the pair feature same_quantity is
# left out: grouping figures grows faster than their number (a 2 MB story of 500 files has
# 67,500 and takes 41 s to group), and near-copies already pair on their words. The sample
# has 50; a 100-source story of 6,000 sentences about 2,300 (0.06 s).
QUANTITY_LIMIT = 10_000
# Number combinations `_near_numbers` compares at once. Each costs on the order of 80 bytes
# of NumPy temporaries (an estimate from the arrays built per combination, not a measurement),
# so a slice stays well under 100 MB; without slicing, a 10 MB story of 500 files peaked at
# 986 MB (measured), and 937 MB with it, most of it tokenizing.
NEAR_SLICE = 1_000_000
# Above this many sentences clauses are not paired on their own: they double the units,
# and in the annotated stories they added only about 0.03 F1.
CLAUSE_LIMIT = 1500
# A name extending a shorter name of the story is that name when the shorter one has at
# least this many letters ("Fed"/"Federal"): 3 and 4 scored alike (mean F1 0.745).
MIN_NAME_STEM = 3
# Above this many sentences near-copies are paired once (see _collapse); below it every
# sentence is paired on its own (the annotated stories have 100-400 sentences). On the
# benchmark's 100 x 60 story it finds 0.93 of the same-origin pairs instead of 0.44 (the
# budget binds) and on 300 x 60 0.85 instead of 0.03. A near-copy has the same
# COLLAPSE_CORE rarest words (CORE_WORDS' value) among at least COLLAPSE_MIN_WORDS words.
COLLAPSE_ABOVE = 3000
COLLAPSE_CORE = 3
COLLAPSE_MIN_WORDS = 5
# A name counts as "only one side says it" when few sentences mention it: at most
# OTHER_NAME_DF sentences or OTHER_NAME_SHARE of them. Swept DF 2-5 and share 0-0.05:
# 0.03 gave the best mean F1 (0.753 against 0.745 counting every name).
OTHER_NAME_DF = 1
OTHER_NAME_SHARE = 0.03
# Numbers this close (relative) state one figure: 297/300 is 1%, 1,400/1,470 is 5%.
NUMBER_TOLERANCE = 0.06
# Vague amounts and the figures they stand for, in their plain English reading: "dozens of
# people" and "50 people" are near numbers when they count the same thing (the next
# content word; without that check "hundreds hurt" met "200 firefighters"). On the annotated
# stories they changed no pair (mean F1 0.788 either way); they are for stories that print
# both.
_VAGUE = {
    stem(word): span
    for word, span in (
        ("dozens", (12.0, 99.0)),
        ("hundred", (100.0, 999.0)),
        ("hundreds", (200.0, 999.0)),
        ("thousands", (1000.0, 9999.0)),
        ("millions", (1e6, 9.99e6)),
    )
}


_CLOSING = (".", "!", "?", '"', "”", "’", "'", ")")
_CONJUNCTIONS = frozenset(("and", "but", "while", "whereas", "so"))
_SUBJECTS = frozenset(("he", "she", "it", "they", "we", "i", "you", "the", "this", "that", "now"))
_CLAUSE_BREAK = re.compile(r"[,;:—–()\"“”‘…]| - ")


@dataclass(frozen=True, slots=True)
class _Unit:
    sentence: int
    article: int
    tokens: tuple[Token, ...]
    # The article's first sentence with no closing punctuation: its headline.
    headline: bool = False


def _clauses(tokens: tuple[Token, ...], sentence: Sentence, text: str) -> list[tuple[Token, ...]]:
    """Split a sentence's tokens into fact-sized runs.

    Breaks fall at clause punctuation (, ; : — brackets, quotes) and before a conjunction
    that opens a new clause ("... wounded in the war and he cannot sustain ...").
    """
    runs: list[list[Token]] = [[]]
    for k, token in enumerate(tokens):
        if runs[-1] and (
            _CLAUSE_BREAK.search(text, runs[-1][-1].end, token.start)
            or (
                token.norm in _CONJUNCTIONS
                and k + 1 < len(tokens)
                and tokens[k + 1].norm in _SUBJECTS
            )
        ):
            runs.append([])
        runs[-1].append(token)
    merged: list[list[Token]] = []
    for run in runs:
        if merged and sum(t.content for t in merged[-1]) < MIN_CLAUSE_WORDS:
            merged[-1].extend(run)
        else:
            merged.append(list(run))
    if len(merged) > 1 and sum(t.content for t in merged[-1]) < MIN_CLAUSE_WORDS:
        tail = merged.pop()
        merged[-1].extend(tail)
    return [tuple(run) for run in merged] if len(merged) > 1 else []


_MONTH_NAMES = """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
_MONTHS = frozenset(stem(month) for month in _MONTH_NAMES.split())
_DATE_JOINT = frozenset(("-", "/", "."))


def _dated(tokens: tuple[Token, ...], text: str) -> tuple[Token, ...]:
    """The tokens with the numbers of dates and clock times turned into words.

    "March 3", "3 Mar", "2019-03-03" and "2:14 PM" name the story's day and hour,
    which every outlet prints beside different facts; as identifying numbers they linked
    unrelated sentences (a dateline with a headline). As words they still count, weighed
    by rarity like any other word.
    """
    numbers = [k for k, t in enumerate(tokens) if t.number]
    if not numbers:
        return tokens
    dated: set[int] = set()

    def joint(k: int) -> str:
        return text[tokens[k - 1].end : tokens[k].start].strip()

    for k in numbers:
        before = tokens[k - 1] if k else None
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        if (
            (before is not None and before.norm in _MONTHS)
            or (after is not None and after.norm in _MONTHS)
            or (before is not None and before.number and joint(k) == ":")
            or (after is not None and after.number and joint(k + 1) == ":")
        ):
            dated.add(k)
    # "2019-03-03", "03/03/2019": runs of numbers joined by dashes, slashes or dots that
    # hold a year.
    run: list[int] = []
    for k in [*numbers, -1]:
        if run and (k < 0 or k != run[-1] + 1 or joint(k) not in _DATE_JOINT):
            if len(run) > 1 and any(_is_year(tokens[r].norm) for r in run):
                dated.update(run)
            run = []
        if k >= 0:
            run.append(k)
    if not dated:
        return tokens
    return tuple(t._replace(norm=f"@{t.norm}") if k in dated else t for k, t in enumerate(tokens))


def _is_year(norm: str) -> bool:
    return len(norm) == 4 and norm.isdigit() and 1900 <= int(norm) <= 2100


def _name_stems(names: set[str]) -> dict[str, str]:
    """Each name that extends a shorter name of the story, mapped to that shorter name.

    Outlets write "Russia"/"Russian", "Korea"/"Korean", "Fed"/"Federal Reserve": the
    same entity, which the suffix stripper cannot see. Only names (capitalised inside a
    sentence) are merged, and only onto a name of at least MIN_NAME_STEM letters.
    """
    short: dict[str, str] = {}
    # Shortest names first, so a chain ("ukrain", "ukrainian", "ukrainians") ends on the root.
    for name in sorted(names, key=lambda n: (len(n), n)):
        for end in range(MIN_NAME_STEM, len(name)):
            if name[:end] in names:
                short[name] = short.get(name[:end], name[:end])
                break
    return short


def _renamed(tokens: tuple[Token, ...], short: dict[str, str]) -> tuple[Token, ...]:
    if not any(t.norm in short for t in tokens):
        return tokens
    return tuple(t._replace(norm=short[t.norm]) if t.norm in short else t for t in tokens)


def _units(
    articles: Sequence[Article], cancel: threading.Event | None = None
) -> tuple[list[Sentence], list[_Unit]]:
    """The sentences that can carry a fact, and their units (the sentence, then its clauses).

    A sentence needs two content words, and one that is not a name: a byline or a caption
    credit ("Mark Rutte NATO Secretary General") names people but states nothing.
    """
    tokenized = []
    # Outlets repeat wire copy word for word: each distinct sentence text is tokenized once
    # and its tokens shifted to where each later copy stands.
    seen: dict[str, tuple[int, tuple[Token, ...]]] = {}
    new = tuple.__new__
    for a, article in enumerate(articles):
        for n, sentence in enumerate(article.sentences):
            if n % CANCEL_EVERY == 0:
                check(cancel)
            known = seen.get(sentence.text)
            if known is None:
                tokens = _dated(tokenize(sentence.text, sentence.start), article.text)
                seen[sentence.text] = (sentence.start, tokens)
            else:
                shift = sentence.start - known[0]
                tokens = tuple(
                    new(Token, (t[0], t[1] + shift, t[2] + shift, t[3], t[4], t[5]))
                    for t in known[1]
                )
            tokenized.append((a, article, sentence, tokens))
    names = {t.norm for *_, tokens in tokenized for t in tokens[1:] if t.capital and not t.number}
    short = _name_stems(names)
    if short:
        tokenized = [
            (a, article, sentence, _renamed(tokens, short))
            for a, article, sentence, tokens in tokenized
        ]
        names = {short.get(n, n) for n in names}
    sentences: list[Sentence] = []
    units: list[_Unit] = []
    with_clauses = len(tokenized) <= CLAUSE_LIMIT
    seen_article = -1
    for a, article, sentence, tokens in tokenized:
        content = [t for t in tokens if t.content]
        if len(content) < 2 or all(t.norm in names for t in content):
            continue
        index = len(sentences)
        sentences.append(sentence)
        headline = a != seen_article and not sentence.text.rstrip().endswith(_CLOSING)
        seen_article = a
        units.append(_Unit(index, a, tokens, headline))
        for clause in _clauses(tokens, sentence, article.text) if with_clauses else ():
            units.append(_Unit(index, a, clause))
    return sentences, units


def _features(unit: _Unit) -> list[str]:
    words = [t.norm for t in unit.tokens if t.content]
    return [*words, *(f"{x} {y}" for x, y in itertools.pairwise(words))]


def _sorted_words(unit: _Unit) -> str:
    return " ".join(sorted(t.norm for t in unit.tokens if t.content))


@dataclass(frozen=True, slots=True)
class _Pairs:
    """Candidate sentence pairs (first < second, different articles) and their evidence."""

    first: npt.NDArray[np.int64]
    second: npt.NDArray[np.int64]
    # One row per pair, columns as in FEATURES.
    features: npt.NDArray[np.float64]


FEATURES = (
    "cosine",
    "containment",
    "ratio",
    "relative_first",
    "relative_second",
    "length",
    "shared_number",
    "shared_words",
    "shared_bigrams",
    "shared_core",
    "shared_names",
    "other_names",
    "near_number",
    "both_headlines",
    "one_headline",
    "same_quantity",
    "position_gap",
    "both_ledes",
)
# The columns _sentence_pairs adds to the unit-level ones of _unit_scores.
_SENTENCE_COLUMNS = (
    "relative_first",
    "relative_second",
    "length",
    "both_headlines",
    "one_headline",
    "same_quantity",
    "position_gap",
    "both_ledes",
)
# The second stage's extra column (see _corroborated).
CORROBORATED = "corroborated"


def _ordinary_number(feature: str) -> bool:
    try:
        value = float(feature)
    except ValueError:
        return True
    # Small whole numbers ("two", "3 days") and years recur across facts; decimals do not.
    return value == int(value) and (value < 10 or 1900 <= value <= 2100)


def _no_pairs() -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    import numpy as np

    return (
        np.zeros(0, dtype=np.int64),
        np.zeros(0, dtype=np.int64),
        np.zeros((0, len(FEATURES) - len(_SENTENCE_COLUMNS))),
    )


def _unique(
    values: npt.NDArray[np.int64], *, inverse: bool = False, counts: bool = False
) -> tuple[npt.NDArray[np.int64], ...]:
    """Numpy's unique for 1-D integer arrays, same results, without the lazy import of
    numpy.ma that unique triggers (~17 ms, a twentieth of a whole export of the sample)."""
    import numpy as np

    order = np.argsort(values)
    ordered = values[order]
    head = np.empty(len(ordered), dtype=bool)
    head[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=head[1:])
    result: list[npt.NDArray[np.int64]] = [ordered[head]]
    if inverse:
        where = np.empty(len(ordered), dtype=np.int64)
        where[order] = np.cumsum(head) - 1
        result.append(where)
    if counts:
        result.append(np.diff(np.append(np.flatnonzero(head), len(ordered))))
    return tuple(result)


def _unit_scores(
    units: list[_Unit], n_sentences: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Candidate unit pairs from different articles and their evidence (see UNIT_COLUMNS).

    Candidates are pairs that share a feature held by at most `cap` units: an inverted
    index instead of all pairs, so a big story costs what its shared rare words cost.
    """
    import numpy as np
    from rapidfuzz import fuzz, process

    vocabulary: dict[str, int] = {}
    entry_unit: list[int] = []
    entry_feature: list[int] = []
    for u, unit in enumerate(units):
        for fid in {vocabulary.setdefault(f, len(vocabulary)) for f in _features(unit)}:
            entry_unit.append(u)
            entry_feature.append(fid)
    if not entry_unit:
        return _no_pairs()
    n_features = len(vocabulary)
    # A name is a word the story capitalises inside a sentence ("Budanov", "Paiporta").
    names = {
        t.norm
        for unit in units
        for t in unit.tokens[1:]
        if t.capital and t.content and not t.number
    }
    kind = np.zeros(n_features, dtype=np.int8)  # 0 word, 1 bigram, 2 number, 3 name
    for feature, fid in vocabulary.items():
        if " " in feature:
            kind[fid] = 1
        elif feature[0].isdigit() and not _ordinary_number(feature):
            kind[fid] = 2
        elif feature in names:
            kind[fid] = 3
    unit_of = np.array(entry_unit, dtype=np.int32)
    feature_of = np.array(entry_feature, dtype=np.int32)
    unit_sentence = np.array([u.sentence for u in units], dtype=np.int64)
    # Document frequency counts sentences, not units, so clauses do not inflate it.
    (sentence_feature,) = _unique(unit_sentence[unit_of] * n_features + feature_of)
    df = np.bincount(sentence_feature % n_features, minlength=n_features)
    idf = np.log1p(n_sentences / np.maximum(df, 1))
    weight = idf * np.where(kind == 1, BIGRAM_WEIGHT, 1.0)
    norms = np.sqrt(np.bincount(unit_of, weights=weight[feature_of] ** 2, minlength=len(units)))
    norms[norms == 0] = 1.0
    # Each unit's core: its CORE_WORDS rarest words, the ones that say which fact it states.
    order = np.lexsort((feature_of, -idf[feature_of], kind[feature_of] == 1, unit_of))
    ranked_unit = unit_of[order]
    starts = np.searchsorted(ranked_unit, np.arange(len(units)))
    rank = np.arange(len(order)) - starts[ranked_unit]
    in_core = np.zeros(len(order), dtype=float)
    in_core[order] = (rank < CORE_WORDS) & (kind[feature_of[order]] != 1)
    core_size = np.maximum(1.0, np.bincount(unit_of, weights=in_core, minlength=len(units)))
    # Only names few sentences mention tell two facts apart: the story's own places and
    # protagonists ("Eastvale", "the valley") appear beside every fact.
    rare_name = (kind == 3) & (df <= max(OTHER_NAME_DF, OTHER_NAME_SHARE * n_sentences))
    name_count = np.bincount(unit_of, weights=rare_name[feature_of], minlength=len(units))

    n_articles = 1 + max(u.article for u in units)
    counts = np.bincount(feature_of, minlength=n_features)
    cap = max(POSTING_CAP_MIN, n_articles)
    # Bound the work: the rarest features first, until PAIR_BUDGET candidate entries.
    sizes, held_per_size = _unique(counts[counts >= 2], counts=True)
    spent = np.cumsum(held_per_size * sizes * (sizes - 1) // 2)
    affordable = sizes[spent <= PAIR_BUDGET]
    cap = min(cap, int(affordable[-1]) if len(affordable) else 1)
    by_feature = np.lexsort((unit_of, feature_of)).astype(np.int32)
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    article = np.array([u.article for u in units], dtype=np.int64)
    # int32 halves the memory of the (big) candidate arrays; keys below are int64.
    parts: list[tuple[npt.NDArray[np.int32], ...]] = []
    for size in _unique(counts[(counts >= 2) & (counts <= cap)])[0].tolist():
        # Every feature held by exactly `size` units at once: their postings form a matrix.
        held = np.flatnonzero(counts == size).astype(np.int32)
        slots = by_feature[offsets[held][:, None] + np.arange(size)]
        upper, lower = np.triu_indices(size, 1)
        left, right = unit_of[slots[:, upper]].ravel(), unit_of[slots[:, lower]].ravel()
        keep = article[left] != article[right]
        parts.append(
            (
                left[keep],
                right[keep],
                np.repeat(held, len(upper))[keep],
                slots[:, upper].ravel()[keep],
                slots[:, lower].ravel()[keep],
            )
        )
    if not parts:
        return _no_pairs()
    left, right, held_feature, ci, cj = (np.concatenate([p[k] for p in parts]) for k in range(5))
    n = len(units)
    unique, inverse = _unique(left.astype(np.int64) * n + right, inverse=True)
    first, second = unique // n, unique % n
    dots = np.bincount(inverse, weights=weight[held_feature] ** 2)
    shared_numbers = np.minimum(1.0, np.bincount(inverse, weights=kind[held_feature] == 2))
    shared_bigrams = np.bincount(inverse, weights=kind[held_feature] == 1)
    shared_words = np.bincount(inverse) - shared_bigrams
    shared_names = np.bincount(inverse, weights=kind[held_feature] == 3)
    # Names only one side says, on both sides: a hint that two people said two things.
    shared_rare_names = np.bincount(inverse, weights=rare_name[held_feature])
    other_names = np.minimum(name_count[first], name_count[second]) - shared_rare_names
    core = np.minimum(
        np.bincount(inverse, weights=in_core[ci]) / core_size[first],
        np.bincount(inverse, weights=in_core[cj]) / core_size[second],
    )
    cosine = dots / (norms[first] * norms[second])
    containment = dots / np.minimum(norms[first], norms[second]) ** 2
    near = _near_numbers(units, first, second)
    texts = [_sorted_words(u) for u in units]
    ratio = (
        process.cpdist(
            [texts[k] for k in first.tolist()],
            [texts[k] for k in second.tolist()],
            scorer=fuzz.ratio,
            workers=-1,
        )
        / 100.0
    )
    scores = np.stack(
        [
            np.clip(cosine, 0.0, 1.0),
            np.clip(containment, 0.0, 1.0),
            ratio,
            shared_numbers,
            np.log1p(shared_words),
            np.log1p(shared_bigrams),
            core,
            np.log1p(shared_names),
            np.log1p(np.maximum(other_names, 0)),
            near,
        ],
        axis=1,
    )
    return first, second, scores


def _near_numbers(
    units: list[_Unit], first: npt.NDArray[np.int64], second: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """1.0 where the two units state identifying numbers that differ by NUMBER_TOLERANCE or less.

    Outlets round and update the same count ("nears 300" / "at least 297", "1,400" /
    "1,470"), so an exact shared number misses the figure they share; a vague amount
    ("dozens", "thousands") is near a figure in its range that counts the same thing.
    """
    import numpy as np

    low: list[float] = []
    high: list[float] = []
    vague: list[bool] = []
    counted: list[int] = []
    things: dict[str, int] = {}
    count = np.zeros(len(units), dtype=np.int64)
    for u, unit in enumerate(units):
        for k, t in enumerate(unit.tokens):
            if t.number and not _ordinary_number(t.norm):
                try:
                    value = float(t.norm)
                except ValueError:
                    continue
                low.append(value)
                high.append(value)
                vague.append(False)
                count[u] += 1
            elif t.norm in _VAGUE:
                low.append(_VAGUE[t.norm][0])
                high.append(_VAGUE[t.norm][1])
                vague.append(True)
                count[u] += 1
            else:
                continue
            # What is counted: the next content word ("dozens of people", "50 people").
            thing = next((n.norm for n in unit.tokens[k + 1 :] if n.content), "")
            counted.append(things.setdefault(thing, len(things)) if thing else -1)
    near = np.zeros(len(first))
    both = np.flatnonzero((count[first] > 0) & (count[second] > 0))
    if not len(both):
        return near
    lows, highs, vagues = np.array(low), np.array(high), np.array(vague, dtype=bool)
    what = np.array(counted)
    start = np.cumsum(count) - count
    # Every (number of one unit, number of the other) combination of those pairs, a slice of
    # pairs at a time so the combinations (pairs x numbers x numbers) stay NEAR_SLICE long.
    per_pair = count[first[both]] * count[second[both]]
    ends = np.cumsum(per_pair)
    at = 0
    while at < len(both):
        limit = ends[at] - per_pair[at] + NEAR_SLICE
        stop = max(at + 1, int(np.searchsorted(ends, limit, side="right")))
        chunk = both[at:stop]
        sizes = per_pair[at:stop]
        pair = np.repeat(chunk, sizes)
        within = np.arange(len(pair)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        their = count[second[pair]]
        i = start[first[pair]] + within // their
        j = start[second[pair]] + within % their
        x, y = lows[i], lows[j]
        close = (
            ~vagues[i]
            & ~vagues[j]
            & (x != y)
            & (np.abs(x - y) <= NUMBER_TOLERANCE * np.maximum(np.abs(x), np.abs(y)))
        )
        # A vague amount ("dozens", "thousands") against a figure inside its range.
        slack = 1 + NUMBER_TOLERANCE
        close |= (
            (vagues[i] != vagues[j])
            & (what[i] == what[j])
            & (what[i] >= 0)
            & (x <= highs[j] * slack)
            & (y <= highs[i] * slack)
        )
        near[pair[close]] = 1.0
        at = stop
    return near


def _sentence_pairs(
    units: list[_Unit],
    n_sentences: int,
    quantities: Sequence[frozenset[int]] | None = None,
) -> _Pairs:
    """Reduce unit pairs to sentence pairs and add how each compares with its rivals.

    `quantities` holds, per sentence, the figure groups its figures fall in (see
    `_quantities`): two sentences that report one quantity ("398 killed" / "at least 150
    dead") report one fact, whatever else their words do.
    """
    import numpy as np

    ufirst, usecond, scores = _unit_scores(units, n_sentences)
    unit_sentence = np.array([u.sentence for u in units], dtype=np.int64)
    sentence_article = np.zeros(n_sentences, dtype=np.int64)
    sentence_article[unit_sentence] = [u.article for u in units]
    if len(units) == n_sentences:  # no clauses: units are the sentences, in order
        first, second, best = ufirst, usecond, scores
    else:
        a, b = unit_sentence[ufirst], unit_sentence[usecond]
        keys = np.minimum(a, b) * n_sentences + np.maximum(a, b)
        unique, inverse = _unique(keys, inverse=True)
        best = np.zeros((len(unique), scores.shape[1]))
        for column in range(scores.shape[1]):
            np.maximum.at(best[:, column], inverse, scores[:, column])
        first, second = unique // n_sentences, unique % n_sentences
    base = best[:, :3] @ np.array(BASE_WEIGHTS)
    n_articles = int(sentence_article.max()) + 1 if n_sentences else 1
    top = np.zeros(n_sentences * n_articles)
    slot_first = first * n_articles + sentence_article[second]
    slot_second = second * n_articles + sentence_article[first]
    np.maximum.at(top, slot_first, base)
    np.maximum.at(top, slot_second, base)
    content = np.zeros(n_sentences)
    for unit in units:
        content[unit.sentence] = max(content[unit.sentence], sum(t.content for t in unit.tokens))
    length = np.log1p(np.minimum(content[first], content[second]))
    headline = np.zeros(n_sentences)
    headline[[u.sentence for u in units if u.headline]] = 1.0
    # Where each sentence stands in its article (0 first, 1 last, among paired sentences).
    position = np.zeros(n_sentences)
    per_article: dict[int, list[int]] = {}
    for sentence in range(n_sentences):
        per_article.setdefault(int(sentence_article[sentence]), []).append(sentence)
    for members in per_article.values():
        position[members] = np.arange(len(members)) / max(len(members) - 1, 1)
    features = np.column_stack(
        [
            best[:, :3],
            base / top[slot_first],
            base / top[slot_second],
            length,
            best[:, 3:],
            headline[first] * headline[second],
            np.maximum(headline[first], headline[second]),
            _same_quantity(first, second, quantities),
            np.abs(position[first] - position[second]),
            (position[first] < 0.2) & (position[second] < 0.2),
        ]
    )
    return _Pairs(first, second, features)


def _same_quantity(
    first: npt.NDArray[np.int64],
    second: npt.NDArray[np.int64],
    quantities: Sequence[frozenset[int]] | None,
) -> npt.NDArray[np.float64]:
    import numpy as np

    same = np.zeros(len(first))
    if not quantities:
        return same
    has = np.array([bool(q) for q in quantities], dtype=bool)
    for k in np.flatnonzero(has[first] & has[second]).tolist():
        if not quantities[first[k]].isdisjoint(quantities[second[k]]):
            same[k] = 1.0
    return same


def _quantities(
    articles: Sequence[Article],
    sentences: Sequence[Sentence],
    figures: Sequence[Figure],
    cancel: threading.Event | None = None,
) -> list[frozenset[int]]:
    """Per sentence, the figure groups (formed without claims) its figures belong to."""
    from tui.core.reconciling import reconcile

    index = {s.id: k for k, s in enumerate(sentences)}
    # Only the figures of the sentences being paired (near-copies set aside by _collapse
    # would triple the work on a huge story and change no pair).
    figures = tuple(f for f in figures if f.sentence in index)
    if len(figures) > QUANTITY_LIMIT:
        return [frozenset()] * len(sentences)
    groups = reconcile(tuple(articles), (), figures, cancel=cancel)
    sentence_of = {f.id: f.sentence for f in figures}
    found: list[set[int]] = [set() for _ in sentences]
    for g, group in enumerate(groups):
        for figure in group.figures:
            found[index[sentence_of[figure]]].add(g)
    return [frozenset(f) for f in found]


def _corroborated(
    first: npt.NDArray[np.int64],
    second: npt.NDArray[np.int64],
    strong: npt.NDArray[np.bool_],
    n_sentences: int,
) -> npt.NDArray[np.float64]:
    """For each pair, how many other sentences are strongly linked to both of its ends.

    Outlets that reword one fact differently each are often each close to a third
    outlet's wording: "Russia denied any involvement" and "The Russian Defense Ministry
    denied attacking the station" share little, but both match "Russia's Defence Ministry
    denied that Russian forces were responsible". Counted over strong links only, through
    each linked sentence's neighbours (never all triples), within PAIR_BUDGET.
    """
    import numpy as np

    common = np.zeros(len(first))
    a, b = first[strong], second[strong]
    if not len(a):
        return common
    ends = np.concatenate([a, b])
    hub = np.concatenate([b, a])
    order = np.lexsort((ends, hub))
    ends, hub = ends[order], hub[order]
    counts = np.bincount(hub, minlength=n_sentences)
    offsets = np.cumsum(counts) - counts
    keys: list[npt.NDArray[np.int64]] = []
    spent = 0
    for size in _unique(counts[counts >= 2])[0].tolist():
        hubs = np.flatnonzero(counts == size)
        spent += len(hubs) * size * (size - 1) // 2
        if spent > PAIR_BUDGET:
            break
        slots = offsets[hubs][:, None] + np.arange(size)
        upper, lower = np.triu_indices(size, 1)
        x, y = ends[slots[:, upper]].ravel(), ends[slots[:, lower]].ravel()
        keys.append(np.minimum(x, y) * n_sentences + np.maximum(x, y))
    if not keys:
        return common
    unique, held = _unique(np.concatenate(keys), counts=True)
    wanted = first * n_sentences + second
    at = np.minimum(np.searchsorted(unique, wanted), len(unique) - 1)
    hit = unique[at] == wanted
    common[hit] = held[at[hit]]
    return common


def with_semantic(pairs: _Pairs, sentences: Sequence[Sentence]) -> _Pairs:
    """The pairs with one more column: the embedding cosine of their two sentences.

    Raises semantic.SemanticUnavailable (a one-line reason) when the extra is not installed.
    """
    import numpy as np

    from tui.core import semantic

    texts = [s.text for s in sentences]
    if len(texts) <= SEMANTIC_MATRIX_LIMIT:
        similarity = semantic.similarity_matrix(texts)
        cosine = similarity[pairs.first, pairs.second].astype(np.float64)
    else:  # the n x n matrix would not fit: unit vectors, dotted pair by pair
        vectors = semantic.embed(texts)
        cosine = np.zeros(len(pairs.first))
        for k in range(0, len(cosine), 65536):
            a, b = pairs.first[k : k + 65536], pairs.second[k : k + 65536]
            cosine[k : k + 65536] = np.einsum("ij,ij->i", vectors[a], vectors[b])
    return _Pairs(pairs.first, pairs.second, np.column_stack([pairs.features, cosine]))


def _linear(
    pairs: _Pairs, features: npt.NDArray[np.float64], *, final: bool
) -> npt.NDArray[np.float64]:
    """One stage's logits of `features`, with the weights of the model `pairs` were made for
    (plain or `--semantic`: the embedding cosine is one more column of `pairs.features`)."""
    import numpy as np

    semantic = pairs.features.shape[1] > len(FEATURES)
    weights: tuple[float, ...]
    if final:
        weights, bias = (
            (SEMANTIC_FINAL_WEIGHTS, SEMANTIC_FINAL_BIAS)
            if semantic
            else (FINAL_WEIGHTS, FINAL_BIAS)
        )
    else:
        weights, bias = (SEMANTIC_WEIGHTS, SEMANTIC_BIAS) if semantic else (WEIGHTS, BIAS)
    logit: npt.NDArray[np.float64] = features @ np.array(weights) + bias
    return logit


def _first_logits(pairs: _Pairs) -> npt.NDArray[np.float64]:
    """The first stage: each pair on its own evidence."""
    return _linear(pairs, pairs.features, final=False)


def _final_features(pairs: _Pairs, n_sentences: int) -> npt.NDArray[np.float64]:
    """The second stage's evidence: the pair's own, plus how many sentences the first
    stage strongly links to both of its ends (see _corroborated)."""
    import numpy as np

    strong = _first_logits(pairs) >= CORROBORATE_AT
    common = _corroborated(pairs.first, pairs.second, strong, n_sentences)
    return np.column_stack([pairs.features, np.log1p(common)])


def _logits(pairs: _Pairs, n_sentences: int) -> npt.NDArray[np.float64]:
    """The decision: the second stage's logit for each pair."""
    return _linear(pairs, _final_features(pairs, n_sentences), final=True)


def _threshold(sensitivity: float) -> float:
    return THRESHOLD + (0.5 - sensitivity) * 2 * SENSITIVITY_SPAN


def _links(
    pairs: _Pairs, logit: npt.NDArray[np.float64], sensitivity: float = 0.5
) -> dict[tuple[int, int], float]:
    """Sentence pairs judged to state the same fact, with their similarity, strongest first.

    `sensitivity` 0.5 uses THRESHOLD; 0 raises it by SENSITIVITY_SPAN (fewer, surer pairs),
    1 lowers it as much.
    """
    import numpy as np

    keep = np.flatnonzero(logit >= _threshold(sensitivity))
    similarity = pairs.features[keep, :3] @ np.array(BASE_WEIGHTS)
    first, second = pairs.first[keep], pairs.second[keep]
    order = np.lexsort((second, first, -similarity))
    return dict(
        zip(
            zip(first[order].tolist(), second[order].tolist(), strict=True),
            similarity[order].tolist(),
            strict=True,
        )
    )


def _support(
    pairs: _Pairs, logit: npt.NDArray[np.float64], sensitivity: float = 0.5
) -> list[tuple[int, int]]:
    """Pairs a little under the link threshold: not links, but evidence that a sentence
    linked to one member of a claim also belongs with the others (see _group).
    """
    import numpy as np

    threshold = _threshold(sensitivity)
    keep = np.flatnonzero((logit >= threshold - SUPPORT_MARGIN) & (logit < threshold))
    return list(zip(pairs.first[keep].tolist(), pairs.second[keep].tolist(), strict=True))


def _group(
    links: dict[tuple[int, int], float],
    sentence_article: list[int],
    support: Sequence[tuple[int, int]] = (),
    *,
    merge: bool = True,
) -> list[tuple[list[int], float]]:
    """Grow claims from links (in the strongest-first order _links gives them).

    A newcomer must be linked to most members of a claim to join it.

    Plain union-find would chain A~B~C into one claim even when A and C state different
    facts; requiring a newcomer to be linked to JOIN_SHARE of the members stops that.
    `support` pairs (see _support) count as links for that share, never seed or attach.
    `merge`: then join claims that are one fact grown twice (see _merge).
    """
    neighbours: dict[int, set[int]] = {}
    for a, b in itertools.chain(links, support):
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    members: list[set[int]] = []
    articles: list[set[int]] = []
    member_of: dict[int, list[int]] = {}

    def fits(c: int, newcomer: int) -> bool:
        linked = len(neighbours[newcomer] & members[c])
        if sentence_article[newcomer] in articles[c]:
            # A source repeats itself only when the newcomer matches the whole claim.
            return linked == len(members[c])
        return linked >= JOIN_SHARE * len(members[c])

    for a, b in links:  # strongest first (see _links)
        in_a, in_b = member_of.get(a, []), member_of.get(b, [])
        if in_a and in_b and not set(in_a).isdisjoint(in_b):
            continue
        placed = False
        for x, y in ((a, b), (b, a)):
            for c in member_of.get(x, ()):
                if fits(c, y):
                    members[c].add(y)
                    articles[c].add(sentence_article[y])
                    member_of.setdefault(y, []).append(c)
                    placed = True
                    break
            if placed:
                break
        if not placed:
            member_of.setdefault(a, []).append(len(members))
            member_of.setdefault(b, []).append(len(members))
            members.append({a, b})
            articles.append({sentence_article[a], sentence_article[b]})
    totals = [0.0] * len(members)
    counts = [0] * len(members)
    for (a, b), s in links.items():
        for c in set(member_of[a]).intersection(member_of[b]):
            totals[c] += s
            counts[c] += 1
    if merge:
        _merge(members, articles, member_of, neighbours, totals, counts)
    # A claim whose members all belong to a bigger claim adds no pair: keep the bigger one.
    kept: set[int] = set()
    for c in sorted(range(len(members)), key=lambda c: (-len(members[c]), c)):
        if not members[c]:
            continue  # merged into another (see _merge)
        some = min(members[c])
        if not any(k in kept and members[c] <= members[k] for k in member_of[some]):
            kept.add(c)
    return [(sorted(members[c]), totals[c] / counts[c]) for c in sorted(kept)]


def _merge(
    members: list[set[int]],
    articles: list[set[int]],
    member_of: dict[int, list[int]],
    neighbours: dict[int, set[int]],
    totals: list[float],
    counts: list[int],
) -> None:
    """Merge claims whose members are linked (or nearly linked) to each other almost all
    across: one fact grown into two claims, often because a source tells it twice (headline
    and lede, lede and a later quote) and a claim admits a second sentence of a source only
    when it matches every member. MERGE_DENSITY of the cross pairs must be linked. In place;
    a merged claim is left empty.
    """
    # Links across each pair of claims (both ways), counted once per linked sentence pair.
    cross: dict[int, dict[int, int]] = {}
    for a, near in neighbours.items():
        for b in near:
            if a < b:
                for x in member_of.get(a, ()):
                    row = cross.setdefault(x, {})
                    for y in member_of.get(b, ()):
                        if x != y:
                            row[y] = row.get(y, 0) + 1
                            column = cross.setdefault(y, {})
                            column[x] = column.get(x, 0) + 1
    while True:
        merged = False
        for x in sorted(cross):
            if not members[x]:
                continue
            for y in sorted(cross[x]):
                if y <= x or not members[y] or not members[x].isdisjoint(members[y]):
                    continue
                if cross[x][y] < MERGE_DENSITY * len(members[x]) * len(members[y]):
                    continue
                for m in members[y]:
                    member_of[m] = [x if c == y else c for c in member_of[m]]
                members[x] |= members[y]
                articles[x] |= articles[y]
                totals[x] += totals[y]
                counts[x] += counts[y]
                members[y] = set()
                # y's links across now belong to x.
                for z, linked in cross.pop(y, {}).items():
                    if z == x:
                        continue
                    cross[x][z] = cross[x].get(z, 0) + linked
                    cross[z][x] = cross[z].get(x, 0) + linked
                    cross[z].pop(y, None)
                cross[x].pop(y, None)
                merged = True
                break  # x changed: look at its pairs again
        if not merged:
            return


def find_claims(
    articles: tuple[Article, ...],
    options: Options,
    *,
    cancel: threading.Event | None = None,
    figures: tuple[Figure, ...] | None = None,
) -> tuple[Claim, ...]:
    """Group sentences of different sources that report the same claim. Raises `Cancelled`
    soon after `cancel` is set. `figures` are the articles' figures (extracted here when
    not given): sentences reporting one quantity lean towards one claim."""
    with collection_paused():
        return _find_claims(articles, options, cancel, figures)


def _find_claims(
    articles: tuple[Article, ...],
    options: Options,
    cancel: threading.Event | None,
    figures: tuple[Figure, ...] | None,
) -> tuple[Claim, ...]:
    if len(articles) < 2:
        return ()
    sentences, units = _units(articles, cancel)
    if not units:
        return ()
    check(cancel)
    if len(sentences) > COLLAPSE_ABOVE and len(units) == len(sentences):
        kept, kept_units, copies = _collapse(sentences, units)
    else:
        kept, kept_units, copies = sentences, units, [[k] for k in range(len(sentences))]
    if figures is None:
        from tui.core.figures import extract_figures

        figures = extract_figures(articles, cancel=cancel)
    quantities = _quantities(articles, kept, figures, cancel)
    check(cancel)
    pairs = _sentence_pairs(kept_units, len(kept), quantities)
    check(cancel)
    if options.semantic:
        pairs = with_semantic(pairs, kept)
        check(cancel)
    logit = _logits(pairs, len(kept))
    links = _links(pairs, logit, options.sensitivity)
    support = _support(pairs, logit, options.sensitivity)
    check(cancel)
    # Huge stories skip _merge: its cost grows with how many claims each sentence is in,
    # and their near-copies are paired once already (_collapse).
    merge = len(sentences) <= COLLAPSE_ABOVE
    groups = _group(links, _sentence_articles(kept_units, len(kept)), support, merge=merge)
    check(cancel)
    if len(kept) < len(sentences):
        groups = _expand(groups, copies, _sentence_articles(units, len(sentences)))
    return _claims(articles, sentences, units, groups)


def _collapse(
    sentences: list[Sentence], units: list[_Unit]
) -> tuple[list[Sentence], list[_Unit], list[list[int]]]:
    """One sentence for each set of near-copies, and the copies each stands for.

    Hundreds of sources repeat wire copy: pairing every copy with every other costs the
    square of the copies and exhausts PAIR_BUDGET before the rest of the story is paired.
    Sentences whose COLLAPSE_CORE rarest words are the same (and that have at least
    COLLAPSE_MIN_WORDS words) are near-copies of one sentence: only the first is paired,
    and its copies share its claims. Units must be whole sentences (no clauses).
    """
    from collections import Counter

    words = [sorted({t.norm for t in unit.tokens if t.content}) for unit in units]
    df = Counter(w for ws in words for w in ws)
    first_of: dict[tuple[str, ...], int] = {}
    copies: list[list[int]] = []
    kept: list[Sentence] = []
    kept_units: list[_Unit] = []
    for k, (unit, ws) in enumerate(zip(units, words, strict=True)):
        key = None
        if len(ws) >= COLLAPSE_MIN_WORDS:
            key = tuple(sorted(sorted(ws, key=lambda w: (df[w], w))[:COLLAPSE_CORE]))
            if key in first_of:
                copies[first_of[key]].append(k)
                continue
            first_of[key] = len(kept)
        copies.append([k])
        kept_units.append(_Unit(len(kept), unit.article, unit.tokens, unit.headline))
        kept.append(sentences[unit.sentence])
    return kept, kept_units, copies


def _expand(
    groups: list[tuple[list[int], float]], copies: list[list[int]], sentence_article: list[int]
) -> list[tuple[list[int], float]]:
    """Claims of the collapsed sentences over the original ones (see _collapse)."""
    expanded: list[tuple[list[int], float]] = []
    claimed: set[int] = set()
    for members, similarity in groups:
        claimed.update(members)
        expanded.append((sorted(k for m in members for k in copies[m]), similarity))
    for m, same in enumerate(copies):
        if m not in claimed and len({sentence_article[k] for k in same}) > 1:
            expanded.append((same, 1.0))
    return expanded


def _sentence_articles(units: list[_Unit], n_sentences: int) -> list[int]:
    sentence_article = [0] * n_sentences
    for unit in units:
        sentence_article[unit.sentence] = unit.article
    return sentence_article


def _claims(
    articles: Sequence[Article],
    sentences: list[Sentence],
    units: list[_Unit],
    groups: list[tuple[list[int], float]],
) -> tuple[Claim, ...]:
    """Claims in a stable order (by their first member's place), ids c1, c2, ..."""
    order = {s.id: (a, s.index) for a, art in enumerate(articles) for s in art.sentences}
    found: list[tuple[tuple[str, ...], float]] = []
    for members, similarity in groups:
        ids = tuple(sorted((sentences[m].id for m in members), key=order.__getitem__))
        found.append((ids, similarity))
    found.sort(key=lambda item: [order[s] for s in item[0]])
    tokens_of: dict[int, tuple[Token, ...]] = {}
    for unit in units:
        tokens_of.setdefault(unit.sentence, unit.tokens)
    by_id = {s.id: i for i, s in enumerate(sentences)}
    claims = []
    for n, (ids, similarity) in enumerate(found, start=1):
        said = [(s, tokens_of[by_id[s]]) for s in ids]
        kind = _kind(said)
        claims.append(
            Claim(
                id=f"c{n}",
                sentences=ids,
                sources=len({order[s][0] for s in ids}),
                similarity=round(min(1.0, max(0.0, similarity)), 4),
                kind=kind,
                variants=find_variants(said),
            )
        )
    return tuple(claims)


def _kind(said: list[tuple[str, tuple[Token, ...]]]) -> ClaimKind:
    """near_verbatim when two members of different sources say nearly the same words.

    Small claims compare all their pairs; bigger ones each member with the first, up to
    KIND_ALL_PAIRS members, so a claim of hundreds of copies stays cheap.
    """
    from rapidfuzz import fuzz

    texts = [
        (s.rsplit("#", 1)[0], " ".join(t.norm for t in tokens))
        for s, tokens in said[: KIND_ALL_PAIRS + 1]
    ]
    if len(said) <= KIND_ALL_PAIRS:
        pairs: list[tuple[tuple[str, str], tuple[str, str]]] = list(
            itertools.combinations(texts, 2)
        )
    else:
        pairs = [(texts[0], other) for other in texts[1:]]
    for (art_a, a), (art_b, b) in pairs:
        if art_a != art_b and fuzz.token_set_ratio(a, b, score_cutoff=VERBATIM):
            return "near_verbatim"
    return "paraphrase"


def _chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of (pivot index, other index) pairs increasing in both (LIS)."""
    import bisect

    # Sorting the other index descending within one pivot index stops two pairs of the same
    # pivot sentence from both entering the chain.
    ordered = sorted(set(pairs), key=lambda p: (p[0], -p[1]))
    tails: list[int] = []
    tail_at: list[int] = []
    parent: list[int] = []
    for n, (_, other) in enumerate(ordered):
        k = bisect.bisect_left(tails, other)
        if k == len(tails):
            tails.append(other)
            tail_at.append(n)
        else:
            tails[k] = other
            tail_at[k] = n
        parent.append(tail_at[k - 1] if k else -1)
    chain: list[tuple[int, int]] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        chain.append(ordered[n])
        n = parent[n]
    return chain[::-1]


def align_rows(comparison: Comparison, pivot: str) -> Alignment:
    """Rows in the pivot's order; every source keeps its own order, gaps where it lacks one.

    Each other source is matched to the pivot by the longest order-preserving chain of claim
    links; its unmatched sentences get rows in the gap where they fall, sharing a row with a
    sentence of another source that shares a claim when order allows. A claim member that
    ends up in another row than the claim's anchor (its pivot sentence, else its first
    member) is `moved` with the anchor: one link per member, so a claim of 100 sources
    costs 99 links, not 4,950.
    """
    articles = comparison.articles
    ids = comparison.article_ids
    column_of = {a: c for c, a in enumerate(ids)}
    p = column_of.get(pivot, 0)
    pivot_sentences = articles[p].sentences if articles else ()
    pivot_row = {s.id: r for r, s in enumerate(pivot_sentences)}
    # (pivot row, other sentence index) pairs per other article, from claims with the pivot.
    pairs: dict[str, list[tuple[int, int]]] = {}
    for claim in comparison.claims:
        rows_here = [pivot_row[s] for s in claim.sentences if s in pivot_row]
        if not rows_here:
            continue
        for other in claim.sentences:
            sentence = comparison.sentence(other)
            if sentence.article != ids[p]:
                pairs.setdefault(sentence.article, []).extend(
                    (r, sentence.index) for r in rows_here
                )

    main: list[list[str | None]] = [[None] * len(ids) for _ in pivot_sentences]
    for r, sentence in enumerate(pivot_sentences):
        main[r][p] = sentence.id
    # gaps[g] holds the rows between pivot row g-1 and pivot row g (g = len: after the last).
    gaps: list[list[list[str | None]]] = [[] for _ in range(len(pivot_sentences) + 1)]
    gap_claims: list[list[set[str]]] = [[] for _ in gaps]
    for c, article in enumerate(articles):
        if c == p:
            continue
        matched = {o: r for r, o in _chain(pairs.get(article.id, []))}
        gap, used_in_gap = 0, -1
        for sentence in article.sentences:
            row = matched.get(sentence.index)
            if row is not None:
                main[row][c] = sentence.id
                gap, used_in_gap = row + 1, -1
                continue
            mine = set(comparison.claims_of(sentence.id))
            rows, claims_in = gaps[gap], gap_claims[gap]
            for k in range(used_in_gap + 1, len(rows)):
                if mine and rows[k][c] is None and not mine.isdisjoint(claims_in[k]):
                    rows[k][c] = sentence.id
                    claims_in[k] |= mine
                    used_in_gap = k
                    break
            else:
                cells: list[str | None] = [None] * len(ids)
                cells[c] = sentence.id
                rows.append(cells)
                claims_in.append(mine)
                used_in_gap = len(rows) - 1
    result: list[tuple[str | None, ...]] = []
    for g, rows in enumerate(gaps):
        result.extend(tuple(row) for row in rows)
        if g < len(main):
            result.append(tuple(main[g]))
    row_of = {cell: r for r, row in enumerate(result) for cell in row if cell is not None}
    moved: set[tuple[str, str]] = set()
    for claim in comparison.claims:
        anchor = next((s for s in claim.sentences if s in pivot_row), claim.sentences[0])
        anchor_article = comparison.sentence(anchor).article
        for other in claim.sentences:
            if (
                row_of[other] != row_of[anchor]
                and comparison.sentence(other).article != anchor_article
            ):
                moved.add((anchor, other))
    return Alignment(
        pivot=pivot,
        rows=tuple(result),
        moved=tuple(sorted(moved, key=lambda m: (row_of[m[0]], row_of[m[1]], m))),
    )
