"""A change computed from a period the data covers only in part says so (s15 screen review, 64_issue_date_only_
tickets: "Satisfaction improvement +9.8 pp Dec 2021 against Nov 2021" on the real Kaggle ticket file, whose
"Date of Purchase" ends on 30 Dec 2021). The rule is the trends' (report_view.partial: a period is partial when
the data starts or stops inside it), applied to the satisfaction improvement's two months and to every card's
change against the comparison period, in the window and the deck alike (both read ``change_words``)."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.formatting import result_caveat
from metrics_core.i18n import language
from metrics_core.report_view import KpiView, compute_view
from metrics_core.report_view.words import change_words


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_satisfaction_improvement_names_its_partial_month(purchase_dated) -> None:
    result = compute_view(purchase_dated, {}, KpiView(kpis=("satisfaction_trend",))).results["satisfaction_trend"]
    # December's CSAT less November's, worked out from the rows: satisfied (4-5 of 1-5) over answers per month
    frame = purchase_dated.datasets[0].frame
    answered = frame[frame["csat_score"].notna()]
    month = answered["created_at"].dt.to_period("M")
    share = {m: 100 * (answered.loc[month == m, "csat_score"] >= 4).mean() for m in ("2021-12", "2021-11")}
    assert result.value == pytest.approx(share["2021-12"] - share["2021-11"])
    assert result_caveat(result)[0] == "Dec 2021 (partial month) against Nov 2021"
    with language("sl"):
        assert result_caveat(result)[0] == "dec. 2021 (delni mesec) proti nov. 2021"


def test_every_cards_change_from_a_partial_period_says_so(purchase_dated) -> None:
    dates = purchase_dated.datasets[0].frame["created_at"]
    assert dates.max() == pd.Timestamp("2021-12-30") and dates.min() == pd.Timestamp("2020-01-01")   # the premise
    december = compute_view(purchase_dated, {}, KpiView("2021-12-01", "2021-12-31"))
    changed = [o for o in december.outcomes.values() if o.change is not None]
    assert len(changed) >= 5
    for outcome in changed:                # the files end on 30 Dec: every change of December is from part of it
        assert outcome.partial == (True, False), outcome.metric_id
        assert change_words(outcome).endswith(" (partial month)"), outcome.metric_id
    november = compute_view(purchase_dated, {}, KpiView("2021-11-01", "2021-11-30"))
    assert all(not any(o.partial) and "partial" not in change_words(o)
               for o in november.outcomes.values() if o.change is not None)
    # 16 Jan - 14 Feb 2020 against 17 Dec 2019 - 15 Jan 2020: the files begin on 1 Jan, inside the earlier span
    early = compute_view(purchase_dated, {}, KpiView("2020-01-16", "2020-02-14"))
    volume = early.outcomes["request_volume"]
    assert volume.partial == (False, True)
    assert _plain(change_words(volume)).endswith("(the earlier period is partial)")
    assert _plain(result_caveat(early.results["satisfaction_trend"])[0]).endswith("2020 (partial period)")


def test_the_deck_table_carries_the_partial_mark(purchase_dated) -> None:
    from metrics_core.export.build import build_report

    report = build_report(purchase_dated, {}, view=KpiView("2021-12-01", "2021-12-31", kpis=("csat",)))
    row = next(r for r in report.kpis if r.metric_id == "csat")
    assert row.change_words.endswith("(partial month)")
