"""Read the whole hostile-file corpus (11,300 files) and print outcome counts per family.

    python bench/bench_hostile.py [--workers 2] [--memory-gb 2] [--seconds 120] [--sample] [--keep DIR]
                                  [--cpu-limit 10] [--stop-cpu 60] [--peak-gb 1] [--jsonl FILE [--resume]]
    python bench/bench_hostile.py --summarise FILE [--cpu-limit 10] [--peak-gb 1]

Every file of ``tests/fuzz/corpus.py`` (every 7th from the first, which is the CI sample, then every 7th
from the second, and so on; or only the CI sample with ``--sample``) is made in a temporary folder and
read as ``kpidesk inspect`` reads it, in worker processes capped in memory and time
(``tests/fuzz/harness.py``).  A clean outcome is a table or a typed error with
nothing on stderr and the file unchanged, within ``--cpu-limit`` CPU seconds and ``--peak-gb`` of peak
resident memory (both measured by the OS per file); a worker still busy after ``--stop-cpu`` CPU seconds
is stopped and the file counts as a hang.  Anything else (a traceback, a signal, a hang, going over the
memory cap or a limit, text on stderr, a changed file) is listed.  Exit code 1 when any file ended badly.
``--jsonl`` writes each file's outcome as soon as it is known; ``--resume`` goes on with a run cut short,
and ``--summarise`` prints the table of such a file.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fuzz import corpus  # noqa: E402
from tests.fuzz.harness import Limits, Outcome, run_parallel  # noqa: E402

COLUMNS = ("table", "typed error", "traceback", "signal or exit", "hang", "memory cap", "stderr or changed",
           "over CPU", "over peak")


def record(item: corpus.CorpusFile, outcome: Outcome) -> dict:
    return {"index": item.index, "family": item.family, "name": item.name, "outcome": outcome.outcome,
            "clean": outcome.clean, "cpu": outcome.cpu_seconds, "wall": outcome.seconds, "peak": outcome.peak_bytes,
            "changed": outcome.changed, "detail": outcome.detail[:200], "stderr": outcome.stderr[-300:]}


def verdict(rec: dict, cpu_limit: float, peak_limit: float) -> tuple[str, list[str]]:
    """The file's outcome column and the limits it went over (CPU seconds, peak bytes)."""
    outcome = rec["outcome"]
    if outcome == "table" or outcome.startswith("error:"):
        kind = "table" if outcome == "table" else "typed error"
        if not rec["clean"]:
            kind = "stderr or changed"
    elif outcome.startswith("traceback:"):
        kind = "traceback"
    elif outcome.startswith(("signal:", "exit:")):
        kind = "signal or exit"
    elif outcome == "memory":
        kind = "memory cap"
    else:
        kind = "hang"
    over = (["over CPU"] if rec["cpu"] > cpu_limit else []) + (["over peak"] if rec["peak"] > peak_limit else [])
    return kind, over


def summarise(records: list[dict], cpu_limit: float, peak_limit: float) -> tuple[str, list[str]]:
    """A Markdown table of outcomes per family, and one line for each file that did not end cleanly."""
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    worst: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0])
    bad = []
    for rec in sorted(records, key=lambda r: r["index"]):
        kind, over = verdict(rec, cpu_limit, peak_limit)
        for family in (rec["family"], "all"):
            counts[family][kind] += 1
            counts[family].update(over)
            worst[family] = [max(worst[family][0], rec["cpu"]), max(worst[family][1], rec["peak"] / 1e6)]
        if kind not in ("table", "typed error") or over:
            bad.append(f"{rec['index']:05d} {rec['family']} {rec['name']}: {kind} {' '.join(over)} "
                       f"cpu {rec['cpu']:.1f} s, wall {rec['wall']:.1f} s, peak {rec['peak'] / 1e6:.0f} MB "
                       f"{rec['outcome']} {rec['detail'][:160]!r} {'(source changed) ' if rec['changed'] else ''}"
                       f"{rec['stderr'][-200:]!r}")
    order = [family for family, _, _ in corpus.FAMILIES if family in counts] + ["all"]
    lines = ["| family | files | " + " | ".join(COLUMNS) + " | most CPU s | highest peak MB |",
             "|" + "---|" * (len(COLUMNS) + 4)]
    for family in order:
        c = counts[family]
        lines.append(f"| {family} | {sum(c[k] for k in COLUMNS[:7]):,} | " + " | ".join(f"{c[k]:,}" for k in COLUMNS)
                     + f" | {worst[family][0]:.1f} | {worst[family][1]:.0f} |")
    return "\n".join(lines), bad


def _stream(name: str, files: list) -> Callable[[int, Outcome], None]:
    handle = open(name, "a", encoding="utf-8")       # noqa: SIM115 - open for the whole run, closed at exit
    lock = threading.Lock()

    def done(i: int, outcome: Outcome) -> None:
        with lock:
            handle.write(json.dumps(record(files[i][0], outcome)) + "\n")
            handle.flush()
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-gb", type=float, default=2.0)
    parser.add_argument("--seconds", type=float, default=120.0, help="wall clock one file may take (a sleeping "
                        "reader); time is judged by --cpu-limit")
    parser.add_argument("--sample", action="store_true", help="only the fixed CI sample")
    parser.add_argument("--keep", metavar="DIR", help="make the files in DIR and leave them there")
    parser.add_argument("--cpu-limit", type=float, default=10.0, help="CPU seconds one file may take")
    parser.add_argument("--stop-cpu", type=float, default=60.0, help="CPU seconds after which a reader is stopped")
    parser.add_argument("--peak-gb", type=float, default=1.0, help="peak resident memory one file may take")
    parser.add_argument("--jsonl", metavar="FILE", help="write each file's outcome to FILE as it is known")
    parser.add_argument("--resume", action="store_true", help="skip the files the --jsonl file already has")
    parser.add_argument("--summarise", metavar="FILE", help="only print the table of a --jsonl file")
    args = parser.parse_args()
    if args.resume and not args.jsonl:
        parser.error("--resume goes with --jsonl")
    peak_limit = args.peak_gb * (1 << 30)
    if args.summarise:
        with open(args.summarise, encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
        table, bad = summarise(records, args.cpu_limit, peak_limit)
        print(f"{len(records):,} files in {args.summarise}\n{table}\nbad: {len(bad)}")
        for line in bad[:50]:
            print("  " + line)
        return 1 if bad else 0
    # every SAMPLE_STEP-th file from offset 0 (the CI sample), then from offset 1, ...: a run cut short has read
    # an even share of every family
    indices = corpus.ci_sample() if args.sample else sorted(range(corpus.TOTAL),
                                                           key=lambda i: (i % corpus.SAMPLE_STEP, i))
    if args.resume:
        with open(args.jsonl, encoding="utf-8") as handle:
            done = {json.loads(line)["index"] for line in handle if line.strip()}
        indices = [i for i in indices if i not in done]
    with tempfile.TemporaryDirectory(prefix="kpidesk-hostile-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        start = time.perf_counter()
        files = corpus.write(indices, folder)
        made = time.perf_counter() - start
        limits = Limits(memory_bytes=int(args.memory_gb * (1 << 30)), seconds=args.seconds,
                        cpu_seconds=max(args.stop_cpu, args.cpu_limit), per_worker=400)
        outcomes = run_parallel([str(path) for _, path in files], limits, workers=args.workers,
                                done=_stream(args.jsonl, files) if args.jsonl else None)
        read = time.perf_counter() - start - made
    records = [record(item, outcome) for (item, _), outcome in zip(files, outcomes)]
    table, bad = summarise(records, args.cpu_limit, peak_limit)
    print(f"{len(files):,} files made in {made:.0f} s, read in {read:.0f} s with {args.workers} workers, "
          f"{sum(o.cpu_seconds for o in outcomes):.0f} s of CPU (cap {args.memory_gb:g} GB; per file "
          f"{args.cpu_limit:g} s of CPU, stopped after {args.stop_cpu:g} s of CPU or {args.seconds:g} s of wall "
          f"clock, {args.peak_gb:g} GB peak)")
    print(table)
    slowest = sorted((r["cpu"], f"{r['index']:05d} {r['family']} {r['name']}") for r in records)[-5:]
    print("most CPU: " + "; ".join(f"{name} {seconds:.1f} s" for seconds, name in slowest))
    print(f"bad: {len(bad)}")
    for line in bad[:50]:
        print("  " + line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
