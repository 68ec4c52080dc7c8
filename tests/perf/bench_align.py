"""Benchmark of the alignment engine on synthetic stories built from the sample's sentences.

Each synthetic article takes 60 sentences drawn from the sample story's sentences, shuffled
and mutated (words dropped, neighbours swapped, numbers changed, a word borrowed from another
sentence), so sources share facts the way real outlets do, reworded and reordered. Prints
the time of each stage and the process's peak memory, and for comparison one all-pairs
rapidfuzz `cdist` pass over the same sentences (what "all pairs" would cost before any
decision is made). Run: `.venv/bin/python tests/perf/bench_align.py [ARTICLES ...]`.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tui.core import aligning  # noqa: E402
from tui.core.figures import extract_figures, group_figures  # noqa: E402
from tui.core.garbage import collection_paused  # noqa: E402
from tui.core.loading import load_story  # noqa: E402
from tui.core.models import Article, Comparison, Sentence  # noqa: E402
from tui.core.pipeline import analyse, build_comparison  # noqa: E402

SENTENCES_PER_ARTICLE = 60
# Which sample sentence each synthetic sentence was made from: two sentences of different
# articles made from the same one are a pair the analysis should find.
ORIGIN: dict[str, int] = {}


def _mutate(words: list[str], rng: random.Random, pool: list[list[str]]) -> list[str]:
    out = [w for w in words if rng.random() > 0.1] or words[:1]
    if len(out) > 3 and rng.random() < 0.5:
        k = rng.randrange(len(out) - 1)
        out[k], out[k + 1] = out[k + 1], out[k]
    for k, word in enumerate(out):
        if any(c.isdigit() for c in word) and rng.random() < 0.3:
            out[k] = str(rng.randrange(2, 90_000))
    if rng.random() < 0.3:
        donor = rng.choice(pool)
        out.insert(rng.randrange(len(out) + 1), rng.choice(donor))
    return out


def synthetic_story(n_articles: int, seed: int = 7) -> tuple[Article, ...]:
    """`n_articles` articles of SENTENCES_PER_ARTICLE mutated sample sentences each."""
    sample, _ = build_comparison([str(REPO / "sample_data" / "kursk")])
    pool = [s.text.split() for a in sample.articles for s in a.sentences if len(s.text) > 30]
    rng = random.Random(seed)
    articles = []
    for n in range(n_articles):
        article_id = f"a{n:03d}"
        picked = rng.sample(range(len(pool)), min(SENTENCES_PER_ARTICLE, len(pool)))
        while len(picked) < SENTENCES_PER_ARTICLE:
            picked.append(rng.randrange(len(pool)))
        text, sentences = "", []
        for index, origin in enumerate(picked):
            words = pool[origin]
            ORIGIN[f"{article_id}#{index}"] = origin
            body = " ".join(_mutate(words, rng, pool))
            start = len(text)
            text += body + "\n"
            sentences.append(
                Sentence(
                    f"{article_id}#{index}",
                    article_id,
                    index,
                    start,
                    start + len(body),
                    body,
                    index,
                )
            )
        articles.append(
            Article(
                article_id,
                f"{article_id}.txt",
                f"outlet {n}",
                None,
                None,
                None,
                "en",
                text,
                tuple(sentences),
                (),
            )
        )
    return tuple(articles)


def run(n_articles: int) -> None:
    ORIGIN.clear()
    articles = synthetic_story(n_articles)
    n_sentences = sum(len(a.sentences) for a in articles)
    times: dict[str, float] = {}

    def stage(name: str, start: float) -> float:
        now = time.perf_counter()
        times[name] = now - start
        return now

    # The pipeline extracts figures anyway (its own stage); find_claims only groups them.
    # find_claims and the pipeline pause garbage collection the same way (tui.core.garbage).
    with collection_paused():
        extract_start = time.perf_counter()
        figures = extract_figures(articles)
        extraction = time.perf_counter() - extract_start
        t = t0 = time.perf_counter()
        sentences, units = aligning._units(articles)
        kept, kept_units, copies = sentences, units, [[k] for k in range(len(sentences))]
        if len(sentences) > aligning.COLLAPSE_ABOVE:
            kept, kept_units, copies = aligning._collapse(sentences, units)
        t = stage("tokenize", t)
        quantities = aligning._quantities(articles, kept, figures)
        t = stage("quantities", t)
        pairs = aligning._sentence_pairs(kept_units, len(kept), quantities)
        t = stage("candidates+score", t)
        logit = aligning._logits(pairs, len(kept))
        links = aligning._links(pairs, logit)
        groups = aligning._group(
            links,
            aligning._sentence_articles(kept_units, len(kept)),
            aligning._support(pairs, logit),
            merge=len(sentences) <= aligning.COLLAPSE_ABOVE,
        )
        if len(kept) < len(sentences):
            groups = aligning._expand(
                groups, copies, aligning._sentence_articles(units, len(sentences))
            )
        t = stage("decide+group", t)
        claims = aligning._claims(articles, sentences, units, groups)
        t = stage("claims+variants", t)
        total = t - t0
        comparison = Comparison(title=None, articles=articles, claims=claims)
        t = time.perf_counter()
        aligning.align_rows(comparison, articles[0].id)
        t = stage("align_rows", t)
        group_figures(articles, claims, figures)
        grouping = time.perf_counter() - t
    line = "  ".join(f"{k} {v * 1000:.0f} ms" for k, v in times.items())
    found = {
        (a, b)
        for claim in claims
        for a in claim.sentences
        for b in claim.sentences
        if a < b and a.split("#")[0] != b.split("#")[0]
    }
    same = sum(ORIGIN[a] == ORIGIN[b] for a, b in found)
    by_origin: dict[int, dict[str, int]] = {}
    for sentence_id, origin in ORIGIN.items():
        if sentence_id.startswith("a") and int(sentence_id[1:4]) < n_articles:
            per_article = by_origin.setdefault(origin, {})
            article = sentence_id.split("#")[0]
            per_article[article] = per_article.get(article, 0) + 1
    expected = (
        sum(
            sum(counts.values()) ** 2 - sum(c * c for c in counts.values())
            for counts in by_origin.values()
        )
        // 2
    )
    print(
        f"{n_articles:4d} articles x {SENTENCES_PER_ARTICLE} = {n_sentences} sentences: "
        f"find_claims {total * 1000:.0f} ms ({line}; figure extraction, the pipeline's own "
        f"stage before it: {extraction * 1000:.0f} ms, and its figure groups after it: "
        f"{grouping * 1000:.0f} ms; the three together "
        f"{(extraction + total + grouping) * 1000:.0f} ms); "
        f"claims {len(claims)}, sentences paired {len(kept)}, sentence pairs scored "
        f"{len(pairs.first)}; same-origin pairs "
        f"found {same / max(expected, 1):.2f} (precision {same / max(len(found), 1):.2f}); "
        "process peak RSS "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    if n_articles == 100:
        import numpy as np
        from rapidfuzz import fuzz, process

        texts = [" ".join(sorted(s.text.lower().split())) for a in articles for s in a.sentences]
        t = time.perf_counter()
        process.cdist(texts, texts, scorer=fuzz.ratio, workers=-1, dtype=np.uint8)
        print(
            f"     one all-pairs cdist(ratio) over the same {len(texts)} sentences: "
            f"{(time.perf_counter() - t) * 1000:.0f} ms"
        )


def sample() -> None:
    comparison, _ = build_comparison([str(REPO / "sample_data" / "kursk")])
    options = aligning.Options()
    start = time.perf_counter()
    claims = aligning.find_claims(comparison.articles, options)
    first = time.perf_counter() - start
    best = min(
        _timed(partial(aligning.find_claims, comparison.articles, options)) for _ in range(9)
    )
    full = Comparison(title=None, articles=comparison.articles, claims=claims)
    rows = min(
        _timed(partial(aligning.align_rows, full, pivot))
        for pivot in full.article_ids
        for _ in range(3)
    )
    story = load_story([str(REPO / "sample_data" / "kursk")])
    whole = min(_timed(partial(analyse, story)) for _ in range(9))
    print(
        f"sample story: find_claims {best * 1000:.1f} ms (first call, importing numpy and "
        f"rapidfuzz: {first * 1000:.0f} ms), align_rows {rows * 1000:.2f} ms; the whole "
        f"analysis (clean, segment, figures, claims, figure groups) {whole * 1000:.1f} ms "
        "(best of runs)"
    )


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


if __name__ == "__main__":
    sample()
    for n in [int(a) for a in sys.argv[1:]] or [5, 20, 100, 300]:
        run(n)
