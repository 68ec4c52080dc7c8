"""How fast the semantic extra runs and how well its cosine tells same-claim pairs apart.

For each annotated story (tests/eval/*_claims.yaml) every cross-source sentence pair is
labelled by the annotations (a gold pair: some fact holds both sentences, mapped as
tests/eval/claims.py maps spans), and three scores are compared by ROC-AUC, the chance that
a random gold pair outscores a random other pair: the embeddings' cosine, rapidfuzz's ratio
on sorted words (`token_sort_ratio`, the plain lexical signal), and their mean. Paraphrase
facts (annotated `paraphrase: true`) are scored on their own too, since rewording is what
the embeddings are for. Also prints the model's load time and the embedding throughput.
With --candidates it also asks whether cosine adds to the aligner's own pair model.
Needs the extra: `pip install '.[semantic]'`.
Run: `.venv/bin/python tests/perf/bench_semantic.py [--candidates] [ANNOTATION.yaml ...]`.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import yaml  # noqa: E402
from rapidfuzz import fuzz, process, utils  # noqa: E402

from tests.eval.claims import ANNOTATIONS, gold_pairs  # noqa: E402
from tui.core import semantic  # noqa: E402
from tui.core.loading import load_story  # noqa: E402
from tui.core.models import Comparison  # noqa: E402
from tui.core.pipeline import prepare_article  # noqa: E402


def segmented(story: Path) -> Comparison:
    """The story cleaned and split into sentences, without claims: the scores here must not
    depend on the aligner, which is tuned with their help."""
    loaded = load_story([str(story)])
    return Comparison(loaded.title, tuple(prepare_article(a) for a in loaded.articles))


def roc_auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """Mann-Whitney AUC with ties counted half: P(random positive > random negative)."""
    scores = np.concatenate([positive, negative])
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    start = 0
    while start < len(scores):  # average ranks over runs of equal scores
        stop = start
        while stop + 1 < len(scores) and sorted_scores[stop + 1] == sorted_scores[start]:
            stop += 1
        ranks[order[start : stop + 1]] = (start + stop) / 2 + 1
        start = stop + 1
    n_pos, n_neg = len(positive), len(negative)
    return float((ranks[:n_pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def recall_at_precision(positive: np.ndarray, negative: np.ndarray, target: float) -> float:
    """The largest recall any single threshold reaches with precision >= target."""
    scores = np.concatenate([positive, negative])
    labels = np.concatenate([np.ones(len(positive)), np.zeros(len(negative))])
    order = np.argsort(-scores, kind="stable")
    hits = np.cumsum(labels[order])
    kept = np.arange(1, len(scores) + 1)
    # Only cut between distinct scores: a threshold keeps all pairs of equal score.
    boundary = np.r_[scores[order][1:] != scores[order][:-1], True]
    ok = boundary & (hits / kept >= target)
    return float(hits[ok].max() / len(positive)) if ok.any() else 0.0


def _against_best(
    matrix: np.ndarray, article_of: np.ndarray, first: np.ndarray, second: np.ndarray
) -> np.ndarray:
    """The pair's score minus each side's best score in the other side's article, averaged:
    0 when each sentence is the other's best partner there. Outlets reword by different
    amounts, so where a pair stands among its rivals says more than its raw score."""
    best = np.empty_like(matrix)
    for article in np.unique(article_of):
        columns = article_of == article
        best[:, columns] = matrix[:, columns].max(axis=1, keepdims=True)
    pair = matrix[first, second]
    return pair - (best[first, second] + best[second, first]) / 2


def story_scores(annotation: Path) -> None:
    data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
    comparison = segmented(REPO / data["story"])
    gold, paraphrase = gold_pairs(comparison, data["facts"])
    sentences = [s for a in comparison.articles for s in a.sentences]
    texts = [s.text for s in sentences]
    cosine = semantic.similarity_matrix(texts)
    ratio = (
        process.cdist(
            texts, texts, scorer=fuzz.token_sort_ratio, processor=utils.default_process, workers=-1
        )
        / 100.0
    )
    first, second = np.triu_indices(len(sentences), k=1)
    cross = np.array(
        [sentences[a].article != sentences[b].article for a, b in zip(first, second, strict=True)]
    )
    first, second = first[cross], second[cross]
    keys = [
        tuple(sorted((sentences[a].id, sentences[b].id)))
        for a, b in zip(first, second, strict=True)
    ]
    is_gold = np.array([key in gold for key in keys])
    is_para = np.array([key in paraphrase for key in keys])
    article_of = np.array([s.article for s in sentences])
    signals = {
        "cosine": cosine[first, second],
        "sorted-word ratio": ratio[first, second],
        "mean of both": (cosine[first, second] + ratio[first, second]) / 2,
        "cosine vs best": _against_best(cosine, article_of, first, second),
        "ratio vs best": _against_best(ratio, article_of, first, second),
    }
    print(
        f"\n{annotation.name}: {len(sentences)} sentences, {len(keys)} cross-source pairs, "
        f"{is_gold.sum()} gold ({is_para.sum()} paraphrase)"
    )
    print(
        f"  {'signal':<18} {'AUC all':>8} {'AUC para':>9} {'R@P.90':>7} {'R@P.70':>7}"
        f"  gold median   other p50/p90/p99"
    )
    for name, values in signals.items():
        pos, neg, para = values[is_gold], values[~is_gold], values[is_para]
        auc_para = f"{roc_auc(para, neg):9.3f}" if len(para) else f"{'-':>9}"
        print(
            f"  {name:<18} {roc_auc(pos, neg):8.3f} {auc_para} "
            f"{recall_at_precision(pos, neg, 0.9):7.3f} {recall_at_precision(pos, neg, 0.7):7.3f}"
            f"  {np.median(pos):11.3f}   "
            + "/".join(f"{q:.3f}" for q in np.quantile(neg, [0.5, 0.9, 0.99]))
        )
    # The paraphrase pairs lexical similarity misses most: what does the cosine say of them?
    if is_para.any():
        para_idx = np.flatnonzero(is_para)
        weakest = para_idx[np.argsort(signals["sorted-word ratio"][para_idx])[:3]]
        for k in weakest:
            a, b = sentences[first[k]], sentences[second[k]]
            print(
                f"  paraphrase ratio {signals['sorted-word ratio'][k]:.2f} "
                f"cosine {signals['cosine'][k]:.2f}: {a.text[:60]!r} / {b.text[:60]!r}"
            )


def candidate_scores(annotations: list[Path]) -> None:
    """Does cosine add to the aligner's own pair features? Leave-one-story-out: a logistic
    model (tests/eval/fit_pairs.py) fitted on the other stories with and without cosine,
    scored on the aligner's candidate pairs of the held-out story. Uses the aligner's
    private helpers (`_units`, `_sentence_pairs`), so it follows their changes."""
    from tests.eval.fit_pairs import fit
    from tui.core import aligning
    from tui.core.pipeline import build_comparison

    stories = []
    for annotation in annotations:
        data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
        comparison, _ = build_comparison([str(REPO / data["story"])])
        gold, _ = gold_pairs(comparison, data["facts"])
        sentences, units = aligning._units(comparison.articles)
        pairs = aligning._sentence_pairs(units, len(sentences))
        keys = {
            tuple(sorted((sentences[a].id, sentences[b].id)))
            for a, b in zip(pairs.first, pairs.second, strict=True)
        }
        labels = np.array(
            [
                tuple(sorted((sentences[a].id, sentences[b].id))) in gold
                for a, b in zip(pairs.first, pairs.second, strict=True)
            ]
        )
        cosine = semantic.similarity_matrix([s.text for s in sentences])
        article_of = np.array([s.article for s in sentences])
        pair_cosine = cosine[pairs.first, pairs.second]
        versus_best = _against_best(cosine, article_of, pairs.first, pairs.second)
        print(
            f"{annotation.name}: {len(labels)} candidate pairs hold "
            f"{len(gold & keys)} of {len(gold)} gold pairs"
        )
        stories.append((annotation, pairs.features, pair_cosine, versus_best, labels))
    variants = {
        "aligner features": lambda f, c, v: f,
        "+ cosine": lambda f, c, v: np.column_stack([f, c]),
        "+ cosine + cosine vs best": lambda f, c, v: np.column_stack([f, c, v]),
    }
    for name, columns in variants.items():
        results = []
        for held_out, (annotation, *signals, labels) in enumerate(stories):
            train = [s for k, s in enumerate(stories) if k != held_out]
            weights = fit(
                np.concatenate([columns(*t[1:4]) for t in train]),
                np.concatenate([t[4] for t in train]).astype(float),
                steps=8000,
            )
            logit = columns(*signals) @ weights[:-1] + weights[-1]
            pos, neg = logit[labels], logit[~labels]
            results.append(
                f"{annotation.name.split('_')[0]} {roc_auc(pos, neg):.3f} "
                f"(R@P.90 {recall_at_precision(pos, neg, 0.9):.2f})"
            )
        print(f"  {name:<26} AUC " + "  ".join(results))


def speed(texts: list[str]) -> None:
    # Wall time on a shared machine swings with its load; CPU time much less.
    print(f"load average: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    wall, cpu = time.perf_counter(), time.process_time()
    semantic._load()
    print(
        f"model load (imports + tokenizer + ONNX session): {time.perf_counter() - wall:.2f} s "
        f"wall, {time.process_time() - cpu:.2f} s CPU"
    )
    for label, batch in (
        (f"sample story, {len(texts)} sentences", texts),
        ("500 sentences (sample sentences, shuffled, each varied)", _varied(texts, 500)),
    ):
        semantic.embed(batch[:8])  # warm the session's first-run allocations
        best, best_cpu = float("inf"), float("inf")
        for _ in range(3):
            semantic.clear_cache()
            wall, cpu = time.perf_counter(), time.process_time()
            semantic.similarity_matrix(batch)
            best = min(best, time.perf_counter() - wall)
            best_cpu = min(best_cpu, time.process_time() - cpu)
        print(
            f"{label}: {best * 1000:.0f} ms wall, {best_cpu * 1000:.0f} ms CPU (best of 3), "
            f"{len(batch) / best:.0f} sentences/s"
        )
        wall = time.perf_counter()
        semantic.similarity_matrix(batch)
        print(f"  again, from the cache: {(time.perf_counter() - wall) * 1000:.1f} ms")


def _varied(texts: list[str], count: int) -> list[str]:
    """`count` distinct sentences: sample sentences with a word dropped, so none is cached."""
    rng = random.Random(3)
    out = []
    while len(out) < count:
        words = rng.choice(texts).split()
        if len(words) > 2:
            del words[rng.randrange(len(words))]
        out.append(" ".join(words) + f" ({len(out)})")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations", nargs="*", type=Path, default=list(ANNOTATIONS))
    parser.add_argument(
        "--candidates",
        action="store_true",
        help="also score cosine as an extra feature on the aligner's candidate pairs",
    )
    args = parser.parse_args(argv)
    reason = semantic.unavailable_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    sample = segmented(REPO / "sample_data" / "kursk")
    speed([s.text for a in sample.articles for s in a.sentences])
    for annotation in args.annotations:
        story_scores(annotation)
    if args.candidates:
        print("\nOn the aligner's candidate pairs, leave one story out:")
        candidate_scores(args.annotations)
    return 0


if __name__ == "__main__":
    sys.exit(main())
