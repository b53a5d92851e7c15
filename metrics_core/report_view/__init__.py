"""One view of the KPIs, shared by the window and every report.

- :mod:`.view` — :class:`KpiView`, what is shown (period, filters, comparison, grain, KPIs, breakdowns, targets);
- :mod:`.compute` — :func:`compute_view`, its numbers (:class:`ViewResults`, one :class:`KpiOutcome` per KPI);
- :mod:`.changes` — whether a change is larger than its noise;
- :mod:`.catalogue` — the one list of lead KPIs, breakdown columns and NPS parts;
- :mod:`.words` — how a target state and a change read, with their icons and colours.
"""

from .catalogue import BREAKDOWN_COLUMNS, LEAD_KPIS, NPS_PARTS, breakdown_candidates, default_kpis
from .compute import KpiOutcome, ViewResults, compute_view, data_span, last_complete_month
from .view import COMPARISONS, KpiView

__all__ = ["KpiView", "COMPARISONS", "ViewResults", "KpiOutcome", "compute_view", "data_span",
           "last_complete_month", "LEAD_KPIS", "BREAKDOWN_COLUMNS", "NPS_PARTS", "breakdown_candidates",
           "default_kpis"]
