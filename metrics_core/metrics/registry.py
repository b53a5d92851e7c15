"""The KPI registry: an explicit, literal list of every metric (no import side effects).

>>> get_metric("nps").label
'Net Promoter Score'
"""

from __future__ import annotations

from ..i18n import Message
from ..errors import ParameterError
from . import calls, loyalty, social, surveys, team, tickets
from .benchmark import benchmark_gap_spec
from .model import MetricSpec

#: The KPIs a benchmark can be compared with: every other one, in the registry's order.
_COMPARED = tuple((spec.id, spec.label) for family in (surveys.SPECS, loyalty.SPECS, tickets.SPECS, calls.SPECS, team.SPECS,
                                         social.SPECS) for spec in family)

REGISTRY: tuple[MetricSpec, ...] = (
    *surveys.SPECS,
    *loyalty.SPECS,
    benchmark_gap_spec(lambda: REGISTRY, _COMPARED),
    *tickets.SPECS,
    *calls.SPECS,
    *team.SPECS,
    *social.SPECS,
)

_BY_ID: dict[str, MetricSpec] = {spec.id: spec for spec in REGISTRY}


def get_metric(metric_id: str) -> MetricSpec:
    """The :class:`MetricSpec` with id ``metric_id``; :class:`ParameterError` when there is none."""
    try:
        return _BY_ID[metric_id]
    except KeyError:
        raise ParameterError(Message("There is no KPI called “{metric_id}”. Known KPIs: {by_id}.", dict(metric_id=metric_id, by_id=', '.join(_BY_ID)))) from None


