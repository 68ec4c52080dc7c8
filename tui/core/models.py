"""The one immutable model of a story that every stage produces and every view reads.

Offsets are Python string indices (code points), `[start, end)`, into `Article.text`: the
decoded original text with any BOM removed. Nothing in the model is ever rewritten text, so
every mark the reader draws can be checked against the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ClaimKind = Literal["near_verbatim", "paraphrase"]
FigureKind = Literal["count", "money", "percent", "measure", "ordinal", "year", "date", "duration"]
VariantKind = Literal["added", "changed", "number"]
FigureValue = int | float | str | None


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Page furniture (a cookie banner, a Share button, a caption) kept in place with a reason."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one article; `id` is `"<article id>#<n>"` with n counting from 0."""

    id: str
    article: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Article:
    """One source's article: metadata, original text, its sentences and its furniture."""

    id: str
    path: str
    source: str
    title: str | None
    url: str | None
    published: str | None
    language: str | None
    text: str
    sentences: tuple[Sentence, ...]
    boilerplate: tuple[Boilerplate, ...]


@dataclass(frozen=True, slots=True)
class Variant:
    """A word run inside one claim member that the other members say differently or not at all."""

    sentence: str
    start: int
    end: int
    kind: VariantKind


@dataclass(frozen=True, slots=True)
class Claim:
    """Sentences from at least two sources that report the same claim, fact or quote."""

    id: str
    sentences: tuple[str, ...]
    sources: int
    similarity: float
    kind: ClaimKind
    variants: tuple[Variant, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """A number, date or quantity said in one sentence; see the export schema for `value`."""

    id: str
    article: str
    sentence: str
    start: int
    end: int
    text: str
    value: FigureValue
    value_max: FigureValue
    kind: FigureKind
    unit: str | None
    qualifier: str | None
    subject: str | None
    attribution: str | None


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Figures from several sources about the same quantity; `conflict` when they disagree."""

    id: str
    subject: str | None
    figures: tuple[str, ...]
    values: tuple[FigureValue, ...]
    conflict: bool


@dataclass(frozen=True, slots=True)
class Alignment:
    """Rows for one pivot: one sentence id (or None) per article, every source in its own order."""

    pivot: str
    rows: tuple[tuple[str | None, ...], ...]
    moved: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """A whole story: articles in reading order plus the cross-source analysis."""

    title: str | None
    articles: tuple[Article, ...]
    claims: tuple[Claim, ...] = ()
    figures: tuple[Figure, ...] = ()
    figure_groups: tuple[FigureGroup, ...] = ()
    # Lookups derived from the fields above, built once so views never rescan the model.
    _sentences: dict[str, Sentence] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _claims_of: dict[str, tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _claim_by_id: dict[str, Claim] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _article_order: dict[str, int] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for position, article in enumerate(self.articles):
            self._article_order[article.id] = position
            for sentence in article.sentences:
                self._sentences[sentence.id] = sentence
        claims_of: dict[str, list[str]] = {}
        for claim in self.claims:
            self._claim_by_id[claim.id] = claim
            for sentence_id in claim.sentences:
                claims_of.setdefault(sentence_id, []).append(claim.id)
        self._claims_of.update({k: tuple(v) for k, v in claims_of.items()})

    def sentence(self, sentence_id: str) -> Sentence:
        """The sentence with this id (KeyError when there is none)."""
        return self._sentences[sentence_id]

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id (KeyError when there is none)."""
        return self._claim_by_id[claim_id]

    def claims_of(self, sentence_id: str) -> tuple[str, ...]:
        """Ids of the claims a sentence takes part in; empty when it is unique to its source."""
        return self._claims_of.get(sentence_id, ())

    def sharing_articles(self, sentence_id: str) -> tuple[str, ...]:
        """Article ids (its own first) whose sentences share a claim with this sentence."""
        own = self._sentences[sentence_id].article
        found = {own}
        for claim_id in self._claims_of.get(sentence_id, ()):
            for other in self._claim_by_id[claim_id].sentences:
                found.add(self._sentences[other].article)
        return (own, *sorted(found - {own}, key=self._article_order.__getitem__))

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(article.id for article in self.articles)
