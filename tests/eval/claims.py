"""Pair precision and recall of the claims the pipeline finds, against fact-by-fact annotations.

An annotation file names a story folder and lists facts; each fact is a list of spans
(article id, [start, end) offsets into the article text). A span counts for the sentence
that holds most of it, so the annotation survives any change of sentence splitting as long
as a fact lies inside one sentence. Two sentences of different articles form a gold pair
when some fact holds both; the pipeline's pairs are those two sentences of different
articles that share a claim.
Run: `.venv/bin/python -m tests.eval.claims [--semantic] [ANNOTATION.yaml ...]`.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from tui.core.models import Comparison
from tui.core.options import Options
from tui.core.pipeline import build_comparison

HERE = Path(__file__).parent
REPO = HERE.parent.parent
ANNOTATIONS = tuple(
    HERE / name for name in ("kursk_claims.yaml", "flood_claims.yaml", "rates_claims.yaml")
)

Pair = tuple[str, str]
# Where the held-out real stories' texts live (tests/eval/real_stories.py); they are not in
# the repository, so their annotations name this folder instead of a path inside it.
REAL_STORIES = "PARALLAX_REAL_STORIES"
REAL_STORIES_DEFAULT = "/work/data/real"


def story_path(data: dict) -> Path:
    """The story folder an annotation names: a repository path, or one under $REAL_STORIES."""
    os.environ.setdefault(REAL_STORIES, REAL_STORIES_DEFAULT)
    return (REPO / os.path.expandvars(data["story"])).resolve()


def span_digest(text: str) -> str:
    """How a held-out annotation checks a span without quoting the third-party text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    paraphrase_recall: float
    gold: frozenset[Pair]
    found: frozenset[Pair]
    paraphrase: frozenset[Pair]
    comparison: Comparison


def _sentence_of(comparison: Comparison, article: str, start: int, end: int) -> str | None:
    """The sentence of `article` that overlaps the span the most (None: cleaning dropped it)."""
    best, best_overlap = None, 0
    for found in comparison.articles:
        if found.id != article:
            continue
        for sentence in found.sentences:
            overlap = min(end, sentence.end) - max(start, sentence.start)
            if overlap > best_overlap:
                best, best_overlap = sentence.id, overlap
        return best
    raise ValueError(f"no article {article!r}")


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def gold_pairs(comparison: Comparison, facts: list[dict]) -> tuple[set[Pair], set[Pair]]:
    """All cross-article sentence pairs of the annotated facts, and those of paraphrase facts."""
    gold: set[Pair] = set()
    paraphrase: set[Pair] = set()
    texts = {a.id: a.text for a in comparison.articles}
    for fact in facts:
        members = set()
        for span in fact["spans"]:
            article, start, end = span["article"], span["start"], span["end"]
            said = texts[article][start:end]
            if "text" in span and said != span["text"]:
                raise ValueError(f"fact {fact['id']}: offsets do not hold {span['text']!r}")
            if "sha1" in span and span_digest(said) != span["sha1"]:
                raise ValueError(f"fact {fact['id']}: {article} [{start}, {end}) changed")
            sentence = _sentence_of(comparison, article, start, end)
            if sentence is None:
                print(f"note: {article} {said[:60]!r} lies in no sentence", file=sys.stderr)
                continue
            members.add((article, sentence))
        for (art_a, a), (art_b, b) in itertools.combinations(sorted(members), 2):
            if art_a != art_b:
                gold.add(_pair(a, b))
                if fact.get("paraphrase"):
                    paraphrase.add(_pair(a, b))
    return gold, paraphrase


def found_pairs(comparison: Comparison) -> set[Pair]:
    """Cross-article sentence pairs that share at least one claim."""
    found: set[Pair] = set()
    for claim in comparison.claims:
        for a, b in itertools.combinations(claim.sentences, 2):
            if comparison.sentence(a).article != comparison.sentence(b).article:
                found.add(_pair(a, b))
    return found


def score(annotation: Path, options: Options | None = None) -> Scores:
    """Run the pipeline on the annotated story and score its claims."""
    data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
    story = story_path(data)
    comparison, _ = build_comparison([str(story)], options or Options())
    gold, paraphrase = gold_pairs(comparison, data["facts"])
    found = found_pairs(comparison)
    hits = len(gold & found)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    para = len(paraphrase & found) / len(paraphrase) if paraphrase else 1.0
    return Scores(
        precision,
        recall,
        f1,
        para,
        frozenset(gold),
        frozenset(found),
        frozenset(paraphrase),
        comparison,
    )


def _show(comparison: Comparison, pair: Pair) -> str:
    a, b = (comparison.sentence(s) for s in pair)
    return f"  {a.id}: {a.text[:110]}\n  {b.id}: {b.text[:110]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations", nargs="*", type=Path, default=list(ANNOTATIONS))
    parser.add_argument("--sensitivity", type=float, default=0.5, help="0 surest .. 1 most pairs")
    parser.add_argument("-q", "--quiet", action="store_true", help="scores only")
    parser.add_argument("--semantic", action="store_true", help="add the embedding model")
    args = parser.parse_args(argv)
    for path in args.annotations:
        s = score(path, Options(sensitivity=args.sensitivity, semantic=args.semantic))
        print(
            f"{path.name}: precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
            f"paraphrase recall {s.paraphrase_recall:.3f}  "
            f"(gold {len(s.gold)}, found {len(s.found)}, paraphrase {len(s.paraphrase)})"
        )
        if args.quiet:
            continue
        for label, pairs in (
            ("false positives", s.found - s.gold),
            ("false negatives", s.gold - s.found),
        ):
            print(f" {label}: {len(pairs)}")
            for pair in sorted(pairs):
                print(_show(s.comparison, pair))
    return 0


if __name__ == "__main__":
    sys.exit(main())
