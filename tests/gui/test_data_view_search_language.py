"""Searching the data view finds what the table shows in the window's language: a local date ("4. 3. 2021"),
a translated status ("zaprt", "затворен"), a humanised duration — and still the file's own values."""

from __future__ import annotations

import pandas as pd
import pytest

import desktop_app.panels.data_view as data_view_module
from desktop_app.i18n import apply_language
from desktop_app.panels.data_view import DataView

from .conftest import wait_results
from .helpers import make_dataset


def _tickets() -> pd.DataFrame:
    return pd.DataFrame({
        "ticket_id": ["T1", "T2", "T3", "T4"],
        "created_at": pd.to_datetime(["2021-03-04 09:15", "2021-04-03 10:00", "2021-03-05", "2021-03-05 16:40"], format="ISO8601")
                        .astype("datetime64[us]"),
        "status": ["closed", "open", "pending", "closed"],
        "first_response_s": [150.0, 7500.0, 60.0, 151.0],
        "agent": ["Eva", "Bo", "Ana", "Luka"],
    })


@pytest.fixture(params=[False, True], ids=["on the GUI thread", "off the GUI thread"])
def view(request, qtbot, state, monkeypatch):
    if request.param:                                      # the search of a big table runs in a worker
        monkeypatch.setattr(data_view_module, "BIG_FRAME", 1)
    panel = DataView(state)
    qtbot.addWidget(panel)
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", _tickets())))
    panel.show()
    yield panel
    apply_language("en")


def _found(qtbot, view: DataView, text: str) -> list[str]:
    view.search_edit.setText(text)
    view._apply_search()
    qtbot.waitUntil(lambda: not view._runner.is_busy(), timeout=10000)
    qtbot.wait(50)                                         # the worker's result arrives by a queued signal
    model = view.model
    return sorted(model.data(model.index(r, 0)) for r in range(model.rowCount()))


def test_search_finds_slovenian_dates_statuses_and_durations(qtbot, view) -> None:
    apply_language("sl")
    assert _found(qtbot, view, "4. 3. 2021") == ["T1"]                 # shown as "4. 3. 2021 09:15:00"
    assert _found(qtbot, view, "5. 3. 2021 16:40") == ["T4"]
    assert _found(qtbot, view, "zaprt") == ["T1", "T4"]                # status "closed" reads "zaprt"
    assert _found(qtbot, view, "v čakanju") == ["T3"]
    assert _found(qtbot, view, "2 min 30 s") == ["T1"]                 # first response 150 s
    assert _found(qtbot, view, "closed") == ["T1", "T4"]               # the file's own value still finds
    assert view.count_label.text() == "2 od 4 vrstic"
    assert _found(qtbot, view, "2021-04-03") == ["T2"]


def test_search_finds_serbian_cyrillic_and_romanian_dates(qtbot, view) -> None:
    apply_language("sr")
    assert _found(qtbot, view, "затворен") == ["T1", "T4"]
    assert _found(qtbot, view, "2 ч 05 мин") == ["T2"]
    apply_language("ro")
    assert _found(qtbot, view, "04.03.2021") == ["T1"]
    assert _found(qtbot, view, "03.04.2021") == ["T2"]


def test_search_finds_numbers_written_the_languages_way(qtbot, state) -> None:
    """Issue 12/14: in Slovenian "1.234" is how 1234 is written (cards, reports); the search found nothing.
    A grouped number finds the values it is part of as the language groups them, not any digits that happen
    to follow one another (12345 is "12.345": no "1.234" in it)."""
    frame = pd.DataFrame({"ticket_id": ["T1", "T2", "T3", "T4", "T5"],
                          "agent_replies": pd.array([1234, 12345, 51234, 7, 1234567], dtype="Int64"),
                          "amount": [1234.5, 99.25, 0.5, 11234.0, 3.0]})
    panel = DataView(state)
    qtbot.addWidget(panel)
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", frame)))
    panel.show()
    try:
        apply_language("sl")
        assert _found(qtbot, panel, "1.234") == ["T1", "T3", "T4", "T5"]   # 1234, 51.234, 1.234,5, 11.234, 1.234.567
        assert _found(qtbot, panel, "1.234,5") == ["T1"]
        assert _found(qtbot, panel, "99,25") == ["T2"]
        assert _found(qtbot, panel, "1.234.567") == ["T5"]
        assert _found(qtbot, panel, "1234") == ["T1", "T2", "T3", "T4", "T5"]     # the digits as the file has them
        apply_language("sv")
        assert _found(qtbot, panel, "1\u00a0234") == ["T1", "T3", "T4", "T5"]
        assert _found(qtbot, panel, "1 234,5") == ["T1"]                          # a plain space typed for the group
        apply_language("en")
        assert _found(qtbot, panel, "1,234.5") == ["T1"]
    finally:
        apply_language("en")
