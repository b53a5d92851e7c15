"""The hostile-file corpus (tests/fuzz/corpus.py): its size, its fixed CI sample, its determinism, and the
whole CI sample read the way ``kpidesk inspect`` reads a file.

The sample test (marker ``fuzz_sample``: about 4 minutes of CPU, the 2,000-column files the most) reads
every file of :func:`corpus.ci_sample` (1,615 files, every family) in two worker processes capped at 2 GB of address
space; each file must end in a table or a typed error, with nothing on stderr (no traceback, no pandas
warning), the source unchanged, within 10 s of CPU and 1 GB of peak memory (judged by the OS, per file;
tests/fuzz/harness.py). CI runs it in its own lane beside the suite (.ci/run); ``pytest -m fuzz_sample``
runs it alone. Every hand-made hostile case (tests/fuzz/hostile.py) is read in the suite by
tests/core/hostile/test_hostile_cases.py, with the outcome each must have; ``bench/bench_hostile.py`` reads
all 11,300 files.
"""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from tests.fuzz import corpus, hostile
from tests.fuzz.harness import Limits, run_parallel

CPU_LIMIT_S = 10.0
PEAK_LIMIT = 1 << 30


def test_corpus_has_ten_thousand_files_and_a_fixed_sample() -> None:
    assert corpus.TOTAL >= 10_000
    sample = corpus.ci_sample()
    assert len(sample) >= 1_500
    assert {corpus.family_of(i)[0] for i in sample} == {family for family, _, _ in corpus.FAMILIES}


def test_files_are_made_the_same_way_every_time(monkeypatch) -> None:
    """The same bytes on another day too: zip entries and workbook properties carry no date of making."""
    indices = (0, 3_100, 3_101, 3_102, 3_103, 4_900, 6_000, 7_302, 7_308, 9_999, 10_100, 11_299)
    first = {index: corpus.build(index)[1] for index in indices}
    next_year = time.localtime(time.time() + 400 * 86_400)
    monkeypatch.setattr(time, "localtime", lambda *_: next_year)
    assert [index for index in indices if corpus.build(index)[1] != first[index]] == []
    with zipfile.ZipFile(io.BytesIO(hostile.xlsx())) as book:
        assert b"2024-03-01T09:00:00Z" in book.read("docProps/core.xml")


def test_a_zip_python_cannot_list_is_still_mutated() -> None:
    """File 4907 flips a byte that makes its .ods say 'zip version 23.4': Python's zipfile refuses to list it
    (NotImplementedError), which once stopped the making of the whole corpus."""
    item, data = corpus.build(4907)
    assert item.family == "ods_xls_mutation" and data


@pytest.mark.fuzz_sample
def test_the_ci_sample_of_the_corpus_is_read_cleanly_and_within_bounds() -> None:
    indices = corpus.ci_sample()
    with tempfile.TemporaryDirectory(prefix="kpidesk-fuzz-") as tmp:
        files = corpus.write(indices, Path(tmp))
        outcomes = run_parallel([str(path) for _, path in files],
                                Limits(memory_bytes=2 << 30, cpu_seconds=CPU_LIMIT_S, per_worker=400),
                                workers=2)
    bad = [f"{item.index} {item.family} {item.name}: {o.outcome} {o.detail[:120]!r} stderr {o.stderr[:300]!r}"
           f"{' (source changed)' if o.changed else ''}"
           for (item, _), o in zip(files, outcomes) if not o.clean]
    over = [f"{item.index} {item.family}: {o.cpu_seconds:.1f} s CPU, {o.peak_bytes / 1e6:.0f} MB"
            for (item, _), o in zip(files, outcomes)
            if o.cpu_seconds > CPU_LIMIT_S or o.peak_bytes > PEAK_LIMIT]
    print(f"fuzz sample: {len(files)} files, {sum(o.outcome == 'table' for o in outcomes)} tables, "
          f"{sum(o.outcome.startswith('error:') for o in outcomes)} typed errors, {len(bad)} bad, {len(over)} over "
          f"a limit; {sum(o.cpu_seconds for o in outcomes):.0f} s of CPU, most {max(o.cpu_seconds for o in outcomes):.1f} s, "
          f"highest peak {max(o.peak_bytes for o in outcomes) / 1e6:.0f} MB")
    assert bad == []
    assert over == []
    refused = [o for o in outcomes if o.outcome.startswith("error:")]
    assert refused and all(o.detail.strip() for o in refused)      # a refusal always says why
