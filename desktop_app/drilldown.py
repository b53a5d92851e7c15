"""The rows behind a KPI: its data kind's rows under the dashboard's filters."""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics_core.catalogue import KINDS_BY_NAME
from metrics_core.dataset import DataBundle
from metrics_core.errors import MissingFieldError

from .formatting import format_number


def rows_behind(bundle: DataBundle, metric_id: str, filters: Any) -> tuple[str, pd.DataFrame]:
    """``(title, frame)``: the filtered rows of the first loaded kind the KPI reads."""
    from metrics_core.metrics.engine_inputs import filter_frame
    from metrics_core.metrics.registry import get_metric

    spec = get_metric(metric_id)
    loaded = bundle.kinds()
    kind = next((k for k in spec.kinds if k in loaded), None)
    if kind is None:
        raise MissingFieldError(metric_id, [], f"{spec.label} reads {', '.join(spec.kinds)}, and no such file is loaded.")
    frame = filter_frame(bundle.frame(kind), kind, filters)
    frame.attrs["kind"] = kind          # the data view names the columns by this kind's fields
    label = KINDS_BY_NAME[kind].label.lower()
    return f"{spec.label} ({format_number(len(frame))} {label})", frame
