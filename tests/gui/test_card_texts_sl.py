"""Slovenian card texts as an owner reads them on a small laptop or at 200 %: the channel-share caveat whole (it
was 'delež kanala Instagram, najbolj…', the channel's standing cut off: s12-shots-sl2, 200pct-sl/10_dashboard_08),
and the staffing line's call count in a form Slovenian declines for any number ('Za 4,5 klicev na 30 min' said
'klicev' after a decimal, where Slovenian writes 'klica'; 'Klicev na 30 min: 4,5' reads right for any number)."""

from __future__ import annotations

import pytest

from desktop_app.panels.kpi_card import CARD_WIDTH, KpiCard
from metrics_core.i18n import Message, _, language
from metrics_core.metrics.model import MetricResult

from .helpers import shown


@pytest.mark.parametrize("channel", ["Instagram", "Google Reviews", "Email"])
@pytest.mark.parametrize("width", [CARD_WIDTH, 236])
def test_the_channel_share_caveat_is_read_whole(qtbot, width, channel) -> None:
    with language("sl"):
        caveat = Message("share of {channel}, the busiest channel", {"channel": channel})
        result = MetricResult("volume_by_channel", 41.6, "%", n=628, higher_is_better=None,
                              details={"caveat": caveat, "caveat_detail": caveat})
        card = shown(qtbot, KpiCard("volume_by_channel", _("Contact volume per channel"), "%", None), width, 100)
        card.set_result(result)
        qtbot.wait(10)
        assert card.reason_label.isVisible() and card.reason_label.text() == str(caveat), \
            f"at {width} px: {card.reason_label.text()!r}"
        assert channel in card.reason_label.text()


@pytest.mark.parametrize("calls, words", [(4.5, "4,5"), (2, "2"), (3, "3"), (12, "12")])
def test_the_staffing_line_declines_its_call_count(calls, words) -> None:
    values = {"calls": calls, "minutes": 30.0, "slot": "08:00", "aht": "5 min", "assumed": "30 min"}
    with language("sl"):
        short = str(Message("for {calls} calls per {minutes} min at {slot}", values))
        typed = str(Message("for {calls} calls per {minutes} min, as typed", values))
        whole = str(Message("Erlang C for {calls} calls per {minutes} min at {slot}, AHT {aht}; interval: {assumed}.",
                            values))
    assert short == f"klicev na 30 min ob 08:00: {words}"     # the count after a colon: no noun to decline
    assert typed == f"klicev na 30 min (vneseno): {words}" and f"klicev na 30 min: {words})" in whole
    assert "klicev" not in short.lower().replace("klicev na 30 min", "")   # never "4,5 klicev": the count stands alone


def test_holidays_are_typed_and_shown_as_the_language_writes_a_day(qtbot) -> None:
    """The business-hours page offered 'npr. 2026-06-25, 2026-08-15' in Slovenian, and '5. 6. 2026' typed there was
    read month first: 6 May instead of 5 June (s12-shots-sl2, 200pct-sl/42_settings_business_hours)."""
    from desktop_app.dialogs.calendar_editor import CalendarEditor

    with language("sl"):
        editor = CalendarEditor({"weekdays": [0, 1, 2, 3, 4], "opens": "08:00", "closes": "16:00",
                                 "holidays": ["2026-12-25"]})
        qtbot.addWidget(editor)
        assert editor.holidays_edit.placeholderText() == "npr. 25. 6. 2026, 15. 8. 2026"
        assert editor.holidays_edit.text() == "25. 12. 2026"
        editor.holidays_edit.setText("5. 6. 2026; 2026-08-15, 31. 2. 2026, ni datum")
        assert editor.calendar()["holidays"] == ["2026-06-05", "2026-08-15"]
    with language("ro"):
        editor.holidays_edit.setText("05.06.2026")
        assert editor.calendar()["holidays"] == ["2026-06-05"]
    editor.holidays_edit.setText("2026-06-25, 5/6/2026, not a date")           # English: ISO, or day first
    assert editor.calendar()["holidays"] == ["2026-06-25", "2026-06-05"]
