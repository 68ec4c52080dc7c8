"""Speed floors for cleaning and segmentation (excluded from the default run: tests/perf)."""

from __future__ import annotations

from tests.eval.segmentation import load_annotations, speed


def test_segmentation_speed_floor() -> None:
    sentences_per_second, ms_per_article = speed(load_annotations(), seconds=2.0)
    # Measured 45,000-55,000 sentences/s and 1.4-2.2 ms per article on the 2-core machine
    # (MEASURED.md); the floors leave room for a busier machine.
    assert sentences_per_second >= 25_000
    assert ms_per_article <= 5.0
