"""Historical CLV's trend says its points are each one month alone (s15-shots-a, en/sv 10_dashboard_05_orders at
1366x768): "Historical CLV €95.12 per customer over 1 May – 31 Oct 2026" stood beside a monthly trend at €46–53 with
no note, read as a doubling every month. The staff turnover trend had the note (``figure_period``); a KPI that adds
up its days (``sums_its_days``) gets it too, with all dates and with chosen ones."""

from __future__ import annotations

import pandas as pd

from metrics_core.i18n import language
from metrics_core.metrics.engine import Filters, compute_metric
from metrics_core.metrics.model import MetricInputs
from metrics_core.report_view.compute import figure_period
from metrics_core.metrics.registry import REGISTRY

from .test_clv_period import half_year


class _Bundle:            # figure_period reads the files' span only for KPIs of a lookback period
    pass


def test_historical_clv_names_the_days_its_figure_adds_up_beside_a_trend() -> None:
    inputs = MetricInputs(half_year())
    figure = compute_metric(inputs, "clv_historical", {}, Filters())
    span = figure_period(_Bundle(), inputs, "clv_historical", {}, Filters(), figure)
    assert span is not None and (span.first, span.last) == (pd.Timestamp("2026-05-01"), pd.Timestamp("2026-10-31"))
    with language("en"):
        assert str(figure.details["caveat"]) == f"spent per customer over {span}"
    chosen = Filters("2026-06-01", "2026-07-31")
    figure = compute_metric(inputs, "clv_historical", {}, chosen)
    span = figure_period(_Bundle(), inputs, "clv_historical", {}, chosen, figure)
    assert (span.first, span.last) == (pd.Timestamp("2026-06-01"), pd.Timestamp("2026-07-31"))
    assert figure_period(_Bundle(), inputs, "clv_historical", {}, chosen) == span      # computed when not given


def test_only_kpis_that_add_up_their_days_are_marked() -> None:
    assert [spec.id for spec in REGISTRY if spec.sums_its_days] == ["clv_historical"]
