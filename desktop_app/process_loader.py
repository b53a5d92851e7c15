"""Loading a big file in a child process, so that the GUI never waits on the GIL.

pandas holds the GIL for long stretches (reading a CSV, parsing a million dates),
which would freeze the window if the import ran in a thread. A child process
runs :func:`metrics_core.loading.load_dataset`; the dataset comes back over a pipe
column by column in row chunks small enough that unpickling one never blocks the
GUI thread for long. The child also works out the filter values and date range.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import time
from typing import Any

import pandas as pd

from metrics_core import errors
from metrics_core.errors import KpiDeskError, OperationCancelled
from metrics_core.progress import Reporter

log = logging.getLogger(__name__)

CHUNK_ROWS = 32_768
BIG_FILE_BYTES = 8_000_000          # smaller files load in a thread (no process start-up cost)
POLL_S = 0.02
FRAMES = ("frame", "table_frame", "table_raw")


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
    proc = ctx.Process(target=_child_main, args=(there, request), daemon=True, name="kpidesk-import")
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
    parts: dict[tuple[str, int], list[pd.Series]] = {}
    while True:
        reporter.check()
        if not conn.poll(POLL_S):
            if not proc.is_alive() and not conn.poll(0):
                raise KpiDeskError("The import stopped unexpectedly (the helper process ended).")
            continue
        try:
            message = conn.recv()
        except EOFError:
            raise KpiDeskError("The import stopped unexpectedly (the helper process ended).") from None
        tag = message[0]
        if tag == "progress":
            reporter.step(0.9 * message[1], message[2])
        elif tag == "error":
            raise _rebuild_error(message[1], message[2])
        elif tag == "skeleton":
            skeleton = message[1]
        elif tag == "chunk":
            parts.setdefault((message[1], message[2]), []).append(message[3])
        elif tag == "done":
            break
    assert skeleton is not None
    reporter.step(0.92, "Assembling the table")
    return _assemble(skeleton, parts, reporter)


def _assemble(skeleton: dict[str, Any], parts: dict[tuple[str, int], list[pd.Series]],
              reporter: Reporter) -> tuple[Any, dict[str, list[Any]], tuple[Any, Any]]:
    frames = {}
    for key in FRAMES:
        columns = skeleton["columns"][key]
        data = {}
        for i, name in enumerate(columns):
            reporter.check()
            chunks = parts.get((key, i), [])
            data[i] = pd.concat(chunks, ignore_index=True) if chunks else pd.Series([], dtype=object)
            time.sleep(0)       # let the GUI thread run between columns
        frame = pd.DataFrame(data) if data else pd.DataFrame(index=pd.RangeIndex(skeleton["rows"][key]))
        frame.columns = pd.Index(columns)
        frames[key] = frame
    ds = skeleton["dataset"]
    table = dataclasses.replace(ds.table, frame=frames["table_frame"], raw=frames["table_raw"])
    dataset = dataclasses.replace(ds, table=table, frame=frames["frame"])
    return dataset, skeleton["filter_values"], skeleton["date_range"]


def _rebuild_error(type_name: str, message: str) -> Exception:
    cls = getattr(errors, type_name, None)
    if isinstance(cls, type) and issubclass(cls, KpiDeskError) and cls not in (errors.MissingFieldError,
                                                                              OperationCancelled):
        return cls(message)
    return KpiDeskError(message)


# -- the child process -------------------------------------------------------------------
def _child_main(conn: Any, request: Any) -> None:
    last = [0.0]

    def progress(fraction: float, text: str) -> None:
        now = time.monotonic()
        if now - last[0] > 0.1:
            last[0] = now
            conn.send(("progress", fraction, text))

    try:
        from metrics_core.loading import load_dataset

        from .jobs import date_range, filter_values

        ds = load_dataset(request.path, options=request.options, mapping=request.mapping, kind=request.kind,
                          reporter=Reporter(progress), name=request.name)
        progress(1.0, "Preparing filters")
        frames = {"frame": ds.frame, "table_frame": ds.table.frame, "table_raw": ds.table.raw}
        empty_table = dataclasses.replace(ds.table, frame=ds.table.frame.iloc[0:0], raw=ds.table.raw.iloc[0:0])
        skeleton = {
            "dataset": dataclasses.replace(ds, table=empty_table, frame=ds.frame.iloc[0:0]),
            "columns": {k: list(f.columns) for k, f in frames.items()},
            "rows": {k: len(f) for k, f in frames.items()},
            "filter_values": filter_values(ds),
            "date_range": date_range(ds),
        }
        conn.send(("skeleton", skeleton))
        for key, frame in frames.items():
            for i in range(frame.shape[1]):
                column = frame.iloc[:, i].reset_index(drop=True)
                for start in range(0, len(column), CHUNK_ROWS):
                    conn.send(("chunk", key, i, column.iloc[start:start + CHUNK_ROWS]))
        conn.send(("done",))
    except KpiDeskError as exc:
        conn.send(("error", type(exc).__name__, str(exc)))
    except Exception as exc:  # noqa: BLE001 - the parent shows it; the child must not die silently
        log.exception("import failed in the helper process")
        conn.send(("error", "Exception", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()
