"""The window stays responsive while a 1,048,576-row file imports.

What blocks the event loop is measured in a way that does not depend on what else the machine is
doing: for each gap between two 10 ms timer ticks, the CPU time *this process* spent in it
(``time.process_time``: the GUI thread's own work, and any worker thread that holds the GIL) next to
the wall-clock gap. A gap counts as blocked by us for min(wall, CPU): on a busy machine the wall gap
grows while our CPU time does not, so other engineers' test runs cannot fail this test, while 100 ms of
work on the GUI thread (or a worker hogging the GIL) shows as 100 ms of CPU however loaded the machine.
The import itself runs in a child process, whose CPU time is not counted.
"""

from __future__ import annotations

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
    last = [time.perf_counter(), time.process_time()]

    def tick() -> None:
        now, cpu = time.perf_counter(), time.process_time()
        gaps.append(now - last[0])
        blocked.append(min(now - last[0], cpu - last[1]))
        last[0], last[1] = now, cpu

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    qtbot.wait(50)
    gaps.clear()
    blocked.clear()
    last[0], last[1] = time.perf_counter(), time.process_time()
    # connected after the panels: runs once their handlers are done, so those count in the measure
    state.dataset_loaded.connect(lambda _name: (tick(), timer.stop()))
    with qtbot.waitSignal(state.dataset_loaded, timeout=120_000):
        state.load_files([path])
    state.compute_runner.cancel()
    ds = state.dataset("big")
    assert ds is not None and len(ds.frame) == ROWS and ds.kind == "tickets"
    assert ds.frame["created_at"].dtype.kind == "M"
    assert len(gaps) > 100
    worst = int(np.argmax(blocked))
    assert blocked[worst] < 0.100, (f"the event loop was blocked for {blocked[worst] * 1000:.0f} ms of this "
                                    f"process's CPU time ({gaps[worst] * 1000:.0f} ms wall)")
