"""The C allocator's arenas: at most :data:`ARENAS` (glibc only; elsewhere nothing is done).

glibc gives each thread that allocates while another holds the main arena an arena of its own, up to
eight per core, and memory freed in one arena is reused only by the threads attached to it. The window's
workers (reading, computing, charting, sorting; the readers' threads are new for every drop) spread the
frames they make and free over many arenas, each keeping its own free pieces. In the same randomised
session (the soak, seed 1606, 125 actions after its warm-up) the arenas grew 77.6 -> 99.8 MB while what was
in use stayed within 55-61 MB, and resident memory grew 16.7 MB; with two arenas 73.7 -> 78.9 MB and
11.3 MB (from the 25th action on: 7.8 -> 2.1 MB): freed memory is found again by the next job.
"""

from __future__ import annotations

from metrics_core.allocator import M_ARENA_MAX, mallopt

ARENAS = 2


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Cap the number of malloc arenas for threads made from now on; True when glibc took it."""
    return mallopt(M_ARENA_MAX, arenas)
