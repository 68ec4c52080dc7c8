"""Sentence segmentation with character offsets into the original text."""

from __future__ import annotations

import itertools
import re

from tui.core.models import Boilerplate, Sentence

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def segment(
    article_id: str, text: str, boilerplate: tuple[Boilerplate, ...]
) -> tuple[Sentence, ...]:
    """Sentences covering every non-whitespace character outside `boilerplate`, in order."""
    sentences: list[Sentence] = []
    paragraph = -1
    cursor = 0
    blocked = sorted((b.start, b.end) for b in boilerplate)
    pieces: list[tuple[int, int]] = []
    for start, end in blocked:
        pieces.append((cursor, start))
        cursor = max(cursor, end)
    pieces.append((cursor, len(text)))
    for piece_start, piece_end in pieces:
        for line in re.finditer(r"[^\r\n]+", text[piece_start:piece_end]):
            if not line.group().strip():
                continue
            paragraph += 1
            base = piece_start + line.start()
            bounds = [
                0,
                *(m.end() for m in _SENTENCE_END.finditer(line.group())),
                len(line.group()),
            ]
            for a, b in itertools.pairwise(bounds):
                chunk = line.group()[a:b]
                if not chunk.strip():
                    continue
                lead = len(chunk) - len(chunk.lstrip())
                start = base + a + lead
                end = base + a + len(chunk.rstrip())
                sentences.append(
                    Sentence(
                        id=f"{article_id}#{len(sentences)}",
                        article=article_id,
                        index=len(sentences),
                        start=start,
                        end=end,
                        text=text[start:end],
                        paragraph=paragraph,
                    )
                )
    return tuple(sentences)
