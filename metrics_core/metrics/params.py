"""KPI parameters: ``{metric_id: {name: value}, "global": {...}}`` checked and merged with defaults.

Every metric also accepts ``target`` and ``benchmark`` (reported in
``MetricResult.details``). The ``"global"`` entry holds ``calendar`` (a
business-hours calendar: a ``BusinessCalendar``, a dict or its JSON text), ``hours`` and
``holidays`` (the same written simply: ``"Mon-Fri 10:00-18:00"``, ``"2026-12-24,2026-12-25"``), ``as_of`` (a date), ``targets`` and ``benchmarks``
(``{metric_id: value}``), ``currency`` (the symbol amounts are written with; they are
never converted), ``file_currencies`` (``{dataset name: symbol}``: the currency each loaded file's
amounts are in; money KPIs over files in several currencies are not added up, see
:mod:`metrics_core.metrics.currencies`), and any parameter name shared by several metrics (applied to every
metric that has it, below the metric's own entry).
"""

from __future__ import annotations

from typing import Any, Mapping

from ..i18n import Message
from ..errors import ParameterError
from .model import MetricSpec, ParamSpec

PER_METRIC_EXTRAS = ("target", "benchmark")
GLOBAL_KEYS = ("calendar", "hours", "holidays", "as_of", "targets", "benchmarks", "currency", "file_currencies")
DEFAULT_CURRENCY = "€"
ALL_PARAMS_KEY = "_all_params"      # the whole params document, for metrics that read other KPIs' entries


def check_params(params: Mapping[str, Any] | None, registry: tuple[MetricSpec, ...]) -> None:
    """Raise :class:`ParameterError` for an unknown metric or parameter name."""
    if not params:
        return
    by_id = {s.id: s for s in registry}
    shared = {p.name for s in registry for p in s.params}
    for key, entry in params.items():
        if key == "global":
            for name in (entry or {}):
                if name not in GLOBAL_KEYS and name not in shared and name not in PER_METRIC_EXTRAS:
                    raise ParameterError(
                        Message("“{name}” is not a global setting; use one of: {global_keys} or a parameter name that KPIs share.", dict(name=name, global_keys=', '.join(GLOBAL_KEYS))))
            continue
        spec = by_id.get(key)
        if spec is None:
            raise ParameterError(Message("There is no KPI called “{key}” to set parameters for.", dict(key=key)))
        if not isinstance(entry, Mapping):
            raise ParameterError(Message("The parameters of {key} must be name = value pairs.", dict(key=key)))
        allowed = [p.name for p in spec.params] + list(PER_METRIC_EXTRAS)
        for name in entry:
            if name not in allowed:
                raise ParameterError(Message("{key} has no parameter “{name}”; its parameters are: {allowed}.", dict(key=key, name=name, allowed=', '.join(allowed))))


def merge_params(spec: MetricSpec, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Defaults of ``spec`` overlaid with the global entry, then the metric's own entry (values coerced)."""
    params = params or {}
    glob = dict(params.get("global") or {})
    own = dict(params.get(spec.id) or {})
    merged: dict[str, Any] = spec.defaults()
    by_name = {p.name: p for p in spec.params}
    for source in (glob, own):
        for name, value in source.items():
            if name in by_name:
                merged[name] = coerce(spec.id, by_name[name], value)
    target = own.get("target", (glob.get("targets") or {}).get(spec.id))
    benchmark = own.get("benchmark", (glob.get("benchmarks") or {}).get(spec.id))
    merged["target"] = _number(spec.id, "target", target)
    merged["benchmark"] = _number(spec.id, "benchmark", benchmark)
    merged[ALL_PARAMS_KEY] = params
    return merged


def coerce(metric_id: str, ps: ParamSpec, value: Any) -> Any:
    """Convert a value (maybe typed as text on the command line) to the parameter's kind."""
    if value is None:
        return None
    if ps.kind in ("number", "int"):
        number = _number(metric_id, ps.name, value)
        if ps.minimum is not None and number < ps.minimum:
            raise ParameterError(Message("{metric_id}.{name} must be at least {minimum} (got {number}).", dict(metric_id=metric_id, name=ps.name, minimum=format(ps.minimum, 'g'), number=format(number, 'g'))))
        if ps.maximum is not None and number > ps.maximum:
            raise ParameterError(Message("{metric_id}.{name} must be at most {maximum} (got {number}).", dict(metric_id=metric_id, name=ps.name, maximum=format(ps.maximum, 'g'), number=format(number, 'g'))))
        return int(round(number)) if ps.kind == "int" else number
    if ps.kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "y", "on"):
            return True
        if text in ("0", "false", "no", "n", "off"):
            return False
        raise ParameterError(Message("{metric_id}.{name} must be yes or no (got “{value}”).", dict(metric_id=metric_id, name=ps.name, value=value)))
    if ps.kind == "choice":
        for choice in ps.choices:
            if str(choice) == str(value):
                return choice
        raise ParameterError(Message("{metric_id}.{name} must be one of: {items} (got “{value}”).", dict(metric_id=metric_id, name=ps.name, items=', '.join(map(str, ps.choices)), value=value)))
    return value


def _number(metric_id: str, name: str, value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ParameterError(Message("{metric_id}.{name} must be a number (got “{value}”).", dict(metric_id=metric_id, name=name, value=value)))
    try:
        return float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ParameterError(Message("{metric_id}.{name} must be a number (got “{value}”).", dict(metric_id=metric_id, name=name, value=value))) from None


def migrated(params: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """``params`` as this version names them (settings and project files saved by an earlier one).

    Predictive CLV had its own lifespan in months beside Customer lifetime value's in years, and its own
    churn flag and inactivity settings: each is now one setting, Customer lifetime value's
    (``clv.lifespan_years``, ``clv.churn_flag_months``, ``clv.inactivity_days``); Predictive CLV's names stay
    command-line names.

    >>> migrated({"clv_predictive": {"lifespan_months": 30, "target": 900}})
    {'clv_predictive': {'target': 900}, 'clv': {'lifespan_years': 2.5}}
    >>> migrated({"clv": {"lifespan_years": 3}, "clv_predictive": {"lifespan_months": 30}})
    {'clv': {'lifespan_years': 3}, 'clv_predictive': {}}
    >>> migrated({"clv": {"inactivity_days": 60}, "clv_predictive": {"inactivity_days": 45, "churn_flag_months": 6}})
    {'clv': {'inactivity_days': 60, 'churn_flag_months': 6}, 'clv_predictive': {}}
    """
    out = {str(k): dict(v) if isinstance(v, Mapping) else v for k, v in (params or {}).items()}
    months = (out.get("clv_predictive") or {}).pop("lifespan_months", None)
    try:
        years = float(str(months).replace(",", ".")) / 12.0 if months not in (None, "") else None
    except ValueError:
        years = None
    if years and not (out.get("clv") or {}).get("lifespan_years"):
        out.setdefault("clv", {})["lifespan_years"] = years
    for name in ("churn_flag_months", "inactivity_days"):       # CLV's own setting wins
        value = (out.get("clv_predictive") or {}).pop(name, None)
        if value not in (None, "") and (out.get("clv") or {}).get(name) in (None, ""):
            out.setdefault("clv", {})[name] = value
    return out


def currency_of(params: Mapping[str, Any] | None) -> str:
    """The currency symbol of ``params`` (``global.currency``), "€" when not set.

    >>> currency_of({"global": {"currency": " kr "}}), currency_of(None)
    ('kr', '€')
    """
    symbol = str(((params or {}).get("global") or {}).get("currency") or "").strip()
    return symbol[:8] or DEFAULT_CURRENCY
