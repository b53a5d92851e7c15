"""The rows behind a KPI: its data kind's rows under the dashboard's filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from metrics_core.catalogue import kind_label, kinds_text
from metrics_core.dataset import DataBundle
from metrics_core.errors import MissingFieldError
from metrics_core.i18n import Message, _

from .formatting import format_number


@dataclass(frozen=True)
class RowsBehind:
    """The filtered rows behind a KPI, the data kind they are (the data view names the columns by its
    fields) and a title for them."""

    title: str
    kind: str
    frame: pd.DataFrame


def rows_behind(bundle: DataBundle, metric_id: str, filters: Any, params: dict[str, Any] | None = None) -> RowsBehind:
    """The filtered rows of the first loaded kind the KPI reads; a KPI that counts only some of them (first
    response time: the tickets that got one) marks each in a first column, so the rows listed match the
    card's "from N rows" (4,030 of the demo's 4,043 tickets)."""
    from metrics_core.metrics.engine import rows_counted
    from metrics_core.metrics.engine_inputs import filter_frame
    from metrics_core.metrics.registry import get_metric

    spec = get_metric(metric_id)
    loaded = bundle.kinds()
    kind = next((k for k in spec.kinds if k in loaded), None)
    if kind is None:
        raise MissingFieldError(metric_id, [], Message("{kpi} reads {kinds}, and no such file is loaded.",
                                                       {"kpi": Message(spec.label), "kinds": kinds_text(spec.kinds)}))
    frame = filter_frame(bundle.frame(kind), kind, filters)
    kpi, kind_name, count = _(spec.label), kind_label(kind), format_number(len(frame))
    counted = rows_counted(bundle, metric_id, params, filters)
    used = frame.index.isin(counted[1]) if counted is not None and counted[0] == kind else None
    if used is None or used.all():
        return RowsBehind(_("{kpi} ({kind}: {count})", kpi=kpi, count=count, kind=kind_name), kind, frame)
    marks = pd.Series(pd.Categorical(np.where(used, _("Yes"), _("No"))), index=frame.index)
    frame = pd.concat([marks.rename(_("Counted")), frame], axis=1)         # the title names the KPI
    return RowsBehind(_("{kpi} ({kind}: {count}, counted: {counted})", kpi=kpi, count=count,
                        kind=kind_name, counted=format_number(int(used.sum()))), kind, frame)
