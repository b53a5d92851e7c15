"""The report builder: the owner's choices are saved with the project and come back; files are
named from the title and period; nothing is replaced without asking; the written deck, workbook
and folder open with one click; the slide count is said before the deck is made; and the deck
and workbook hold exactly what the window shows for random filter states."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from PySide6.QtCore import Qt

from desktop_app.filter_state import FilterState
from desktop_app.main_window import MainWindow
from metrics_core.resources import demo_dir

FILES = ("tickets.csv", "calls.csv", "survey_responses.csv")


def _wait_idle(qtbot, window: MainWindow, count: int) -> None:
    state = window.state
    qtbot.waitUntil(lambda: len(state.bundle.datasets) == count and not state.is_busy()
                    and state.results is not None and len(state.results.results) > 0
                    and not state._recompute_timer.isActive(), timeout=120000)
    state.compute_runner.wait(60000)
    qtbot.wait(50)


@pytest.fixture
def window(qtbot, settings, tmp_path):
    w = MainWindow(settings)
    qtbot.addWidget(w)
    data = tmp_path / "data"
    data.mkdir()
    w.open_files([str(shutil.copy(demo_dir() / name, data / name)) for name in FILES])
    _wait_idle(qtbot, w, len(FILES))
    return w


def _export(qtbot, dialog, folder: Path, formats=("pptx", "xlsx")) -> list[Path]:
    for key, box in dialog.format_boxes.items():
        box.setChecked(key in formats)
    dialog.folder_edit.setText(str(folder))
    with qtbot.waitSignal(dialog.exported, timeout=120000) as signal:
        dialog.export_button.click()
    return list(signal.args[0])


def _tick_only(builder, ids: list[str]) -> None:
    lst = builder.kpi_list
    for i in range(lst.count()):
        item = lst.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in ids
                           else Qt.CheckState.Unchecked)


def _select(builder, metric_id: str) -> None:
    lst = builder.kpi_list
    row = next(i for i in range(lst.count()) if lst.item(i).data(Qt.ItemDataRole.UserRole) == metric_id)
    lst.setCurrentRow(row)


def test_choices_are_saved_with_the_project_and_come_back(qtbot, window, settings, tmp_path):
    dialog = window.export_dialog()
    b = dialog.builder
    assert not b.appendix_box.isChecked()                              # the appendix is off by default
    assert "October 2026" in b.period_reason.text()                    # last complete month, with the reason
    b.title_edit.setText("Lipa Home")
    b.business_edit.setText("Lipa Home d.o.o.")
    b.period_combo.setCurrentIndex(b.period_combo.findData("last_month"))
    b.compare_combo.setCurrentIndex(b.compare_combo.findData("last_year"))
    _tick_only(b, ["abandonment_rate", "csat"])
    _select(b, "csat")
    b._move(-1)                                                         # CSAT first, then abandonment
    _select(b, "csat")
    channel = next(i for i in range(b.breakdown_list.count())
                   if b.breakdown_list.item(i).data(Qt.ItemDataRole.UserRole) == "channel")
    b.breakdown_list.item(channel).setCheckState(Qt.CheckState.Checked)
    assert b.chosen_kpis()[:2] == ["csat", "abandonment_rate"]
    out = tmp_path / "reports"
    out.mkdir()
    written = _export(qtbot, dialog, out)
    assert sorted(p.name for p in written) == ["Lipa Home – October 2026.pptx", "Lipa Home – October 2026.xlsx"]
    deck = Presentation(str(out / "Lipa Home – October 2026.pptx"))
    # title, at a glance, CSAT, CSAT by channel, abandonment — as the builder said
    assert len(deck.slides) == b.slide_count() == 5
    assert f"{b.slide_count()} slides" in b.slides_label.text()
    chosen = window.state.report_choices
    assert (chosen.title, chosen.period, chosen.comparison, chosen.kpis[:2]) == \
        ("Lipa Home", "last_month", "last_year", ["csat", "abandonment_rate"])
    assert chosen.breakdowns == {"csat": ["channel"]} and chosen.folder == str(out)
    assert settings.report_defaults()["business_name"] == "Lipa Home d.o.o."
    project = window.save_project_to(tmp_path / "shop.kpidesk")
    other = MainWindow(settings)
    qtbot.addWidget(other)
    other.open_project(project)
    _wait_idle(qtbot, other, len(FILES))
    again = other.export_dialog()
    c = again.builder.choices(again.folder_edit.text())
    assert (c.title, c.business_name, c.period, c.comparison, c.kpis[:2], c.breakdowns, c.folder) == \
        ("Lipa Home", "Lipa Home d.o.o.", "last_month", "last_year", ["csat", "abandonment_rate"],
         {"csat": ["channel"]}, str(out))


def test_nothing_is_replaced_without_asking_and_the_results_open(qtbot, window, tmp_path, monkeypatch):
    dialog = window.export_dialog()
    dialog.builder.title_edit.setText("Shop")
    dialog.builder.period_combo.setCurrentIndex(dialog.builder.period_combo.findData("last_month"))
    deck = tmp_path / "Shop – October 2026.pptx"
    deck.write_bytes(b"last month's deck, edited by hand")
    asked = []
    dialog.confirm_replace = lambda paths: asked.append([p.name for p in paths]) or False
    for key, box in dialog.format_boxes.items():
        box.setChecked(key == "pptx")
    dialog.folder_edit.setText(str(tmp_path))
    dialog.export_button.click()
    assert asked == [["Shop – October 2026.pptx"]]
    assert "Nothing was written" in dialog.status.text()
    assert deck.read_bytes() == b"last month's deck, edited by hand"
    assert not dialog.open_deck_button.isEnabled()
    dialog.confirm_replace = lambda paths: True
    written = _export(qtbot, dialog, tmp_path, ("pptx", "xlsx"))
    assert deck.read_bytes()[:2] == b"PK" and len(written) == 2
    opened = []
    monkeypatch.setattr("desktop_app.dialogs.export_report_dialog.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()))
    for button in (dialog.open_deck_button, dialog.open_workbook_button, dialog.open_folder_button):
        assert button.isEnabled()
        button.click()
    assert opened == [str(deck), str(tmp_path / "Shop – October 2026.xlsx"), str(tmp_path)]


def test_the_default_folder_is_the_documents_folder(qtbot, window):
    from PySide6.QtCore import QStandardPaths

    dialog = window.export_dialog()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert dialog.folder_edit.text() == documents


def _glance(deck) -> dict[str, list[str]]:
    slide = next(s for s in deck.slides if any(sh.has_text_frame and sh.text_frame.text == "At a glance"
                                               for sh in s.shapes))
    table = next(sh.table for sh in slide.shapes if sh.has_table)
    rows = [[table.cell(r, c).text for c in range(len(table.columns))] for r in range(len(table.rows))]
    return {r[0]: r for r in rows[1:]}


def test_deck_and_workbook_show_what_the_window_shows_for_random_filter_states(qtbot, window, tmp_path):
    state, cards = window.state, window.workspace.dashboard.cards
    state.set_targets({"csat": 85.0, "abandonment_rate": 15.0, "first_response_time": 4 * 3600.0,
                       "nps": 40.0, "answer_rate": 85.0})
    _wait_idle(qtbot, window, len(FILES))
    rng = random.Random(13)
    channels = ["Email", "Chat", "Phone", "Web form"]
    for trial in range(3):
        start = pd.Timestamp("2026-05-01") + pd.Timedelta(days=rng.randrange(0, 120))
        end = start + pd.Timedelta(days=rng.choice([6, 13, 29, 45]))
        filters = FilterState(start, end, granularity=rng.choice(["week", "month"]), preset="custom")
        if rng.random() < 0.5:
            filters = filters.with_category("channel", rng.sample(channels, 2))
        state.set_filters(filters)
        qtbot.waitUntil(lambda: state.results is not None and state.results.view is not None
                        and state.results.view.view == state.view(), timeout=120000)
        _wait_idle(qtbot, window, len(FILES))
        dialog = window.export_dialog()
        _tick_only(dialog.builder, list(state.results.view.shown_kpis))
        out = tmp_path / f"trial-{trial}"
        out.mkdir()
        written = _export(qtbot, dialog, out)
        deck = Presentation(str(next(p for p in written if p.suffix == ".pptx")))
        glance = _glance(deck)
        book = load_workbook(next(p for p in written if p.suffix == ".xlsx"))
        summary = {row[11]: row for row in book["Summary"].iter_rows(min_row=5, values_only=True)}
        assert glance, trial
        for metric_id in state.results.view.shown_kpis:
            card = cards[metric_id]
            label = card.title_label.text()
            row = glance[label]
            assert row[1].startswith(card.value_label.text()), (trial, metric_id)
            change = card.change_label.text() if card.change_label.isVisibleTo(card) else ""
            assert (row[4] if len(row) > 4 else "") in (change, "—" if not change else change), (trial, metric_id)
            target = card.target_label.toolTip() if card.target_label.isVisibleTo(card) else ""
            icon = target[:1] if target else ""
            assert row[2].startswith(icon) and (icon or row[2] == "—"), (trial, metric_id)
            assert (summary[metric_id][13] or "") == target, (trial, metric_id)
            assert (summary[metric_id][14] or "") == change, (trial, metric_id)
            value = state.results.results[metric_id].value
            cell = summary[metric_id][2]
            assert cell == pytest.approx(value / 60 if card.unit == "seconds" else value), (trial, metric_id)
