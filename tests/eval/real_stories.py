"""Pair precision and recall on held-out real multi-outlet stories (tests/eval/real/).

Eight real stories, each three or four outlets' articles on one event (a missile test, a
naval clash, a terrorist attack, a border clash, a court hearing, a regulatory decision, a
provincial government decision, a political controversy), annotated fact by fact by helper
sessions that had not seen the model's output. The articles are third-party text, so the
repository holds only the annotations: offsets plus a digest of each span, and for each
article the public file it was read from (`sources`: GitHub repository, path, commit) and
the digest of its text. Save each article as `<PARALLAX_REAL_STORIES>/<story>/<article>.txt`
(default /work/data/real) exactly as read from that file; the digests catch a wrong copy.
Two stories had a second copy of one wire article; the copy is left out, so no story scores
one text against itself.

Run: `.venv/bin/python -m tests.eval.real_stories [--semantic] [--sensitivity S]`. It prints
each story's scores and the micro total over the stories present, and names any story whose
texts are missing. `python -m tests.eval.fit_pairs --extra tests/eval/real/*.yaml` fits or
cross-validates the pair model on them as well.

`tests/eval/real/figures/` holds every figure of the same stories, annotated by hand under
the policy in tui/core/figures.py, with the conflicts an editor would flag:
`python -m tests.eval.figures tests/eval/real/figures/*.yaml` scores extraction and conflicts.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

import yaml

from tests.eval.claims import score, span_digest, story_path
from tui.core.options import Options

HERE = Path(__file__).parent / "real"


def missing(annotation: Path) -> list[str]:
    """What keeps this story from being scored: absent or changed article files."""
    data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
    folder = story_path(data)
    problems = []
    for source in data["sources"]:
        path = folder / f"{source['article']}.txt"
        if not path.is_file():
            problems.append(f"{path}: missing (from {source['repo']} {source['path']})")
        elif span_digest(path.read_text(encoding="utf-8")) != source["sha1"]:
            problems.append(f"{path}: not the text of {source['repo']} {source['path']}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sensitivity", type=float, default=0.5, help="0 surest .. 1 most pairs")
    parser.add_argument("--semantic", action="store_true", help="add the embedding model")
    args = parser.parse_args(argv)
    hits = found = gold = 0
    scored = 0
    for annotation in sorted(HERE.glob("*.yaml")):
        problems = missing(annotation)
        if problems:
            print(f"{annotation.stem}: not scored")
            for problem in problems:
                print(f"  {problem}")
            continue
        with contextlib.redirect_stderr(io.StringIO()):
            s = score(annotation, Options(sensitivity=args.sensitivity, semantic=args.semantic))
        hits += len(s.gold & s.found)
        found += len(s.found)
        gold += len(s.gold)
        scored += 1
        print(
            f"{annotation.stem:28s} precision {s.precision:.3f}  recall {s.recall:.3f}  "
            f"F1 {s.f1:.3f}  paraphrase recall {s.paraphrase_recall:.3f}  "
            f"(gold {len(s.gold)}, found {len(s.found)})"
        )
    if not scored:
        return 1
    precision = hits / found if found else 1.0
    recall = hits / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(
        f"{'micro, ' + str(scored) + ' stories':28s} precision {precision:.3f}  "
        f"recall {recall:.3f}  F1 {f1:.3f}  (gold {gold}, found {found})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
