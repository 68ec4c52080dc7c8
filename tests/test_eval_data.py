"""The held-out real stories' annotations (tests/eval/real) are well formed: every fact is
stated by two or more of the story's own articles, and every span and article can be checked
against the texts once they are fetched (tests/eval/real_stories.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REAL = sorted((Path(__file__).parent / "eval" / "real").glob("*.yaml"))
DIGEST = re.compile(r"[0-9a-f]{16}")


def test_there_are_eight_held_out_stories() -> None:
    assert len(REAL) == 8


@pytest.mark.parametrize("annotation", REAL, ids=lambda p: p.stem)
def test_annotation_is_well_formed(annotation: Path) -> None:
    data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
    assert data["story"] == f"$PARALLAX_REAL_STORIES/{annotation.stem}"
    articles = [source["article"] for source in data["sources"]]
    assert len(articles) == len(set(articles)) >= 2
    for source in data["sources"]:
        assert DIGEST.fullmatch(source["sha1"])
        assert re.fullmatch(r"[0-9a-f]{40}", source["commit"])
    ids = [fact["id"] for fact in data["facts"]]
    assert len(ids) == len(set(ids))
    for fact in data["facts"]:
        assert len({span["article"] for span in fact["spans"]}) >= 2, fact["id"]
        for span in fact["spans"]:
            assert span["article"] in articles
            assert 0 <= span["start"] < span["end"]
            assert DIGEST.fullmatch(span["sha1"])
            assert "text" not in span, "third-party text stays out of the repository"


FIGURES = sorted((Path(__file__).parent / "eval" / "real" / "figures").glob("*.yaml"))


def test_every_held_out_story_has_its_figures_annotated() -> None:
    assert [p.stem for p in FIGURES] == [p.stem for p in REAL]


@pytest.mark.parametrize("annotation", FIGURES, ids=lambda p: p.stem)
def test_figure_annotation_is_well_formed(annotation: Path) -> None:
    data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
    assert data["story"] == f"$PARALLAX_REAL_STORIES/{annotation.stem}"
    claims = yaml.safe_load((annotation.parent.parent / annotation.name).read_text("utf-8"))
    articles = {source["article"] for source in claims["sources"]}
    kinds = {"count", "money", "percent", "measure", "year", "date", "duration", "ordinal"}
    for figure in data["figures"]:
        assert figure["article"] in articles
        assert 0 <= figure["start"] < figure["end"]
        assert figure["end"] - figure["start"] == len(figure["text"])
        assert figure["kind"] in kinds, figure
    for conflict in data.get("conflicts") or []:
        assert len(conflict["values"]) >= 2
