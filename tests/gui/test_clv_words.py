"""Customer lifetime value in the window: one lifespan setting, and no flat trend from undated revenue."""

from __future__ import annotations

import pandas as pd

from desktop_app.dialogs.settings_dialog import SettingsDialog


def test_one_lifespan_setting_in_years(qtbot) -> None:
    dialog = SettingsDialog({"clv_predictive": {"lifespan_months": 24}}, {})
    qtbot.addWidget(dialog)
    assert set(dialog.editors["clv"]) >= {"lifespan_years"}
    assert not any("lifespan" in name for name in dialog.editors["clv_predictive"])     # asked once, in years


def test_a_saved_lifespan_in_months_is_read_as_the_one_setting(tmp_path) -> None:
    from desktop_app.settings import AppSettings

    settings = AppSettings(str(tmp_path / "s.ini"))
    settings.save_kpi_settings({"clv_predictive": {"lifespan_months": 30}}, {})
    assert settings.kpi_settings()[0]["clv"] == {"lifespan_years": 2.5}


def test_clv_from_undated_revenue_draws_no_trend_and_says_why(qtbot) -> None:
    from desktop_app.charts import feed
    from desktop_app.charts.trend_chart import TrendChart
    from desktop_app.jobs import chart_job
    from metrics_core.dataset import DataBundle
    from metrics_core.metrics.engine import Filters
    from metrics_core.progress import Reporter

    from .helpers import make_dataset

    customers = pd.DataFrame({"customer_id": pd.Series(["a", "b", "c"], dtype="str"),
                              "joined_at": pd.to_datetime(["2023-01-05", "2024-06-01", "2025-03-01"]).astype(
                                  "datetime64[us]"), "revenue_per_period": [30.0, 50.0, 40.0]})
    bundle = DataBundle([make_dataset("c", "customers", customers)])
    data = chart_job(bundle, {"clv": {"lifespan_years": 2}}, Filters(), "clv", "month", None)(Reporter())
    assert not data.trend and not data.undated         # dated (joined), yet a month's value is every month's
    chart = TrendChart()
    qtbot.addWidget(chart)
    feed.show_trend(chart, data, None)
    assert chart.is_empty() and "the same for any dates" in chart.empty_label.text()


def test_one_churn_flag_and_inactivity_setting_for_both_lifetime_values(qtbot, tmp_path) -> None:
    """Predictive CLV's page asked again for the churn flag's months and the days of inactivity."""
    from desktop_app.settings import AppSettings

    dialog = SettingsDialog({"clv_predictive": {"inactivity_days": 40}}, {})
    qtbot.addWidget(dialog)
    assert set(dialog.editors["clv"]) >= {"churn_flag_months", "inactivity_days"}
    assert not {"churn_flag_months", "inactivity_days"} & set(dialog.editors["clv_predictive"])
    settings = AppSettings(str(tmp_path / "s.ini"))
    settings.save_kpi_settings({"clv_predictive": {"inactivity_days": 40, "churn_flag_months": 6}}, {})
    assert settings.kpi_settings()[0]["clv"] == {"inactivity_days": 40, "churn_flag_months": 6}
