"""Values KPI Desk writes itself into canonical columns (a ticket's normalised status, a call's outcome) are
read in the window's language in the data view; the data keep the English values (contract)."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt

from desktop_app.models.dataframe_model import DataFrameModel
from metrics_core.i18n import language


def test_status_and_outcome_values_read_in_the_language(qapp) -> None:
    frame = pd.DataFrame({"ticket_id": ["1", "2"], "status": ["closed", "pending"], "agent": ["Maja Novak", "closed"],
                          "created_at": [pd.Timestamp("2026-05-01 08:00"), pd.Timestamp("2026-05-04")]})
    model = DataFrameModel()
    model.set_frame(frame, kind="tickets")
    shown = lambda row, col: model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole)  # noqa: E731
    with language("sl"):
        assert [shown(0, 1), shown(1, 1)] == ["Zaprt", "V čakanju"]     # a capital, as the filter bar writes them
        assert shown(1, 2) == "Closed"                     # an agent called "closed" is data, not a status
        assert shown(0, 3) == "1. 5. 2026 08:00:00" and shown(1, 3) == "4. 5. 2026"
    with language("sr"):
        assert shown(0, 1) == "Затворен"
    assert shown(0, 1) == "Closed" and frame["status"].tolist() == ["closed", "pending"]


def test_lower_case_category_values_start_with_a_capital_everywhere_they_are_shown(qapp) -> None:
    # the demo's orders.csv says 'web' where the tickets say 'Web form', and status 'closed' beside 'Closed'
    from metrics_core.catalogue import value_label

    frame = pd.DataFrame({"order_id": ["a-1", "a-2"], "channel": ["web", "Web form"],
                          "customer_id": ["ana@shop.si", "bo"]})
    model = DataFrameModel()
    model.set_frame(frame, kind="orders")
    shown = lambda row, col: model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole)  # noqa: E731
    assert [shown(0, 1), shown(1, 1)] == ["Web", "Web form"]
    assert [shown(0, 0), shown(1, 2)] == ["a-1", "bo"]          # ids are not categories: as in the file
    assert frame["channel"].tolist() == ["web", "Web form"]     # the data keep their values (filters match them)
    assert value_label("channel", "web") == "Web" and value_label("channel", "www.shop.si") == "www.shop.si"


def test_true_and_false_read_as_yes_and_no_in_the_language(qapp) -> None:
    """The import preview of the PwC call log read its "Answered (Y/N)" column as "True" / "False" in the Slovenian
    dialog (s12-shots-sl2, 61_import_clock_times_pwc); a search finds the words shown."""
    from desktop_app.models.frame_filter import matching_positions

    frame = pd.DataFrame({"Call Id": ["ID1", "ID2", "ID3"], "Answered (Y/N)": [True, False, True],
                          "Resolved": pd.array([True, None, False], dtype="boolean"), "Note": [True, None, "x"]})
    model = DataFrameModel(canonical=False)
    model.set_frame(frame)
    shown = lambda row, col: model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole)  # noqa: E731
    with language("sl"):
        assert [shown(0, 1), shown(1, 1)] == ["Da", "Ne"]
        assert [shown(0, 2), shown(1, 2), shown(2, 2)] == ["Da", "", "Ne"]
        assert [shown(0, 3), shown(1, 3), shown(2, 3)] == ["Da", "", "x"]
        assert list(matching_positions(frame, "Ne", writers=model.cell_writers())) == [1, 2]
    assert shown(1, 1) == "No" and frame["Answered (Y/N)"].tolist() == [True, False, True]
