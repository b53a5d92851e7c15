"""Running long work (import, recompute) off the GUI thread.

A :class:`TaskRunner` runs one task at a time on a ``QThreadPool``: a new
request cancels the running one; progress, results and errors come back to the
GUI thread by queued signals. Once a runner exists, Python's garbage collector
runs on the GUI thread only (:mod:`desktop_app.gui_gc`). The task function receives a
:class:`metrics_core.progress.Reporter` whose ``check()`` raises OperationCancelled
when the task was superseded or the user pressed Cancel.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import SIGNAL, QObject, QRunnable, QThreadPool, Signal, Slot

from metrics_core.errors import OperationCancelled
from metrics_core.progress import Reporter

from . import gui_gc
from .allocator import GiveBackWhenIdle

log = logging.getLogger(__name__)

TaskFn = Callable[[Reporter], Any]
PROGRESS_INTERVAL_S = 0.05
EXIT_WAIT_MS = 3000         # how long leaving the app waits for work that does not look at its reporter
_RUNNERS: "weakref.WeakSet[TaskRunner]" = weakref.WeakSet()


class _Route:
    """Where a task's reports go: its runner (weakly: a closed window is not kept for its task) and task id. Made on
    the GUI thread; a worker only passes it along, never asks it for the runner."""

    __slots__ = ("runner", "task_id", "cancel_event")

    def __init__(self, runner: "TaskRunner", task_id: int) -> None:
        self.task_id = task_id
        self.cancel_event = cancel_event = threading.Event()
        # the runner freed (its window closed and collected) while the task runs: the task stops
        self.runner = weakref.ref(runner, lambda _gone: cancel_event.set())


class _Relay(QObject):
    """The one object every task emits from, made on the GUI thread and never freed while the process lives.

    PySide emits with the GIL released (``QMetaObject::metacall`` inside ``Py_BEGIN_ALLOW_THREADS``), so while a
    worker is inside an emit the GUI thread may run the collector. Emitting from an object the window owned (as
    each runner's own signals object was) let the collector free it under the worker's emit, which then read freed
    memory (a segfault; ``tests/gui/gc_hazards.py emitters``). This object belongs to no window, so it cannot be
    freed under a worker; it hands each report to its runner on the GUI thread, or drops it when the runner is gone.
    """

    reported = Signal(object, str, object)          # route, what (a _HANDLERS key), its arguments

    def __init__(self) -> None:
        super().__init__()                          # no parent: the module holds it, for good
        self.reported.connect(self._deliver)        # a worker's emit is queued to the GUI thread
        # the memory the tasks freed is kept for the next one while the window works (desktop_app.allocator)
        self.idle = GiveBackWhenIdle(lambda: any(runner.is_busy() for runner in list(_RUNNERS)), parent=self)

    @Slot(object, str, object)
    def _deliver(self, route: _Route, what: str, args: Any) -> None:
        try:
            runner = route.runner()
            if runner is None or not shiboken6.isValid(runner):
                route.cancel_event.set()            # the window closed while the task ran: it stops
            else:
                getattr(runner, _HANDLERS[what])(route.task_id, *args[:_ARITY[what]])
        finally:
            if what in _ENDINGS:
                args.clear()                        # what the worker handed over is freed here, on the GUI thread
                self.idle.work_ended()


_HANDLERS = {"progressed": "_on_task_progressed", "published": "_on_task_published",
             "succeeded": "_on_task_succeeded", "failed": "_on_task_failed", "cancelled": "_on_task_cancelled"}
_ARITY = {"progressed": 2, "published": 1, "succeeded": 1, "failed": 1, "cancelled": 0}
_ENDINGS = frozenset({"succeeded", "failed", "cancelled"})
_RELAY: list[_Relay] = []


def _relay() -> _Relay:
    """The relay, made on first use (by a TaskRunner, on the GUI thread)."""
    if not _RELAY:
        _RELAY.append(_Relay())
    return _RELAY[0]


class _Task(QRunnable):
    def __init__(self, route: _Route, fn: TaskFn) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.task_id = route.task_id
        self.cancel_event = route.cancel_event
        self._route = route
        self._fn: TaskFn | None = fn
        self._relay = _relay()
        self._last_progress = 0.0

    def _progress(self, fraction: float, text: str) -> None:
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL_S or fraction >= 1.0:
            self._last_progress = now
            self._emit("progressed", (float(fraction), str(text)))

    def _emit(self, what: str, args: Any) -> None:
        self._relay.reported.emit(self._route, what, args)

    def _publish(self, part: Any) -> None:
        if not self.cancel_event.is_set():
            self._emit("published", (part,))

    def run(self) -> None:  # noqa: D401 - Qt override
        fn, self._fn = self._fn, None
        reporter = Reporter(self._progress, self.cancel_event.is_set, self._publish)
        try:
            what, value = "succeeded", fn(reporter)
            if self.cancel_event.is_set():
                raise OperationCancelled()
        except OperationCancelled:
            what, value = "cancelled", None
        except Exception as exc:  # noqa: BLE001 - every error reaches the one handler
            log.debug("task %s failed", self.task_id, exc_info=True)
            what, value = "failed", exc
        # The function (a window's method, a closure over its parts) and the result go to the GUI thread in a
        # list that thread empties once it has delivered them: what they alone held is freed there, not here,
        # even when the runner let go of this task (cancelled, superseded) before it ended.
        handed = [value, fn]
        del fn, value
        self._emit(what, handed)


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
        _relay()
        self._next_id = 0
        self._current: _Task | None = None
        self.text: Any = ""          # what the running work is (a Message or a text), as :meth:`start` was told
        self._callbacks: dict[int, tuple[Callable[[Any], None] | None, Callable[[Exception], None] | None]] = {}
        self._on_part: dict[int, Callable[[Any], None]] = {}
        _RUNNERS.add(self)

    def is_busy(self) -> bool:
        return self._current is not None

    def start(self, fn: TaskFn, text: Any = "", on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[Exception], None] | None = None,
              on_part: Callable[[Any], None] | None = None) -> int:
        """Run ``fn(reporter)`` in the pool; cancel the task that was running. ``text``: what the work is (a
        :class:`~metrics_core.i18n.Message`, kept as :attr:`text` while it runs: said again after a language
        switch, or a text)."""
        self.cancel()
        self.text = text
        self._next_id += 1
        task = _Task(_Route(self, self._next_id), fn)
        self._current = task
        self._callbacks[task.task_id] = (on_done, on_error)
        if on_part is not None:
            self._on_part[task.task_id] = on_part
        self.started.emit(str(text))
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
