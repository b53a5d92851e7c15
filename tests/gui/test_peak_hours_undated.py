"""Peak hours of a file without any dates say which column is missing, on the card and on the selected KPI's
charts (shots11 66_issue_no_dates_no_channel: "No data of the kind 'dated tickets, calls or social' is loaded for
the chosen period and filters", with no filter on)."""

from __future__ import annotations

from metrics_core.report_view.words import readable_reason
from desktop_app.jobs import chart_job
from metrics_core.dataset import DataBundle
from metrics_core.formatting import quoted
from metrics_core.metrics.engine import Filters, compute_metric
from metrics_core.progress import Reporter

from .helpers import make_dataset, tickets_frame
from .test_import_guides import empty_charts_say


def test_peak_hours_without_a_date_column_say_so_on_card_and_charts(qtbot) -> None:
    frame = tickets_frame(60).drop(columns=["created_at"])
    bundle = DataBundle([make_dataset("tickets without dates", "tickets", frame)])
    card_words = readable_reason(compute_metric(bundle, "peak_hours"))
    assert quoted("Created at") in card_words and "filters" not in card_words, card_words
    data = chart_job(bundle, {}, Filters(), "peak_hours", "month", "agent")(Reporter())
    assert data.no_value is not None
    for said in empty_charts_say(qtbot, data):
        assert "Created at" in said and "period and filters" not in said, said
