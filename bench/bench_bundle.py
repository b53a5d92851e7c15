"""Bundle size and start-up time of KPI Desk, frozen and from source.

    python bench/bench_bundle.py [--dist dist/KPIDesk] [--runs 3]

Prints the one-folder size, the zip size, and the wall time from launch to the
first painted main window (under Xvfb when there is no display), for the frozen
app (if built) and for ``python -m desktop_app`` from source. Aims (issue 6):
onedir <= 300 MB, zip <= 120 MB, first window within 3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def first_paint_seconds(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        env = dict(os.environ, KPIDESK_FIRST_PAINT_PROBE="1", KPIDESK_LAUNCH_T0=repr(time.time()))
        prefix = [] if env.get("DISPLAY") else ["xvfb-run", "-a"]
        env.pop("QT_QPA_PLATFORM", None)
        out = subprocess.run(prefix + cmd, env=env, capture_output=True, text=True, timeout=120)
        line = next((l for l in out.stdout.splitlines() if l.startswith("first-paint ")), None)
        if line is None:
            raise SystemExit(f"no first-paint line from {' '.join(cmd)}:\n{out.stdout}\n{out.stderr[-2000:]}")
        times.append(float(line.split()[1]))
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dist", default=str(REPO / "dist" / "KPIDesk"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    dist = Path(args.dist)
    print("KPI Desk bundle benchmark")
    if dist.is_dir():
        size = folder_size(dist)
        zips = sorted(dist.parent.glob("KPIDesk-*.zip"))
        print(f"  onedir size      : {size / 1e6:8.1f} MB   (aim <= 300 MB)")
        if zips:
            print(f"  zip size         : {zips[-1].stat().st_size / 1e6:8.1f} MB   (aim <= 120 MB)  {zips[-1].name}")
        exe = dist / ("KPIDesk.exe" if sys.platform.startswith("win") else "KPIDesk")
        t = first_paint_seconds([str(exe)], args.runs)
        print(f"  first window, frozen      : median {statistics.median(t):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in t)}; aim <= 3 s)")
    else:
        print(f"  (no frozen build at {dist}: run `bash packaging/build.sh` first)")
    t = first_paint_seconds([sys.executable, "-m", "desktop_app"], args.runs)
    print(f"  first window, from source : median {statistics.median(t):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in t)})")
    if shutil.which("xvfb-run") is None and not os.environ.get("DISPLAY"):
        print("  note: no display and no xvfb-run; install xvfb")


if __name__ == "__main__":
    main()
