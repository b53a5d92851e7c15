"""From dropping files on the window to a filled dashboard, on the bundled demo data.

    python bench/drop_to_dashboard.py [--repeat 4] [FILES...]

Drops the files on the main window (offscreen) as a file manager would, then times until the
KPI cards have their values (``results_changed`` with every file loaded) and until the charts
are drawn (``charts_changed``). The first drop is "cold" (the reader helper may still be
starting); later drops are "warm". Prints one line per drop and the median of the warm ones.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# (Qt is imported inside the functions: the reader's child processes run this file's top level again.)


def drop(window, paths: list[str]) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def wait_until(condition, timeout_s: float = 300.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the dashboard did not fill in time")
        QApplication.processEvents()
        time.sleep(0.002)


def one_drop(window, paths: list[str]) -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    state = window.state
    state.clear()
    wait_until(lambda: not state.is_busy())
    QApplication.processEvents()
    seen = {"results": None, "charts": None}
    start = time.perf_counter()

    def on_results(_results) -> None:
        if len(state.bundle.datasets) == len(paths) and seen["results"] is None:
            seen["results"] = time.perf_counter() - start

    def on_charts(_data) -> None:
        if seen["results"] is not None and seen["charts"] is None:
            seen["charts"] = time.perf_counter() - start

    state.results_changed.connect(on_results)
    state.charts_changed.connect(on_charts)
    try:
        drop(window, paths)
        wait_until(lambda: seen["results"] is not None and (seen["charts"] is not None or state.selected_metric is None))
    finally:
        state.results_changed.disconnect(on_results)
        state.charts_changed.disconnect(on_charts)
    return seen["results"], seen["charts"] or seen["results"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--prewarm", action="store_true", help="start the reader's helper first, as the app does")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    os.environ.setdefault("KPIDESK_STATE_DIR", tempfile.mkdtemp(prefix="kpidesk-bench-state-"))
    from desktop_app.__main__ import create_app
    from desktop_app.main_window import MainWindow
    from desktop_app.settings import AppSettings
    from metrics_core.resources import demo_dir

    paths = args.files or sorted(str(p) for p in demo_dir().glob("*") if p.suffix.lower() in {".csv", ".xlsx"})
    app = create_app()  # noqa: F841 - keeps Qt alive
    window = MainWindow(AppSettings(Path(tempfile.mkdtemp()) / "settings.ini"))
    if args.prewarm:
        from desktop_app.process_loader import prewarm

        prewarm()               # as the app's main() does
    window.show()
    started = time.perf_counter()
    rows = []
    for i in range(args.repeat):
        cards, charts = one_drop(window, paths)
        rows.append((cards, charts))
        label = "cold" if i == 0 else "warm"
        print(f"drop {i + 1} ({label}): KPI cards after {cards:.2f} s, charts after {charts:.2f} s")
    warm = rows[1:] or rows
    print(f"{len(paths)} files; warm median: cards {statistics.median(r[0] for r in warm):.2f} s, "
          f"charts {statistics.median(r[1] for r in warm):.2f} s; window open {time.perf_counter() - started:.1f} s")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
