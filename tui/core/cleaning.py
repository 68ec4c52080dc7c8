"""Finding page furniture (banners, buttons, captions, taglines) as boilerplate spans.

Furniture is never deleted: it stays in the article's text as a `Boilerplate` span with a reason,
so offsets stay true and the reader can show it greyed out.
"""

from __future__ import annotations

from tui.core.models import Boilerplate


def find_boilerplate(text: str, front_matter_end: int = 0) -> tuple[Boilerplate, ...]:
    """Spans of furniture in `text`, sorted and disjoint, without surrounding whitespace."""
    spans: list[Boilerplate] = []
    if front_matter_end:
        spans.append(Boilerplate(0, len(text[:front_matter_end].rstrip()), "front matter"))
    return tuple(spans)
