"""Loading a big file in a child process, so that the GUI never waits on the GIL.

pandas holds the GIL for long stretches (reading a CSV, parsing a million dates),
which would freeze the window if the import ran in a thread. A child process
runs :func:`metrics_core.loading.load_dataset`; the dataset comes back over a pipe
in row chunks small enough that unpickling one never blocks the
GUI thread for long. The child also works out the filter values and date range.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import os
import time
from typing import Any

import numpy as np
import pandas as pd

from metrics_core import errors
from metrics_core.errors import KpiDeskError, OperationCancelled
from metrics_core.i18n import _, current_language, set_language
from metrics_core.progress import Reporter

log = logging.getLogger(__name__)

CHUNK_ROWS = 8_192
BIG_FILE_BYTES = 8_000_000          # smaller files load in a thread (no process start-up cost)
POLL_S = 0.02
YIELD_S = 0.001
FRAMES = ("frame",)


def use_process(path: Any) -> bool:
    """Big files load in a child process."""
    try:
        return path.stat().st_size >= BIG_FILE_BYTES
    except OSError:
        return False


def load_in_process(request: Any, reporter: Reporter) -> tuple[Any, dict[str, list[Any]], tuple[Any, Any]]:
    """``(dataset, filter_values, date_range)`` for one :class:`~desktop_app.jobs.LoadRequest`."""
    ctx = multiprocessing.get_context("spawn")
    here, there = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child_main, args=(there, request, current_language()), daemon=True, name="kpidesk-import")
    proc.start()
    there.close()
    try:
        return _receive(here, proc, reporter)
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(5)
        here.close()


def _receive(conn: Any, proc: Any, reporter: Reporter) -> tuple[Any, dict[str, list[Any]], tuple[Any, Any]]:
    skeleton: dict[str, Any] | None = None
    parts: dict[str, list[pd.DataFrame]] = {}
    while True:
        reporter.check()
        if not conn.poll(POLL_S):
            if not proc.is_alive() and not conn.poll(0):
                raise KpiDeskError(_("The import stopped unexpectedly (the helper process ended)."))
            continue
        try:
            message = conn.recv()
        except EOFError:
            raise KpiDeskError(_("The import stopped unexpectedly (the helper process ended).")) from None
        tag = message[0]
        if tag == "progress":
            reporter.step(0.9 * message[1], message[2])
        elif tag == "error":
            raise _rebuild_error(message[1], message[2])
        elif tag == "skeleton":
            skeleton = message[1]
        elif tag == "chunk":
            parts.setdefault(message[1], []).append(message[2])
            time.sleep(YIELD_S)     # hand the GIL to the GUI thread between chunks
        elif tag == "done":
            break
    assert skeleton is not None
    reporter.step(0.92, _("Assembling the table"))
    return _assemble(skeleton, parts, reporter)


def _assemble(skeleton: dict[str, Any], parts: dict[str, list[pd.DataFrame]],
              reporter: Reporter) -> tuple[Any, dict[str, list[Any]], tuple[Any, Any]]:
    frames = {}
    for key in FRAMES:
        reporter.check()
        chunks = parts.get(key) or [skeleton["empty"][key]]
        frames[key] = _concat_rows(chunks)
    dataset = dataclasses.replace(skeleton["dataset"], frame=frames["frame"])
    return dataset, skeleton["filter_values"], skeleton["date_range"]


def _concat_rows(chunks: list[pd.DataFrame]) -> pd.DataFrame:
    """Row chunks -> one frame, four at a time, so that no single step holds the GIL for long."""
    while len(chunks) > 1:
        merged = []
        for i in range(0, len(chunks), 4):
            merged.append(pd.concat(chunks[i:i + 4], ignore_index=True) if i + 1 < len(chunks) else chunks[i])
            time.sleep(YIELD_S)
        chunks = merged
    return chunks[0]


def _rebuild_error(type_name: str, message: str) -> Exception:
    cls = getattr(errors, type_name, None)
    if isinstance(cls, type) and issubclass(cls, KpiDeskError) and cls not in (errors.MissingFieldError,
                                                                              OperationCancelled):
        return cls(message)
    return KpiDeskError(message)


# -- the child process -------------------------------------------------------------------
def _child_main(conn: Any, request: Any, language: str = "en") -> None:
    set_language(language)      # the window's language: progress and error texts come back in it
    last = [0.0]
    if hasattr(os, "nice"):
        os.nice(5)          # the window's process comes first

    def progress(fraction: float, text: str) -> None:
        now = time.monotonic()
        if now - last[0] > 0.1:
            last[0] = now
            conn.send(("progress", fraction, text))

    try:
        from metrics_core.loading import load_dataset

        from .dataset_facts import date_range, filter_values

        ds = load_dataset(request.path, options=request.options, mapping=request.mapping, kind=request.kind,
                          reporter=Reporter(progress), name=request.name)
        progress(1.0, _("Preparing filters"))
        frames = {"frame": ds.frame}
        # the source table's rows stay behind: once mapped, the app works from the canonical frame
        empty_table = dataclasses.replace(ds.table, frame=ds.table.frame.iloc[0:0], raw=ds.table.raw.iloc[0:0],
                                          row_numbers=pd.Index(np.asarray(ds.table.row_numbers, dtype=np.int64)))
        skeleton = {
            "dataset": dataclasses.replace(ds, table=empty_table, frame=ds.frame.iloc[0:0]),
            "empty": {k: f.iloc[0:0] for k, f in frames.items()},
            "filter_values": filter_values(ds),
            "date_range": date_range(ds),
        }
        conn.send(("skeleton", skeleton))
        for key, frame in frames.items():
            frame = frame.reset_index(drop=True)
            for start in range(0, len(frame), CHUNK_ROWS):
                conn.send(("chunk", key, frame.iloc[start:start + CHUNK_ROWS]))
        conn.send(("done",))
    except KpiDeskError as exc:
        conn.send(("error", type(exc).__name__, str(exc)))
    except Exception as exc:  # noqa: BLE001 - the parent shows it; the child must not die silently
        log.exception("import failed in the helper process")
        conn.send(("error", "Exception", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()
