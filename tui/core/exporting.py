"""The comparison as JSON (`parallax.comparison/1`): the same model the reader renders."""

from __future__ import annotations

import math
from typing import Any

import orjson

from tui.core.models import Alignment, Comparison, FigureValue

SCHEMA_ID = "parallax.comparison/1"


def _number(value: FigureValue) -> FigureValue:
    """Whole floats print as integers so `600000.0` and `600000` export identically.

    A non-finite float (an overflowing "1e999") becomes null: JSON has no NaN or Infinity.
    """
    if isinstance(value, int) and abs(value) >= 2**63:
        return float(value)  # the JSON writer (orjson) holds integers to 64 bits
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
    return value


def to_dict(comparison: Comparison, alignment: Alignment | None = None) -> dict[str, Any]:
    """The export as plain data, in the schema's field order."""
    articles = [
        {
            "id": article.id,
            "path": article.path,
            "source": article.source,
            "title": article.title,
            "url": article.url,
            "published": article.published,
            "language": article.language,
            "text": article.text,
            "sentences": [
                {
                    "id": s.id,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "paragraph": s.paragraph,
                    "claims": list(comparison.claims_of(s.id)),
                }
                for s in article.sentences
            ],
            "boilerplate": [
                {"start": b.start, "end": b.end, "reason": b.reason} for b in article.boilerplate
            ],
        }
        for article in comparison.articles
    ]
    claims = [
        {
            "id": claim.id,
            "sentences": list(claim.sentences),
            "sources": claim.sources,
            "similarity": round(claim.similarity, 4),
            "kind": claim.kind,
            "variants": [
                {"sentence": v.sentence, "start": v.start, "end": v.end, "kind": v.kind}
                for v in claim.variants
            ],
        }
        for claim in comparison.claims
    ]
    figures = [
        {
            "id": f.id,
            "article": f.article,
            "sentence": f.sentence,
            "start": f.start,
            "end": f.end,
            "text": f.text,
            "value": _number(f.value),
            "value_max": _number(f.value_max),
            "kind": f.kind,
            "unit": f.unit,
            "qualifier": f.qualifier,
            "subject": f.subject,
            "attribution": f.attribution,
        }
        for f in comparison.figures
    ]
    groups = [
        {
            "id": g.id,
            "subject": g.subject,
            "figures": list(g.figures),
            "values": [_number(v) for v in g.values],
            "conflict": g.conflict,
        }
        for g in comparison.figure_groups
    ]
    data: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "story": {"title": comparison.title},
        "articles": articles,
        "claims": claims,
        "figures": figures,
        "figure_groups": groups,
    }
    if alignment is not None:
        data["pivot"] = alignment.pivot
        data["rows"] = [list(row) for row in alignment.rows]
        data["moved"] = [list(pair) for pair in alignment.moved]
    return data


def to_json(comparison: Comparison, alignment: Alignment | None = None) -> str:
    """Deterministic JSON text: same model, same bytes."""
    data = to_dict(comparison, alignment)
    # orjson writes a 100-source story's 6 MB in 7 ms; the standard encoder takes 155 ms once
    # it indents (its C accelerator serves compact output only). Figure values reach it as
    # floats or 64-bit integers (`_number`), never the longer integers it refuses.
    text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    return text + "\n"
