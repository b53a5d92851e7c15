"""From dropping files on the window to a painted dashboard, on the bundled demo data or FILES.

    python bench/drop_to_dashboard.py [--repeat 4] [--prewarm] [--json] [FILES...]

Drops the files on the main window (offscreen) as a file manager would, then times the whole
trip: until the cards on screen have their values (``first_results_changed``, computed before the
others, or ``results_changed`` when that comes first), until every KPI card has its value
(``results_changed`` with every file loaded), until the chart data is there (``charts_changed``) and
until the dashboard has been painted with it
(the first paint of the work area after the charts arrived has returned). All along it keeps
the longest time the event loop was blocked: the drop's own handling, and each turn of the loop
(one ``processEvents``: every event handler and paint it ran), by the clock and by the CPU time of
the window's thread (a busy machine lengthens the first, not the second). The first drop is "cold" (the
reader helper may still be starting); later drops are "warm"; each starts from no file and no filter.
Then one re-filter: the dashboard restricted to one value of a category (as a click on a bar does), timed
the same way until the cards have the filtered values and the work area is painted; then to another value
of that category, and back to no filter. Last, a click on the chart's first bar once the window has nothing left to do (values, charts,
trend lines and what it works out ahead of a click). Prints one line per drop, the median of the warm ones and the re-filters; ``--json`` also prints them as one JSON line (for bench/end_to_end.py).
"""

from __future__ import annotations

import argparse
import json
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


class LoopWatch:
    """The longest single block of the event loop while waiting (seconds): by the clock, and by the CPU time
    the window's thread spent in it (what a busy machine does not lengthen; waiting for the GIL is not in it)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.longest_cpu = 0.0

    def timed(self, action) -> None:
        t0, c0 = time.perf_counter(), time.thread_time()
        action()
        self.longest = max(self.longest, time.perf_counter() - t0)
        self.longest_cpu = max(self.longest_cpu, time.thread_time() - c0)

    def wait_until(self, condition, timeout_s: float = 600.0) -> None:
        from PySide6.QtWidgets import QApplication

        end = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the dashboard did not fill in time")
            self.timed(QApplication.processEvents)
            time.sleep(0.002)


def watch_paints(window, seen: dict) -> object:
    """An event filter that notes each paint of the work area (cards, charts) once the charts have arrived."""
    from PySide6.QtCore import QEvent, QObject

    area = window.workspace

    class PaintFilter(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if (event.type() == QEvent.Type.Paint and seen["charts"] is not None and seen["paint_seen"] is None
                    and (obj is area or area.isAncestorOf(obj))):
                seen["paint_seen"] = True
            return False

    return PaintFilter()


class NothingToWaitFor(RuntimeError):
    """A trip's action left the window with nothing to do (a filter that was already set): no results will come."""


def trip(window, action, loaded) -> dict[str, float]:
    """Run ``action`` (a drop, a filter) and time it until the KPI cards have their new values (the first
    ``results_changed`` once ``loaded()``), the chart data is there and the work area has been painted with
    it; with the longest block of the event loop meanwhile. Raises :class:`NothingToWaitFor` when the action
    started no work (nothing would ever end the wait)."""
    from PySide6.QtWidgets import QApplication

    state = window.state
    seen = {"on_screen": None, "results": None, "charts": None, "paint_seen": None, "painted": None}
    watch = LoopWatch()
    paints = watch_paints(window, seen)
    start = time.perf_counter()

    def on_first(_results) -> None:
        if loaded() and seen["on_screen"] is None:
            seen["on_screen"] = time.perf_counter() - start

    def on_results(_results) -> None:
        if loaded() and seen["results"] is None:
            seen["results"] = time.perf_counter() - start
            on_first(_results)

    def on_charts(_data) -> None:
        if seen["results"] is not None and seen["charts"] is None:
            seen["charts"] = time.perf_counter() - start

    def painted() -> bool:
        if seen["paint_seen"] and seen["painted"] is None:
            seen["painted"] = time.perf_counter() - start      # the turn of the loop that painted has returned
        return seen["painted"] is not None

    state.first_results_changed.connect(on_first)
    state.results_changed.connect(on_results)
    state.charts_changed.connect(on_charts)
    QApplication.instance().installEventFilter(paints)
    try:
        watch.timed(action)
        if seen["results"] is None and not (state.values_pending() or state.import_runner.is_busy()):
            raise NothingToWaitFor("the action changed nothing: no results to wait for")
        watch.wait_until(lambda: seen["results"] is not None and (seen["charts"] is not None
                                                                   or state.selected_metric is None))
        if seen["charts"] is None:
            seen["charts"] = seen["results"]
        window.workspace.update()                   # no chart to wait for: the cards' paint ends the trip
        watch.wait_until(painted)
    finally:
        QApplication.instance().removeEventFilter(paints)
        state.first_results_changed.disconnect(on_first)
        state.results_changed.disconnect(on_results)
        state.charts_changed.disconnect(on_charts)
    return {"screen_cards_s": seen["on_screen"], "cards_s": seen["results"], "charts_s": seen["charts"],
            "painted_s": seen["painted"],
            "longest_block_s": watch.longest, "longest_block_cpu_s": watch.longest_cpu}


def one_drop(window, paths: list[str]) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    state = window.state
    state.clear()
    state.clear_filters()           # each drop as the first: clearing the files keeps a re-filter's category
    LoopWatch().wait_until(lambda: not state.is_busy())
    QApplication.processEvents()
    return trip(window, lambda: drop(window, paths), lambda: len(state.bundle.datasets) == len(paths))


def refilter(window) -> dict | None:
    """A click on a bar, as it were: the dashboard restricted to one value of the first category the filter
    bar offers (two values or more), timed as a drop is; then to another value of it, and back to no filter
    (shown before: its numbers are remembered). None when the data has no such category."""
    state = window.state
    column, values = next(((c, v) for c, v in state.available_filters().items() if len(v) >= 2), (None, None))
    if column is None:
        return None
    unfiltered = state.filters
    first = trip(window, lambda: state.filter_by(column, values[0]), lambda: True)
    second = trip(window, lambda: state.filter_by(column, values[1]), lambda: True)
    back = trip(window, lambda: state.set_filters(unfiltered), lambda: True)
    return {"column": column, **first, "another_value": second, "cleared": back, "bar_when_idle": bar_when_idle(window)}


def bar_when_idle(window) -> dict | None:
    """A click on the chart's first bar once the window is idle, timed as a drop is (None without bars)."""
    state = window.state
    runners = [state.compute_runner, state.chart_runner, state.sparkline_runner, getattr(state, "ahead_runner", None)]
    LoopWatch().wait_until(lambda: not any(r is not None and r.is_busy() for r in runners)
                           and not state._recompute_timer.isActive())
    data = state.chart_data
    if data is None or not data.category or not data.bars:
        return None
    point = data.bars[0]
    return {"column": data.category, "value": str(point.key),
            **trip(window, lambda: state.filter_by(data.category, point.key), lambda: True)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--prewarm", action="store_true", help="start the reader's helper first, as the app does")
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
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
        row = one_drop(window, paths)
        rows.append(row)
        label = "cold" if i == 0 else "warm"
        print(f"drop {i + 1} ({label}): cards on screen after {row['screen_cards_s']:.2f} s, every KPI card after "
              f"{row['cards_s']:.2f} s, charts after {row['charts_s']:.2f} s, "
              f"painted after {row['painted_s']:.2f} s; longest event-loop block {1000 * row['longest_block_s']:.0f} ms "
              f"({1000 * row['longest_block_cpu_s']:.0f} ms of the window thread's CPU)")
    warm = rows[1:] or rows
    summary = {key: statistics.median(r[key] for r in warm) for key in rows[0]}
    summary["longest_block_s"] = max(r["longest_block_s"] for r in rows)
    summary["longest_block_cpu_s"] = max(r["longest_block_cpu_s"] for r in rows)
    print(f"{len(paths)} files; warm median: cards {summary['cards_s']:.2f} s, charts {summary['charts_s']:.2f} s, "
          f"painted {summary['painted_s']:.2f} s; longest block of any drop {1000 * summary['longest_block_s']:.0f} ms "
          f"({1000 * summary['longest_block_cpu_s']:.0f} ms CPU); "
          f"window open {time.perf_counter() - started:.1f} s")
    refiltered = refilter(window)
    if refiltered is not None:
        bar = refiltered["bar_when_idle"]
        for what, row in ((f"re-filter to one {refiltered['column']}", refiltered),
                          ("then to another value", refiltered["another_value"]),
                          ("then no filter again", refiltered["cleared"]),
                          *(((f"then a click on the bar of {bar['column']} {bar['value']!r} once the window is idle",
                              bar),) if bar else ())):
            print(f"{what}: cards on screen after {row['screen_cards_s']:.2f} s, every KPI card after "
                  f"{row['cards_s']:.2f} s, painted after {row['painted_s']:.2f} s; "
                  f"longest event-loop block {1000 * row['longest_block_s']:.0f} ms "
                  f"({1000 * row['longest_block_cpu_s']:.0f} ms CPU)")
    if args.json:
        print(json.dumps({"drops": rows, "warm_median": summary, "refilter": refiltered}))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
