"""The hostile-file corpus (tests/fuzz/corpus.py): its size, its fixed CI sample, its determinism, and a
fast slice of it read the way ``kpidesk inspect`` reads a file.

``bench/bench_hostile.py`` reads every file (or ``--sample``: the CI sample of 1,684) in capped
worker processes and prints the outcome counts per family. The whole sample takes minutes of CPU,
so CI reads a fixed slice of it here (every :data:`FAST_STEP`-th file of the corpus, every family,
about a minute of CPU at most): each file must end in a table or a typed error, with nothing on
stderr (no traceback, no pandas warning), the source unchanged, within 10 s of CPU and 1 GB of peak
memory (judged by the OS, per file; tests/fuzz/harness.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.fuzz import corpus
from tests.fuzz.harness import Limits, run_files

FAST_STEP = 150
CPU_LIMIT_S = 10.0
PEAK_LIMIT = 1 << 30
#: Families still near the 10 s the issue asks, with the CPU they may take on a loaded machine (issue 16, open):
#: a workbook or CSV of about 2,000 filled columns (the limit is 2,048) is typed column by column (file 8250
#: of this slice: a 2,000-column xlsx, 13.2 -> 6.2 s CPU at load 15 since header matching became one pass).
SLOWER = {"extreme_width": 15.0}


def test_corpus_has_ten_thousand_files_and_a_fixed_sample() -> None:
    assert corpus.TOTAL >= 10_000
    sample = corpus.ci_sample()
    assert len(sample) >= 1_500
    assert {corpus.family_of(i)[0] for i in sample} == {family for family, _, _ in corpus.FAMILIES}


def test_files_are_made_the_same_way_every_time() -> None:
    for index in (0, 3_100, 4_900, 6_000, 9_999):
        assert corpus.build(index)[1] == corpus.build(index)[1]


def test_a_fixed_slice_of_the_corpus_is_read_cleanly_and_within_bounds() -> None:
    indices = list(range(0, corpus.TOTAL, FAST_STEP))
    assert {corpus.family_of(i)[0] for i in indices} == {family for family, _, _ in corpus.FAMILIES}
    with tempfile.TemporaryDirectory(prefix="kpidesk-fuzz-") as tmp:
        files = corpus.write(indices, Path(tmp))
        outcomes = run_files([str(path) for _, path in files],
                             Limits(memory_bytes=2 << 30, cpu_seconds=max(SLOWER.values()), per_worker=len(files)))
    bad = [f"{item.index} {item.family} {item.name}: {o.outcome} {o.detail[:120]!r} stderr {o.stderr[:300]!r}"
           f"{' (source changed)' if o.changed else ''}"
           for (item, _), o in zip(files, outcomes) if not o.clean]
    assert bad == []
    over = [f"{item.index} {item.family}: {o.cpu_seconds:.1f} s CPU, {o.peak_bytes / 1e6:.0f} MB"
            for (item, _), o in zip(files, outcomes)
            if o.cpu_seconds > SLOWER.get(item.family, CPU_LIMIT_S) or o.peak_bytes > PEAK_LIMIT]
    assert over == []
    refused = [o for o in outcomes if o.outcome.startswith("error:")]
    assert refused and all(o.detail.strip() for o in refused)      # a refusal always says why
