"""The fixed CI sample of the hostile-file corpus (tests/fuzz/corpus.py): every file ends cleanly.

At least 1,500 of the corpus's 10,000+ files (every 6th, so every family is in it) are made in a
temporary folder and read as ``kpidesk inspect`` reads them, by two worker processes capped at
2 GB of address space and 60 s per file (a hang; the hand-made cases hold files to 20 s).  Each must give a table or a typed error, with nothing
on stderr, no signal, no hang, and its bytes unchanged.  ``bench/bench_hostile.py`` reads all of
them and prints the outcome counts per family.
"""

from __future__ import annotations

import collections
import time

import pytest

from tests.fuzz import corpus
from tests.fuzz.harness import Limits, run_parallel


def test_corpus_has_ten_thousand_files_and_a_fixed_sample() -> None:
    assert corpus.TOTAL >= 10_000
    sample = corpus.ci_sample()
    assert len(sample) >= 1_500
    assert {corpus.family_of(i)[0] for i in sample} == {family for family, _, _ in corpus.FAMILIES}


def test_files_are_made_the_same_way_every_time() -> None:
    for index in (0, 3_100, 4_900, 6_000, 9_999):
        assert corpus.build(index)[1] == corpus.build(index)[1]


@pytest.mark.slow
def test_ci_sample_of_the_corpus_ends_cleanly(tmp_path) -> None:
    start = time.perf_counter()
    files = corpus.write(corpus.ci_sample(), tmp_path)
    made = time.perf_counter() - start
    outcomes = run_parallel([str(path) for _, path in files], Limits(memory_bytes=2 << 30, seconds=60, per_worker=400))
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    bad = []
    for (item, _path), outcome in zip(files, outcomes):
        kind = outcome.outcome if outcome.outcome in ("table", "hang", "memory") or ":" not in outcome.outcome \
            else outcome.outcome.split(":")[0]
        counts[item.family][kind if outcome.clean else f"BAD {outcome.outcome}"] += 1
        if not outcome.clean:
            bad.append((item, outcome.outcome, outcome.detail[:200], outcome.stderr[-300:]))
    summary = "\n".join(f"{family}: {dict(c)}" for family, c in sorted(counts.items()))
    print(f"\n{len(files)} files made in {made:.0f} s, read in {time.perf_counter() - start - made:.0f} s\n{summary}")
    assert not bad, bad[:10]
