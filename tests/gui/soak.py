"""A randomised session in the real window, for as long as asked: open good and bad files, map,
filter, break down, drill down, change KPI settings, export, open and close dialogs, switch views.

:func:`run_soak` counts what must stay at zero (Python exceptions in any thread, errors the app logged
as unexpected, warnings printed — Python's and Qt's —, top-level windows left open) and measures the
process's memory (RSS from ``/proc``, once garbage is collected) after a warm-up and at the end.

The warm-up (:meth:`Soak.tour`) does every action once, shows the window in every language once and
exports with chart images once: the first export imports the exporters, the first switch to a language
reads its catalogues, locale data and Qt's translations (2-4 MB each, six languages) — costs paid once,
not a leak, which a session that met a language for the first time after the warm-up counted as growth.
It lasts at least a quarter of the session.

Memory is read twice each time (:meth:`Soak.measure`): with the files open as they are, then with every
file closed. Growth is judged on the second. The first depends on which of the demo files (of different
sizes) happen to be open, one to five of them (237-253 MB in a session that only opened and closed
files): that is the workload, not a leak. Closed, the two readings compare like with like, and whatever
a closed file, dialog or chart left behind still counts. Both are printed.

Used by ``tests/gui/test_soak.py`` (pytest marker ``soak``) and by ``bench/soak_gui.py`` (the one-hour
version).
"""

from __future__ import annotations

import gc
import logging
import random
import sys
import tempfile
import threading
import time
import traceback
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEventLoop, QtMsgType, QTimer, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

WARM_UP_SHARE = 0.25                    # memory is measured from the end of the first quarter
MAX_OPEN = 5                            # files open at once (a real session keeps a handful)
# Qt's offscreen platform (the soak's) has no window manager to tell a window's size limits to: its base
# class prints this each time a top-level window's minimum or maximum size is set. Harmless there; the
# only message the soak lets through without counting it (any other Qt warning is counted).
OFFSCREEN_ONLY_MESSAGE = "This plugin does not support propagateSizeHints()"


@dataclass
class SoakReport:
    seconds: float = 0.0
    actions: dict[str, int] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)
    unexpected_logged: list[str] = field(default_factory=list)
    leaked_windows: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)      # Python warnings and Qt warnings, as printed
    qt_offscreen_notes: int = 0                             # OFFSCREEN_ONLY_MESSAGE, not printed
    rss_after_warm_up: int = 0              # with the files open at that moment
    rss_at_end: int = 0
    rss_closed_after_warm_up: int = 0       # with every file closed (what growth is judged on)
    rss_closed_at_end: int = 0
    parts_closed_after_warm_up: dict[str, int] = field(default_factory=dict)    # :func:`memory_parts`
    parts_closed_at_end: dict[str, int] = field(default_factory=dict)
    messages_shown: int = 0

    @property
    def growth(self) -> float:
        return (self.rss_closed_at_end - self.rss_closed_after_warm_up) / max(1, self.rss_closed_after_warm_up)

    @property
    def growth_with_files_open(self) -> float:
        return (self.rss_at_end - self.rss_after_warm_up) / max(1, self.rss_after_warm_up)

    def summary(self) -> str:
        done = sum(self.actions.values())
        return (f"{self.seconds:.0f} s, {done} actions ({', '.join(f'{k} {v}' for k, v in sorted(self.actions.items()))}); "
                f"exceptions {len(self.exceptions)}, unexpected errors logged {len(self.unexpected_logged)}, "
                f"leaked windows {len(self.leaked_windows)}, warnings {len(self.warnings)}, "
                f"messages shown {self.messages_shown}; "
                f"RSS with every file closed {self.rss_closed_after_warm_up / 1e6:.0f} MB after warm-up -> "
                f"{self.rss_closed_at_end / 1e6:.0f} MB at the end ({100 * self.growth:+.1f} %); with the files "
                f"open then {self.rss_after_warm_up / 1e6:.0f} MB -> {self.rss_at_end / 1e6:.0f} MB "
                f"({100 * self.growth_with_files_open:+.1f} %); closed, of the growth: {self.growth_parts()}")

    def growth_parts(self) -> str:
        """What the closed readings' growth was made of (:func:`memory_parts`), in MB."""
        before, after = self.parts_closed_after_warm_up, self.parts_closed_at_end
        return ", ".join(f"{name} {(after[name] - before[name]) / 1e6:+.1f}" for name in after if name in before) or "-"


def settled_rss() -> int:
    """RSS once garbage is collected and the C allocator has handed freed pages back (glibc's
    ``malloc_trim``): memory the process still holds, not what the allocator keeps for reuse."""
    from metrics_core.allocator import give_back

    gc.collect()
    give_back()
    return rss_bytes()


def memory_parts() -> dict[str, int]:
    """The resident memory in parts (Linux ``/proc``, glibc's ``mallinfo2``; a part not known is left out): pages of
    files (the libraries' code and data, fonts, Qt's translations: a part of the program first run late in a session
    is read in then, and stays), anonymous pages, and of what the C allocator holds the bytes it has handed out
    (Qt's objects, numpy's arrays, Python's objects over 512 bytes) — what it holds beyond them, once trimmed, is
    pieces too small to give back. Python's small objects live in its own 1 MiB arenas (anonymous, outside malloc)."""
    parts: dict[str, int] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key in ("RssFile", "RssAnon"):
                    parts["file-backed" if key == "RssFile" else "anonymous"] = int(value.split()[0]) * 1024
    except OSError:
        pass
    in_use = _malloc_in_use()
    if in_use is not None:
        parts["malloc in use"] = in_use
    return parts


def _malloc_in_use() -> int | None:
    import ctypes

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                          "fsmblks", "uordblks", "fordblks", "keepcost")]
    try:
        info = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):            # not glibc, or older than 2.33
        return None
    info.restype = MallInfo2
    got = info()
    return got.uordblks + got.hblkhd


def rss_bytes() -> int:
    """This process's resident memory (Linux ``/proc``; 0 elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            import os

            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


class _Collector(logging.Handler):
    def __init__(self, report: SoakReport) -> None:
        super().__init__(logging.ERROR)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        self.report.unexpected_logged.append(record.getMessage()[:2000])


def bad_files(folder: Path) -> list[Path]:
    """Files a user may drop by mistake: empty, binary, a fake workbook, a broken zip, one header only."""
    made = {
        "empty.csv": b"",
        "binary.csv": bytes(range(256)) * 40,
        "fake.xlsx": b"this is not a workbook\n",
        "header_only.csv": b"Ticket,Created at,Status\n",
        "ragged.csv": b"a;b;c\n1;2\n3;4;5;6\n\"unclosed;7\n",
    }
    paths = []
    for name, data in made.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    broken = folder / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    broken.write_bytes(broken.read_bytes()[:-30])
    return paths + [broken]


class Soak:
    def __init__(self, window: Any, good: list[Path], bad: list[Path], out: Path, rng: random.Random) -> None:
        self.window, self.state = window, window.state
        self.good, self.bad, self.out, self.rng = good, bad, out, rng
        self.actions: list[tuple[str, Callable[[], None], int]] = [
            ("open good", self.open_good, 6), ("open bad", self.open_bad, 3), ("remove", self.remove, 2),
            ("remap", self.remap, 2), ("filter", self.filter, 5), ("clear filters", self.clear_filters, 2),
            ("granularity", self.granularity, 3), ("select KPI", self.select_kpi, 5), ("break down", self.break_down, 4),
            ("drill down", self.drill_down, 2), ("targets", self.targets, 2), ("export", self.export, 2),
            ("settings dialog", self.settings_dialog, 2), ("import dialog", self.import_dialog, 2),
            ("about dialog", self.about_dialog, 1), ("views", self.views, 3), ("language", self.language, 1),
        ]

    # -- helpers ---------------------------------------------------------------------------
    def pump(self, ms: int) -> None:
        """Run an event loop for ``ms``, as the app's own loop runs: it also deletes the objects given to
        ``deleteLater`` (closed dialogs, rebuilt filter menus), which ``QApplication.processEvents`` never
        does — a session pumped that way grew by every widget it ever closed."""
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def settle(self, timeout_s: float = 120.0) -> None:
        end = time.monotonic() + timeout_s
        while (self.state.is_busy() or self.state.chart_runner.is_busy()) and time.monotonic() < end:
            self.pump(20)

    def names(self) -> list[str]:
        return self.state.dataset_names()

    def step(self) -> str:
        name, action, _ = self.rng.choices(self.actions, weights=[w for *_, w in self.actions])[0]
        action()
        self.pump(self.rng.choice((0, 20, 80, 250)))
        if self.rng.random() < 0.5:
            self.settle()
        return name

    # -- actions ---------------------------------------------------------------------------
    def open_good(self) -> None:
        self.settle()
        while len(self.names()) > MAX_OPEN:      # a steady workload: memory growth then means a leak
            self.state.remove_dataset(self.names()[0])
        self.window.open_files([str(p) for p in self.rng.sample(self.good, self.rng.randint(1, 3))])

    def open_bad(self) -> None:
        self.window.open_files([str(self.rng.choice(self.bad))])

    def remove(self) -> None:
        if self.names():
            self.state.remove_dataset(self.rng.choice(self.names()))

    def remap(self) -> None:
        from metrics_core.mapping.model import Mapping

        self.settle()
        if not self.names():
            return
        ds = self.state.dataset(self.rng.choice(self.names()))
        mapping = Mapping.from_dict(ds.mapping.to_dict())
        mapped = [f for f in mapping.fields if f not in ("created_at",)]
        if mapped:
            mapping.set_user(self.rng.choice(mapped), None)
        self.state.remap_dataset(ds.name, mapping)

    def filter(self) -> None:
        offered = self.state.available_filters()
        if offered:
            column = self.rng.choice(sorted(offered))
            self.state.filter_by(column, self.rng.choice(offered[column]))

    def clear_filters(self) -> None:
        from desktop_app.filter_state import FilterState

        self.state.set_filters(FilterState(granularity=self.state.filters.granularity))

    def granularity(self) -> None:
        from dataclasses import replace

        self.state.set_filters(replace(self.state.filters, granularity=self.rng.choice(("day", "week", "month",
                                                                                          "quarter"))))

    def _metric(self) -> str | None:
        results = self.state.results.results if self.state.results is not None else {}
        usable = sorted(m for m, r in results.items() if r.value is not None)
        return self.rng.choice(usable) if usable else None

    def select_kpi(self) -> None:
        metric = self._metric()
        if metric:
            self.state.select_metric(metric)

    def break_down(self) -> None:
        self.settle()
        columns = sorted(self.state.available_filters()) + [None]
        self.state.set_chart_category(self.rng.choice(columns))

    def drill_down(self) -> None:
        metric = self._metric()
        if metric:
            self.state.request_drilldown(metric)

    def targets(self) -> None:
        self.window.apply_settings(self.state.params, {"csat": round(self.rng.uniform(60, 95), 1)})

    def export(self, images: bool | None = None) -> None:
        """Export the report; with chart images 2 times in 10, or as ``images`` says."""
        self.settle()
        dialog = self.window.export_dialog()
        if dialog is None:
            return
        dialog.folder_edit.setText(str(self.out / f"export-{self.rng.randint(0, 3)}"))
        # the owner's answer to "Replace the report?" (a modal box would stop an unattended session)
        dialog.confirm_replace = lambda _paths: self.rng.random() < 0.7
        chance = self.rng.random() < 0.2
        dialog.format_boxes["png"].setChecked(chance if images is None else images)
        dialog.show()
        dialog.export_button.click()
        end = time.monotonic() + 300
        while not dialog.export_button.isEnabled() and time.monotonic() < end:
            self.pump(50)
            if self.rng.random() < 0.01:
                dialog.cancel_button.click()
        dialog.wait(60000)
        self.pump(20)
        dialog.close()
        dialog.deleteLater()

    def settings_dialog(self) -> None:
        dialog = self.window.open_settings()
        dialog.show()
        self.pump(100)
        dialog.reject()
        dialog.deleteLater()

    def import_dialog(self) -> None:
        from desktop_app.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(str(self.rng.choice(self.good + self.bad)), parent=self.window)
        dialog.show()
        dialog.wait_for_preview(60000)
        self.pump(100)
        dialog.reject()
        dialog.deleteLater()

    def about_dialog(self) -> None:
        from desktop_app.dialogs.about_dialog import AboutDialog

        dialog = AboutDialog(self.window)
        dialog.show()
        self.pump(50)
        dialog.close()
        dialog.deleteLater()

    def language(self) -> None:
        from metrics_core.i18n import LANGUAGES

        self.settle()
        self.window.set_language(self.rng.choice(sorted(LANGUAGES)))

    def measure(self) -> tuple[int, int]:
        """Settled RSS with the files open as they are, then with every file closed (the session goes on
        from there: the next "open good" opens files again)."""
        self.settle()
        as_they_are = settled_rss()
        while self.names():
            self.state.remove_dataset(self.names()[0])
        self.settle()
        self.pump(200)
        return as_they_are, settled_rss()

    def tour(self) -> list[str]:
        """The warm-up: every action once, then every other language and back, then an export with images;
        returns the actions done."""
        from metrics_core.i18n import LANGUAGES, current_language

        for _name, action, _weight in self.actions:
            action()
            self.settle()
        shown = current_language()
        for code in [c for c in sorted(LANGUAGES) if c != shown] + [shown]:
            self.settle()
            self.window.set_language(code)
        self.export(images=True)
        return [name for name, _action, _weight in self.actions] + ["language"] * len(LANGUAGES) + ["export"]

    def views(self) -> None:
        self.window.actions[self.rng.choice(("dashboard", "data", "start", "find"))].trigger()


def run_soak(seconds: float, seed: int, good: list[Path], log_every: float = 0.0) -> SoakReport:
    """Drive a fresh main window at random for ``seconds``; see :class:`SoakReport`."""
    from desktop_app import error_handling
    from desktop_app.main_window import MainWindow
    from desktop_app.settings import AppSettings

    from desktop_app.allocator import set_up_allocator

    set_up_allocator()              # as the app's start does (pytest-qt's QApplication is not made by create_app)
    report = SoakReport()
    work = Path(tempfile.mkdtemp(prefix="kpidesk-soak-"))
    old_hooks = sys.excepthook, threading.excepthook

    def collect(exc_type: Any, exc: Any, tb: Any) -> None:
        report.exceptions.append("".join(traceback.format_exception(exc_type, exc, tb))[-3000:])

    def collect_thread(args: Any) -> None:
        collect(args.exc_type, args.exc_value, args.exc_traceback)

    collector = _Collector(report)
    logging.getLogger().addHandler(collector)
    app = QApplication.instance()
    before = {id(w) for w in app.topLevelWidgets()}
    unwatch = _watch_warnings(report)
    window = MainWindow(AppSettings(work / "settings.ini"))
    window.message_bar.show_message = _counting(window.message_bar.show_message, report)
    window.show()
    sys.excepthook, threading.excepthook = collect, collect_thread
    error_handling_hook = error_handling.report_unexpected
    soak = Soak(window, good, bad_files(work), work, random.Random(seed))
    started = time.monotonic()
    warm_up_end = started + WARM_UP_SHARE * seconds
    last_log = started
    try:
        for name in soak.tour():
            report.actions[name] = report.actions.get(name, 0) + 1
        while time.monotonic() - started < seconds:
            name = soak.step()
            report.actions[name] = report.actions.get(name, 0) + 1
            if not report.rss_after_warm_up and time.monotonic() >= warm_up_end:
                report.rss_after_warm_up, report.rss_closed_after_warm_up = soak.measure()
                report.parts_closed_after_warm_up = memory_parts()      # (read as trimmed, files closed)
            if log_every and time.monotonic() - last_log >= log_every:
                last_log = time.monotonic()
                print(f"[{last_log - started:6.0f} s] {sum(report.actions.values())} actions, "
                      f"RSS {rss_bytes() / 1e6:.0f} MB (Python memory blocks {sys.getallocatedblocks()}), "
                      f"exceptions {len(report.exceptions)}, warnings {len(report.warnings)}", flush=True)
        report.rss_at_end, report.rss_closed_at_end = soak.measure()
        report.parts_closed_at_end = memory_parts()
        if not report.rss_after_warm_up:            # a session no longer than its warm-up
            report.rss_after_warm_up, report.rss_closed_after_warm_up = report.rss_at_end, report.rss_closed_at_end
            report.parts_closed_after_warm_up = report.parts_closed_at_end
    finally:
        sys.excepthook, threading.excepthook = old_hooks
        unwatch()
        assert error_handling.report_unexpected is error_handling_hook
        logging.getLogger().removeHandler(collector)
    report.leaked_windows = [f"{type(w).__name__} '{w.windowTitle()}'" for w in app.topLevelWidgets()
                             if w.isVisible() and id(w) not in before and w is not window]
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    report.seconds = time.monotonic() - started
    return report


def _watch_warnings(report: SoakReport) -> Callable[[], None]:
    """Count every Python warning and every Qt warning (or worse) while they are still printed, except
    :data:`OFFSCREEN_ONLY_MESSAGE` on the offscreen platform, which is counted apart and not printed;
    returns what puts the previous handlers back."""
    show_before = warnings.showwarning

    def show_warning(message: Any, category: Any, filename: str, lineno: int, file: Any = None,
                     line: Any = None) -> None:
        report.warnings.append(f"{filename}:{lineno}: {category.__name__}: {message}")
        show_before(message, category, filename, lineno, file, line)

    def qt_message(kind: QtMsgType, context: Any, message: str) -> None:
        if message == OFFSCREEN_ONLY_MESSAGE and QApplication.platformName() == "offscreen":
            report.qt_offscreen_notes += 1
            return
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg:
            report.warnings.append(f"Qt: {message}")
        if qt_before is not None:
            qt_before(kind, context, message)
        else:
            sys.stderr.write(message + "\n")

    warnings.showwarning = show_warning
    qt_before = qInstallMessageHandler(qt_message)

    def unwatch() -> None:
        warnings.showwarning = show_before
        qInstallMessageHandler(qt_before)
    return unwatch


def _counting(show: Callable[..., Any], report: SoakReport) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        report.messages_shown += 1
        return show(*args, **kwargs)
    return wrapped
