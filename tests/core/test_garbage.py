"""The analysis pauses cyclic garbage collection and always restores the caller's setting."""

from __future__ import annotations

import gc

import pytest

from tui.core.garbage import collection_paused
from tui.core.pipeline import build_comparison


def test_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner block does not resume the outer one's pause"
    assert gc.isenabled()


def test_restored_when_the_block_raises() -> None:
    with pytest.raises(RuntimeError), collection_paused():
        raise RuntimeError
    assert gc.isenabled()


def test_a_caller_that_disabled_collection_keeps_it_disabled() -> None:
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_pipeline_leaves_collection_on(sample_paths: list[str]) -> None:
    build_comparison(sample_paths)
    assert gc.isenabled()
