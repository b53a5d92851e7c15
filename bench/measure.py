"""Timing whole processes: CPU time and peak memory from the operating system's accounting.

Each command runs as a child process of its own (started by the small ``bench/launch.py``,
so that its peak memory is its own); when it ends, ``os.wait4`` gives its resource usage: user + system CPU seconds and the peak resident set (``ru_maxrss``).
On Linux that usage also covers the child's own children once they have ended (a
LibreOffice launcher's office process, the report's chart-drawing process), with the peak
being that of the largest single process. Commands are alternated run by run, so that
both sides of a comparison see the same load on a busy machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024     # ru_maxrss: bytes on macOS, KiB on Linux
LAUNCHER = Path(__file__).resolve().with_name("launch.py")


@dataclass(frozen=True)
class Run:
    """One finished process."""

    cpu_s: float
    peak_bytes: int
    wall_s: float
    returncode: int
    stdout: str
    stderr: str


def run_process(cmd: Sequence[str], *, env: dict[str, str] | None = None, cwd: str | Path | None = None,
                nice: int = 0, timeout_s: float = 3600.0) -> Run:
    """Run ``cmd`` to its end; its CPU time (user + sys) and peak memory as the kernel counted them.

    The command is started by ``bench/launch.py`` (a 9 MiB parent), not forked from this process:
    a child's ``ru_maxrss`` includes the size of the process it was forked from."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".usage") as usage:
        start = time.perf_counter()
        launcher = subprocess.Popen([sys.executable, "-S", str(LAUNCHER), usage.name, str(timeout_s), str(nice), *cmd],
                                    stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        try:
            launcher.wait()
        except BaseException:                   # the bench is stopped: the launcher ends the command, then itself
            launcher.terminate()
            launcher.wait()
            raise
        wall = time.perf_counter() - start
        fields = usage.read().split()
        if launcher.returncode != 0 or len(fields) != 4:
            raise RuntimeError(f"the launcher failed ({launcher.returncode}) for {' '.join(map(str, cmd))}")
        code, user, system, maxrss = int(fields[0]), float(fields[1]), float(fields[2]), int(fields[3])
        if code == -9 and wall >= timeout_s:
            raise TimeoutError(f"{' '.join(map(str, cmd))} ran longer than {timeout_s:.0f} s")
        out.seek(0)
        err.seek(0)
        return Run(user + system, maxrss * MAXRSS_UNIT, wall, code, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"))


@dataclass
class Sample:
    """The runs of one command: best and median CPU time, median peak memory."""

    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def best_cpu(self) -> float:
        return min(r.cpu_s for r in self.runs)

    @property
    def median_cpu(self) -> float:
        return statistics.median(r.cpu_s for r in self.runs)

    @property
    def peak(self) -> int:
        return int(statistics.median(r.peak_bytes for r in self.runs))

    @property
    def median_wall(self) -> float:
        return statistics.median(r.wall_s for r in self.runs)

    def describe(self) -> str:
        cpus = ", ".join(f"{r.cpu_s:.2f}" for r in self.runs)
        return (f"{self.name}: CPU best {self.best_cpu:.2f} s, median {self.median_cpu:.2f} s (runs {cpus}); "
                f"peak {mib(self.peak):.0f} MiB; wall median {self.median_wall:.1f} s")


class CommandFailed(RuntimeError):
    pass


def alternate(commands: dict[str, Sequence[str]], runs: int, *, nice: int = 0, env: dict[str, str] | None = None,
              check=None, log=print, cwds: dict[str, str | Path] | None = None) -> dict[str, Sample]:
    """Run each command ``runs`` times, taking turns (a, b, a, b …); each run a fresh process (in the folder
    ``cwds`` gives for it, if any: ``python -m metrics_core`` run in another checkout runs that checkout)."""
    samples = {name: Sample(name) for name in commands}
    for i in range(runs):
        for name, cmd in commands.items():
            run = run_process(cmd, env=env, nice=nice, cwd=(cwds or {}).get(name))
            if run.returncode not in (0,) and not (check and check(name, run)):
                raise CommandFailed(f"{name} exited {run.returncode}: {' '.join(cmd)}\n{run.stderr[-3000:]}")
            samples[name].runs.append(run)
            log(f"    run {i + 1}/{runs} {name}: {run.cpu_s:.2f} s CPU, {mib(run.peak_bytes):.0f} MiB peak, "
                f"{run.wall_s:.1f} s wall")
    return samples


def mib(n: int | float) -> float:
    return n / 2**20
