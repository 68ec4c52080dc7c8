"""Fit the two-stage pair model of tui.core.aligning (logistic regressions) on annotated stories.

Stage one scores each candidate pair on its own evidence (FEATURES); stage two adds how many
sentences stage one strongly links to both ends (CORROBORATED). Prints the weights to paste
into aligning.py. A small L2 penalty keeps the weights modest: a few stories are little data.

Run: `.venv/bin/python -m tests.eval.fit_pairs [--semantic] [--extra A.yaml ...] [--loso]`.
`--extra` adds annotation files of other stories (same format as tests/eval/*_claims.yaml;
the story path may be absolute). `--loso` scores each story end to end with a model fitted
on all the others (leave one story out): the honest estimate of how the weights generalise.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from tests.eval.claims import ANNOTATIONS, gold_pairs, score, story_path
from tui.core import aligning
from tui.core.figures import extract_figures
from tui.core.options import Options
from tui.core.pipeline import build_comparison


@dataclass(frozen=True)
class Story:
    path: Path
    pairs: aligning._Pairs
    n_sentences: int
    labels: np.ndarray


def load(annotation: Path, semantic: bool = False) -> Story:
    """Every candidate sentence pair of one story, its features and its gold label."""
    data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
    comparison, _ = build_comparison([str(story_path(data))])
    with contextlib.redirect_stderr(io.StringIO()):
        gold, _ = gold_pairs(comparison, data["facts"])
    sentences, units = aligning._units(comparison.articles)
    figures = extract_figures(comparison.articles)
    quantities = aligning._quantities(comparison.articles, sentences, figures)
    pairs = aligning._sentence_pairs(units, len(sentences), quantities)
    if semantic:
        pairs = aligning.with_semantic(pairs, sentences)
    labels = np.array(
        [
            tuple(sorted((sentences[a].id, sentences[b].id))) in gold
            for a, b in zip(pairs.first, pairs.second, strict=True)
        ],
        dtype=float,
    )
    return Story(annotation, pairs, len(sentences), labels)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.001, steps: int = 30000) -> np.ndarray:
    """Gradient descent on the mean log loss; classes weighted equally."""
    x1 = np.column_stack([x, np.ones(len(x))])
    w = np.zeros(x1.shape[1])
    balance = np.where(y == 1, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x1 @ w)))
        grad = x1.T @ ((p - y) * balance) / len(y) + l2 * np.r_[w[:-1], 0]
        w -= 1.0 * grad
    return w


def _install(first: np.ndarray, final: np.ndarray, semantic: bool) -> None:
    """Put fitted weights into the aligning module (for this process only)."""
    prefix = "SEMANTIC_" if semantic else ""
    setattr(aligning, f"{prefix}WEIGHTS", tuple(float(v) for v in first[:-1]))
    setattr(aligning, f"{prefix}BIAS", float(first[-1]))
    setattr(aligning, f"{prefix}FINAL_WEIGHTS", tuple(float(v) for v in final[:-1]))
    setattr(aligning, f"{prefix}FINAL_BIAS", float(final[-1]))


def fit_both(stories: list[Story], semantic: bool) -> tuple[np.ndarray, np.ndarray]:
    """Stage one on the pairs' own features, then stage two on top of its strong links."""
    first = fit(
        np.concatenate([s.pairs.features for s in stories]),
        np.concatenate([s.labels for s in stories]),
    )
    _install(first, first, semantic)  # stage two's features need stage one's weights
    final = fit(
        np.concatenate([aligning._final_features(s.pairs, s.n_sentences) for s in stories]),
        np.concatenate([s.labels for s in stories]),
    )
    _install(first, final, semantic)
    return first, final


def _print_weights(first: np.ndarray, final: np.ndarray, semantic: bool) -> None:
    prefix = "SEMANTIC_" if semantic else ""
    names = [*aligning.FEATURES, *(["semantic cosine"] if semantic else [])]
    for label, w, columns in (
        (f"{prefix}WEIGHTS", first, names),
        (f"{prefix}FINAL_WEIGHTS", final, [*names, aligning.CORROBORATED]),
    ):
        print(f"{label} = (")
        for value, name in zip(w[:-1], columns, strict=True):
            print(f"    {round(float(value), 3)},  # {name}")
        print(")")
        print(f"{label.replace('WEIGHTS', 'BIAS')} = {round(float(w[-1]), 3)}")


def _loso(stories: list[Story], semantic: bool, sweep: str) -> None:
    """Score each story with weights fitted on the others, for each value of `sweep`."""
    name, _, values = sweep.partition("=")
    settings = [float(v) for v in values.split(",")] if name else [None]
    original = getattr(aligning, name) if name else None
    totals = {v: np.zeros(3) for v in settings}
    for held in stories:
        fit_both([s for s in stories if s is not held], semantic)
        line = [f"{held.path.stem:22}"]
        for value in settings:
            if name:
                setattr(aligning, name, value)
            with contextlib.redirect_stderr(io.StringIO()):
                s = score(held.path, Options(semantic=semantic))
            totals[value] += (len(s.gold & s.found), len(s.found), len(s.gold))
            line.append(f"P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}")
        print(" | ".join(line))
        if name:
            setattr(aligning, name, original)
    line = [f"{'micro':22}"]
    for value in settings:
        hits, found, gold = totals[value]
        precision, recall = hits / max(found, 1), hits / max(gold, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        line.append(f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    print(" | ".join(line))
    if name:
        print(f"{name}: " + " | ".join(f"{v:>23}" for v in settings))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semantic", action="store_true", help="fit the --semantic model")
    parser.add_argument("--extra", nargs="*", type=Path, default=[], help="more annotations")
    parser.add_argument("--loso", action="store_true", help="leave-one-story-out scores")
    parser.add_argument(
        "--sweep", default="", help="with --loso: NAME=V1,V2,... of an aligning constant"
    )
    args = parser.parse_args(argv)
    paths = [*ANNOTATIONS, *args.extra]
    stories = [load(path, args.semantic) for path in paths]
    if args.loso:
        _loso(stories, args.semantic, args.sweep)
        return 0
    first, final = fit_both(stories, args.semantic)
    _print_weights(first, final, args.semantic)
    return 0


if __name__ == "__main__":
    sys.exit(main())
