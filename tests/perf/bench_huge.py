"""Huge inputs: wall time per pipeline stage and peak memory, each case in a fresh process.

    .venv/bin/python tests/perf/bench_huge.py [--timeout SECONDS] [CASE ...]

Cases: a 0.9 MB article (just under the 1 MB limit) next to a normal one; 1.9 MB and 9 MB
articles (over the limit, which is lifted for them: the measurements that set it) with and without
digits (no figures, to separate that stage's cost); a 100,000-character line without
punctuation; 500 small files; 500 files of 20 KB (a story at the 10 MB limit). A case that
passes the timeout is killed and reported with the stages it finished, which names the stage
that does not scale.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

NEWS = (
    "The ministry said on Monday that 1,200 troops had arrived in the region.\n\n"
    "Officials declined to comment on the reports, citing security concerns.\n"
)
PLACES = ["Kursk", "Belgorod", "Sumy", "Kharkiv", "Bryansk", "Oryol", "Lipetsk", "Voronezh"]
PEOPLE = ["the governor", "a spokesman", "the mayor", "local officials", "the army", "witnesses"]


def _paragraph(rng: random.Random, n: int, digits: bool) -> str:
    place, who = rng.choice(PLACES), rng.choice(PEOPLE)
    if digits:
        return (
            f"In {place}, {who} said on day {n} that {rng.randint(2, 900)} homes lost power and "
            f"{rng.randint(1, 40)} people were hurt. Repairs should take {rng.randint(2, 9)} days, "
            f"according to the report of {rng.randint(1, 28)} March.\n\n"
        )
    return (
        f"In {place}, {who} said that homes lost power and people were hurt overnight. "
        f"Repairs should take several days, according to a report from {rng.choice(PLACES)}.\n\n"
    )


def _article(size: int, digits: bool) -> str:
    rng = random.Random(size)
    parts, total, n = [], 0, 0
    while total < size:
        paragraph = _paragraph(rng, n, digits)
        parts.append(paragraph)
        total, n = total + len(paragraph.encode()), n + 1
    return "".join(parts)


def _huge(folder: Path, size: int, digits: bool) -> list[str]:
    (folder / "huge.txt").write_text(_article(size, digits), encoding="utf-8")
    (folder / "normal.txt").write_text(NEWS, encoding="utf-8")
    return [str(folder / "huge.txt"), str(folder / "normal.txt")]


def _long_line(folder: Path) -> list[str]:
    rng = random.Random(7)
    words = ["the", "army", "said", "troops", "moved", "north", "while", "officials", "declined"]
    line = " ".join(rng.choice(words) for _ in range(20_000))[:100_000]
    (folder / "line.txt").write_text(line, encoding="utf-8")
    (folder / "normal.txt").write_text(NEWS, encoding="utf-8")
    return [str(folder / "line.txt"), str(folder / "normal.txt")]


def _many(folder: Path) -> list[str]:
    rng = random.Random(500)
    for n in range(500):
        text = "".join(_paragraph(rng, n, digits=True) for _ in range(3))
        (folder / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    return [str(folder)]


def _many_big(folder: Path, per_file: int = 20 * 2**10) -> list[str]:
    """500 articles of `per_file` bytes each (20 KB: a 10 MB story)."""
    rng = random.Random(20)
    for n in range(500):
        parts, total = [], 0
        while total < per_file:
            paragraph = _paragraph(rng, total, digits=True)
            parts.append(paragraph)
            total += len(paragraph.encode())
        (folder / f"{n:03d}.txt").write_text("".join(parts), encoding="utf-8")
    return [str(folder)]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "100,000-char line": _long_line,
    "500 files": _many,
    "10 MB story of 500 files": _many_big,
    "4 MB story of 500 files": lambda folder: _many_big(folder, 8 * 2**10),
    "2 MB story of 500 files": lambda folder: _many_big(folder, 4 * 2**10),
    "0.9 MB article": lambda folder: _huge(folder, int(0.9 * 2**20), digits=True),
    "1.9 MB article": lambda folder: _huge(folder, int(1.9 * 2**20), digits=True),
    "9 MB article, no digits": lambda folder: _huge(folder, 9 * 2**20, digits=False),
    "9 MB article": lambda folder: _huge(folder, 9 * 2**20, digits=True),
}


def run_case(name: str) -> None:
    """In the child: build the input, run each stage, print one JSON line per finished stage."""
    from tui.core import aligning, figures, loading
    from tui.core.loading import load_story
    from tui.core.options import Options
    from tui.core.pipeline import prepare_article

    loading.MAX_FILE_BYTES = loading.MAX_STORY_BYTES = 10 * 2**20  # measure past the limit
    with tempfile.TemporaryDirectory() as tmp:
        paths = CASES[name](Path(tmp))

        def stage(label: str, started: float) -> None:
            # ru_maxrss is in kilobytes on Linux: the process's peak resident memory so far.
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            seconds = round(time.perf_counter() - started, 3)
            print(json.dumps({label: seconds, "peak MB": round(peak)}), flush=True)

        started = time.perf_counter()
        story = load_story(paths)
        assert not story.problems, story.problems
        stage("load", started)
        started = time.perf_counter()
        articles = tuple(prepare_article(a) for a in story.articles)
        stage("clean+segment", started)
        started = time.perf_counter()
        found = figures.extract_figures(articles)
        stage("figures", started)
        started = time.perf_counter()
        claims = aligning.find_claims(articles, Options(), figures=found)
        stage("align", started)
        started = time.perf_counter()
        figures.group_figures(articles, claims, found)
        stage("group figures", started)
        sentences = sum(len(a.sentences) for a in articles)
        print(json.dumps({"sentences": sentences, "figure count": len(found)}), flush=True)


def measure(name: str, timeout: float) -> dict[str, object]:
    """Run one case in a child process; its stage times, wall time and peak memory."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", name], stdout=subprocess.PIPE, text=True
    )
    try:
        out, _ = child.communicate(timeout=timeout)
        finished = child.returncode == 0
    except subprocess.TimeoutExpired:
        child.kill()
        out, _ = child.communicate()
        finished = False
    result: dict[str, object] = {"case": name, "wall s": round(time.perf_counter() - started, 2)}
    for line in out.splitlines():
        result.update(json.loads(line))
    result["finished"] = finished
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per case")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("cases", nargs="*", help=f"cases (default all): {', '.join(CASES)}")
    args = parser.parse_args()
    if args.child:
        run_case(args.child)
        return
    for name in args.cases or list(CASES):
        print(json.dumps(measure(name, args.timeout)), flush=True)


if __name__ == "__main__":
    main()
