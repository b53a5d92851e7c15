"""``kpidesk calc METRIC NAME=VALUE ...`` — a KPI from typed totals.

Example: ``kpidesk calc retention_rate start=200 end=200 new=20`` prints 90 %. A KPI's
settings are NAME=VALUE pairs too, or ``--param METRIC.NAME=VALUE`` as in ``compute``:
``kpidesk calc staffing arrivals=100 aht_s=180 max_occupancy_pct=85 shrinkage_pct=30``.
"""

from __future__ import annotations

import argparse

from ..errors import ParameterError
from ..metrics.calculator import calc, calculator_specs, usage
from ..i18n import Message, _
from ..metrics.registry import get_metric
from .pairs import parse_params
from .console import print_json
from .text_format import number, staffing_lines, value_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    names = ", ".join(s.id for s in calculator_specs())
    parser = subparsers.add_parser("calc", help=_("compute a KPI from totals you type"),
                                   description=_("Compute a KPI from totals. KPIs: {names}.", names=names))
    parser.add_argument("metric", help=_("KPI id, e.g. nps"))
    parser.add_argument("values", nargs="*", metavar="NAME=VALUE",
                        help=_("the totals the KPI needs, and any of its settings (e.g. target_pct=90)"))
    parser.add_argument("--param", action="append", default=[], metavar="METRIC.NAME=VALUE",
                        help=_("set a KPI setting, e.g. staffing.shrinkage_pct=30"))
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    parser.set_defaults(run=run)


def parse_pairs(metric_id: str, pairs: list[str]) -> dict[str, str]:
    """``["start=200", "end=200"]`` -> ``{"start": "200", "end": "200"}``."""
    totals: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            spec = get_metric(metric_id)
            raise ParameterError(Message("“{pair}” is not NAME=VALUE; {metric_id} needs {items} (e.g. {usage}).", dict(pair=pair, metric_id=metric_id, items=', '.join(spec.calculator_inputs), usage=usage(spec))))
        totals[name.strip()] = value.strip()
    return totals


def _own_params(metric_id: str, pairs: list[str]) -> dict[str, str]:
    """``--param`` pairs of ``metric_id`` (``calc`` computes one KPI: others are refused)."""
    params = parse_params(pairs)
    others = [key for key in params if key != metric_id]
    if others:
        raise ParameterError(Message("calc computes {kpi} only; --param {other}.… does not apply to it.", dict(kpi=metric_id,
                               other=others[0])))
    return params.get(metric_id, {})


def run(args: argparse.Namespace) -> int:
    result = calc(args.metric, parse_pairs(args.metric, args.values), _own_params(args.metric, args.param))
    if args.json:
        print_json(result.to_dict())
        return 0
    spec = get_metric(args.metric)
    if result.value is None:
        print(_("{kpi}: — ({reason})", kpi=spec.translated_label, reason=result.reason))
        return 0
    value = value_text(result.value, result.unit)
    if result.margin_of_error is None:
        print(_("{kpi}: {value}", kpi=spec.translated_label, value=value))
    else:
        print(_("{kpi}: {value} (± {margin} at 95 %)", kpi=spec.translated_label, value=value,
                margin=number(result.margin_of_error)))
    if spec.id == "staffing":
        for extra in staffing_lines(result.details):
            print(f"  {extra}")
    return 0
