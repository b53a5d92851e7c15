"""A caveat is read on its card, not only in its tooltip: under a two-line title, CRR's "Channel filter not applied:
no such column in customers" was cut to "Channel filter not applied: no…" on one line to keep "from 1,054 rows"
(shots11 28_filter_applied); the rows line gives its line to the caveat and goes to the tooltip."""

from __future__ import annotations

from desktop_app.panels.kpi_card import KpiCard
from metrics_core.metrics.model import MetricResult

CAVEAT = "Channel filter not applied: no such column in customers"


def test_a_caveat_under_a_two_line_title_is_whole_on_the_card(qtbot) -> None:
    card = KpiCard("retention_rate", "Customer retention rate (CRR)", "%", True)
    qtbot.addWidget(card)
    card.show()
    result = MetricResult("retention_rate", 89.0, "%", n=1054, details={"caveat": CAVEAT})
    for width in (210, 214, 220):              # five cards a row at 1366 x 768: the title takes two lines
        card.resize(width, card.height())
        card.set_result(result)
        assert card.title_label.text() == "Customer retention rate (CRR)"
        assert card.reason_label.text() == CAVEAT, (width, card.reason_label.text())
        assert "1,054" in card.reason_label.toolTip()
    card.resize(300, card.height())                       # room for both: the rows line stays
    card.set_result(result)
    assert card.reason_label.text() == CAVEAT and not card.n_label.isHidden()
