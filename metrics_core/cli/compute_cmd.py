"""``kpidesk compute FILE...`` — every KPI the files allow, as a table or JSON.

Options: ``--sheet``, ``--map FIELD=HEADER``, ``--from``/``--to`` (dates, inclusive),
``--by day|week|month|quarter|year``, ``--group COLUMN`` and ``--where COLUMN=VALUE`` (the file's own header
or a field name), ``--param METRIC.NAME=VALUE``
(``global.as_of=2024-06-30`` for settings of every KPI) and ``--json``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from ..catalogue import KINDS, kind_label, kinds_text
from ..dataset import DataBundle, Dataset
from ..errors import KpiDeskError, MappingError, ParameterError
from ..ingest.model import ReadOptions
from ..metrics.currencies import with_file_currencies
from ..metrics.engine import Filters, breakdown, compute_all, failed_result
from ..metrics.engine_inputs import prepared_for
from ..metrics.model import MetricInputs, MetricResult, SeriesPoint, _jsonable
from ..metrics.periods import PERIODS
from ..metrics.registry import REGISTRY, get_metric
from ..formatting import format_change, format_period, result_caveat
from ..i18n import Message, _, ngettext
from .console import print_json
from .pairs import parse_maps, parse_params
from .text_format import number, value_text

log = logging.getLogger(__name__)
EXIT_PARTIAL = 3            # some KPIs failed inside their computation (see metrics_core.cli)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("compute", help=_("compute every KPI your files allow"),
                                   description=_("Read exports and compute every KPI the data allows."))
    parser.add_argument("files", nargs="+", metavar="FILE", help=_("CSV, TXT, XLSX, XLS or ODS files"))
    parser.add_argument("--sheet", help=_("the sheet to read in workbooks"))
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=HEADER",
                        help=_("use the column HEADER for the field FIELD (e.g. --map created_at='Opened')"))
    parser.add_argument("--from", dest="date_from", metavar="DATE", help=_("first day (YYYY-MM-DD)"))
    parser.add_argument("--to", dest="date_to", metavar="DATE", help=_("last day, included (YYYY-MM-DD)"))
    parser.add_argument("--by", choices=PERIODS, help=_("also show each KPI per period"))
    parser.add_argument("--group", metavar="COLUMN", help=_("also show each KPI per value of a column (agent, channel …)"))
    parser.add_argument("--where", action="append", default=[], metavar="COLUMN=VALUE",
                        help=_("only rows whose COLUMN has VALUE (repeat for more values), e.g. --where 'Measure ID=H_HSP_RATING'"))
    parser.add_argument("--param", action="append", default=[], metavar="METRIC.NAME=VALUE",
                        help=_("set a KPI parameter, e.g. csat.threshold=4 or global.as_of=2024-06-30"))
    parser.add_argument("--json", action="store_true", help=_("print one JSON document"))
    parser.set_defaults(run=run)


def load_bundle(files: list[str], sheet: str | None, maps: dict[str, str]) -> DataBundle:
    """Load every file (detected mapping, with the ``--map`` choices applied)."""
    from ..loading import load_dataset

    bundle = DataBundle()
    for path in files:
        options = ReadOptions(sheet=sheet)
        dataset = load_dataset(Path(path), options, source_rows=False)     # the KPIs read the canonical frame
        if maps:
            dataset = _remap(dataset, path, options, maps)
        bundle.add(dataset)
    return bundle


def _remap(dataset: Dataset, path: str, options: ReadOptions, maps: dict[str, str]) -> Dataset:
    from ..loading import load_dataset

    mapping = dataset.mapping
    fields = {f.name for k in KINDS if k.name == mapping.kind for f in k.fields}
    own = {f: h for f, h in maps.items() if f in fields}
    if not own:
        return dataset
    for field_name, header in own.items():
        if header not in dataset.table.frame.columns:
            known = ", ".join(map(str, dataset.table.frame.columns))
            raise MappingError(Message("{name} has no column “{header}” for {field_name}; its columns are: {known}.", dict(name=Path(path).name, header=header, field_name=field_name, known=known)))
        mapping.set_user(field_name, header)
    return load_dataset(Path(path), options, mapping=mapping, source_rows=False)


def run(args: argparse.Namespace) -> int:
    filters = Filters(args.date_from, args.date_to)
    filters.bounds()                                     # a bad date fails here, before loading
    bundle = load_bundle(args.files, args.sheet, parse_maps(args.map))
    params = with_file_currencies(parse_params(args.param), bundle.datasets)   # money in several currencies
    filters.categories = where_filters(bundle, args.where)
    inputs = MetricInputs.from_bundle(bundle)
    if args.group:
        args.group_column = group_column(bundle, args.group)
    results = compute_all(inputs, params, filters)
    rows = [_metric_row(inputs, r, args, params, filters) for r in results.values()]
    failed = [r["label"] for r in rows if r.pop("failed", False)]
    if args.json:
        named = (params.get("global") or {}).get("file_currencies") or {}
        doc = {"files": [{"path": str(d.path), "kind": d.kind, "rows": int(len(d.frame)),
                          **({"currency": named[d.name]} if d.name in named else {})} for d in bundle.datasets],
               "filters": {"from": args.date_from, "to": args.date_to},
               "as_of": prepared_for(inputs, params.get("global")).inputs(filters).as_of, "metrics": rows,
               "merged": [note.to_dict() for note in bundle.merge_notes()]}
        print_json(_jsonable(doc))
    else:
        print(render_text(bundle, rows))
    if failed:
        sys.stdout.flush()
        print(ngettext("kpidesk: {count} KPI could not be computed ({names}); its reason is listed and every other "
                       "KPI is complete. Run again with --debug for the technical detail.",
                       "kpidesk: {count} KPIs could not be computed ({names}); their reasons are listed and every "
                       "other KPI is complete. Run again with --debug for the technical detail.",
                       len(failed), count=len(failed), names=", ".join(failed)), file=sys.stderr)
        return EXIT_PARTIAL
    return 0


def _metric_row(inputs: MetricInputs, result: MetricResult, args: argparse.Namespace, params: dict,
                filters: Filters) -> dict[str, Any]:
    spec = get_metric(result.metric_id)
    row: dict[str, Any] = {"id": spec.id, "label": spec.label, "family": spec.family, "value": result.value,
                           "unit": result.unit, "n": result.n, "numerator": result.numerator,
                           "denominator": result.denominator, "median": result.median, "p90": result.p90,
                           "ci_low": result.ci_low, "ci_high": result.ci_high,
                           "margin_of_error": result.margin_of_error, "higher_is_better": result.higher_is_better,
                           "excluded": [{"count": c, "reason": r} for c, r in result.excluded]}
    if result.details.unit_note:
        row["unit_note"] = result.details.unit_note
    caveat = result_caveat(result)
    if caveat is not None:
        row["caveat"] = caveat[1]              # what the value rests on, or why it differs from a measured one
    if result.details.note:
        row["note"] = str(result.details.note)           # how the figure was read (per day, weighting …)
    for key in ("currency", "currencies"):               # the files disagree: this KPI's currency, or one
        if key in result.details:                        # value per currency (never added up)
            row[key] = result.details[key]
    if result.value is None:
        row["reason"] = result.reason or Message("no data")
        row["missing_fields"] = list(result.missing_fields)
        row["failed"] = bool(result.details.failed)
        if args.group and not result.missing_fields and not row["failed"]:
            # no headline (several survey questions): each group may still have a value
            groups = [p.to_dict("group") for p in breakdown(inputs, spec.id, args.group_column, params, filters)
                      if p.value is not None]
            if groups:
                row["series" if not args.by else "groups"] = groups
        return row
    try:
        if args.by:
            row["series"] = [_period_point(p, args) for p in breakdown(inputs, spec.id, args.by, params, filters)]
        if args.group:
            key = "series" if not args.by else "groups"
            row[key] = [p.to_dict("group") for p in breakdown(inputs, spec.id, args.group_column, params, filters)]
            if not row[key]:
                row["group_note"] = _group_note(spec, inputs, args.group)
    except KpiDeskError:
        raise
    except Exception as exc:  # noqa: BLE001 - one KPI's breakdown must not stop the others
        log.debug("breakdown of %s failed", spec.id, exc_info=True)
        row["breakdown_reason"] = failed_result(spec, exc).reason
        row["failed"] = True
    return row


def _period_point(point: SeriesPoint, args: argparse.Namespace) -> dict[str, Any]:
    """One period of ``--by``: JSON names it by its label ("2026-05", contract); the text by the language's
    name for it ("May 2026", "maj 2026")."""
    entry = point.to_dict("period")
    if not args.json:
        entry["period"] = format_period(point.key, args.by)
    return entry


def group_column(bundle: DataBundle, name: str) -> str:
    """The column ``--group NAME`` means (the file's own header, a canonical name, any case), or a clear error."""
    column = bundle.column_named(name)
    if column is None:
        raise ParameterError(Message("No loaded file has a column “{name}” to group by; the files' columns are: {columns}.",
                               dict(name=name, columns=", ".join(bundle.headers()))))
    return column


def where_filters(bundle: DataBundle, pairs: list[str]) -> dict[str, list[str]]:
    """``["Measure ID=H_HSP_RATING"]`` -> ``{"group": ["H_HSP_RATING"]}`` (columns named as in :func:`group_column`)."""
    categories: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(Message("“{pair}” is not COLUMN=VALUE (e.g. --where 'Channel=Email').", dict(pair=pair)))
        column = bundle.column_named(name.strip())
        if column is None:
            raise ParameterError(Message("No loaded file has a column “{name}” to filter on; the files' columns are: "
                                   "{columns}.", dict(name=name.strip(), columns=", ".join(bundle.headers()))))
        categories.setdefault(column, []).append(value.strip())
    return categories


def _group_note(spec: Any, inputs: MetricInputs, name: str) -> str:
    """Why a KPI has no groups for ``--group NAME``: its rows lack the column, or no row has a value in it."""
    kinds = [k for k in spec.kinds if k in inputs.frames]
    return _("{kpi} cannot be broken down by “{name}”: its rows ({kinds}) have no such column.",
             kpi=spec.translated_label, name=name, kinds=kinds_text(kinds, "and"))


def render_text(bundle: DataBundle, rows: list[dict[str, Any]]) -> str:
    """A readable table: value, n and any series; then the KPIs the files do not allow, with why."""
    lines = [_("{file}: {kind}, {rows}", file=d.path.name, kind=kind_label(d.kind),
               rows=ngettext("{count} row", "{count} rows", len(d.frame), count=len(d.frame)))
             for d in bundle.datasets]
    lines += [note.describe() for note in bundle.merge_notes()]
    labels = {r["id"]: get_metric(r["id"]).translated_label for r in rows}
    width = max(len(label) for label in labels.values())
    lines.append("")
    for r in (r for r in rows if r["value"] is not None):
        extra = ""
        if r["unit"] == "seconds" and r.get("median") is not None:
            extra = "  " + _("(median {median}, p90 {p90})", median=value_text(r["median"], "seconds"),
                             p90=value_text(r["p90"], "seconds"))
        if r.get("margin_of_error") is not None:
            extra = f"  (± {number(r['margin_of_error'])})"
        text = value_text(r["value"], r["unit"])
        if r.get("unit_note") == "percentage points":
            text = format_change(r["value"], "%")
        lines.append(f"{labels[r['id']]:<{width}}  {text:>14}  n={r['n']}{extra}")
        if r.get("caveat"):
            lines.append(f"{'':<{width}}    {r['caveat']}")
        if r.get("note"):
            lines.append(f"{'':<{width}}    ({r['note']})")
        if r.get("breakdown_reason"):
            lines.append(f"{'':<{width}}    " + _("(breakdown {reason})", reason=r["breakdown_reason"]))
        if r.get("group_note"):
            lines.append(f"{'':<{width}}    {r['group_note']}")
        for key in ("series", "groups"):
            names = [str(point.get("period", point.get("group"))) for point in r.get(key) or []]
            name_width = max([12, *map(len, names)])
            for name, point in zip(names, r.get(key) or []):
                lines.append(f"{'':<{width}}    {name:<{name_width}} {value_text(point['value'], r['unit']):>14}  "
                             f"n={point['n']}")
    missing = [r for r in rows if r["value"] is None]
    if missing:
        lines += ["", _("Not computed ({count} of {total}):", count=len(missing), total=len(REGISTRY))]
        for r in missing:
            lines.append(f"  {labels[r['id']]}: {r['reason']}")
            for point in r.get("series") or r.get("groups") or []:
                lines.append(f"    {point['group']:<12} {value_text(point['value'], r['unit']):>14}  n={point['n']}")
    return "\n".join(lines)
