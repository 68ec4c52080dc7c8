"""Fit the pair model of tui.core.aligning (logistic regression) on the annotated stories.

Prints the weights to paste into aligning.py, and the pair scores of each story under
them. A small L2 penalty keeps the weights modest, since two stories are little data.
Run: `.venv/bin/python -m tests.eval.fit_pairs [--semantic]` (`--semantic` fits the model
that also sees the embedding cosine, SEMANTIC_WEIGHTS).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import yaml

from tests.eval.claims import ANNOTATIONS, REPO, gold_pairs
from tui.core import aligning
from tui.core.pipeline import build_comparison


def samples(annotation: Path, semantic: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Features and gold labels of every candidate sentence pair of one story.

    `semantic` adds the embedding cosine column that `--semantic` mode decides with.
    """
    data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
    comparison, _ = build_comparison([str(REPO / data["story"])])
    gold, _ = gold_pairs(comparison, data["facts"])
    sentences, units = aligning._units(comparison.articles)
    pairs = aligning._sentence_pairs(units, len(sentences))
    if semantic:
        pairs = aligning.with_semantic(pairs, sentences)
    labels = np.array(
        [
            tuple(sorted((sentences[a].id, sentences[b].id))) in gold
            for a, b in zip(pairs.first, pairs.second, strict=True)
        ],
        dtype=float,
    )
    return pairs.features, labels


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


def main(argv: list[str] | None = None) -> int:
    semantic = "--semantic" in (sys.argv[1:] if argv is None else argv)
    data = [samples(path, semantic) for path in ANNOTATIONS]
    x = np.concatenate([d[0] for d in data])
    y = np.concatenate([d[1] for d in data])
    w = fit(x, y)
    prefix = "SEMANTIC_" if semantic else ""
    print(f"{prefix}WEIGHTS =", tuple(round(float(v), 3) for v in w[:-1]))
    print(f"{prefix}BIAS =", round(float(w[-1]), 3))
    for path, (xs, ys) in zip(ANNOTATIONS, data, strict=True):
        logit = xs @ w[:-1] + w[-1]
        for threshold in (-1.0, 0.0, 1.0, 2.0, 3.0):
            keep = logit >= threshold
            hits = (keep & (ys == 1)).sum()
            print(
                f"{path.name} threshold {threshold}: direct-pair precision "
                f"{hits / max(keep.sum(), 1):.3f} recall {hits / max(ys.sum(), 1):.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
