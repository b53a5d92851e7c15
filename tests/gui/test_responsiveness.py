"""The window stays responsive while a 1,048,576-row file imports.

A wall-clock gap between two 10 ms timer ticks says as much about the other programs on the machine
as about us (runs beside other test suites measured 142 ms and 1,453 ms). So each gap is measured
three ways:

- the GUI thread's own CPU time in it (``time.thread_time``): work our event loop did instead of
  ticking. It does not grow with the machine's load, so it is held to 100 ms on every run;
- this process's CPU time in it (``time.process_time``: the GUI thread plus worker threads, which is
  where a worker holding the GIL shows up) and the wall gap: a gap counts as blocked by us for
  min(wall, process CPU). That bound (100 ms) is checked when the machine was not oversubscribed
  (1-minute load average at most the number of CPUs); on a busier machine these figures measure the
  machine as much as us, and only the first check is honest.

The import itself runs in a child process, whose CPU time counts in neither.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QTimer

ROWS = 1_048_576


def _write_big_csv(path: Path) -> None:
    rng = np.random.default_rng(0)
    created = pd.Series(pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 365 * 86400, ROWS), unit="s"))
    resolved = created + pd.to_timedelta(rng.integers(600, 5 * 86400, ROWS), unit="s")
    pd.DataFrame({
        "Ticket ID": np.arange(1, ROWS + 1),
        "Created at": created.dt.strftime("%Y-%m-%d %H:%M:%S"),
        "Resolved at": resolved.dt.strftime("%Y-%m-%d %H:%M:%S"),
        "Agent": rng.choice(["Eva", "Bo", "Ana", "Luka", "Maja"], ROWS),
        "Channel": rng.choice(["Email", "Chat", "Phone"], ROWS),
    }).to_csv(path, index=False)


@pytest.mark.slow
def test_event_loop_never_blocked_over_100_ms_during_import(qtbot, state, tmp_path: Path) -> None:
    from desktop_app.panels.data_view import DataView
    from desktop_app.panels.dataset_sidebar import DatasetSidebar
    from desktop_app.panels.filter_bar import FilterBar

    path = tmp_path / "big.csv"
    _write_big_csv(path)
    for panel in (DataView(state), DatasetSidebar(state), FilterBar(state)):
        qtbot.addWidget(panel)
    gaps: list[float] = []
    blocked: list[float] = []            # min(wall gap, this process's CPU time in the gap)
    gui_work: list[float] = []           # the GUI thread's own CPU time in the gap
    last = [time.perf_counter(), time.process_time(), time.thread_time()]

    def tick() -> None:
        now, cpu, own = time.perf_counter(), time.process_time(), time.thread_time()
        gaps.append(now - last[0])
        blocked.append(min(now - last[0], cpu - last[1]))
        gui_work.append(own - last[2])
        last[:] = [now, cpu, own]

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    qtbot.wait(50)
    for series in (gaps, blocked, gui_work):
        series.clear()
    last[:] = [time.perf_counter(), time.process_time(), time.thread_time()]
    # connected after the panels: runs once their handlers are done, so those count in the measure
    state.dataset_loaded.connect(lambda _name: (tick(), timer.stop()))
    with qtbot.waitSignal(state.dataset_loaded, timeout=120_000):
        state.load_files([path])
    state.compute_runner.cancel()
    ds = state.dataset("big")
    assert ds is not None and len(ds.frame) == ROWS and ds.kind == "tickets"
    assert ds.frame["created_at"].dtype.kind == "M"
    assert len(gaps) > 100
    busiest = int(np.argmax(gui_work))
    assert gui_work[busiest] < 0.100, (f"the GUI thread worked {gui_work[busiest] * 1000:.0f} ms without "
                                       f"ticking ({gaps[busiest] * 1000:.0f} ms wall)")
    worst = int(np.argmax(blocked))
    if os.getloadavg()[0] <= (os.cpu_count() or 1):
        assert blocked[worst] < 0.100, (f"the event loop was blocked for {blocked[worst] * 1000:.0f} ms of this "
                                        f"process's CPU time ({gaps[worst] * 1000:.0f} ms wall)")
