"""Distinct texts of 9 to 16 ASCII characters (call ids) are counted from pairs of 8-byte keys: a mark per possible
pair when the pairs are few, else the distinct pairs; either way the count of ``set``."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics_core.ingest.cells import _count_distinct_texts

ASCII = st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=16)


@settings(max_examples=80, deadline=None)
@given(st.lists(ASCII, min_size=1, max_size=60), st.integers(1, 4))
def test_counts_as_a_set(texts, repeat):
    cells = np.array(texts * repeat, dtype=object)
    assert _count_distinct_texts(cells) == len(set(texts))


def test_call_ids_many_and_few_pairs():
    ids = np.array([str(5_000_000_000 + i) for i in range(20_000)] * 2, dtype=object)     # few possible pairs
    assert _count_distinct_texts(ids) == 20_000
    rng = np.random.default_rng(1)                                                       # many possible pairs
    odd = np.array([f"{a:08d}{b:04d}" for a, b in rng.integers(0, 10**4, (5_000, 2))], dtype=object)
    assert _count_distinct_texts(odd) == len(set(odd.tolist()))
