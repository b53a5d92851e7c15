"""Read files the way ``kpidesk inspect`` does, in worker processes under a memory cap and a time limit.

A worker (``python -m tests.fuzz.harness``) reads file paths on stdin, one a line, and answers
each with one JSON line: ``{"path", "outcome", "detail", "stderr", "cpu", "peak"}`` where ``outcome`` is
``table``, ``error:<TypedError>`` or ``traceback:<Exception>``, ``cpu`` the CPU seconds the worker
spent on the file (all its threads: what the file costs, whatever else the machine runs) and
``peak`` the worker's peak resident memory while it read the file, from the OS (Linux: ``VmHWM``,
reset before each file through ``/proc/self/clear_refs``; elsewhere ``ru_maxrss``, the worker's
peak so far, an upper bound).  Anything written on file
descriptor 2 while a file is read (a Rust panic report, a warning, a traceback) is captured
per file.  :func:`run_files` drives workers: a worker that dies by a signal, goes over the memory
cap or takes longer than the time limits is replaced and the file gets ``signal:N``, ``memory`` or
``hang``.  Time is judged by the worker's CPU time (``Limits.cpu_seconds``, read from ``/proc``
while it works), which a busy machine does not inflate; the wall clock (``Limits.seconds``) only
catches a worker that sleeps.  Source files are hashed before and after (``changed`` when their bytes differ).
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import selectors
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]
GOOD = ("table", "error:")


@dataclass
class Outcome:
    path: str
    outcome: str
    detail: str = ""
    stderr: str = ""
    seconds: float = 0.0
    changed: bool = False
    cpu_seconds: float = 0.0
    peak_bytes: int = 0

    @property
    def clean(self) -> bool:
        """Success or a typed error, nothing on stderr, the source untouched."""
        return self.outcome.startswith(GOOD) and not self.stderr.strip() and not self.changed


@dataclass
class Limits:
    memory_bytes: int = 3 << 30
    seconds: float = 120.0           # wall clock: generous, for a loaded machine; catches a sleeping worker
    cpu_seconds: float = 10.0        # CPU time one file may take (Linux; elsewhere only the wall clock counts)
    per_worker: int = 200            # files per worker before a fresh one (keeps memory drift out)
    env: dict = field(default_factory=dict)


def _cap_memory(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply


def _digest(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class _Worker:
    def __init__(self, limits: Limits) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO), "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
               **limits.env}
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.fuzz.harness"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=env,
                                     preexec_fn=_cap_memory(limits.memory_bytes))
        self.done = 0
        self.over_cpu = False
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.proc.stdout, selectors.EVENT_READ)
        ready = self._line(120.0)
        if ready is None or json.loads(ready).get("ready") is not True:
            raise RuntimeError(f"the reader worker did not start: {self.stop()}")

    def _line(self, timeout: float, cpu_limit: float | None = None) -> str | None:
        end = time.monotonic() + timeout
        cpu_start = self.cpu_seconds()
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            if self.selector.select(min(left, 0.25)):
                line = self.proc.stdout.readline()
                return line.decode("utf-8", "replace") if line else None
            if cpu_limit is not None and self.cpu_seconds() - cpu_start > cpu_limit:
                self.over_cpu = True
                return None

    def cpu_seconds(self) -> float:
        """The worker's CPU time so far, all threads (Linux ``/proc``; 0 elsewhere)."""
        try:
            with open(f"/proc/{self.proc.pid}/stat", encoding="ascii") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return 0.0

    def read(self, path: str, limits: Limits) -> dict | None:
        self.proc.stdin.write(path.encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        self.done += 1
        self.over_cpu = False
        line = self._line(limits.seconds, limits.cpu_seconds)
        return json.loads(line) if line else None

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        err = self.proc.stderr.read().decode("utf-8", "replace") if self.proc.stderr else ""
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            stream.close()
        self.selector.close()
        return err


def run_files(paths: list[str], limits: Limits | None = None,
              done: Callable[[int, Outcome], None] | None = None) -> list[Outcome]:
    """Read every file in ``paths`` in capped workers; one :class:`Outcome` per file, in order.
    ``done(i, outcome)`` is called as soon as file ``i`` is judged (a long run's progress)."""
    limits = limits or Limits()
    outcomes: list[Outcome] = []
    worker: _Worker | None = None
    for position, path in enumerate(paths):
        before = _digest(path)
        if worker is None or worker.done >= limits.per_worker:
            if worker is not None:
                worker.stop()
            worker = _Worker(limits)
        start = time.monotonic()
        answer = worker.read(path, limits)
        seconds = time.monotonic() - start
        if answer is None:
            over_cpu = worker.over_cpu
            try:                                   # an answer-less end before the limits: the worker died
                code = worker.proc.wait(timeout=5) if seconds < limits.seconds and not over_cpu else worker.proc.poll()
            except subprocess.TimeoutExpired:
                code = None
            if code is None:
                worker.stop()
                outcome = Outcome(path, "hang", f"no answer within {limits.cpu_seconds:g} s of CPU time" if over_cpu
                                  else f"no answer in {limits.seconds:.0f} s")
            else:
                err = worker.stop()
                died = f"signal:{-code}" if code < 0 else f"exit:{code}"
                outcome = Outcome(path, "memory" if "MemoryError" in err or "memory allocation" in err else died,
                                  err[-400:], err[-2000:])
            worker = None
        else:
            outcome = Outcome(path, answer["outcome"], answer.get("detail", ""), answer.get("stderr", ""),
                              cpu_seconds=answer.get("cpu", 0.0), peak_bytes=answer.get("peak", 0))
        outcome.seconds = seconds
        outcome.changed = _digest(path) != before
        outcomes.append(outcome)
        if done is not None:
            done(position, outcome)
    if worker is not None:
        worker.stop()
    return outcomes


def run_parallel(paths: list[str], limits: Limits | None = None, workers: int = 2,
                 done: Callable[[int, Outcome], None] | None = None) -> list[Outcome]:
    """:func:`run_files` over ``workers`` worker processes at once (files dealt round-robin); results in order.
    ``done(i, outcome)`` as in :func:`run_files`, ``i`` an index into ``paths`` (called from the pool's threads)."""
    from concurrent.futures import ThreadPoolExecutor

    def share(first: int) -> list[Outcome]:
        return run_files(paths[first::workers], limits,
                         None if done is None else lambda i, outcome: done(first + i * workers, outcome))

    with ThreadPoolExecutor(workers) as pool:
        shares = list(pool.map(share, range(workers)))
    out: list[Outcome] = [None] * len(paths)       # type: ignore[list-item]
    for i, outcomes in enumerate(shares):
        out[i::workers] = outcomes
    return out


# ----------------------------------------------------------------- the worker side
def read_like_inspect(path: Path) -> str:
    """What ``kpidesk inspect`` does with a file: read it, rank kinds, map and validate."""
    from metrics_core.cli.inspect_cmd import inspect_file, report_text

    dataset, guesses = inspect_file(path)
    report_text(dataset, guesses)
    return f"{len(dataset.table.frame)} rows"


def _reset_peak_memory() -> None:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")              # Linux: the peak resident size starts again from now
    except OSError:
        pass


def _peak_memory() -> int:
    """Peak resident bytes since :func:`_reset_peak_memory` (Linux), or of the whole process."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _read_one(path: Path) -> dict:
    from metrics_core.errors import KpiDeskError

    _reset_peak_memory()
    cpu_before = time.process_time()
    with tempfile.TemporaryFile() as captured:
        saved = os.dup(2)
        os.dup2(captured.fileno(), 2)
        try:
            try:
                detail = read_like_inspect(path)
                outcome = "table"
            except KpiDeskError as exc:
                outcome, detail = f"error:{type(exc).__name__}", str(exc)
            except BaseException as exc:           # noqa: BLE001 - every other end is what this harness reports
                outcome, detail = f"traceback:{type(exc).__name__}", str(exc)[:400]
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
        captured.seek(0)
        stderr = captured.read(4000).decode("utf-8", "replace")
    return {"path": str(path), "outcome": outcome, "detail": detail[:400], "stderr": stderr,
            "cpu": time.process_time() - cpu_before, "peak": _peak_memory()}


def worker_main() -> None:
    import logging

    logging.basicConfig(level=logging.WARNING)
    logging.getLogger().handlers[0].setStream(sys.stderr)
    import metrics_core.cli.inspect_cmd  # noqa: F401 - imported before the first file is timed
    out = sys.stdout
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        name = line.rstrip("\n")
        if name:
            out.write(json.dumps(_read_one(Path(name))) + "\n")
            out.flush()


if __name__ == "__main__":
    worker_main()
