"""Give the C heap's free pages back to the system (glibc's ``malloc_trim``; elsewhere nothing happens).

Reading a plain .xlsx sheet on the way through the package guard (:mod:`.xlsx_cells`) keeps its cells between the
4 MB pieces' temporaries, and glibc keeps the pages those leave free: after the read of the 1,048,575-row bench
workbook the process held about 100 MiB more than the same cells streamed, and its later peak (typing) with it
(681 against 625 MiB, over LibreOffice's 663).  Trimmed after the read and after typing: 648 MiB.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


def give_back() -> None:
    """Return the heap's free pages to the system, where the C library can."""
    trim = _trim()
    if trim is not None:
        trim(0)


@functools.cache
def _trim():
    try:
        library = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return library.malloc_trim
    except (OSError, AttributeError):
        return None
