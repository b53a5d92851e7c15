"""The rows behind a KPI: its data kind's rows under the dashboard's filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from metrics_core.catalogue import KINDS_BY_NAME
from metrics_core.dataset import DataBundle
from metrics_core.errors import MissingFieldError
from metrics_core.i18n import _

from .formatting import format_number


@dataclass(frozen=True)
class RowsBehind:
    """The filtered rows behind a KPI, the data kind they are (the data view names the columns by its
    fields) and a title for them."""

    title: str
    kind: str
    frame: pd.DataFrame


def rows_behind(bundle: DataBundle, metric_id: str, filters: Any) -> RowsBehind:
    """The filtered rows of the first loaded kind the KPI reads."""
    from metrics_core.metrics.engine_inputs import filter_frame
    from metrics_core.metrics.registry import get_metric

    spec = get_metric(metric_id)
    loaded = bundle.kinds()
    kind = next((k for k in spec.kinds if k in loaded), None)
    if kind is None:
        raise MissingFieldError(metric_id, [], _("{kpi} reads {kinds}, and no such file is loaded.", kpi=_(spec.label),
                                                 kinds=", ".join(_(KINDS_BY_NAME[k].label) if k in KINDS_BY_NAME else k
                                                                 for k in spec.kinds)))
    frame = filter_frame(bundle.frame(kind), kind, filters)
    return RowsBehind(_("{kpi} ({count} \u00d7 {kind})", kpi=_(spec.label), count=format_number(len(frame)),
                        kind=_(KINDS_BY_NAME[kind].label)), kind, frame)
