"""The C allocator in the window (glibc only; elsewhere nothing is done): two arenas, freed memory kept for the
next job while the window works and handed back once it has been idle :data:`IDLE_GIVE_BACK_MS`.

Arenas: glibc gives each thread that allocates while another holds the main arena an arena of its own, up to
eight per core, and memory freed in one arena is reused only by the threads attached to it. The window's
workers (reading, computing, charting, sorting; the readers' threads are new for every drop) spread the
frames they make and free over many arenas, each keeping its own free pieces. In the same randomised
session (the soak, seed 1606, 125 actions after its warm-up) the arenas grew 77.6 -> 99.8 MB while what was
in use stayed within 55-61 MB, and resident memory grew 16.7 MB; with two arenas 73.7 -> 78.9 MB and
11.3 MB (from the 25th action on: 7.8 -> 2.1 MB): freed memory is found again by the next job.

Freed memory kept (:func:`metrics_core.allocator.reuse_freed_memory`, as the command line's reading commands
do): by default each array above glibc's moving threshold is a mapping of its own and the heap's free top is
given back, so a re-filter's cut of 1,048,576 tickets touched 40-60 MB of fresh pages (10,000-16,000 faults,
22-29 ms of the values job's 160-175 ms CPU); with freed memory kept, 57 faults and 4 ms (issue 15, session
20). At most :data:`KEPT_FREE` is kept (64 MiB kept too little: 10,000-18,000 faults again; the window held about
170 MiB more before the hand-back than after). What is kept is handed back (``malloc_trim``, 4-26 ms) once no
runner has had work for :data:`IDLE_GIVE_BACK_MS`: an owner who has stopped clicking does not hold it. The cost:
a peak can be up to that much higher (the 10,000,000-row call file in the window: 7.11 GB against 6.76 GB, one
run each, session 20).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer

from metrics_core.allocator import M_ARENA_MAX, give_back, mallopt, reuse_freed_memory

ARENAS = 2
IDLE_GIVE_BACK_MS = 10_000
KEPT_FREE = 256 * 2**20          # the most freed memory the heap keeps while the window works


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Cap the number of malloc arenas for threads made from now on; True when glibc took it."""
    return mallopt(M_ARENA_MAX, arenas)


def set_up_allocator() -> bool:
    """The window's allocator: :func:`limit_arenas`, and freed memory kept for reuse while it works (given back
    by :class:`GiveBackWhenIdle`); before Qt and the workers make threads. True when glibc took all of it."""
    return limit_arenas() & reuse_freed_memory(KEPT_FREE)


class GiveBackWhenIdle(QObject):
    """Hands the heap's kept free memory back to the system once no work has ended for ``idle_ms`` and none is
    running (``busy``); each end of a task (:meth:`work_ended`) starts the wait again."""

    def __init__(self, busy: Callable[[], bool], idle_ms: int = IDLE_GIVE_BACK_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._busy = busy
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self._on_idle)

    def work_ended(self) -> None:
        self._timer.start()

    def _on_idle(self) -> None:
        if not self._busy():            # (a task still running: its end starts the wait again)
            give_back()
