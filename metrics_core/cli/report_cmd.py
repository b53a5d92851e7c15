"""``kpidesk report FILE... --out PATH`` — a slide deck, a workbook and a CSV of every KPI.

``--out report.pptx`` (or ``.xlsx`` / ``.csv``) writes that file; any other path is a
folder that gets all three plus one PNG per chart. ``kpidesk report --demo --out PATH``
reports on the bundled demo business. Options as ``kpidesk compute``: ``--sheet``,
``--map FIELD=HEADER``, ``--from``/``--to``, ``--by``, ``--param METRIC.NAME=VALUE``;
``--currency SYMBOL`` writes amounts with another symbol than €.

Chart images need Qt, which ``metrics_core`` never imports: they are drawn by
``python -m desktop_app.report_pngs`` in a separate process (offscreen).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomic
from ..staged_folder import StagedFolder
from ..errors import FileReadError, ParameterError
from ..export.report import WRITERS, build_report, write_report
from ..i18n import _, current_language
from ..metrics.engine import Filters
from ..metrics.periods import PERIODS
from ..progress import Reporter
from ..resources import demo_dir
from ..write_journal import sweep_interrupted_writes
from .compute_cmd import load_bundle, parse_maps, parse_params

log = logging.getLogger(__name__)

DATA_SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods"}
PNG_TIMEOUT_S = 300


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report", help="write a slide deck, a workbook and a CSV of every KPI",
        description="Compute every KPI your files allow and write them as PowerPoint, Excel and CSV.")
    parser.add_argument("files", nargs="*", metavar="FILE", help="CSV, TXT, XLSX, XLS or ODS files")
    parser.add_argument("--demo", action="store_true", help="use the bundled demo business's files")
    parser.add_argument("--out", required=True, metavar="PATH",
                        help="report.pptx, report.xlsx, results.csv, or a folder for all of them and chart images")
    parser.add_argument("--sheet", help="the sheet to read in workbooks")
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=HEADER",
                        help="use the column HEADER for the field FIELD (e.g. --map created_at='Opened')")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="last day, included (YYYY-MM-DD)")
    parser.add_argument("--by", choices=PERIODS, default="month", help="period of the trend charts (default month)")
    parser.add_argument("--param", action="append", default=[], metavar="METRIC.NAME=VALUE",
                        help="set a KPI parameter, e.g. csat.threshold=4 or global.as_of=2024-06-30")
    parser.add_argument("--business", metavar="NAME", help="business name for the title slide")
    parser.add_argument("--currency", metavar="SYMBOL",
                        help="symbol amounts are written with, e.g. kr, lei, RSD (default €; not converted)")
    parser.add_argument("--no-png", action="store_true", help="for a folder: skip the chart images")
    parser.add_argument("--png-size", default="1920x1080", metavar="WxH", help="chart image size (default 1920x1080)")
    parser.set_defaults(run=run)


def demo_files() -> list[Path]:
    """Every data file of the bundled demo business."""
    folder = demo_dir()
    files = sorted(p for p in folder.glob("*") if p.is_file() and p.suffix.lower() in DATA_SUFFIXES) \
        if folder.is_dir() else []
    if not files:
        raise FileReadError(_("The demo files are missing from {folder}; reinstall KPI Desk or run resources/demo/make_demo.py.", folder=folder), path=folder)
    return files


def demo_business_name() -> str:
    """The demo business's name, from the first heading of its README ("# Demo business: NAME")."""
    readme = demo_dir() / "README.md"
    if readme.is_file():
        first = readme.read_text(encoding="utf-8").splitlines()[:1]
        if first and first[0].startswith("#"):
            return first[0].lstrip("# ").split(":", 1)[-1].strip()
    return "Demo business"


def parse_size(text: str) -> tuple[int, int]:
    """'1920x1080' -> (1920, 1080)."""
    width, sep, height = text.lower().replace("×", "x").partition("x")
    if not sep or not width.strip().isdigit() or not height.strip().isdigit() or "0" in (width.strip(), height.strip()):
        raise ParameterError(_("'{text}' is not an image size like 1920x1080.", text=text))
    return int(width), int(height)


def json_values(params: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Values written as JSON objects or lists (``global.targets={"csat": 90}``) become them."""
    out: dict[str, dict[str, Any]] = {}
    for scope, values in params.items():
        out[scope] = {}
        for name, value in values.items():
            if isinstance(value, str) and value.strip()[:1] in ("{", "["):
                try:
                    value = json.loads(value)
                except json.JSONDecodeError as exc:
                    raise ParameterError(f"--param {scope}.{name}: '{value}' is not valid JSON "
                                         f"(e.g. global.targets={{\"csat\": 90}}).") from exc
            out[scope][name] = value
    return out


def run(args: argparse.Namespace) -> int:
    sweep_interrupted_writes()          # what an earlier, killed export left behind
    if args.demo and args.files:
        raise ParameterError(_("Give either files or --demo, not both."))
    if not args.demo and not args.files:
        raise ParameterError(_("Name the files to report on (or use --demo for the demo business)."))
    params = json_values(parse_params(args.param))
    if args.currency:
        params.setdefault("global", {})["currency"] = args.currency
    filters = Filters(args.date_from, args.date_to)
    filters.bounds()                                     # a bad date fails here, before loading
    size = parse_size(args.png_size)
    files = [str(p) for p in demo_files()] if args.demo else args.files
    business = args.business or (demo_business_name() if args.demo else "")
    bundle = load_bundle(files, args.sheet, parse_maps(args.map))
    reporter = Reporter(_log_progress)
    report = build_report(bundle, params, filters, args.by, business, reporter.scaled(0.0, 0.5))
    out = Path(args.out)
    if out.suffix.lower() in WRITERS or (out.suffix and not out.is_dir()):     # one file (or a name refused)
        written = write_report(report, out, reporter.scaled(0.5, 0.9))
        ok, problems = True, []
    else:           # a folder: deck, workbook, CSV and chart images land together
        with StagedFolder(out) as stage:
            write_report(report, stage.path, reporter.scaled(0.5, 0.9), staged=False)
            ok, problems = True, []
            if not args.no_png and report.charts:
                ok, lines = draw_chart_pngs(report, stage.path, size)
                problems = [] if ok else lines
        written = stage.written
    for path in written:
        print(_("wrote {path}", path=path))
    for line in problems:
        print(line, file=sys.stderr)
    return 0 if ok else 1


def _log_progress(fraction: float, text: str) -> None:
    log.info("%3.0f %% %s", 100 * fraction, text)


def png_command() -> list[str]:
    """How to start the chart-image renderer: ``python -m desktop_app.report_pngs``, or in
    the frozen app its own executable with ``report-pngs`` (see ``packaging/launch.py``)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "report-pngs"]
    return [sys.executable, "-m", "desktop_app.report_pngs"]


def draw_chart_pngs(report, out_dir: Path, size: tuple[int, int]) -> tuple[bool, list[str]]:
    """Draw the chart images in a separate process; returns (ok, the files written or the error)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYQTGRAPH_QT_LIB="PySide6", KPIDESK_LANG=current_language())
    with tempfile.TemporaryDirectory(prefix="kpidesk-report-") as tmp:
        report_json = Path(tmp) / "report.json"
        write_text_atomic(report_json, report.to_json())
        command = [*png_command(), str(report_json), str(out_dir), "--width", str(size[0]), "--height", str(size[1])]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=PNG_TIMEOUT_S, env=env)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return False, [_("kpidesk: the chart images could not be drawn ({reason}); the deck, workbook "
                             "and CSV are complete.", reason=exc)]
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
        return False, [_("kpidesk: the chart images could not be drawn ({reason}); the deck, workbook "
                         "and CSV are complete.", reason=reason)]
    return True, [line for line in done.stdout.splitlines() if line.strip()]
