"""A day or a time of day is never split at a card's word wrap (shots 22_all_cards sl and 10_dashboard_09_staff sv,
1366x768: "na dan 31. okt. / 2026", "izmerjeno 20 % ob / 08:00", "14 aug. / 2026"): the card lays its captions out
with no-break spaces inside the dates (``keep_dates_whole``); exported text keeps its plain spaces."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.i18n import apply_language
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


@pytest.mark.parametrize("code", ["en", "sl", "ro", "sv", "sr", "sr-Latn"])
def test_a_period_on_a_card_is_whole_or_short_never_cut(qtbot, code) -> None:
    """s18-words: sl 1920 x 1080, the CLV card's caveat read "pričakovano na stranko v življenjski dobi, iz naročil:
    1. maj –…" (the period cut after its dash, whole only in the tooltip). At every width a card gets (198 px up to
    the 370 px of three a row at 1366 x 768), under the KPI's real title: the period whole, or in its short form
    ("maj–okt. 2026"), or, where even that does not fit, left out before it — never cut."""
    from metrics_core.formatting_dates import PeriodName, short_periods
    from metrics_core.i18n import Message, _
    from metrics_core.metrics.registry import get_metric

    from .test_layout_cards_whole import _plain, cut_date, widest_card

    with language(code):
        days = PeriodName.of_days(date(2026, 5, 1), date(2026, 10, 31))
        long = str(days)
        with short_periods():
            short = str(days)
        seen, forms = [], set()
        for metric_id, msgid in (("clv", "expected per customer over a lifetime, from orders of {period}"),
                                 ("clv_historical", "spent per customer over {period}")):
            caveat = Message(msgid, {"period": days})
            result = MetricResult(metric_id, 4197.0, "currency", n=1042, details={"caveat": caveat})
            card = KpiCard(metric_id, _(get_metric(metric_id).label), "currency", True)
            qtbot.addWidget(card)
            card.show()
            for width in range(198, widest_card() + 1, 4):
                card.resize(width, card.height())
                card.set_result(result)
                shown = card.reason_label.text()
                plain = _plain(shown)
                form = "long" if _plain(long) in plain else "short" if _plain(short) in plain else "none"
                forms.add(form)
                if cut_date(shown) or (form == "none" and "\u2026" not in shown):
                    seen.append(f"{metric_id} at {width} px: {shown!r}")
                if form != "long":
                    assert _plain(str(caveat)) in _plain(card.reason_label.toolTip()), (width, shown)
    assert seen == [], "\n".join(seen)
    assert "long" in forms, forms


@pytest.mark.parametrize("code", ["en", "sl", "ro", "sv", "sr", "sr-Latn"])
def test_the_clv_caveat_shows_its_period_at_every_width_its_title_allows(qtbot, code) -> None:
    """s19-words: sr at 1920 x 1080 (cards of about 200 px, eight a row) the CLV card read "очекивано по купцу током
    животног века, из…": under its two-line title even the short period ("мај–окт 2026.") needed a third line, so
    the caveat was left out before its period (whole in the tooltip only); ro (198–206 px) and sr-Latn the same.
    From the least width a dashboard gives the card (its title's) up to the widest, the period is on the card, whole
    or in its short form."""
    from metrics_core.formatting_dates import PeriodName, short_periods
    from metrics_core.i18n import Message, _
    from metrics_core.metrics.registry import get_metric

    from .test_layout_cards_whole import _plain, widest_card

    apply_language(code)
    with language(code):
        days = PeriodName.of_days(date(2026, 5, 1), date(2026, 10, 31))
        long = _plain(str(days))
        with short_periods():
            short = _plain(str(days))
        caveat = Message("expected per customer over a lifetime, from orders of {period}", {"period": days})
        result = MetricResult("clv", 4197.0, "currency", n=1042, details={"caveat": caveat})
        card = KpiCard("clv", _(get_metric("clv").label), "currency", True)
        qtbot.addWidget(card)
        card.show()
        card.set_result(result)
        least, missing = card.title_width(), []
        for width in range(least, widest_card() + 1, 2):
            card.resize(width, card.height())
            card.set_result(result)
            shown = _plain(card.reason_label.text())
            if long not in shown and short not in shown:
                missing.append(f"{width} px: {shown!r}")
    assert least <= 230 and missing == [], "\n".join(missing)
