"""Hand-built datasets for GUI tests (no file reading), small wait helpers, and what a screen reader can
name (one strict rule for the keyboard tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QTabBar, QWidget

from metrics_core.dataset import Dataset
from metrics_core.ingest.model import ColumnProfile, LoadedTable
from metrics_core.mapping.model import FieldMapping, Mapping


def make_dataset(name: str, kind: str, frame: pd.DataFrame, also: list[str] | None = None) -> Dataset:
    """A :class:`Dataset` whose canonical frame is ``frame`` (every column mapped to itself)."""
    cols = [ColumnProfile(c, c, "text") for c in frame.columns]
    table = LoadedTable(Path(f"/tmp/{name}.csv"), "csv", frame, frame.astype(object), cols, list(range(2, len(frame) + 2)))
    from metrics_core.catalogue import kind as kind_spec

    names = set(kind_spec(kind).field_names())
    fields = {c: FieldMapping(c, [c], 1.0, "header", "same name") for c in frame.columns if c in names}
    mapping = Mapping(kind, fields, also_kinds=list(also or []))
    return Dataset(name, table, mapping, frame.assign(_row=np.arange(2, len(frame) + 2)))


def tickets_frame(n: int = 120, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    created = pd.Timestamp("2024-01-01 08:00") + pd.to_timedelta(rng.integers(0, 90 * 24 * 3600, n), unit="s")
    created = pd.Series(created).sort_values().reset_index(drop=True)
    first = created + pd.to_timedelta(rng.integers(60, 6 * 3600, n), unit="s")
    resolved = created + pd.to_timedelta(rng.integers(3600, 3 * 86400, n), unit="s")
    resolved[rng.random(n) < 0.1] = pd.NaT
    return pd.DataFrame({
        "ticket_id": [f"T{i:04d}" for i in range(n)],
        "created_at": created.astype("datetime64[us]"),
        "first_response_at": first.astype("datetime64[us]"),
        "resolved_at": resolved.astype("datetime64[us]"),
        "status": np.where(resolved.isna(), "open", "solved"),
        "channel": rng.choice(["Email", "Chat", "Phone"], n),
        "agent": rng.choice(["Eva", "Bo", "Ana"], n),
        "csat_score": np.where(rng.random(n) < 0.5, rng.integers(1, 6, n).astype(float), np.nan),
    })


def surveys_frame(n: int = 200, seed: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    when = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 90 * 86400, n), unit="s")
    return pd.DataFrame({
        "response_id": [f"R{i}" for i in range(n)],
        "submitted_at": pd.Series(when).astype("datetime64[us]"),
        "nps_score": rng.integers(0, 11, n).astype(float),
        "channel": rng.choice(["Email", "Chat"], n),
    })


def tickets_with_surveys(name: str = "tickets", rows: int = 120) -> list[Dataset]:
    """A ticket file that also feeds surveys, and a survey file: the two files the layout tests load."""
    return [make_dataset(name, "tickets", tickets_frame(rows), also=["surveys"]),
            make_dataset("surveys", "surveys", surveys_frame())]


def words_of(widget: QWidget) -> str:
    """What a control says of itself: its text, or its tabs' names (a tab bar: each tab is read out)."""
    if isinstance(widget, QTabBar):
        return " ".join(widget.tabText(i) for i in range(widget.count()))
    text = widget.text() if callable(getattr(widget, "text", None)) else ""
    return text if isinstance(text, str) else ""


def described(widget: QWidget) -> str:
    """A control as a failure message names it: its type and its name or words."""
    return f"{type(widget).__name__} {widget.objectName()} {widget.accessibleName() or words_of(widget)!r}".replace("  ", " ")


def unnamed_controls(widgets: list[QWidget]) -> list[str]:
    """Controls a screen reader cannot name: no accessible name and no words of their own. Strict: a combo
    box's current choice ("automatic", "Email"), a text field's text ("/home/ana/Documents") and a spin box's
    value ("1920 px") say what is in them, not what they are for."""
    out = []
    for widget in widgets:
        words = "" if isinstance(widget, (QComboBox, QLineEdit, QAbstractSpinBox)) else words_of(widget)
        if not widget.accessibleName() and not any(ch.isalpha() for ch in words):
            out.append(described(widget))
    return out


def loaded_window(qtbot, settings) -> Any:
    """The main window at 1366 x 768, shown, with hand-built tickets and surveys loaded and their KPIs computed,
    on its dashboard."""
    from desktop_app.main_window import MainWindow

    from .conftest import wait_results

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    state = window.state
    wait_results(qtbot, state, lambda: (state.add_dataset(make_dataset("tickets", "tickets", tickets_frame(120))),
                                        state.add_dataset(make_dataset("surveys", "surveys", surveys_frame()))))
    window.stack.setCurrentWidget(window.workspace)
    qtbot.wait(50)
    return window


def combo_field_and_text(combo: QComboBox) -> tuple[int, int]:
    """The pixels a combo box gives its shown choice, and the pixels that choice needs."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    return field.width(), combo.fontMetrics().horizontalAdvance(combo.currentText())


def shown(qtbot, widget: QWidget, width: int, height: int) -> Any:
    """``widget`` sized, shown and exposed (kept for the test's teardown)."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def wrapped_lines(text: str, font: Any, width: int) -> list[str]:
    """``text`` broken into lines as a word-wrapped label of ``width`` pixels breaks it (Qt's own line breaking)."""
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart(): line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


def number_cut_from_its_unit(lines: list[str]) -> list[str]:
    """The line breaks that leave a number (or a number and a short word: Romanian "289 de") at a line's end and
    its unit at the next line's start."""
    import re

    return [f"{a!r} / {b!r}" for a, b in zip(lines, lines[1:])
            if re.search(r"\d([\s\u00a0]\w{1,2})?\s*$", a) and re.match(r"\s*\D", b)]



class Resizes(QObject):
    """An event filter that writes down every resize of the widgets it is installed on."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.seen.append(f"{type(obj).__name__} {event.oldSize().toTuple()} -> {event.size().toTuple()}")
        return False


def wait_until_still(qtbot, widgets: list[Any], rounds: int = 40) -> None:
    """Until none of ``widgets`` is resized for 300 ms: a window just loaded may still lay its cards out once more
    (the dashboard's scroll bar going, cards 214 -> 217 px, under load), which a test of what moves them must not
    count."""
    seen = Resizes()
    for widget in widgets:
        widget.installEventFilter(seen)
    try:
        for _ in range(rounds):
            seen.seen.clear()
            qtbot.wait(300)
            if not seen.seen:
                return
    finally:
        for widget in widgets:
            widget.removeEventFilter(seen)


def watch_work_area(qtbot, window) -> tuple[list[Any], list[Any], Resizes]:
    """The window's work area once it is still (:func:`wait_until_still`): the stack, tabs, filter bar, splitter,
    dashboard, charts and shown cards, their geometries, and a :class:`Resizes` installed on them (the bars that
    lie over the window must move none of them)."""
    ws, state = window.workspace, window.state
    qtbot.waitUntil(lambda: not (state.is_busy() or state.chart_runner.is_busy() or state.sparkline_runner.is_busy()
                                 or state._recompute_timer.isActive()), timeout=30000)
    area = ws.chart_area
    watched = [window.stack, ws.tabs, ws.filter_bar, ws.dash_split, ws.dashboard, area, area.trend, area.bars,
               *[card for card in ws.dashboard.cards.values() if card.isVisible()]]
    wait_until_still(qtbot, watched)
    resizes = Resizes()
    for widget in watched:
        widget.installEventFilter(resizes)
    return watched, [w.geometry() for w in watched], resizes
