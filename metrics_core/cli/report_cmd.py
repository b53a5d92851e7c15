"""``kpidesk report FILE... --out PATH`` — a slide deck, a workbook and a CSV of every KPI.

``--out report.pptx`` (or ``.xlsx`` / ``.csv``) writes that file; any other path is a
folder that gets all three, named from the title and period ("Lipa Home – October 2026.pptx"),
plus one PNG per chart. ``kpidesk report --demo --out PATH`` reports on the bundled demo
business; ``kpidesk report --project FILE --period last-month --out DIR`` rebuilds a saved
project's report (its files as they are now, its chosen KPIs, title and comparison) — for an
operating-system scheduler. Options as ``kpidesk compute``: ``--sheet``, ``--map FIELD=HEADER``,
``--from``/``--to``, ``--by``, ``--param METRIC.NAME=VALUE``; ``--currency SYMBOL`` writes amounts
with another symbol than €; ``--title``, ``--kpis ID,ID,…``, ``--compare previous|last-year|none``,
``--period``, ``--appendix`` and ``--logo`` choose the report.

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
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomic
from ..dataset import DataBundle
from ..staged_folder import StagedFolder
from ..errors import FileReadError, ParameterError
from ..export.build import view_from_filters
from ..export.report import WRITERS, build_report, write_report
from ..i18n import Message, _, current_language
from ..metrics.currencies import with_file_currencies
from ..metrics.engine import Filters
from ..report_view import KpiView
from ..report_view.choices import ReportChoices
from ..metrics.periods import PERIODS
from ..progress import Reporter
from ..resources import demo_dir
from ..write_journal import sweep_interrupted_writes
from .compute_cmd import load_bundle
from .pairs import parse_maps, parse_params

log = logging.getLogger(__name__)

DATA_SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods"}
PERIOD_OPTIONS = ("saved", "last-month", "all")
PNG_TIMEOUT_S = 300


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report", help=_("write a slide deck, a workbook and a CSV of every KPI"),
        description=_("Compute every KPI your files allow and write them as PowerPoint, Excel and CSV."))
    parser.add_argument("files", nargs="*", metavar="FILE", help=_("CSV, TXT, XLSX, XLS or ODS files"))
    parser.add_argument("--demo", action="store_true", help=_("use the bundled demo business's files"))
    parser.add_argument("--project", metavar="FILE", help=_("a saved .kpidesk project: its files, settings and report"))
    parser.add_argument("--period", choices=PERIOD_OPTIONS,
                        help=_("the dates: the project's choice (saved, the default), the last complete month in "
                             "the files (last-month) or every date (all); --from/--to choose others"))
    parser.add_argument("--title", help=_("the report's title (default: the business name)"))
    parser.add_argument("--kpis", metavar="ID,ID,…", help=_("the KPIs the deck shows, in order (e.g. csat,nps)"))
    parser.add_argument("--compare", choices=("previous", "last-year", "none"),
                        help=_("compare with the previous period (default), the same period last year, or nothing"))
    parser.add_argument("--breakdown", action="append", default=[], metavar="KPI=COLUMN",
                        help=_("a slide of the KPI by a category column, e.g. csat=channel (repeatable)"))
    parser.add_argument("--appendix", action="store_true",
                        help=_("end the deck with the data used and how the KPIs were computed"))
    parser.add_argument("--logo", metavar="IMAGE", help=_("a logo for the title slide (PNG or JPEG)"))
    parser.add_argument("--out", required=True, metavar="PATH",
                        help=_("report.pptx, report.xlsx, results.csv, or a folder for all of them and chart images"))
    parser.add_argument("--sheet", help=_("the sheet to read in workbooks"))
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=HEADER",
                        help=_("use the column HEADER for the field FIELD (e.g. --map created_at='Opened')"))
    parser.add_argument("--from", dest="date_from", metavar="DATE", help=_("first day (YYYY-MM-DD)"))
    parser.add_argument("--to", dest="date_to", metavar="DATE", help=_("last day, included (YYYY-MM-DD)"))
    parser.add_argument("--by", choices=PERIODS, default="month", help=_("period of the trend charts (default month)"))
    parser.add_argument("--param", action="append", default=[], metavar="METRIC.NAME=VALUE",
                        help=_("set a KPI parameter, e.g. csat.threshold=4 or global.as_of=2024-06-30"))
    parser.add_argument("--business", metavar="NAME", help=_("business name for the title slide"))
    parser.add_argument("--currency", metavar="SYMBOL",
                        help=_("symbol amounts are written with, e.g. kr, lei, RSD (default: the currency the "
                               "files name, else €; not converted)"))
    parser.add_argument("--no-png", action="store_true", help=_("for a folder: skip the chart images"))
    parser.add_argument("--png-size", default="1920x1080", metavar="WxH", help=_("chart image size (default 1920x1080)"))
    parser.set_defaults(run=run)


def demo_files() -> list[Path]:
    """Every data file of the bundled demo business."""
    folder = demo_dir()
    files = sorted(p for p in folder.glob("*") if p.is_file() and p.suffix.lower() in DATA_SUFFIXES) \
        if folder.is_dir() else []
    if not files:
        raise FileReadError(Message("The demo files are missing from {folder}; reinstall KPI Desk or run resources/demo/make_demo.py.", dict(folder=folder)), path=folder)
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
        raise ParameterError(Message("“{text}” is not an image size like 1920x1080.", dict(text=text)))
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
    sources = sum(bool(x) for x in (args.demo, args.files, args.project))
    if sources > 1:
        raise ParameterError(Message("Give either files, --demo or --project, not more than one of them."))
    if not sources:
        raise ParameterError(Message("Name the files to report on (or use --demo for the demo business, or --project)."))
    size = parse_size(args.png_size)
    if args.project:
        bundle, params, dashboard, choices = project_inputs(args.project)
    else:
        files = [str(p) for p in demo_files()] if args.demo else args.files
        Filters(args.date_from, args.date_to).bounds()               # a bad date fails here, before loading
        params = json_values(parse_params(args.param))
        bundle = load_bundle(files, args.sheet, parse_maps(args.map))
        dashboard = view_from_filters(None, args.by, params)
        choices = ReportChoices(business_name=demo_business_name() if args.demo else "")
    if args.project and args.param:
        for scope, values in json_values(parse_params(args.param)).items():
            params.setdefault(scope, {}).update(values)
    if args.currency:
        params.setdefault("global", {})["currency"] = args.currency
    elif not (params.get("global") or {}).get("currency"):      # as the window does: the files' own currency
        from ..ingest.currency import agreed_currency, table_currency

        named = agreed_currency(table_currency(d.table) for d in bundle.datasets)
        if named:
            params.setdefault("global", {})["currency"] = named
    params = with_file_currencies(params, bundle.datasets)      # money KPIs over several currencies
    view, choices = _chosen_view(args, bundle, dashboard, choices)
    business = args.business or choices.business_name or None
    reporter = Reporter(_log_progress)
    report = build_report(bundle, params, None, view.grain, business, reporter.scaled(0.0, 0.5),
                          args.title or choices.title or None, view=view,
                          appendix=bool(args.appendix or choices.appendix), logo=args.logo or choices.logo or None)
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


def _chosen_view(args: argparse.Namespace, bundle, dashboard: KpiView, choices: ReportChoices):
    """The report's view: the saved choices, then the options given on the command line."""
    if args.period == "last-month":
        choices = replace(choices, period="last_month")
    elif args.period == "all":
        choices = replace(choices, period="all")
    if args.date_from or args.date_to:
        choices = replace(choices, period="custom", date_from=args.date_from, date_to=args.date_to)
    if args.compare:
        choices = replace(choices, comparison=args.compare.replace("-", "_"))
    if args.kpis:
        choices = replace(choices, kpis=parse_kpis(args.kpis))
    if args.breakdown:
        breakdowns: dict[str, list[str]] = {}
        for item in args.breakdown:
            metric_id, sep, column = item.partition("=")
            if not sep or not column.strip():
                raise ParameterError(Message("--breakdown {value}: write it as KPI=COLUMN, e.g. csat=channel.", dict(value=item)))
            breakdowns.setdefault(parse_kpis(metric_id)[0], []).append(column.strip())
        choices = replace(choices, breakdowns=breakdowns)
    view = choices.view(dashboard, bundle)
    if not args.project:
        view = replace(view, grain=args.by)
    return view, choices


def parse_kpis(text: str) -> list[str]:
    """'csat, nps' -> ['csat', 'nps']; an unknown id is a clear error that lists the known ones."""
    from ..metrics.registry import REGISTRY

    known = {spec.id for spec in REGISTRY}
    ids = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [i for i in ids if i not in known]
    if unknown or not ids:
        raise ParameterError(Message("--kpis: “{given}” is not a KPI id; the ids are: {ids}.",
                               dict(given=", ".join(unknown) or text, ids=", ".join(sorted(known)))))
    return ids


def project_inputs(path: str):
    """The bundle, parameters, dashboard view and report choices of a saved project."""
    from ..loading import load_dataset
    from ..project_file import read_project

    doc = read_project(path)
    if doc.missing_files:
        raise FileReadError(Message("The project {name} names files that are not there any more: {files}.",
                              dict(name=Path(path).name, files=", ".join(doc.missing_files))), path=Path(path))
    bundle = DataBundle()
    for f in doc.files:
        bundle.add(load_dataset(f.path, options=f.options, mapping=f.mapping, name=f.name))
    params = json.loads(json.dumps(doc.params))
    params.setdefault("global", {})["targets"] = dict(doc.targets)
    filters = doc.filters
    dashboard = KpiView(filters.get("date_from"), filters.get("date_to"), dict(filters.get("categories") or {}),
                        grain=filters.get("granularity") or "month", targets=doc.targets)
    return bundle, params, dashboard, doc.report


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
