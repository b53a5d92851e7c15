"""The calculator path: a KPI from typed totals, for owners who only have numbers.

>>> calc("retention_rate", {"start": 200, "end": 200, "new": 20}).value
90.0
>>> calc("nps", {"promoters": 70, "passives": 20, "detractors": 10}).value
60.0
"""

from __future__ import annotations

import math
from typing import Any, Mapping

from ..i18n import Message, _
from ..errors import ParameterError
from .model import MetricResult, MetricSpec
from .params import merge_params
from .registry import REGISTRY, get_metric


def calculator_specs() -> list[MetricSpec]:
    """Every KPI that can be computed from totals."""
    return [s for s in REGISTRY if s.calculator is not None]


def usage(spec: MetricSpec) -> str:
    """``kpidesk calc nps promoters=N passives=N detractors=N``."""
    return f"kpidesk calc {spec.id} " + " ".join(f"{name}=N" for name in spec.calculator_inputs)


def calc(metric_id: str, totals: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> MetricResult:
    """Compute ``metric_id`` from ``totals`` (each of the spec's ``calculator_inputs``).

    ``totals`` may also name the KPI's parameters (``target_pct=90``); ``params`` are more
    of them (they win).

    Raises
    ------
    ParameterError
        Unknown KPI, a KPI without a calculator, or inputs missing, unknown or not numbers —
        the message lists what the KPI needs.
    """
    spec = get_metric(metric_id)
    if spec.calculator is None:
        names = ", ".join(s.id for s in calculator_specs())
        raise ParameterError(Message("{metric_id} cannot be computed from totals; these can: {names}.", dict(metric_id=metric_id, names=names)))
    needed = list(spec.calculator_inputs)
    settings = {p.name for p in spec.params} - set(needed)
    own = {**{k: v for k, v in totals.items() if k in settings}, **dict(params or {})}
    totals = {k: v for k, v in totals.items() if k not in settings}
    unknown = [k for k in totals if k not in needed]
    missing = [k for k in needed if k not in totals]
    if unknown or missing:
        needs = {"metric_id": metric_id, "needed": ", ".join(needed), "usage": usage(spec),
                 "settings": ", ".join(sorted(settings))}
        if unknown and settings:
            text = _("{metric_id} does not take {unknown}; it needs {needed} (e.g. {usage}); settings: {settings}.",
                     unknown=", ".join(unknown), **needs)
        elif unknown:
            text = _("{metric_id} does not take {unknown}; it needs {needed} (e.g. {usage}).",
                     unknown=", ".join(unknown), **needs)
        elif settings:
            text = _("{metric_id} also needs {missing}; it needs {needed} (e.g. {usage}); settings: {settings}.",
                     missing=", ".join(missing), **needs)
        else:
            text = _("{metric_id} also needs {missing}; it needs {needed} (e.g. {usage}).",
                     missing=", ".join(missing), **needs)
        raise ParameterError(text)
    values: dict[str, float] = {}
    for name in needed:
        values[name] = _number(metric_id, name, totals[name])
    merged = merge_params(spec, {metric_id: own} if own else None)
    result = spec.calculator(values, merged)
    result.metric_id = spec.id
    if spec.higher_is_better is not None:
        result.higher_is_better = spec.higher_is_better
    if "inputs" not in result.details:
        result.details = result.details.with_(inputs=values)
    return result


def _number(metric_id: str, name: str, value: Any) -> float:
    try:
        number = float(str(value).strip().replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ParameterError(Message("{metric_id}: {name} must be a number (got “{value}”).", dict(metric_id=metric_id, name=name, value=value))) from None
    if not math.isfinite(number):
        raise ParameterError(Message("{metric_id}: {name} must be a finite number (got “{value}”).", dict(metric_id=metric_id, name=name, value=value)))
    return number
