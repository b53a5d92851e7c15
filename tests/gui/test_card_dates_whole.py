"""A day or a time of day is never split at a card's word wrap (shots 22_all_cards sl and 10_dashboard_09_staff sv,
1366x768: "na dan 31. okt. / 2026", "izmerjeno 20 % ob / 08:00", "14 aug. / 2026"): the card lays its captions out
with no-break spaces inside the dates (``keep_dates_whole``); exported text keeps its plain spaces."""

from __future__ import annotations

from desktop_app.panels.kpi_card import KpiCard
from metrics_core.formatting import result_caveat
from metrics_core.i18n import language
from metrics_core.metrics.model import MetricResult

from .helpers import wrapped_lines

CAVEATS = {"sl": ("Dosegli bi 80 % v 20 s; izmerjeno 20 % ob 08:00, po stanju na dan 31. okt. 2026",
                  ("ob 08:00", "31. okt. 2026")),
           "sv": ("Personal den 14 aug. 2026 jämfört med perioden 15 aug. 2025 – 14 aug. 2026",
                  ("14 aug. 2026", "15 aug. 2025"))}


def test_dates_and_times_stay_whole_in_a_narrow_cards_caption(qtbot) -> None:
    for code, (caveat, dates) in CAVEATS.items():
        with language(code):
            card = KpiCard("agents_needed", "Agents", "count", None)
            qtbot.addWidget(card)
            card.show()
            result = MetricResult("agents_needed", 3.0, "count", n=1200, details={"caveat": caveat})
            for width in (160, 180, 200, 230, 260):
                card.resize(width, card.height())
                card.set_result(result)
                shown = card.reason_label.text()
                assert "\u2026" not in shown or width < 200, (code, width, shown)
                plain = shown.replace("\u00a0", " ")
                lines = [line.replace("\u00a0", " ") for line in
                         wrapped_lines(shown, card.reason_label.font(), card.reason_label.contentsRect().width())]
                for date in (d for d in dates if d in plain):
                    assert any(date in line for line in lines), (code, width, date, lines)
                assert any(d in plain for d in dates)
    assert "aug. 2026" in result_caveat(result)[0]          # the caveat as exported keeps its plain spaces
