"""Qt models: qtmodeltester, dtype-aware display, sorting through a row map, paging."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop_app.models.dataframe_model import DataFrameModel
from desktop_app.models.frame_filter import matching_positions
from desktop_app.models.mapping_model import CHOICES_ROLE, COL_FAILED, COL_SOURCE, NOT_MAPPED, MappingModel
from metrics_core.ingest.model import ColumnProfile, LoadedTable, ParseIssue
from metrics_core.mapping.model import FieldMapping, Mapping

from ..spacing import nb


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["T-3", "T-1", "T-2", "T-4"],
        "created": pd.to_datetime(["2024-03-02 10:15:00", "2024-03-01 00:00:00", None, "2024-02-28 08:00:00"]),
        "wait_s": [120.5, np.nan, 30.0, 7.0],
        "agent": ["Eva", "ana", None, "Bo"],
    })


def test_dataframe_model_passes_qtmodeltester(qtmodeltester) -> None:
    model = DataFrameModel(_frame())
    qtmodeltester.check(model, force_py=True)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_display_is_dtype_aware() -> None:
    model = DataFrameModel(_frame())
    cell = lambda r, c, role=Qt.ItemDataRole.DisplayRole: model.data(model.index(r, c), role)  # noqa: E731
    assert cell(0, 1) == "2024-03-02 10:15:00"
    assert cell(1, 1) == "2024-03-01"              # midnight -> date only
    assert cell(2, 1) == ""                        # NaT -> empty
    assert cell(0, 2) == nb("2 min")               # a duration field (seconds) reads as minutes, in one piece
    assert model.data(model.index(0, 2), Qt.ItemDataRole.EditRole) == 120.5     # ... and stays a number
    assert cell(1, 2) == ""                        # NaN -> empty
    assert cell(2, 3) == ""                        # None -> empty
    assert cell(0, 2, Qt.ItemDataRole.TextAlignmentRole) is not None
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Agent"          # the field's label, not its id
    assert model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "agent"


def test_sort_uses_row_map_and_never_reorders_frame() -> None:
    frame = _frame()
    before = frame.copy()
    model = DataFrameModel(frame)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    shown = [model.data(model.index(r, 2), Qt.ItemDataRole.EditRole) for r in range(4)]
    assert shown == [7.0, 30.0, 120.5, None]       # NA last
    model.sort(3, Qt.SortOrder.AscendingOrder)     # case-insensitive text
    assert [model.data(model.index(r, 3)) for r in range(4)] == ["Ana", "Bo", "Eva", ""]   # a category: shown
    assert model.data(model.index(0, 3), Qt.ItemDataRole.EditRole) == "ana"            # with a capital; data as is
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert [model.data(model.index(r, 0)) for r in range(4)] == ["T-3", "T-1", "T-4", "T-2"]
    pd.testing.assert_frame_equal(frame, before)


def test_sort_keeps_persistent_indexes_on_the_same_row() -> None:
    model = DataFrameModel(_frame())
    from PySide6.QtCore import QPersistentModelIndex

    p = QPersistentModelIndex(model.index(0, 0))      # T-3
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert p.isValid() and p.row() == 2 and model.data(model.index(p.row(), 0)) == "T-3"


def test_paging_fetches_in_pages() -> None:
    frame = pd.DataFrame({"x": np.arange(25_000, dtype=float)})
    model = DataFrameModel(frame, page_size=10_000)
    assert model.rowCount() == 10_000 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 20_000
    model.fetch_all()
    assert model.rowCount() == 25_000 and not model.canFetchMore(QModelIndex())
    assert model.data(model.index(24_999, 0)) == 24_999


def test_million_rows_open_without_touching_every_row() -> None:
    import time

    frame = pd.DataFrame({"x": np.arange(1_048_576, dtype=float), "s": "text"})
    t0 = time.perf_counter()
    model = DataFrameModel(frame)
    elapsed = time.perf_counter() - t0
    assert model.total_rows() == 1_048_576 and model.rowCount() == 50_000
    assert elapsed < 0.1


def test_filter_positions_then_sort() -> None:
    frame = _frame()
    positions = matching_positions(frame, "t-", "id")
    assert list(positions) == [0, 1, 2, 3]
    positions = matching_positions(frame, "EVA")
    assert list(positions) == [0]
    positions = matching_positions(frame, "2024-03")
    assert list(positions) == [0, 1]
    model = DataFrameModel(frame)
    model.set_row_positions(matching_positions(frame, "a", "agent"))     # ana, Eva
    assert model.rowCount() == 2
    model.sort(3, Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(r, 3)) for r in range(2)] == ["Ana", "Eva"]
    assert [model.data(model.index(r, 3), Qt.ItemDataRole.EditRole) for r in range(2)] == ["ana", "Eva"]


def _table() -> LoadedTable:
    frame = pd.DataFrame({"Id": ["1", "2"], "Created": pd.to_datetime(["2024-01-01", None]), "Who": ["a", "b"]})
    cols = [ColumnProfile("Id", "Id", "id", n_values=2),
            ColumnProfile("Created", "Created", "datetime", n_values=2, n_failed=1,
                          failures=[ParseIssue(3, "n/a")]),
            ColumnProfile("Who", "Who", "category", n_values=2)]
    return LoadedTable(Path("x.csv"), "csv", frame, frame.astype(object), cols, [2, 3])


def test_mapping_model_passes_qtmodeltester_and_edits(qtmodeltester) -> None:
    mapping = Mapping("tickets", {"ticket_id": FieldMapping("ticket_id", ["Id"], 0.9, "header", "header 'Id'"),
                                  "created_at": FieldMapping("created_at", ["Created"], 0.8, "header", "header")})
    model = MappingModel()
    model.set_mapping(mapping, _table())
    qtmodeltester.check(model, force_py=True)
    row_of = {model.field_name(r): r for r in range(model.rowCount())}
    created = model.index(row_of["created_at"], COL_FAILED)
    assert model.data(created) == "1"
    assert "row 3: “n/a”" in model.data(created, Qt.ItemDataRole.ToolTipRole)
    agent = model.index(row_of["agent"], COL_SOURCE)
    assert model.data(agent) == NOT_MAPPED
    assert model.data(agent, CHOICES_ROLE) == [NOT_MAPPED, "Id", "Created", "Who"]
    edits = []
    model.mapping_edited.connect(lambda f, c: edits.append((f, c)))
    assert model.setData(agent, "Who")
    assert mapping.fields["agent"].columns == ["Who"] and mapping.fields["agent"].source == "user"
    assert not model.setData(agent, "No such column")
    assert model.setData(model.index(row_of["created_at"], COL_SOURCE), NOT_MAPPED)
    assert "created_at" not in mapping.fields
    assert edits == [("agent", ["Who"]), ("created_at", None)]
    qtmodeltester.check(model, force_py=True)


@pytest.mark.parametrize("text,column,expected", [("", None, 4), ("bo", "agent", 1), ("zzz", None, 0)])
def test_matching_positions_counts(text: str, column: str | None, expected: int) -> None:
    assert len(matching_positions(_frame(), text, column)) == expected


def test_big_frames_sort_off_the_gui_thread(qtbot, monkeypatch) -> None:
    import desktop_app.models.dataframe_model as dm

    monkeypatch.setattr(dm, "ASYNC_SORT_ROWS", 3)
    model = DataFrameModel(_frame())
    with qtbot.waitSignal(model.layoutChanged, timeout=5000):
        model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [model.data(model.index(r, 0)) for r in range(4)] == ["T-4", "T-3", "T-2", "T-1"]
    # a sort whose rows were replaced meanwhile is dropped
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_row_positions(np.array([1, 0]))
    qtbot.waitUntil(lambda: not model.is_sorting(), timeout=5000)
    qtbot.wait(20)
    assert [model.data(model.index(r, 0)) for r in range(2)] == ["T-1", "T-3"]     # filtered rows, sorted again
    assert model.rowCount() == 2


def test_duration_columns_read_as_hours_and_minutes(qapp) -> None:
    frame = pd.DataFrame({"first_response_s": [7500.0, 95.0, None], "replies": [7500.0, 95.0, 1.0],
                          "_row": [2, 3, 4]})
    model = DataFrameModel(frame)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "First response time"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Row in file"
    assert model.data(model.index(0, 0)) == nb("2 h 05 min")
    assert model.data(model.index(1, 0)) == nb("1 min 35 s")
    assert model.data(model.index(0, 0), Qt.ItemDataRole.EditRole) == 7500.0     # sorting stays numeric
    assert model.data(model.index(0, 1)) != "2 h 05 min"                        # a plain number stays a number


def test_headers_use_the_labels_of_the_frames_own_kind(qapp) -> None:
    frame = pd.DataFrame({"answered": [3.0, 1.0], "offered": [4.0, 2.0]})
    model = DataFrameModel()
    model.set_frame(frame, "call_intervals")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Answered"        # a count here ...
    model.set_frame(frame, "calls")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Answered (Y/N)"  # ... a yes/no per call there
    raw = DataFrameModel(frame, canonical=False)                               # the import preview: file headers
    assert raw.headerData(0, Qt.Orientation.Horizontal) == "answered"


def test_ids_held_as_numbers_show_and_sort_as_their_texts() -> None:
    """Call ids held as numbers (metrics_core.plain_ids) read, align, search and sort in the table as the text ids
    they mean: "10" before "9", no number formatting ("5,000,000,000"), missing last."""
    from metrics_core.plain_ids import plain_ids

    ids = plain_ids(pd.Series([9, 5000000000, None, 10], dtype="Int64", name="call_id"))
    for column in (ids, ids.astype("string")):
        model = DataFrameModel(pd.DataFrame({"call_id": column}), canonical=True)
        assert [model.data(model.index(r, 0)) for r in range(4)] == ["9", "5000000000", "", "10"]
        assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is None
        model.sort(0, Qt.SortOrder.AscendingOrder)
        assert [model.data(model.index(r, 0)) for r in range(4)] == ["10", "5000000000", "9", ""]
        assert matching_positions(pd.DataFrame({"call_id": column}), "500").tolist() == [1]
