"""Keep what a native library writes on the process's stderr (a Rust panic report) away from the user.

python-calamine turns a panic inside the reader into an exception we answer with a message, but
Rust's panic hook first prints "thread '<unnamed>' panicked at …" (and a backtrace when
``RUST_BACKTRACE`` is set) straight on file descriptor 2, before our message.  :func:`quiet_stderr`
points descriptor 2 at a temporary file for the duration of a call: a panic report goes to the
log (debug level); anything else written there is passed on to the real stderr unchanged.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)
_LOCK = threading.RLock()          # descriptor 2 is shared by every thread: one redirection at a time
PANIC_MARKS = ("panicked at", "RUST_BACKTRACE", "stack backtrace:")


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Capture file descriptor 2 during the block; drop Rust panic reports, pass the rest on."""
    with _LOCK:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (OSError, ValueError, AttributeError):        # no usable descriptor 2 (a frozen windowed app)
            yield
            return
        with tempfile.TemporaryFile() as captured:
            os.dup2(captured.fileno(), 2)
            try:
                yield
            finally:
                os.dup2(saved, 2)
                os.close(saved)
                captured.seek(0)
                text = captured.read(1 << 16).decode("utf-8", "replace")
        if not text:
            return
        if any(mark in text for mark in PANIC_MARKS):
            log.debug("the workbook reader reported a panic: %s", text.strip().splitlines()[0][:300])
        else:
            sys.stderr.write(text)
