"""A rate from few units says so (s15 screen review, en 22_all_cards: "Staff turnover 16.7 % from 7 people" shown
like any rate). One rule for every rate (metrics.plausibility.few_units: fewer than FEW_UNITS = 30 units), shown
where NPS shows its margin of error: on the card after "from 7 people", its 95 % range in the tooltip, and on the
KPI's slide of the deck.

By hand, resources/demo/staff.csv alone: the twelve months to 14 Aug 2026 start with 5 agents and end with 6, one
left: 1 / 5.5 = 18.2 %, from the register's 7 people. Wilson's 95 % interval of 1 in 5.5 is worked out below from
its formula."""

from __future__ import annotations

import math

import pytest

from metrics_core.metrics.plausibility import FEW_UNITS
from metrics_core.metrics.registry import REGISTRY

from .conftest import wait_results


def _wilson(x: float, n: float, z: float = 1.959963984540054) -> tuple[float, float]:
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return 100 * (centre - half), 100 * (centre + half)


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_only_rates_are_judged_by_their_units() -> None:
    rates = {spec.id for spec in REGISTRY if (spec.rate if spec.rate is not None else spec.unit == "%")}
    assert {"employee_turnover", "csat", "churn_rate", "abandonment_rate"} <= rates
    assert not {"satisfaction_trend", "complaint_growth", "nps", "first_response_time"} & rates


def test_staff_turnover_from_seven_people_is_marked_on_its_card_and_slide(qtbot, state, tmp_path) -> None:
    from desktop_app.panels.dashboard import DashboardPanel
    from metrics_core.export.build import build_report
    from metrics_core.export.pptx_deck import write_pptx
    from metrics_core.loading import load_dataset
    from metrics_core.report_view import KpiView
    from metrics_core.resources import demo_dir
    from pptx import Presentation

    staff = load_dataset(demo_dir() / "staff.csv")
    dash = DashboardPanel(state)
    qtbot.addWidget(dash)
    wait_results(qtbot, state, lambda: state.add_dataset(staff))
    dash.show_all_box.setChecked(True)
    card = dash.cards["employee_turnover"]
    assert _plain(card.value_label.text()) == "18.2 %"
    full = "from 7 people, too few to be sure"
    narrow = card.n_label.text()   # the narrowest card: the note whole (shots16-c), on a line of its own if need be
    assert narrow.endswith("too few to be sure")
    if narrow != full:
        assert card.n_label.toolTip().startswith(full + "\n")
    assert card.n_label.sizeHint().width() <= card.text_room()          # never wider than the card
    card.resize(420, card.height())                            # a card with room: the whole line
    card._fit_texts()
    assert card.n_label.text() == full
    low, high = _wilson(1, 5.5)
    assert round(low, 1) == 3.3 and round(high, 1) == 59.2            # 1 in 5.5: anywhere from 3 % to 59 %
    tip = _plain(card.n_label.toolTip())
    assert f"fewer than {FEW_UNITS}" in tip and f"between {low:.1f} % and {high:.1f} %" in tip
    # the deck's slide of the KPI carries the same words
    report = build_report(_bundle(staff), {}, view=KpiView(kpis=("employee_turnover",)))
    row = next(r for r in report.kpis if r.metric_id == "employee_turnover")
    assert _plain(row.few_units) == tip
    deck = tmp_path / "deck.pptx"
    write_pptx(report, deck)
    texts = [_plain(shape.text_frame.text) for slide in Presentation(str(deck)).slides for shape in slide.shapes
             if shape.has_text_frame]
    assert tip in texts
    # and its row of "At a glance", as the card says it under its value (the table showed a bare "18.2 %")
    cells = [_plain(cell.text) for slide in Presentation(str(deck)).slides for shape in slide.shapes
             if shape.has_table for table_row in shape.table.rows for cell in table_row.cells]
    assert "18.2 %, too few to be sure" in cells


def _bundle(*datasets):
    from metrics_core.dataset import DataBundle

    return DataBundle(list(datasets))


@pytest.mark.parametrize("metric_id", ["csat", "abandonment_rate"])
def test_rates_from_many_units_have_no_such_note(metric_id) -> None:
    from metrics_core.cli.compute_cmd import load_bundle
    from metrics_core.report_view import KpiView, compute_view
    from metrics_core.report_view.words import few_units_detail, few_units_words
    from metrics_core.resources import demo_dir

    files = {"csat": "survey_responses.csv", "abandonment_rate": "calls.csv"}
    computed = compute_view(load_bundle([str(demo_dir() / files[metric_id])], None, {}), {}, KpiView())
    outcome = computed.outcomes[metric_id]
    assert outcome.result.n >= FEW_UNITS
    assert few_units_words(outcome) == "" and few_units_detail(outcome) == ""
