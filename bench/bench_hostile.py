"""Read the whole hostile-file corpus (10,000+ files) and print outcome counts per family.

    python bench/bench_hostile.py [--workers 2] [--memory-gb 2] [--seconds 120] [--sample] [--keep DIR]
                                  [--cpu-limit 10] [--peak-gb 1]

Every file of ``tests/fuzz/corpus.py`` (or only the CI sample with ``--sample``) is made in a
temporary folder and read as ``kpidesk inspect`` reads it, in worker processes capped in memory
and time (``tests/fuzz/harness.py``).  A clean outcome is a table or a typed error with nothing
on stderr and the file unchanged, within ``--cpu-limit`` CPU seconds and ``--peak-gb`` of peak
resident memory (both measured by the OS per file); anything else (a traceback, a signal, a hang,
going over the memory cap or a limit, text on stderr, a changed file) is listed.  Exit code 1 when
any file ended badly.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fuzz import corpus  # noqa: E402
from tests.fuzz.harness import Limits, run_parallel  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-gb", type=float, default=2.0)
    parser.add_argument("--seconds", type=float, default=120.0, help="wall clock one file may take (a sleeping "
                        "reader); time is judged by --cpu-limit")
    parser.add_argument("--sample", action="store_true", help="only the fixed CI sample")
    parser.add_argument("--keep", metavar="DIR", help="make the files in DIR and leave them there")
    parser.add_argument("--cpu-limit", type=float, default=10.0, help="CPU seconds one file may take")
    parser.add_argument("--peak-gb", type=float, default=1.0, help="peak resident memory one file may take")
    args = parser.parse_args()
    indices = corpus.ci_sample() if args.sample else list(range(corpus.TOTAL))
    with tempfile.TemporaryDirectory(prefix="kpidesk-hostile-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        start = time.perf_counter()
        files = corpus.write(indices, folder)
        made = time.perf_counter() - start
        limits = Limits(memory_bytes=int(args.memory_gb * (1 << 30)), seconds=args.seconds,
                        cpu_seconds=args.cpu_limit, per_worker=400)
        outcomes = run_parallel([str(path) for _, path in files], limits, workers=args.workers)
        read = time.perf_counter() - start - made
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    slowest: list[tuple[float, str]] = []
    bad = []
    worst: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0])
    for (item, path), outcome in zip(files, outcomes):
        over = (outcome.cpu_seconds > args.cpu_limit, outcome.peak_bytes > args.peak_gb * (1 << 30))
        clean = outcome.clean and not any(over)
        label = outcome.outcome if clean else f"BAD {outcome.outcome}"
        if outcome.clean and over[0]:
            label = "BAD cpu"
        elif outcome.clean and over[1]:
            label = "BAD memory"
        counts[item.family][label] += 1
        worst[item.family][0] = max(worst[item.family][0], outcome.cpu_seconds)
        worst[item.family][1] = max(worst[item.family][1], outcome.peak_bytes / 1e6)
        slowest.append((outcome.cpu_seconds, f"{item.index:05d} {item.family} {item.name}"))
        if not clean:
            bad.append(f"{item.index:05d} {item.family} {item.name}: {label} cpu {outcome.cpu_seconds:.1f} s, "
                       f"wall {outcome.seconds:.1f} s, peak {outcome.peak_bytes / 1e6:.0f} MB "
                       f"{outcome.detail[:160]!r} "
                       f"{'(source changed) ' if outcome.changed else ''}{outcome.stderr[-200:]!r}")
    print(f"{len(files):,} files made in {made:.0f} s, read in {read:.0f} s with {args.workers} workers, "
          f"{sum(o.cpu_seconds for o in outcomes):.0f} s of CPU (cap {args.memory_gb:g} GB; per file "
          f"{args.cpu_limit:g} s of CPU, {args.seconds:g} s of wall clock, {args.peak_gb:g} GB peak)")
    for family, c in sorted(counts.items()):
        print(f"  {family:<18} {sum(c.values()):>5}  " + ", ".join(f"{k} {v}" for k, v in c.most_common())
              + f"  (most CPU {worst[family][0]:.1f} s, highest peak {worst[family][1]:.0f} MB)")
    print("most CPU: " + "; ".join(f"{name} {seconds:.1f} s" for seconds, name in sorted(slowest)[-5:]))
    print(f"bad: {len(bad)}")
    for line in bad[:50]:
        print("  " + line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
