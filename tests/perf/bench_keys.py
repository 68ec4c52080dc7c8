"""Key press to repaint on a 100-article synthetic story: p50/p95 in ms.

Two numbers per key, both the app's own time (Pilot's `pause()` always sleeps >= 20 ms, so wall
time around `press()` would measure Pilot, not the reader):
- wall: from the moment the Key event is dispatched to the end of the next compositor refresh
  that follows it (message hook + a wrapper around `Screen._compositor_refresh`); it includes
  Textual's wait for its next frame tick;
- cpu: main-thread CPU time (`time.thread_time`) spent between those two moments.

Run: `.venv/bin/python tests/perf/bench_keys.py [--articles 100] [--presses 300]`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from textual import events
from textual.screen import Screen

from tui.app.app import ParallaxApp
from tui.core.models import (
    Article,
    Claim,
    Comparison,
    Figure,
    FigureGroup,
    Sentence,
    Variant,
)

WORDS = [
    "officials",
    "troops",
    "border",
    "region",
    "minister",
    "statement",
    "confirmed",
    "reported",
    "said",
    "according",
    "sources",
    "intelligence",
    "ministry",
    "defence",
    "alliance",
    "forces",
    "soldiers",
    "deployment",
    "talks",
    "summit",
    "capital",
    "president",
    "spokesman",
    "government",
    "offensive",
    "frontline",
    "agency",
    "report",
    "week",
    "month",
]
KEYS = [
    "j",
    "j",
    "k",
    "n",
    "s",
    "right_square_bracket",
    "N",
    "S",
    "pagedown",
    "pageup",
    "left_square_bracket",
    "j",
    "k",
]


def synthetic_story(article_count: int, sentences_each: int = 30, seed: int = 7) -> Comparison:
    """Articles that share claims in varying subsets, with figures and a few conflicts."""
    rng = random.Random(seed)
    topics = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30)))
        for _ in range(sentences_each * 2)
    ]
    members: dict[int, list[str]] = {}
    figures: list[Figure] = []
    group_members: dict[int, list[str]] = {}
    articles = []
    for a in range(article_count):
        article_id = f"art{a:03d}"
        text = ""
        sentences = []
        chosen = sorted(rng.sample(range(len(topics)), sentences_each))
        for index, topic in enumerate(chosen):
            shared = rng.random() < 0.6
            body = topics[topic] if shared else " ".join(rng.choice(WORDS) for _ in range(20))
            number = rng.choice([10000, 11000, 600000, 2600]) if topic % 5 == 0 else None
            sentence_text = body.capitalize() + (f" of {number:,} people" if number else "") + "."
            start = len(text)
            text += sentence_text + " "
            sid = f"{article_id}#{index}"
            sentences.append(
                Sentence(
                    sid,
                    article_id,
                    index,
                    start,
                    start + len(sentence_text),
                    sentence_text,
                    index // 3,
                )
            )
            if shared:
                members.setdefault(topic, []).append(sid)
            if number:
                at = start + sentence_text.index(f"{number:,}")
                figure_id = f"fig-{article_id}-{index}"
                figures.append(
                    Figure(
                        figure_id,
                        article_id,
                        sid,
                        at,
                        at + len(f"{number:,}"),
                        f"{number:,}",
                        number,
                        None,
                        "count",
                        None,
                        None,
                        f"topic {topic}",
                        None,
                    )
                )
                group_members.setdefault(topic, []).append(figure_id)
        articles.append(
            Article(
                article_id,
                f"{article_id}.txt",
                f"Outlet {a + 1}",
                None,
                None,
                None,
                "en",
                text,
                tuple(sentences),
                (),
            )
        )
    claims = []
    for topic, sids in sorted(members.items()):
        if len(sids) < 2:
            continue
        first = sids[0]
        article_index = int(first[3:6])
        sentence = articles[article_index].sentences[int(first.split("#")[1])]
        claims.append(
            Claim(
                f"claim-{topic}",
                tuple(sids),
                len(sids),
                0.9,
                "near_verbatim",
                (Variant(first, sentence.start, sentence.start + 5, "changed"),),
            )
        )
    by_id = {figure.id: figure for figure in figures}
    groups = []
    for topic, figure_ids in sorted(group_members.items()):
        values = tuple(sorted({by_id[f].value for f in figure_ids}, key=str))
        groups.append(
            FigureGroup(
                f"group-{topic}", f"topic {topic}", tuple(figure_ids), values, len(values) > 1
            )
        )
    return Comparison(
        "Synthetic story", tuple(articles), tuple(claims), tuple(figures), tuple(groups)
    )


async def measure(article_count: int, presses: int) -> None:
    story = synthetic_story(article_count)
    pending: list[tuple[float, float]] = []
    samples: list[tuple[float, float]] = []
    original_refresh = Screen._compositor_refresh

    def refresh_and_time(self: Screen[object]) -> None:
        original_refresh(self)
        if pending:
            wall_start, cpu_start = pending.pop(0)
            samples.append((time.perf_counter() - wall_start, time.thread_time() - cpu_start))
            pending.clear()

    def hook(message: object) -> None:
        if isinstance(message, events.Key) and not pending:
            pending.append((time.perf_counter(), time.thread_time()))

    Screen._compositor_refresh = refresh_and_time  # type: ignore[method-assign]
    try:
        with tempfile.TemporaryDirectory() as folder:
            app = ParallaxApp([], config_path=Path(folder) / "config.yaml", comparison=story)
            async with app.run_test(size=(160, 45), message_hook=hook) as pilot:
                await pilot.pause()
                samples.clear()
                for n in range(presses):
                    await pilot.press(KEYS[n % len(KEYS)])
                    await pilot.pause()
                key_samples = list(samples)
                samples.clear()
                for _ in range(10):
                    await pilot.press("tab")
                    await pilot.pause()
                tab_samples = list(samples)
    finally:
        Screen._compositor_refresh = original_refresh  # type: ignore[method-assign]
    walls = sorted(sample[0] * 1000 for sample in key_samples)
    cpus = sorted(sample[1] * 1000 for sample in key_samples)
    tab_cpus = sorted(sample[1] * 1000 for sample in tab_samples)

    def p(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(q * len(values)))]

    print(f"{article_count} articles, {len(key_samples)} key presses at 160x45: {' '.join(KEYS)}")
    print(
        f"  wall key->refresh end: p50 {statistics.median(walls):.1f} ms, "
        f"p95 {p(walls, 0.95):.1f} ms, max {walls[-1]:.1f} ms"
    )
    print(
        f"  main-thread CPU per key: p50 {statistics.median(cpus):.1f} ms, "
        f"p95 {p(cpus, 0.95):.1f} ms, max {cpus[-1]:.1f} ms"
    )
    print(
        f"  Tab (next pivot: rows + relayout + repaint; its alignment is computed ahead in a "
        f"thread after each pivot change), main-thread CPU: median "
        f"{statistics.median(tab_cpus):.0f} ms, max {tab_cpus[-1]:.0f} ms over {len(tab_cpus)}"
    )
    print(f"  load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--presses", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(measure(args.articles, args.presses))


if __name__ == "__main__":
    main()
