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
        assert [shown(0, 1), shown(1, 1)] == ["zaprt", "v čakanju"]
        assert shown(1, 2) == "closed"                     # an agent called "closed" is data, not a status
        assert shown(0, 3) == "1. 5. 2026 08:00:00" and shown(1, 3) == "4. 5. 2026"
    with language("sr"):
        assert shown(0, 1) == "затворен"
    assert shown(0, 1) == "closed" and frame["status"].tolist() == ["closed", "pending"]
