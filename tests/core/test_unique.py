"""aligning._unique stands in for np.unique (to skip its numpy.ma import): same results."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tui.core.aligning import _unique


@given(st.lists(st.integers(min_value=-50, max_value=10**12), max_size=60))
def test_unique_matches_numpy(values: list[int]) -> None:
    array = np.array(values, dtype=np.int64)
    expected_values, expected_inverse, expected_counts = np.unique(
        array, return_inverse=True, return_counts=True
    )
    got_values, got_inverse, got_counts = _unique(array, inverse=True, counts=True)
    assert got_values.tolist() == expected_values.tolist()
    assert got_inverse.tolist() == expected_inverse.tolist()
    assert got_counts.tolist() == expected_counts.tolist()
    assert got_values.dtype == expected_values.dtype


def test_unique_of_nothing_is_empty() -> None:
    (values,) = _unique(np.zeros(0, dtype=np.int64))
    assert values.tolist() == []
