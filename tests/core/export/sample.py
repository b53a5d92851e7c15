"""A hand-made report: what the writers are tested with, independent of the engine."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from metrics_core.export.model import ChartData, KpiRow, Report, SourceInfo

MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]
CSAT_BY_MONTH = [82.0, 84.5, 83.0, 86.0, 85.5, 87.0, 88.5, 86.5, 89.0, 90.0, 88.0, 91.5]
FRT_BY_MONTH = [7200.0, 6900.0, 7500.0, 6600.0, 6100.0, 5800.0, 6000.0, 5400.0, 5200.0, 4900.0, 5100.0, 4700.0]
FRT_BY_CHANNEL = {"Email": 9000.0, "Chat": 240.0, "Phone": 95.0, "=HYPERLINK(\"x\")": 1200.0}
NPS_PARTS = {"Promoters": [60.0, 62.0, 65.0], "Passives": [25.0, 24.0, 22.0], "Detractors": [15.0, 14.0, 13.0]}
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
# contacts per weekday and hour: Monday 09:00 12, Tuesday 10:00 7, Friday 14:00 30 (the busiest), nothing else
PEAK_CELLS = {("Mon", 9): 12.0, ("Tue", 10): 7.0, ("Fri", 14): 30.0}


def peak_matrix() -> pd.DataFrame:
    frame = pd.DataFrame(0.0, index=pd.Index(WEEKDAYS), columns=[f"{h:02d}" for h in range(24)])
    for (day, hour), count in PEAK_CELLS.items():
        frame.loc[day, f"{hour:02d}"] = count
    return frame


def make_report(days: int = 0) -> Report:
    """A report with every chart kind; ``days`` > 0 adds a daily trend that long."""
    kpis = [
        KpiRow("csat", "CSAT, % satisfied", "customer_experience", 87.25, "%", 1200, 85.0, 84.0, 3.25, True),
        KpiRow("nps", "Net Promoter Score", "customer_experience", 52.0, "score", 300, None, 46.0, 6.0, True),
        KpiRow("first_response_time", "First response time", "tickets", 5650.0, "seconds", 4310, 3600.0,
               6120.0, -470.0, False),
        KpiRow("request_volume", "Request volume", "tickets", 12345.0, "count", 12345, None, 11890.0, 455.0, None),
        KpiRow("clv", "Customer lifetime value", "loyalty_value", 1750.5, "currency", 800, None, None, None, True),
        KpiRow("abandonment_rate", "Call abandonment rate", "calls", None, "%", 0,
               reason="No call file was loaded."),
    ]
    charts = [
        ChartData("csat-month", "CSAT by month", "customer_experience", "line", "%",
                  pd.DataFrame({"CSAT": CSAT_BY_MONTH}, index=pd.Index(MONTHS)), "csat", "month",
                  [100] * 12, 85.0, [f"{m}-01" for m in MONTHS]),
        ChartData("nps-parts", "NPS: promoters, passives, detractors", "customer_experience", "stacked", "%",
                  pd.DataFrame(NPS_PARTS, index=pd.Index(["2024-Q1", "2024-Q2", "2024-Q3"])), "nps", "quarter"),
        ChartData("frt-month", "First response time by month", "tickets", "line", "seconds",
                  pd.DataFrame({"First response time": FRT_BY_MONTH}, index=pd.Index(MONTHS)),
                  "first_response_time", "month", period_starts=[f"{m}-01" for m in MONTHS]),
        ChartData("frt-channel", "First response time by channel", "tickets", "bar", "seconds",
                  pd.DataFrame({"First response time": list(FRT_BY_CHANNEL.values())},
                               index=pd.Index(list(FRT_BY_CHANNEL))), "first_response_time", "channel",
                  [2000, 1500, 800, 10]),
        ChartData("peak_hours-heatmap", "When customers contact us", "tickets", "heatmap", "count", peak_matrix(),
                  "peak_hours", "weekday and hour"),
    ]
    if days:
        index = pd.date_range("2024-01-01", periods=days, freq="D").strftime("%Y-%m-%d")
        volume = [float(100 + (i * 37) % 50) for i in range(days)]
        charts.append(ChartData("volume-day", "Request volume by day", "tickets", "line", "count",
                                pd.DataFrame({"Tickets": volume}, index=pd.Index(list(index))),
                                "request_volume", "day", period_starts=list(index)))
        charts.append(ChartData("volume-day-text", "Request volume by day (no dates)", "tickets", "line", "count",
                                pd.DataFrame({"Tickets": volume}, index=pd.Index(list(index))),
                                "request_volume", "day"))
    sources = [SourceInfo("tickets.csv", "/data/tickets.csv", "tickets", 12345,
                          {"kind": "tickets", "preset": "zendesk", "fields": {"ticket_id": {"columns": ["Id"]}}}),
               SourceInfo("survey.xlsx", "/data/survey.xlsx", "surveys", 1200, {"kind": "surveys", "fields": {}})]
    return Report(
        title="Customer service KPIs", business_name="Cvetličarna Mojca d.o.o.",
        period_start=date(2024, 1, 1), period_end=date(2024, 12, 31), made_at=datetime(2025, 1, 6, 9, 30),
        kpis=kpis, charts=charts, sources=sources,
        parameters={"global": {"targets": {"csat": 85}}, "csat": {"threshold": 4}},
        how_computed={"csat": "Positive responses / all responses × 100; positive = score ≥ threshold.",
                      "nps": "% promoters (9–10) − % detractors (0–6).",
                      "first_response_time": "Mean of first response − created over tickets with a response."},
    )
