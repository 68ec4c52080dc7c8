"""Furniture scores on real news pages: `python -m tests.eval.realpages_furniture [DIR...]`.

The sample is what the rules were written against; this is what they were not. DIR (default
/tmp/realpages, or $PARALLAX_REALPAGES) holds pages saved verbatim from other sites as `<id>.txt`
and a hand annotation `annotations.yaml` that marks each page's furniture (with a reason) and
the spans that count neither way (a dateline glued to the first sentence). Every other
non-whitespace character is content. The pages are third-party text, so they are not in the
repository; without the folder the script says so and exits cleanly.

Prints furniture precision and recall over non-whitespace characters, every run of content
characters that cleaning took for furniture (a lost piece of a sentence, the worst error), and
every sentence the segmenter produced that is mostly furniture (furniture kept). Given several
folders (tuning sets and held-out sets are kept apart, one folder each), it scores each and then
all of them together.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.eval.segmentation import UNSCORED_REASONS, _chars, _occurrences
from tui.core.cleaning import find_boilerplate
from tui.core.models import Boilerplate
from tui.core.segmenting import segment

DEFAULT_DIR = Path(os.environ.get("PARALLAX_REALPAGES", "/tmp/realpages"))


@dataclass(frozen=True, slots=True)
class Page:
    """One saved page with its gold furniture and the spans scored neither way."""

    id: str
    text: str
    furniture: tuple[Boilerplate, ...]
    ambiguous: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Report:
    """Character counts behind precision and recall, and the failures to show."""

    hit: int
    predicted: int
    gold: int
    lost: tuple[str, ...]
    kept: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.hit / max(self.predicted, 1)

    @property
    def recall(self) -> float:
        return self.hit / max(self.gold, 1)


def load_pages(folder: Path) -> tuple[Page, ...]:
    """The annotated pages of `folder`, with every quoted span located in its page."""
    data = yaml.safe_load((folder / "annotations.yaml").read_text(encoding="utf-8"))
    pages = []
    for page_id, marks in data["pages"].items():
        text = (folder / f"{page_id}.txt").read_text(encoding="utf-8")
        furniture: list[Boilerplate] = []
        for item in marks.get("furniture") or ():
            spans = _occurrences(text, item["text"])
            if "occurrence" in item:
                spans = [spans[item["occurrence"] - 1]]
            furniture.extend(Boilerplate(s, e, item["reason"]) for s, e in spans)
        ambiguous = [
            span for item in marks.get("ambiguous") or () for span in _occurrences(text, item)
        ]
        pages.append(Page(page_id, text, tuple(furniture), tuple(ambiguous)))
    return tuple(pages)


def score(pages: Iterable[Page]) -> Report:
    """Precision and recall of `find_boilerplate`, lost content and kept furniture."""
    hit = predicted_total = gold_total = 0
    lost: list[str] = []
    kept: list[str] = []
    for page in pages:
        text = page.text
        found = find_boilerplate(text)
        gold = _chars(text, ((b.start, b.end) for b in page.furniture))
        ambiguous = _chars(text, page.ambiguous)
        content = _chars(text, [(0, len(text))]) - gold - ambiguous
        predicted = _chars(
            text, ((b.start, b.end) for b in found if b.reason not in UNSCORED_REASONS)
        )
        hit += len(predicted & gold)
        predicted_total += len(predicted & (gold | content))
        gold_total += len(gold)
        for b in found:
            wrong = _chars(text, [(b.start, b.end)]) & content
            if wrong and b.reason not in UNSCORED_REASONS:
                lost.append(f"{page.id}: ({b.reason}) {text[b.start : b.end]!r}")
        for sentence in segment(page.id, text, found):
            chars = _chars(text, [(sentence.start, sentence.end)])
            if len(chars & gold) * 2 > len(chars):
                kept.append(f"{page.id}: {sentence.text!r}")
    return Report(hit, predicted_total, gold_total, tuple(lost), tuple(kept))


def main(argv: list[str]) -> int:
    folders = [Path(arg) for arg in argv[1:]] or [DEFAULT_DIR]
    reports: list[Report] = []
    for folder in folders:
        if not (folder / "annotations.yaml").is_file():
            print(f"no annotated real pages in {folder}: nothing to score")
            continue
        pages = load_pages(folder)
        report = score(pages)
        reports.append(report)
        if len(folders) > 1:
            print(f"== {folder}")
        _print_report(f"Real pages ({len(pages)})", report)
    if len(reports) > 1:
        total = Report(
            sum(r.hit for r in reports),
            sum(r.predicted for r in reports),
            sum(r.gold for r in reports),
            tuple(line for r in reports for line in r.lost),
            tuple(line for r in reports for line in r.kept),
        )
        print(
            f"== All {len(reports)} folders: furniture precision {total.precision:.3f},"
            f" recall {total.recall:.3f}, content lost {len(total.lost)} span(s),"
            f" furniture kept {len(total.kept)} sentence(s)"
        )
    return 0


def _print_report(title: str, report: Report) -> None:
    print(
        f"{title}: furniture precision {report.hit}/{report.predicted}"
        f" = {report.precision:.3f}, recall {report.hit}/{report.gold} = {report.recall:.3f}"
        " (non-whitespace characters)"
    )
    print(f"Content lost to cleaning: {len(report.lost)} span(s)")
    for line in report.lost:
        print(f"  {line}")
    print(f"Furniture kept as sentences: {len(report.kept)}")
    for line in report.kept:
        print(f"  {line}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
