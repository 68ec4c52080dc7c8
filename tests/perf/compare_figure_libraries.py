"""Compare quantulum3, text2num, number-parser and dateparser with Parallax's own extractor.

Measured on the sample story against the hand annotations in tests/eval/kursk_figures.yaml:
for each tool, the gold figures it reads with the right value, the figures it reports that
are not in the gold set, its import time (fresh interpreter) and its run time on the sample.
The libraries are NOT dependencies of Parallax; run this from a throwaway venv:

    python3 -m venv /tmp/figlibs
    /tmp/figlibs/bin/pip install -e /work/main quantulum3 text2num number-parser dateparser
    /tmp/figlibs/bin/python tests/perf/compare_figure_libraries.py

How each tool is scored (each gets the kinds it claims to handle):
- quantulum3 `parser.parse(sentence)`: quantities with spans; a gold count, money, percent,
  measure or date figure is read when a quantity overlaps its span with the same value
  (dates would need an ISO string, which quantulum3 never produces).
- text2num `alpha2digit` and number-parser `parse`: they only rewrite number words into
  digits; a gold number is read when the rewritten sentence holds a digit run with its value.
  Spans and kinds are lost, so this is an upper bound for them.
- dateparser `search.search_dates` with RELATIVE_BASE at the story's year (2024-12-31) and
  PREFER_DATES_FROM past: a gold date with a value is read when a found date overlaps it and
  gives the same ISO day (ranges and months: their first day).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tui.core.figures import extract_figures  # noqa: E402
from tui.core.pipeline import build_comparison  # noqa: E402

NUMERIC_KINDS = ("count", "money", "percent", "measure", "duration", "ordinal", "year")
_DIGIT_RUN = re.compile(r"\d[\d,]*(?:\.\d+)?")


def import_seconds(module: str) -> float:
    """Wall time of `import module` in a fresh interpreter, minus a bare interpreter start."""

    def run(code: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
            best = min(best, time.perf_counter() - start)
        return best

    return run(f"import {module}") - run("pass")


def number_of(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def gold_in_sentences() -> tuple[list[dict[str, Any]], dict[str, list[Any]]]:
    annotation = yaml.safe_load((REPO / "tests/eval/kursk_figures.yaml").read_text())
    comparison, _ = build_comparison([str(REPO / annotation["story"])])
    sentences = {a.id: list(a.sentences) for a in comparison.articles}
    gold = []
    for item in annotation["figures"]:
        if item.get("furniture"):
            continue
        for sentence in sentences[item["article"]]:
            if sentence.start <= item["start"] and item["end"] <= sentence.end:
                gold.append({**item, "sentence": sentence})
                break
    return gold, {"comparison": [comparison]}


def score_own(gold: list[dict[str, Any]], comparison: Any) -> tuple[int, int, float]:
    start = time.perf_counter()
    figures = extract_figures(comparison.articles)
    seconds = time.perf_counter() - start
    hits = 0
    used: set[str] = set()
    for item in gold:
        for figure in figures:
            if figure.id in used or figure.article != item["article"]:
                continue
            overlap = figure.start < item["end"] and item["start"] < figure.end
            if overlap and figure.value == item["value"] and figure.value_max == item["value_max"]:
                hits += 1
                used.add(figure.id)
                break
    return hits, len(figures) - len(used), seconds


def score_quantulum(gold: list[dict[str, Any]]) -> tuple[int, int, float]:
    from quantulum3 import parser

    sentences = {id(g["sentence"]): g["sentence"] for g in gold}
    found: list[tuple[Any, int, int, float]] = []
    start = time.perf_counter()
    for sentence in sentences.values():
        for quantity in parser.parse(sentence.text):
            a, b = quantity.span
            found.append((sentence, sentence.start + a, sentence.start + b, quantity.value))
    seconds = time.perf_counter() - start
    hits, used = 0, set()
    for item in gold:
        wanted = number_of(item["value"])
        for index, (sentence, a, b, value) in enumerate(found):
            if index in used or sentence.article != item["article"]:
                continue
            if a < item["end"] and item["start"] < b and wanted is not None and value == wanted:
                hits += 1
                used.add(index)
                break
    return hits, len(found) - len(used), seconds


def score_rewriter(gold: list[dict[str, Any]], rewrite: Any) -> tuple[int, int, float]:
    sentences = {id(g["sentence"]): g["sentence"] for g in gold}
    numbers: dict[int, list[float]] = {}
    start = time.perf_counter()
    for key, sentence in sentences.items():
        rewritten = rewrite(sentence.text)
        numbers[key] = [float(m.group().replace(",", "")) for m in _DIGIT_RUN.finditer(rewritten)]
    seconds = time.perf_counter() - start
    hits = 0
    for item in gold:
        wanted = number_of(item["value"])
        pool = numbers[id(item["sentence"])]
        if wanted is not None and wanted in pool:
            pool.remove(wanted)
            hits += 1
    extra = sum(len(pool) for pool in numbers.values())
    return hits, extra, seconds


def score_dateparser(gold: list[dict[str, Any]]) -> tuple[int, int, float]:
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": dt.datetime(2024, 12, 31),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    sentences = {id(g["sentence"]): g["sentence"] for g in gold}
    found: list[tuple[Any, int, int, str]] = []
    start = time.perf_counter()
    for sentence in sentences.values():
        results = search_dates(sentence.text, languages=["en"], settings=settings) or []
        cursor = 0
        for text, when in results:
            position = sentence.text.find(text, cursor)
            if position < 0:
                continue
            cursor = position + len(text)
            found.append(
                (
                    sentence,
                    sentence.start + position,
                    sentence.start + cursor,
                    when.date().isoformat(),
                )
            )
    seconds = time.perf_counter() - start
    hits, used = 0, set()
    for item in gold:
        if item["kind"] != "date" or not isinstance(item["value"], str):
            continue
        wanted = item["value"].split("/")[0]
        wanted = wanted if len(wanted) == 10 else wanted + "-01"
        for index, (sentence, a, b, value) in enumerate(found):
            if index in used or sentence.article != item["article"]:
                continue
            if a < item["end"] and item["start"] < b and value == wanted:
                hits += 1
                used.add(index)
                break
    return hits, len(found) - len(used), seconds


def main() -> int:
    gold, extra = gold_in_sentences()
    comparison = extra["comparison"][0]
    total = len(gold)
    numeric = sum(1 for g in gold if g["kind"] in NUMERIC_KINDS)
    dated = sum(1 for g in gold if g["kind"] == "date" and g["value"] is not None)
    rows = []
    own = score_own(gold, comparison)
    rows.append(("parallax (own)", own, import_seconds("tui.core.figures"), "all kinds"))

    from quantulum3 import parser as _warm  # first call builds its model: time it apart

    warm_start = time.perf_counter()
    _warm.parse("warm up 3 km")
    warm = time.perf_counter() - warm_start
    rows.append(
        (
            f"quantulum3 (first call +{warm:.2f} s)",
            score_quantulum(gold),
            import_seconds("quantulum3.parser"),
            f"numbers, {numeric} gold",
        )
    )
    from text_to_num import alpha2digit

    rows.append(
        (
            "text2num alpha2digit",
            score_rewriter(gold, lambda t: alpha2digit(t, "en")),
            import_seconds("text_to_num"),
            f"numbers, {numeric} gold",
        )
    )
    from number_parser import parse as number_parse

    rows.append(
        (
            "number-parser parse",
            score_rewriter(gold, lambda t: number_parse(t, language="en")),
            import_seconds("number_parser"),
            f"numbers, {numeric} gold",
        )
    )
    rows.append(
        (
            "dateparser search_dates",
            score_dateparser(gold),
            import_seconds("dateparser.search"),
            f"dates with a value, {dated} gold",
        )
    )
    print(f"{total} gold figures inside sentences of the sample ({numeric} numeric, {dated} dated)")
    print(
        "| tool | gold read with value | of all gold | reported, not gold | run on sample |"
        " import | scored on |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, (hits, wrong, seconds), imported, scope in rows:
        print(
            f"| {name} | {hits} | {hits / total:.0%} | {wrong} | {seconds * 1000:.0f} ms |"
            f" {imported * 1000:.0f} ms | {scope} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
