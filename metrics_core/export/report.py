"""Reports: build one from the KPI engine, write it as a deck, a workbook and a CSV.

:class:`Report` (see :mod:`metrics_core.export.model`) is plain data;
:func:`build_report` fills it from the engine; :func:`write_report` writes it to a
``.pptx``, ``.xlsx`` or ``.csv`` file chosen by extension, or all three into a folder.
Chart images (PNG) need Qt and are drawn by ``desktop_app.report_pngs``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from ..staged_folder import StagedFolder
from ..errors import ExportError, KpiDeskError
from ..i18n import _
from ..progress import Reporter
from .build import build_report
from .csv_results import write_csv
from .model import ChartData, KpiRow, Report, SourceInfo
from .pptx_deck import write_pptx
from .xlsx_workbook import write_xlsx

__all__ = ["Report", "KpiRow", "ChartData", "SourceInfo", "build_report", "write_report", "WRITERS",
           "FOLDER_FILES", "file_stem", "report_paths"]

WRITERS: dict[str, Callable[[Report, Path, Reporter], None]] = {
    ".pptx": write_pptx, ".xlsx": write_xlsx, ".csv": write_csv,
}
# What a folder export holds (chart images are added by the desktop side): files named from the report.
FOLDER_FILES = (".pptx", ".xlsx", ".csv")
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_stem(report: Report) -> str:
    """The name of a report's files, from its title and period: 'Lipa Home – October 2026'.

    >>> from datetime import date, datetime
    >>> file_stem(Report("Lipa Home", "Lipa Home", date(2026, 10, 1), date(2026, 10, 31), datetime(2026, 11, 2)))
    'Lipa Home – October 2026'
    >>> file_stem(Report("KPIs: a/b", "Shop", None, None, datetime(2026, 11, 2)))
    'KPIs a b – all dates'
    >>> file_stem(Report("", "", date(2026, 10, 1), date(2026, 10, 31), datetime(2026, 11, 2)))
    'Customer service report – October 2026'
    """
    title = " ".join(_NOT_IN_FILE_NAMES.sub(" ", report.title_lines()[0]).split())
    return f"{title or 'KPI report'} – {report.period_label}"


def report_paths(report: Report, folder: str | Path, formats: tuple[str, ...] = FOLDER_FILES) -> list[Path]:
    """Where a folder export writes each format (to check for files that would be replaced)."""
    stem = file_stem(report)
    return [Path(folder) / f"{stem}{suffix}" for suffix in formats]


def write_report(report: Report, path: str | Path, reporter: Reporter | None = None,
                 formats: tuple[str, ...] = (".pptx", ".xlsx", ".csv"), staged: bool = True) -> list[Path]:
    """Write ``report`` to ``path``; returns the files written.

    A path ending in ``.pptx``, ``.xlsx`` or ``.csv`` gets that one file; any other
    path is a folder that gets ``formats`` (default: all three). Every file is
    written atomically: an existing file is replaced only once the new one is
    complete, and a failure or a cancel leaves it as it was. The files of a folder
    are written into a staging folder and moved in together (``staged=False`` when the
    caller stages the folder itself, to add chart images).

    Parameters
    ----------
    report : Report
        What to write.
    path : str or Path
        A file name with a known extension, or a folder.
    reporter : Reporter, optional
        Progress and cancellation (:class:`~metrics_core.errors.OperationCancelled`).
    formats : tuple of str
        For a folder: which of ``.pptx``, ``.xlsx``, ``.csv`` to write.
    staged : bool
        For a folder: write into a :class:`~metrics_core.atomic.StagedFolder` (all files land together).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from datetime import datetime
    >>> r = Report("KPIs", "Shop", None, None, datetime(2025, 1, 6))
    >>> out = write_report(r, pathlib.Path(tempfile.mkdtemp()) / "results.csv")
    >>> out[0].name
    'results.csv'
    """
    reporter = reporter or Reporter()
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix in WRITERS:
        jobs = [(WRITERS[suffix], target)]
    elif suffix and not target.is_dir():
        raise ExportError(f"KPI Desk cannot write '{target.name}': choose a name ending in .pptx, .xlsx or .csv, "
                          "or a folder.", path=target)
    else:
        unknown = [f for f in formats if f not in FOLDER_FILES]
        if unknown:
            raise ExportError(f"Unknown report format {unknown[0]!r}; use .pptx, .xlsx or .csv.")
        if staged:
            with StagedFolder(target) as stage:
                write_report(report, stage.path, reporter, formats, staged=False)
            return stage.written
        jobs = [(WRITERS[p.suffix], p) for p in report_paths(report, target, formats)]
    written = []
    for i, (writer, file_path) in enumerate(jobs):
        sub = reporter.scaled(i / len(jobs), (i + 1) / len(jobs))
        _write_one(writer, report, file_path, sub)
        written.append(file_path)
    reporter.step(1.0, _("Report written"))
    return written


def _write_one(writer, report: Report, file_path: Path, reporter: Reporter) -> None:
    try:
        writer(report, file_path, reporter)
    except KpiDeskError:
        raise
    except PermissionError as exc:
        raise ExportError(f"Could not write '{file_path}': it is open in another program or the folder is "
                          "read-only. Close the file or choose another folder, then try again.",
                          path=file_path) from exc
    except OSError as exc:
        raise ExportError(f"Could not write '{file_path}': {exc.strerror or exc}.", path=file_path) from exc
