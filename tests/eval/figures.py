"""Recall and precision of extracted figures (value included), conflicts, and timing.

An annotation file names a story folder and lists every figure a careful annotator marks:
article id, [start, end) offsets, text, value, value_max, kind, unit. A predicted figure
matches a gold one when both are in the same article, their spans overlap and their values
(and high ends) are equal; kind and unit mismatches are listed but do not fail a match, since
the value already says what was read. Gold figures marked `furniture: true` sit in captions
and the like and must not be extracted; gold figures outside every sentence of the current
segmentation are counted and reported, not silently scored.

Run: `.venv/bin/python -m tests.eval.figures [ANNOTATION.yaml ...]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.eval.claims import story_path
from tui.core.dates import explicit_years
from tui.core.figures import extract_figures, group_figures
from tui.core.models import Comparison, Figure, FigureGroup
from tui.core.pipeline import build_comparison

HERE = Path(__file__).parent
REPO = HERE.parent.parent
ANNOTATIONS = (HERE / "kursk_figures.yaml",)
TIMING_RUNS = 30


@dataclass(frozen=True)
class Scores:
    recall: float
    precision: float
    gold: int
    found: int
    misses: tuple[dict[str, Any], ...]
    wrong: tuple[Figure, ...]
    furniture_hits: tuple[Figure, ...]
    outside_sentences: tuple[dict[str, Any], ...]
    kind_mismatches: tuple[tuple[dict[str, Any], Figure], ...]
    missing_conflicts: tuple[str, ...]
    conflicts: tuple[FigureGroup, ...]
    comparison: Comparison


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))
    return bool(a == b)


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def score(annotation: dict[str, Any]) -> Scores:
    """Score the pipeline's figures on one annotated story."""
    comparison, _ = build_comparison([str(story_path(annotation))])
    texts = {a.id: a.text for a in comparison.articles}
    spans = {a.id: [(s.start, s.end) for s in a.sentences] for a in comparison.articles}
    gold: list[dict[str, Any]] = []
    furniture: list[dict[str, Any]] = []
    outside: list[dict[str, Any]] = []
    for item in annotation["figures"]:
        article, start, end = item["article"], item["start"], item["end"]
        if texts[article][start:end] != item["text"]:
            raise ValueError(f"{article} {start}-{end}: offsets do not hold {item['text']!r}")
        if item.get("furniture"):
            furniture.append(item)
        elif not any(a <= start and end <= b for a, b in spans[article]):
            outside.append(item)
        else:
            gold.append(item)
    predicted = comparison.figures
    matched_gold: set[int] = set()
    matched_predicted: set[str] = set()
    kind_mismatches = []
    for index, item in enumerate(gold):
        for figure in predicted:
            if figure.id in matched_predicted or figure.article != item["article"]:
                continue
            if figure.end <= item["start"] or item["end"] <= figure.start:
                continue
            if _same(figure.value, item["value"]) and _same(
                figure.value_max, item.get("value_max")
            ):
                matched_gold.add(index)
                matched_predicted.add(figure.id)
                if figure.kind != item["kind"] or figure.unit != item.get("unit"):
                    kind_mismatches.append((item, figure))
                break
    furniture_hits = tuple(
        f
        for f in predicted
        for item in furniture
        if f.article == item["article"] and f.start < item["end"] and item["start"] < f.end
    )
    missing_conflicts = []
    for expected in annotation.get("conflicts", ()):
        wanted = expected["values"]
        if not any(
            group.conflict and all(any(_same(v, w) for v in group.values) for w in wanted)
            for group in comparison.figure_groups
        ):
            missing_conflicts.append(expected["id"])
    return Scores(
        recall=len(matched_gold) / len(gold) if gold else 1.0,
        precision=len(matched_predicted) / len(predicted) if predicted else 1.0,
        gold=len(gold),
        found=len(predicted),
        misses=tuple(item for i, item in enumerate(gold) if i not in matched_gold),
        wrong=tuple(f for f in predicted if f.id not in matched_predicted),
        furniture_hits=furniture_hits,
        outside_sentences=tuple(outside),
        kind_mismatches=tuple(kind_mismatches),
        missing_conflicts=tuple(missing_conflicts),
        conflicts=tuple(g for g in comparison.figure_groups if g.conflict),
        comparison=comparison,
    )


def timing(comparison: Comparison, runs: int = TIMING_RUNS) -> tuple[float, float, float]:
    """(median wall ms, best wall ms, median CPU ms) of extraction plus reconciliation, each
    run cold (the per-article year cache the two stages share is cleared first)."""
    walls, cpus = [], []
    for _ in range(runs):
        explicit_years.cache_clear()
        wall, cpu = time.perf_counter(), time.process_time()
        figures = extract_figures(comparison.articles)
        group_figures(comparison.articles, comparison.claims, figures)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def _describe(figure: Figure) -> str:
    return (
        f"{figure.id} {figure.article[:3]} {figure.text!r} value={figure.value!r}"
        f" max={figure.value_max!r} {figure.kind}/{figure.unit}"
    )


def report(path: Path) -> Scores:
    scores = score(load(path))
    print(f"== {path.name}: {scores.gold} gold figures, {scores.found} extracted")
    print(f"recall {scores.recall:.3f}   precision {scores.precision:.3f}   (value included)")
    for item in scores.misses:
        print(
            f"  missed {item['article'][:3]} {item['start']}-{item['end']} {item['text']!r}"
            f" value={item['value']!r} max={item.get('value_max')!r}"
        )
    for figure in scores.wrong:
        print(f"  not in gold: {_describe(figure)}")
    for item, figure in scores.kind_mismatches:
        print(f"  kind/unit differs: gold {item['kind']}/{item.get('unit')} vs {_describe(figure)}")
    for figure in scores.furniture_hits:
        print(f"  extracted from furniture: {_describe(figure)}")
    if scores.outside_sentences:
        print(f"  {len(scores.outside_sentences)} gold figures lie outside every sentence:")
        for item in scores.outside_sentences:
            print(f"    {item['article'][:3]} {item['text']!r}")
    by_id = {f.id: f for f in scores.comparison.figures}
    print(f"conflicts flagged: {len(scores.conflicts)}")
    for group in scores.conflicts:
        sources = sorted({by_id[i].article[:3] for i in group.figures})
        print(f"  {group.id} {group.subject!r}: {list(group.values)} from {sources}")
    for missing in scores.missing_conflicts:
        print(f"  MISSING conflict: {missing}")
    median, best, cpu = timing(scores.comparison)
    print(
        f"extraction + reconciliation: median {median:.1f} ms, best {best:.1f} ms wall,"
        f" median {cpu:.1f} ms CPU ({TIMING_RUNS} runs)"
    )
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations", nargs="*", type=Path, default=list(ANNOTATIONS))
    args = parser.parse_args(argv)
    for path in args.annotations:
        report(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
