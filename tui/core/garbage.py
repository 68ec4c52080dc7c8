"""Cyclic garbage collection paused while a story is analysed.

The analysis allocates hundreds of thousands of small tuples (tokens, spans, candidate
pairs) and frees almost none until it ends, so every automatic collection walks a growing
heap and finds nothing: measured on 100 sources x 60 sentences, alignment takes 0.69 s with
collection paused against 0.79 s with it running, and 2.2 s against 2.6 s on 300 sources.
Reference counting still frees everything that is not in a cycle.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause automatic collection inside the block; restore what was set before it (nested
    blocks and callers that already disabled it keep their setting)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
