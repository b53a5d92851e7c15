"""Running long work (import, recompute) off the GUI thread.

A :class:`TaskRunner` runs one task at a time on a ``QThreadPool``: a new
request cancels the running one; progress, results and errors come back to the
GUI thread by queued signals. Once a runner exists, Python's garbage collector
runs on the GUI thread only (:mod:`desktop_app.gui_gc`). The task function receives a
:class:`metrics_core.progress.Reporter` whose ``cancelled()`` probe turns true
when the task was superseded or the user pressed Cancel.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from typing import Any, Callable

from PySide6.QtCore import SIGNAL, QObject, QRunnable, QThreadPool, Signal

from metrics_core.errors import OperationCancelled
from metrics_core.progress import Reporter

from . import gui_gc

log = logging.getLogger(__name__)

TaskFn = Callable[[Reporter], Any]
PROGRESS_INTERVAL_S = 0.05
EXIT_WAIT_MS = 3000         # how long leaving the app waits for work that does not look at its reporter
_RUNNERS: "weakref.WeakSet[TaskRunner]" = weakref.WeakSet()


class _TaskSignals(QObject):
    progressed = Signal(int, float, str)
    published = Signal(int, object)
    succeeded = Signal(int, object)
    failed = Signal(int, object)
    cancelled = Signal(int)


class _Task(QRunnable):
    def __init__(self, task_id: int, fn: TaskFn, signals: _TaskSignals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.task_id = task_id
        self._fn = fn
        self._signals = signals
        self.cancel_event = threading.Event()
        self._last_progress = 0.0

    def _progress(self, fraction: float, text: str) -> None:
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL_S or fraction >= 1.0:
            self._last_progress = now
            self._emit(self._signals.progressed, self.task_id, float(fraction), str(text))

    def _emit(self, signal: Any, *args: Any) -> None:
        """Emit unless the receiving side is gone (the window closed while the task ran)."""
        try:
            signal.emit(*args)
        except RuntimeError:
            self.cancel_event.set()

    def _publish(self, part: Any) -> None:
        if not self.cancel_event.is_set():
            self._emit(self._signals.published, self.task_id, part)

    def run(self) -> None:  # noqa: D401 - Qt override
        reporter = Reporter(self._progress, self.cancel_event.is_set, self._publish)
        try:
            result = self._fn(reporter)
            if self.cancel_event.is_set():
                raise OperationCancelled()
        except OperationCancelled:
            self._emit(self._signals.cancelled, self.task_id)
        except Exception as exc:  # noqa: BLE001 - every error reaches the one handler
            log.debug("task %s failed", self.task_id, exc_info=True)
            self._emit(self._signals.failed, self.task_id, exc)
        else:
            self._emit(self._signals.succeeded, self.task_id, result)


class TaskRunner(QObject):
    """Runs one task at a time; starting a new one cancels the previous. What the task publishes before it
    ends (:meth:`metrics_core.progress.Reporter.publish`) goes to ``on_part`` while the task is current."""

    started = Signal(str)
    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, name: str, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        gui_gc.install()            # Python's garbage collector must not run on the pool's threads
        self.name = name
        self._pool = pool or QThreadPool.globalInstance()
        self._signals = _TaskSignals(self)
        self._signals.progressed.connect(self._on_task_progressed)
        self._signals.published.connect(self._on_task_published)
        self._signals.succeeded.connect(self._on_task_succeeded)
        self._signals.failed.connect(self._on_task_failed)
        self._signals.cancelled.connect(self._on_task_cancelled)
        self._next_id = 0
        self._current: _Task | None = None
        self._callbacks: dict[int, tuple[Callable[[Any], None] | None, Callable[[Exception], None] | None]] = {}
        self._on_part: dict[int, Callable[[Any], None]] = {}
        _RUNNERS.add(self)

    def is_busy(self) -> bool:
        return self._current is not None

    def start(self, fn: TaskFn, text: str = "", on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[Exception], None] | None = None,
              on_part: Callable[[Any], None] | None = None) -> int:
        """Run ``fn(reporter)`` in the pool; cancel the task that was running."""
        self.cancel()
        self._next_id += 1
        task = _Task(self._next_id, fn, self._signals)
        self._current = task
        self._callbacks[task.task_id] = (on_done, on_error)
        if on_part is not None:
            self._on_part[task.task_id] = on_part
        self.started.emit(text)
        self._pool.start(task)
        return task.task_id

    def cancel(self) -> None:
        """Ask the running task to stop; its result, if any, is dropped."""
        if self._current is not None:
            self._current.cancel_event.set()
            self._forget(self._current.task_id)
            self._current = None
            self.cancelled.emit()
            self.finished.emit()

    def _is_current(self, task_id: int) -> bool:
        return self._current is not None and self._current.task_id == task_id

    def _forget(self, task_id: int) -> tuple[Callable[[Any], None] | None, Callable[[Exception], None] | None]:
        """The task's callbacks, no longer kept."""
        self._on_part.pop(task_id, None)
        return self._callbacks.pop(task_id, (None, None))

    def _on_task_published(self, task_id: int, part: Any) -> None:
        on_part = self._on_part.get(task_id)
        if self._is_current(task_id) and on_part is not None:
            on_part(part)

    def _on_task_progressed(self, task_id: int, fraction: float, text: str) -> None:
        if self._is_current(task_id):
            self.progressed.emit(fraction, text)

    def _on_task_succeeded(self, task_id: int, result: Any) -> None:
        if not self._is_current(task_id):
            return
        on_done, _on_error = self._forget(task_id)
        self._current = None
        if on_done is not None:
            on_done(result)
        self.succeeded.emit(result)
        self.finished.emit()

    def _on_task_failed(self, task_id: int, exc: Exception) -> None:
        if not self._is_current(task_id):
            return
        _on_done, on_error = self._forget(task_id)
        self._current = None
        if on_error is not None:
            on_error(exc)
        elif self.receivers(SIGNAL("failed(PyObject)")) == 0:
            # nobody asked to hear of it (a sort, a search): the one handler of unexpected errors tells
            # the owner and writes the log, instead of the failure vanishing
            from .error_handling import report_unexpected
            report_unexpected(type(exc), exc, exc.__traceback__)
        self.failed.emit(exc)
        self.finished.emit()

    def _on_task_cancelled(self, task_id: int) -> None:
        if self._is_current(task_id):
            self._forget(task_id)
            self._current = None
            self.cancelled.emit()
            self.finished.emit()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the pool is idle (tests and shutdown)."""
        return self._pool.waitForDone(msecs)


def stop_all(msecs: int = EXIT_WAIT_MS) -> bool:
    """Cancel the task of every runner and wait at most ``msecs`` in all for the worker threads.

    False when work is still running then (a long call that never looks at its reporter): the
    caller leaves without waiting for it, since Qt would otherwise wait for the thread at exit.
    """
    pools = []
    for runner in list(_RUNNERS):
        try:
            runner.cancel()
        except RuntimeError:        # its Qt object is already gone
            continue
        if runner._pool not in pools:
            pools.append(runner._pool)
    deadline = time.monotonic() + msecs / 1000
    return all(pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000))) for pool in pools)
