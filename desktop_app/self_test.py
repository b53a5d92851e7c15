"""``KPIDesk --self-test``: prove a build works end to end, with no display and no network.

Starts Qt offscreen, loads the bundled demo data, computes every KPI, exports a
chart PNG, a deck and a workbook to a temporary folder, re-opens them, and exits
0 — or non-zero with the reason on stderr.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
import time
import traceback
from pathlib import Path

log = logging.getLogger(__name__)

# A benchmark for one KPI, so that ``benchmark_gap`` (which compares against a value
# the owner types in) has something to compare.
SELF_TEST_PARAMS = {"csat": {"benchmark": 78.0, "target": 85.0}}


class SelfTestFailure(Exception):
    """One check of the self-test failed."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


def _load_demo():
    from metrics_core.dataset import DataBundle
    from metrics_core.loading import load_dataset
    from metrics_core.resources import demo_dir

    folder = demo_dir()
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in {".csv", ".xlsx", ".txt"})
    _check(bool(files), f"no demo files found in {folder}")
    bundle = DataBundle()
    for path in files:
        bundle.add(load_dataset(path))
    return bundle


def _read_in_child() -> str:
    """The window reads every file in a child process: read one demo file that way."""
    from metrics_core.progress import Reporter
    from metrics_core.resources import demo_dir

    from .jobs import LoadRequest
    from .process_loader import load_in_process

    ds, _values, _dates = load_in_process(LoadRequest(demo_dir() / "tickets.csv"), Reporter())
    _check(len(ds.frame) > 0, "the reader's child process returned no rows")
    return f"read tickets.csv in a child process ({len(ds.frame)} rows)"


def _compute(bundle):
    from metrics_core.metrics.engine import compute_all
    from metrics_core.metrics.registry import REGISTRY

    results = compute_all(bundle, params=SELF_TEST_PARAMS)
    _check(len(results) == len(REGISTRY), f"{len(results)} results for {len(REGISTRY)} KPIs")
    missing = [m for m, r in results.items() if r.value is None]
    _check(not missing, "the demo data gives no value for: " + ", ".join(missing))
    return results


def _export_png(out: Path) -> Path:
    from PySide6.QtGui import QImage

    import pyqtgraph as pg

    from desktop_app.charts.export import export_png

    widget = pg.PlotWidget()
    widget.plot([1, 2, 3, 4], [3, 1, 4, 1])
    path = out / "chart.png"
    export_png(widget, path, width=1280, height=720)
    image = QImage(str(path))
    _check(not image.isNull(), "the chart PNG cannot be read back")
    _check((image.width(), image.height()) == (1280, 720), f"chart PNG is {image.width()}x{image.height()}, not 1280x720")
    return path


def _export_reports(bundle, out: Path) -> tuple[Path, Path]:
    from metrics_core.export.build import build_report
    from metrics_core.export.report import write_report

    report = build_report(bundle, params=SELF_TEST_PARAMS)
    deck, book = out / "report.pptx", out / "report.xlsx"
    write_report(report, deck)
    write_report(report, book)

    from pptx import Presentation
    from python_calamine import CalamineWorkbook

    slides = len(Presentation(str(deck)).slides)
    _check(slides >= 4, f"the deck has only {slides} slides")
    sheets = CalamineWorkbook.from_path(str(book)).sheet_names
    _check(len(sheets) >= 2, f"the workbook has only {len(sheets)} sheets")
    return deck, book


def _check_languages(bundle, out: Path) -> Path:
    """Every shipped language has its catalogues and Qt's texts, and a report can be made in one of them."""
    from PySide6.QtCore import QTranslator

    from desktop_app.i18n import qt_translation_file, register_catalogue
    from metrics_core.export.build import build_report
    from metrics_core.export.report import write_report
    from metrics_core.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, language

    register_catalogue()
    for code in LANGUAGES:
        if code == DEFAULT_LANGUAGE:
            continue
        with language(code):
            _check(_("Export report") != "Export report", f"the window's catalogue for {code} is missing")
        qm = qt_translation_file(code)
        translator = QTranslator()
        _check(qm is not None and translator.load(str(qm)) and translator.translate("QPlatformTheme", "Cancel"),
               f"Qt's texts in {code} are missing ({qm})")
    with language("sl"):
        report = build_report(bundle, params=SELF_TEST_PARAMS)
        deck = out / "report-sl.pptx"
        write_report(report, deck)
    from pptx import Presentation

    shapes = [shape for slide in Presentation(str(deck)).slides for shape in slide.shapes]
    cells = " ".join(cell.text for shape in shapes if shape.has_table for row in shape.table.rows for cell in row.cells)
    _check(re.search(r"\d,\d\u00a0%", cells) is not None, "the Slovenian deck does not write 48,9 % the Slovenian way")
    return deck


def run(out: Path) -> list[str]:
    """Run every check, writing into ``out``; return the lines of the summary."""
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["kpidesk-self-test"])  # noqa: F841 - must live during the test
    lines = []
    t0 = time.perf_counter()
    bundle = _load_demo()
    lines.append(f"loaded {len(bundle.datasets)} demo files ({', '.join(sorted(bundle.kinds()))})")
    lines.append(_read_in_child())
    results = _compute(bundle)
    lines.append(f"computed {len(results)} KPIs")
    png = _export_png(out)
    lines.append(f"exported {png.name}")
    deck, book = _export_reports(bundle, out)
    lines.append(f"exported {deck.name} and {book.name}")
    translated = _check_languages(bundle, out)
    lines.append(f"catalogues and Qt texts of every language found; exported {translated.name}")
    lines.append(f"self-test passed in {time.perf_counter() - t0:.1f} s")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``--self-test``; returns the process exit code."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="kpidesk-self-test-") as tmp:
        try:
            for line in run(Path(tmp)):
                sys.stdout.write(line + "\n")
        except SelfTestFailure as exc:
            sys.stderr.write(f"self-test FAILED: {exc}\n")
            return 1
        except Exception as exc:  # the self-test reports every failure as a reason, never a crash
            sys.stderr.write(f"self-test FAILED: {type(exc).__name__}: {exc}\n")
            traceback.print_exc(file=sys.stderr)
            return 1
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
