"""The C allocator's settings and hand-back (glibc only; elsewhere nothing is done).

:func:`mallopt` sets one of glibc's malloc parameters; the window keeps its arenas to two with it
(``desktop_app.allocator``), and the command line's reading commands keep freed memory for reuse
(:func:`reuse_freed_memory`). :func:`give_back` returns the heap's free pages to the system (``malloc_trim``).

Why reuse pays (issue 15): memory a process has not touched before costs the kernel work at the first touch of
each page (zeroed; on the virtual machines of the bench also backed by the host first), and that work is
counted as the process's system time. By default glibc gives each block above a threshold (128 KiB at first,
raised to the size of the largest such block freed, up to 32 MiB) a mapping of its own, given back when it is
freed, and gives the top of its heap back once twice the threshold is free there. Reading a million-row file
makes and frees arrays of 8-32 MB one after another (the parser's chunks joined, bytes made narrower, masks,
codes, dates): each one was fresh pages again. A whole ``compute --json`` of the 1,048,576-row ticket CSV
allocated about 1.8 GB of large arrays for a peak of 410 MiB; its system time was 0.8-1.7 s (the joined
timestamp columns alone 0.17-0.32 s each). With blocks up to 32 MiB taken from the heap and freed memory kept
there, the next array reuses pages already touched; see docs/ARCHITECTURE.md, "Speed and memory".
numpy also asks the kernel for huge pages (2 MiB, zeroed whole at the first touch) for every array of 4 MiB or more;
:func:`reuse_freed_memory` turns that advice off too (in-process, as ``NUMPY_MADVISE_HUGEPAGE=0`` does at numpy's
import): with 4 KiB pages and the heap kept, the ticket CSV's ``compute`` touched 520 MiB of fresh pages instead of
about 800 MiB, its system time 1.2-2.3 s -> 0.4-0.5 s (medians, session 14).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import sys

log = logging.getLogger(__name__)

M_TRIM_THRESHOLD = -1       # mallopt's parameters (malloc.h)
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
HEAP_BLOCKS_UP_TO = 32 * 2**20      # glibc's largest mmap threshold on 64 bits: larger blocks are mapped anyway
KEPT_FREE = 2**30                   # free memory at the top of the heap kept for reuse (the process is short-lived)


def mallopt(parameter: int, value: int) -> bool:
    """Set one of glibc's malloc parameters; True when glibc took it (False on other systems and C libraries)."""
    if not sys.platform.startswith("linux"):
        return False
    setter = _libc_function("mallopt")
    if setter is None:                                  # musl and others have no mallopt
        log.info("malloc parameter %d not set: no mallopt in the C library", parameter)
        return False
    return bool(setter(parameter, value))


def give_back() -> None:
    """Return the heap's free pages to the system (``malloc_trim``), where the C library can.

    Reading a plain .xlsx sheet through the package guard keeps its cells between the 4 MB pieces' temporaries,
    and glibc keeps the pages those leave free: after the read of the 1,048,575-row bench workbook the process held
    about 100 MiB more than the same cells streamed, and its later peak (typing) with it (681 against 625 MiB, over
    LibreOffice's 663); trimmed after the read and after typing: 648 MiB. The window hands back what it kept once
    idle (``desktop_app.allocator``) and after a long frame is put together (``desktop_app.process_loader``)."""
    trim = _libc_function("malloc_trim")
    if trim is not None:
        trim(0)


@functools.cache
def _libc_function(name: str):
    """The C library's function ``name`` (looked up once), or None where there is no such library or function."""
    try:
        return getattr(ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6"), name)
    except (OSError, AttributeError):
        return None


def reuse_freed_memory(kept: int = KEPT_FREE) -> bool:
    """Serve blocks of up to :data:`HEAP_BLOCKS_UP_TO` from the heap and keep up to ``kept`` bytes of freed
    memory there, and ask numpy for no huge pages, for a process that reads a file and ends (the command line);
    True when glibc took both malloc settings. The peak is what is in use at once: freed blocks are found again
    before the heap grows."""
    taken = mallopt(M_MMAP_THRESHOLD, HEAP_BLOCKS_UP_TO) & mallopt(M_TRIM_THRESHOLD, kept)    # (both asked)
    if taken:
        _no_huge_pages()
    return taken


def _no_huge_pages() -> None:
    """numpy's huge-page advice off (the function behind ``NUMPY_MADVISE_HUGEPAGE``; private, so looked up)."""
    try:
        from numpy._core import multiarray
    except ImportError:                 # (numpy 1: numpy.core; the bundle and the tests run numpy 2)
        return
    setter = getattr(multiarray, "_set_madvise_hugepage", None)
    if setter is not None:
        setter(False)
