"""The NAME=VALUE options the commands share: ``--param METRIC.NAME=VALUE`` and ``--map FIELD=HEADER``.

A module of its own, light to import: ``calc`` reads ``--param`` without loading what ``compute`` needs.
"""

from __future__ import annotations

from typing import Any

from ..catalogue import KINDS
from ..errors import ParameterError
from ..i18n import Message
from ..metrics.registry import get_metric


def parse_params(pairs: list[str]) -> dict[str, dict[str, Any]]:
    """``["csat.threshold=4"]`` -> ``{"csat": {"threshold": "4"}}`` (values are coerced by the engine)."""
    params: dict[str, dict[str, Any]] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        metric, dot, name = key.strip().partition(".")
        if not sep or not dot or not metric or not name:
            raise ParameterError(Message("“{pair}” is not METRIC.NAME=VALUE (e.g. --param csat.threshold=4).", dict(pair=pair)))
        if metric != "global":
            get_metric(metric)
        params.setdefault(metric, {})[name] = value.strip()
    return params


def parse_maps(pairs: list[str]) -> dict[str, str]:
    """``["created_at=Opened"]`` -> ``{"created_at": "Opened"}``."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, header = pair.partition("=")
        if not sep or not name.strip() or not header:
            raise ParameterError(Message("“{pair}” is not FIELD=HEADER (e.g. --map created_at='Opened').", dict(pair=pair)))
        if not any(name.strip() in k.field_names() for k in KINDS):
            raise ParameterError(Message("“{field}” is not a field KPI Desk knows; use a field name such as created_at, csat_score or customer_id (docs/metrics.md lists what each KPI reads).", dict(field=name.strip())))
        out[name.strip()] = header
    return out
