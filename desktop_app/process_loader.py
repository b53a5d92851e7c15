"""Reading files in a child process, so that nothing a file does can take the window down.

Every file the window opens — and every preview of the import dialog — is read by a child
process, watched over by the window's side:

- **Crashes.** If the reader dies (a native library aborts, the system kills it), the child
  goes, the window stays; the user reads a message, and the data already loaded is unchanged.
- **Time.** A read that takes longer than :attr:`ReadLimits.seconds` (by default a minute plus
  two seconds per MB) is stopped. The child also keeps its own clock (an alarm signal, whose
  default action ends it), a few seconds later: it ends even when the window's side cannot watch
  it (a frozen window, a busy machine), and the window then tells the same story.
- **Memory.** The child's address space is capped (``RLIMIT_AS``, on Linux) at what it uses
  after start-up plus :attr:`ReadLimits.memory_bytes`; past it the read fails with a message.

On Linux and macOS the children are forked from a *forkserver* that has already imported the
reader (see :func:`prewarm`), so a small file opens about as fast as it would in the window's
own process; on Windows each child is spawned. pandas holds the GIL for long stretches, so
the child also keeps big reads from freezing the window: the dataset comes back over a pipe
column by column (:mod:`desktop_app.frame_pipe`: typed arrays as their bytes, category columns as their codes, the
rest in pieces small enough that unpickling one never blocks the GUI thread for long). A big file's
child runs at a lower priority only while the readers take every core (:func:`_lower_priority`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import multiprocessing
import math
import os
import pickle
import signal
import sys
import threading
import time
from typing import Any, Iterator

import numpy as np
import pandas as pd

from metrics_core import errors
from metrics_core.allocator import give_back
from metrics_core.errors import FileReadError, KpiDeskError, OperationCancelled
from metrics_core.i18n import Message, _, current_language, set_language
from metrics_core.progress import Reporter

from .frame_pipe import FrameParts, send_frame

log = logging.getLogger(__name__)

POLL_S = 0.01
YIELD_S = 0.001
FRAMES = ("frame",)
PRELOAD = ["metrics_core.loading", "metrics_core.mapping.detect", "desktop_app.process_loader"]
WARM_UP = "desktop_app.reader_warmup"      # preloaded too when the app asks for it (:func:`prewarm`)
BASE_SECONDS = 60.0
SECONDS_PER_MB = 2.0
BIG_FILE_BYTES = 8_000_000          # read at a lower priority when the readers take every core (_lower_priority)
MAX_MEMORY_BYTES = 6 * 1024 ** 3
GIVE_BACK_ROWS = 4_000_000          # a frame this long received: the heap's freed pieces handed back at once (the
                                    # window keeps freed memory for its next job, desktop_app.allocator; at 10,000,000
                                    # call rows the pieces of its text columns held 0.7 GiB more, never reused)
CHILD_GRACE_S = 5.0                 # the child's own clock runs this much past the window's watchdog
TIMED_OUT_EXIT = 124                # the child ended itself at its time limit (where there is no alarm signal)
TIMED_OUT_CODES = {TIMED_OUT_EXIT} | ({-signal.SIGALRM} if hasattr(signal, "SIGALRM") else set())
_lock = threading.Lock()
_state: dict[str, Any] = {"context": None, "readers": 0}


@dataclasses.dataclass(frozen=True)
class ReadLimits:
    """How long and how much memory one read may take (``None``: the defaults)."""

    seconds: float | None = None
    memory_bytes: int | None = None

    def seconds_for(self, path: Any) -> float:
        if self.seconds is not None:
            return self.seconds
        try:
            size_mb = os.path.getsize(path) / 1e6
        except OSError:
            size_mb = 0.0
        return BASE_SECONDS + SECONDS_PER_MB * size_mb

    def memory(self) -> int:
        return self.memory_bytes if self.memory_bytes is not None else default_memory_budget()


def default_memory_budget() -> int:
    """Six GB, or 60 % of the machine's memory when it has less than ten."""
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return MAX_MEMORY_BYTES
    return int(min(MAX_MEMORY_BYTES, 0.6 * physical))


def _context(warm_up: bool = False) -> Any:
    with _lock:
        if _state["context"] is None:
            if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
                ctx = multiprocessing.get_context("forkserver")
                ctx.set_forkserver_preload(PRELOAD + ([WARM_UP] if warm_up else []))
            else:
                ctx = multiprocessing.get_context("spawn")
            _state["context"] = ctx
        return _state["context"]


def prewarm() -> None:
    """Start the forkserver in the background (it imports the reader and reads a few small samples once),
    so that every file opens fast. The app calls this at start, before anything is read."""
    ctx = _context(warm_up=True)
    if ctx.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    threading.Thread(target=forkserver.ensure_running, name="kpidesk-reader-prewarm", daemon=True).start()


def load_in_process(request: Any, reporter: Reporter,
                    limits: ReadLimits | None = None) -> tuple[Any, dict[str, list[Any]], tuple[Any, Any]]:
    """``(dataset, filter_values, date_range)`` for one :class:`~desktop_app.jobs.LoadRequest`."""
    outcome = _run_child("load", request, request.path, reporter, limits or ReadLimits())
    skeleton, parts = outcome
    reporter.step(0.92, _("Assembling the table"))
    assembled = _assemble(skeleton, parts, reporter)
    del outcome, parts
    if len(assembled[0].frame) >= GIVE_BACK_ROWS:
        give_back()         # the pieces received are free now: handed back, not kept (see the constant)
    return assembled


def preview_in_process(path: Any, options: Any, kind: str | None, user: Any, max_rows: int, reporter: Reporter,
                       limits: ReadLimits | None = None) -> tuple[Any, Any]:
    """``(table, mapping)``: the first ``max_rows`` rows of ``path`` and the mapping detected on them."""
    return _run_child("preview", (path, options, kind, user, max_rows), path, reporter, limits or ReadLimits())


def _run_child(job: str, payload: Any, path: Any, reporter: Reporter, limits: ReadLimits) -> Any:
    with _reading() as readers:
        proc, here = _start_child(job, payload, path, limits, _lower_priority(path, readers))
        _state["child"] = proc            # (tests reach the running child through this)
        try:
            return _receive(here, proc, reporter, os.path.basename(str(path)), limits.seconds_for(path))
        finally:
            if proc.is_alive():
                proc.kill()
            proc.join(5)
            here.close()
            _state.pop("child", None)


@contextlib.contextmanager
def _reading() -> Iterator[int]:
    """Counts a reader child while it runs; gives how many run now, this one included."""
    with _lock:
        _state["readers"] += 1
        readers = _state["readers"]
    try:
        yield readers
    finally:
        with _lock:
            _state["readers"] -= 1


def _start_child(job: str, payload: Any, path: Any, limits: ReadLimits, lower: bool = False) -> tuple[Any, Any]:
    """The running reader child and the end of the pipe its messages come from; the child's own time
    limit is kept on it as ``seconds_limit`` (the window's limit, which its message names)."""
    ctx = _context()
    here, there = ctx.Pipe(duplex=False)
    seconds = limits.seconds_for(path)
    proc = ctx.Process(target=_child_main, args=(there, job, payload, limits.memory(), lower,
                                                 current_language(), seconds + CHILD_GRACE_S), daemon=True,
                       name="kpidesk-reader")
    proc.seconds_limit = seconds
    proc.start()
    there.close()
    return proc, here


def _lower_priority(path: Any, readers: int) -> bool:
    """Whether the child reading ``path`` runs at a lower priority (``nice +5``): a big file, while the window's
    readers (``readers``, this one included) take every core. One reader on a machine of two cores or more
    leaves the window a core of its own; lowered there, it only lost the CPU to every other program on a busy
    machine (a reference script beside it read the same file in a tenth of the time)."""
    return _is_big(path) and readers >= (os.cpu_count() or 1)


def _is_big(path: Any) -> bool:
    try:
        return os.path.getsize(path) >= BIG_FILE_BYTES
    except OSError:
        return False


def _receive(conn: Any, proc: Any, reporter: Reporter, name: str, seconds: float) -> Any:
    skeleton: dict[str, Any] | None = None
    parts = FrameParts()
    deadline = time.monotonic() + seconds
    while True:
        reporter.check()
        if time.monotonic() > deadline:
            raise _too_long(name, seconds)
        if not conn.poll(POLL_S):
            if not proc.is_alive() and not conn.poll(0):
                raise _died(proc, name)
            continue
        try:
            message = conn.recv()
        except (EOFError, OSError):
            raise _died(proc, name) from None
        tag = message[0]
        if tag == "progress":
            reporter.step(0.9 * message[1], message[2])
        elif tag == "error":
            raise _rebuild_error(*message[1:], name=name)
        elif tag == "result":
            return message[1]
        elif tag == "skeleton":
            skeleton = message[1]
        elif tag in ("array", "coded", "piece"):
            parts.take(conn, message)
            time.sleep(YIELD_S)     # hand the GIL to the GUI thread between columns and pieces
        elif tag == "done":
            assert skeleton is not None
            return skeleton, parts


def _too_long(name: str, seconds: float) -> FileReadError:
    return FileReadError(Message("Reading {file} was stopped after {seconds} seconds: that is far longer than a "
                                 "normal export takes. The file may be damaged or not what its name says. "
                                 "The data already open is unchanged.", {"file": name, "seconds": round(seconds)}))


def _died(proc: Any, name: str) -> FileReadError:
    proc.join(2)
    log.warning("the reader of %s ended with exit code %s", name, proc.exitcode)
    if proc.exitcode in TIMED_OUT_CODES:
        return _too_long(name, getattr(proc, "seconds_limit", 0))          # it ended itself at its own limit
    return FileReadError(Message("Reading {file} stopped unexpectedly: the reader ran out of memory or was ended "
                                 "(exit code {code}). The file may be damaged or far larger than a normal export. "
                                 "The data already open is unchanged.", {"file": name, "code": proc.exitcode}))


def _assemble(skeleton: dict[str, Any], parts: FrameParts,
              reporter: Reporter) -> tuple[Any, dict[str, list[Any]], tuple[Any, Any]]:
    frames = {}
    for key in FRAMES:
        reporter.check()
        frames[key] = parts.frame(key, skeleton["empty"][key])
    dataset = dataclasses.replace(skeleton["dataset"], frame=frames["frame"])
    return dataset, skeleton["filter_values"], skeleton["date_range"]


def _portable(message: Any) -> Any:
    """An error's message as the child sends it: the :class:`~metrics_core.i18n.Message` itself (the window renders
    it, in its language of the moment: again in the new one after a switch), its text where it cannot be pickled."""
    try:
        pickle.dumps(message)
    except Exception:  # noqa: BLE001 - a value of no use to the window (a handle, a lambda): the text then
        return str(message)
    return message


def _rebuild_error(type_name: str, message: Any, limit: str | None = None, *, name: str) -> Exception:
    """The child's error again in this process, its message as sent (a Message stays one)."""
    if type_name == "MemoryError":
        return FileReadError(Message("Reading {file} needed more memory than KPI Desk allows a file; it is far "
                                     "larger than a normal export, or damaged. The data already open is unchanged.",
                                     {"file": name}))
    cls = getattr(errors, type_name, None)
    if cls is errors.LimitExceededError:
        return cls(message, limit=limit or "")
    if isinstance(cls, type) and issubclass(cls, KpiDeskError) and cls not in (errors.MissingFieldError,
                                                                              OperationCancelled):
        return cls(message)
    return KpiDeskError(message)


# -- the child process -------------------------------------------------------------------
def _cap_memory(budget: int) -> None:
    """Cap the address space at what the child uses now plus ``budget`` (Linux; elsewhere no cap)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            now = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (now + budget, resource.RLIM_INFINITY))
    except (ImportError, OSError, ValueError) as exc:
        log.info("no memory cap for the reader: %s", exc)


def _keep_own_time(seconds: float) -> None:
    """End this process after ``seconds`` whatever it is doing (reading, asleep on a pipe, stuck in a
    native library): SIGALRM's default action ends it; where there is none, a timer thread exits."""
    if hasattr(signal, "alarm"):
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(max(1, math.ceil(seconds)))
        return
    timer = threading.Timer(seconds, os._exit, args=(TIMED_OUT_EXIT,))
    timer.daemon = True
    timer.start()


def _child_main(conn: Any, job: str, payload: Any, memory_budget: int, lower: bool, language: str = "en",
                seconds: float | None = None) -> None:
    if seconds is not None:
        _keep_own_time(seconds)
    set_language(language)      # the window's language: progress and error texts come back in it
    last = [0.0]
    if lower and hasattr(os, "nice"):
        os.nice(5)          # a long read while the readers take every core: the window's process comes first
    _cap_memory(memory_budget)

    def progress(fraction: float, text: str) -> None:
        now = time.monotonic()
        if now - last[0] > 0.1:
            last[0] = now
            conn.send(("progress", fraction, text))

    try:
        if job == "preview":
            conn.send(("result", _preview(*payload)))
        else:
            _load(conn, payload, Reporter(progress), progress)
    except KpiDeskError as exc:
        conn.send(("error", type(exc).__name__, _portable(exc.message), getattr(exc, "limit", None)))
    except MemoryError:
        conn.send(("error", "MemoryError", ""))
    except Exception as exc:  # noqa: BLE001 - the parent shows it; the child must not die silently
        log.exception("reading failed in the helper process")
        conn.send(("error", "Exception", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _preview(path: Any, options: Any, kind: str | None, user: Any, max_rows: int) -> tuple[Any, Any]:
    from metrics_core.ingest.reader import read_preview
    from metrics_core.mapping.detect import detect_mapping

    table = read_preview(path, options, max_rows=max_rows)
    return table, detect_mapping(table, kind=kind, user=user)


def _load(conn: Any, request: Any, reporter: Reporter, progress: Any) -> None:
    from metrics_core.loading import load_dataset, without_rows

    from .dataset_facts import date_range, filter_values

    # the source table's rows stay behind (let go while the dataset is built): the app works from the canonical frame
    ds = load_dataset(request.path, options=request.options, mapping=request.mapping, kind=request.kind,
                      reporter=reporter, name=request.name, source_rows=False)
    progress(1.0, _("Preparing filters"))
    frames = {"frame": ds.frame}
    empty_table = dataclasses.replace(without_rows(ds.table),      # (a table money KPIs read kept its rows)
                                      row_numbers=pd.Index(np.asarray(ds.table.row_numbers, dtype=np.int64)))
    skeleton = {
        "dataset": dataclasses.replace(ds, table=empty_table, frame=ds.frame.iloc[0:0]),
        "empty": {k: f.iloc[0:0] for k, f in frames.items()},
        "filter_values": filter_values(ds),
        "date_range": date_range(ds),
    }
    conn.send(("skeleton", skeleton))
    for key, frame in frames.items():
        send_frame(conn, key, frame)
    conn.send(("done",))
