"""Progress and cancellation hooks for long work (import, compute, export).

Core functions take plain callables; the Qt side adapts them to signals.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Callable, Iterator

from .errors import OperationCancelled

ProgressFn = Callable[[float, str], None]
CancelledFn = Callable[[], bool]
PublishFn = Callable[[object], None]


def no_progress(fraction: float, text: str) -> None:  # noqa: ARG001 - matches ProgressFn
    """Progress sink that ignores every report."""


def never_cancelled() -> bool:
    """Cancellation probe that never cancels."""
    return False


_WATCHED = threading.local()        # the reporter whose cancel :func:`checkpoint` notices, per thread


def watched_cancel() -> CancelledFn | None:
    """The cancellation probe of the reporter :func:`checkpoint` checks on this thread (None: none), to ask later,
    from any thread, whether that work was cancelled (the probe alone: not the reporter, which holds its task)."""
    reporter = getattr(_WATCHED, "reporter", None)
    return None if reporter is None else reporter._cancelled


def checkpoint() -> None:
    """Raise :class:`OperationCancelled` if the work this thread does for a :meth:`Reporter.watching` reporter
    was cancelled: called between the long steps of shared helpers (a frame cut, the answers collected, a
    KPI's row terms), which have no reporter of their own, so that cancelled work lets go of the GIL and
    of the inputs' locks within tens of milliseconds, not at the next KPI or period."""
    reporter = getattr(_WATCHED, "reporter", None)
    if reporter is not None:
        reporter.check()


class Reporter:
    """Bundles a progress callable and a cancellation probe.

    >>> seen = []
    >>> r = Reporter(lambda f, t: seen.append((f, t)))
    >>> r.step(0.5, "half way")
    >>> seen
    [(0.5, 'half way')]
    """

    def __init__(self, progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
                 publish: PublishFn | None = None) -> None:
        self._progress = progress or no_progress
        self._cancelled = cancelled or never_cancelled
        self._publish = publish

    def publish(self, part: object) -> None:
        """Hand over part of the result before the work ends (the cards on screen before the others);
        nothing happens when nobody takes it."""
        if self._publish is not None:
            self._publish(part)

    def publishing_as(self, convert: Callable[[object], object]) -> "Reporter":
        """This reporter, publishing ``convert(part)`` of what the sub-task publishes."""
        publish = self._publish
        return Reporter(self._progress, self._cancelled,
                        None if publish is None else lambda part: publish(convert(part)))

    def step(self, fraction: float, text: str) -> None:
        """Report progress, then raise :class:`OperationCancelled` if the user cancelled."""
        self._progress(max(0.0, min(1.0, fraction)), text)
        self.check()

    def check(self) -> None:
        """Raise :class:`OperationCancelled` if the user cancelled."""
        if self._cancelled():
            raise OperationCancelled()

    @contextlib.contextmanager
    def watching(self) -> Iterator["Reporter"]:
        """While inside, :func:`checkpoint` on this thread checks this reporter (one that can be cancelled: a
        reporter that never is leaves the one watched before in place)."""
        if self._cancelled is never_cancelled:
            yield self
            return
        before = getattr(_WATCHED, "reporter", None)
        _WATCHED.reporter = self
        try:
            yield self
        finally:
            _WATCHED.reporter = before

    def scaled(self, start: float, end: float) -> "Reporter":
        """A reporter for a sub-task that maps its 0..1 onto ``start..end`` of this one."""
        return Reporter(lambda f, t: self._progress(start + (end - start) * f, t), self._cancelled, self._publish)
