"""`parallax export` on the sample: valid against the contract, and the same bytes every run."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

SCHEMA = Path(__file__).parent / "schema" / "comparison-1.schema.json"


@cache
def run_export(*args: str) -> bytes:
    """stdout of `python -m tui export ARGS` in a fresh interpreter (cached per arguments)."""
    done = subprocess.run(
        [sys.executable, "-m", "tui", "export", *args], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    return done.stdout


def validate(data: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


def test_sample_export_matches_the_schema() -> None:
    data = json.loads(run_export())
    validate(data)
    assert len(data["articles"]) == 5
    assert data["story"]["title"]
    for article in data["articles"]:
        text = article["text"]
        assert not text.startswith("\ufeff")
        for n, sentence in enumerate(article["sentences"]):
            assert sentence["id"] == f"{article['id']}#{n}"
            assert text[sentence["start"] : sentence["end"]] == sentence["text"]
            assert sentence["text"] == sentence["text"].strip()


def test_pivot_export_matches_the_schema() -> None:
    plain = json.loads(run_export())
    pivot = plain["articles"][2]["id"]
    data = json.loads(run_export("--pivot", pivot))
    validate(data)
    assert data["pivot"] == pivot
    ids = [a["id"] for a in data["articles"]]
    for row in data["rows"]:
        assert len(row) == len(ids)
        for article_id, cell in zip(ids, row, strict=True):
            assert cell is None or cell.startswith(f"{article_id}#")
    listed = {cell for row in data["rows"] for cell in row if cell is not None}
    every = {s["id"] for a in data["articles"] for s in a["sentences"]}
    assert listed == every, "each sentence appears in exactly one row"


@pytest.mark.parametrize("args", [(), ("--pivot", "000_fe05ca633df7314e")], ids=["plain", "pivot"])
def test_export_is_byte_identical_across_runs(args: tuple[str, ...]) -> None:
    first = subprocess.run([sys.executable, "-m", "tui", "export", *args], capture_output=True)
    second = subprocess.run([sys.executable, "-m", "tui", "export", *args], capture_output=True)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    assert first.stdout.decode("utf-8").endswith("}\n")


def test_a_figure_beyond_64_bits_still_exports(tmp_path: Path) -> None:
    """orjson refuses integers past 64 bits: such a figure reaches it as a float."""
    from tui.core.exporting import to_json
    from tui.core.pipeline import build_comparison

    huge = "123456789012345678901234567"
    (tmp_path / "a.txt").write_text(f"The fund counted {huge} coins on Monday.\n", "utf-8")
    (tmp_path / "b.txt").write_text("The fund counted its coins on Monday.\n", "utf-8")
    comparison, _ = build_comparison([str(tmp_path)])
    data = json.loads(to_json(comparison))
    validate(data)
    assert float(huge) in [f["value"] for f in data["figures"]]
