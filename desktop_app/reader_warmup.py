"""Imported once by the reader's forkserver (see :mod:`desktop_app.process_loader`): it reads the
first rows of each bundled demo file (every kind of export the app knows, in a few KB), so that
every reader forked afterwards starts with the lazy imports done and the parsers' and mappers'
caches filled: a small file then opens about as fast as in the window's own process.
"""

from __future__ import annotations

import gc
import logging
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

SAMPLE_LINES = 60


def warm_up() -> None:
    """Read the samples; any failure is only logged (the warm-up only saves time)."""
    try:
        from metrics_core.ingest.reader import read_preview
        from metrics_core.loading import load_dataset
        from metrics_core.mapping.detect import detect_mapping
        from metrics_core.resources import demo_dir

        from .dataset_facts import date_range, filter_values

    except ImportError:
        log.warning("reader warm-up skipped", exc_info=True)
        return
    with tempfile.TemporaryDirectory(prefix="kpidesk-warmup-") as folder:
        for source in sorted(demo_dir().glob("*")):
            try:
                path = _sample(source, Path(folder))
                if path is None:
                    continue
                ds = load_dataset(path)
                filter_values(ds), date_range(ds)
                detect_mapping(read_preview(path, max_rows=50))
            except Exception:  # noqa: BLE001 - never stop the reader from starting
                log.info("reader warm-up: %s not read", source.name, exc_info=True)


def _sample(source: Path, folder: Path) -> Path | None:
    """The first lines of a demo CSV (a small workbook as it is); None for other files."""
    if source.suffix.lower() == ".xlsx" and source.stat().st_size < 2_000_000:
        return source
    if source.suffix.lower() != ".csv":
        return None
    with open(source, "rb") as fh:            # (the demo has files in other encodings too)
        head = [line for _, line in zip(range(SAMPLE_LINES), fh)]
    target = folder / source.name
    target.write_bytes(b"".join(head))
    return target


def freeze_heap() -> None:
    """Keep the garbage collector of each forked reader off the objects made so far: touching them
    would copy the forkserver's whole memory into every child (copy-on-write)."""
    gc.collect()
    gc.freeze()


warm_up()
freeze_heap()
