"""The window in another language: switched without a restart, every text translated, screens that
still fit 1366 x 768 with texts about 40 % longer (the pseudo-language), Qt's own texts translated."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox, QGroupBox, QLabel,
                               QMainWindow, QTabBar, QWidget)

from desktop_app.i18n import apply_language, installed_qt_translations, qt_translation_file
from desktop_app.main_window import MainWindow
from desktop_app.panels.elided_label import ElidedLabel
from metrics_core.i18n import LANGUAGES, PSEUDO_LANGUAGE, current_language

from .helpers import make_dataset, surveys_frame, tickets_frame

SCREEN = (1366, 768)
BRAND = "KPI Desk"


@pytest.fixture(autouse=True)
def english_after(qapp):
    yield
    apply_language("en")


@pytest.fixture
def loaded_window(qtbot, settings):
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.resize(*SCREEN)
    w.show()
    state = w.state
    with qtbot.waitSignal(state.charts_changed, timeout=30000):
        state.add_dataset(make_dataset("tickets", "tickets", tickets_frame()))
        state.add_dataset(make_dataset("surveys", "surveys", surveys_frame()))
    yield w
    state.cancel()
    state.chart_runner.cancel()
    state.import_runner.wait(10000)
    state.chart_runner.wait(10000)


def _data_values(window: MainWindow) -> set[str]:
    """Texts that are not the catalogue's: the user's file and dataset names and the values in the frames,
    and month and weekday names (CLDR's, which the pseudo-language has none of)."""
    from metrics_core.formatting import month_names, weekday_names

    values = {BRAND, *month_names(), *weekday_names()}
    for ds in window.state.bundle.datasets:
        values |= {ds.name, ds.path.name}
        for column in ds.frame.columns:
            if ds.frame[column].dtype == object or str(ds.frame[column].dtype).startswith("str"):
                values |= {str(v) for v in ds.frame[column].dropna().unique()[:200]}
    return values


def _is_data(text: str, data: set[str]) -> bool:
    plain = text.replace("&", "").strip(" \u25be:")
    words = re.findall(r"[^\W\d_]+", plain)
    if not words or (re.search(r"\d", plain) and all(len(word) <= 4 for word in words)):
        return True                 # numbers, dates and values with their units ("3 h 05 min", "4.2 pp")
    return plain in data or any(plain.startswith(f"{value}:") for value in data)


def _visible_texts(top: QWidget) -> list[tuple[str, str]]:
    """(what, text) of every visible label, button, tab, group box and action, and the window title."""
    found = [("window title", top.windowTitle())]
    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top):
            continue
        if isinstance(w, QLabel) and w.text():
            found.append((f"label {w.objectName()}", w.text()))
        elif isinstance(w, QAbstractButton) and w.text() and not _qt_standard(w) and w.text() != "\u2715":
            found.append((type(w).__name__, w.text()))
        elif isinstance(w, QGroupBox) and w.title():
            found.append(("group box", w.title()))
        elif isinstance(w, QTabBar):
            found += [("tab", w.tabText(i)) for i in range(w.count()) if w.isTabVisible(i)]
    if isinstance(top, QMainWindow):
        found += [("menu", text) for text in _menu_texts(top.menuBar().actions())]
    return found


def _menu_texts(actions: list[QAction]) -> list[str]:
    texts = []
    for action in actions:
        if action.isSeparator() or action.data() is not None:       # data: a filter's values
            continue
        texts.append(action.text())
        if action.menu() is not None:
            texts += _menu_texts(action.menu().actions())
    return texts


def _qt_standard(button: QAbstractButton) -> bool:
    """A standard button of a button box showing Qt's own text (Qt's translations, not our catalogue)."""
    box = button.parent()
    if not isinstance(box, QDialogButtonBox):
        return False
    which = box.standardButton(button)
    if which == QDialogButtonBox.StandardButton.NoButton:
        return False
    probe = QDialogButtonBox(which)
    return button.text() == probe.button(which).text()


def _untranslated(top: QWidget, data: set[str]) -> list[str]:
    bad = []
    for what, text in _visible_texts(top):
        if not text or _is_data(re.sub(r"<[^>]+>", "", text), data):
            continue
        shown = re.sub(r"<[^>]+>", "", text).lstrip()
        if not shown.startswith("\u27e6"):
            bad.append(f"{type(top).__name__} {what}: {text!r}")
    return bad


def _cut_off(top: QWidget) -> list[str]:
    """Labels and buttons narrower than their text (Qt cuts such a text off), and a window that cannot
    be made as small as the screen."""
    bad = []
    hint = top.minimumSizeHint()
    if hint.width() > SCREEN[0] or hint.height() > SCREEN[1]:
        bad.append(f"{type(top).__name__} needs at least {hint.width()} x {hint.height()}")
    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top) or w.width() <= 1:
            continue
        if isinstance(w, ElidedLabel) and w.text() in w.toolTip():
            continue                    # shortened with "…" on purpose, whole in its tooltip (the cards' summary)
        if isinstance(w, QLabel) and not w.wordWrap() and w.text() and w.pixmap().isNull():
            if w.sizeHint().width() > w.width() + 1:
                bad.append(f"label {w.text()[:40]!r}: {w.width()} px for {w.sizeHint().width()} px of text")
        elif isinstance(w, QAbstractButton) and w.text() and w.sizeHint().width() > w.width() + 1:
            bad.append(f"{type(w).__name__} {w.text()[:40]!r}: {w.width()} px for {w.sizeHint().width()} px")
    return bad


def _settle(qtbot, ms: int = 150) -> None:
    qtbot.wait(ms)
    QApplication.processEvents()


def test_switching_the_language_keeps_data_filters_and_view(qtbot, loaded_window: MainWindow) -> None:
    w, state = loaded_window, loaded_window.state
    state.set_filters(replace(state.filters, granularity="week"))
    qtbot.waitUntil(lambda: not state.is_busy() and not state.chart_runner.is_busy(), timeout=30000)
    w.workspace.show_data()
    datasets, filters, results = list(state.bundle.datasets), state.filters, state.results
    with qtbot.waitSignal(w.language_changed):
        w.set_language("sl")
    assert current_language() == "sl" and w.settings.language == "sl"
    assert w.menuBar().actions()[0].text() == "&Datoteka"
    assert w.actions["settings"].text() == "&Nastavitve \u2026"
    assert list(state.bundle.datasets) == datasets and state.filters == filters and state.results is results
    assert w.workspace.tabs.currentIndex() == 1 and w.stack.currentWidget() is w.workspace
    assert w.workspace.tabs.tabText(0) == "Nadzorna plošča"
    csat = w.workspace.dashboard.cards["csat"]
    assert csat.value_label.text() != "\u2014"
    assert csat.n_label.text().startswith("iz ")              # "iz 61 zahtevkov": the card's basis, in Slovenian
    assert w.workspace.filter_bar.granularity_combo.currentText() == "Teden"
    with qtbot.waitSignal(w.language_changed):
        w.set_language("en")
    assert w.workspace.tabs.tabText(0) == "Dashboard"


def test_settings_offer_every_language_by_its_own_name(qtbot, loaded_window: MainWindow) -> None:
    dialog = loaded_window.open_settings()
    qtbot.addWidget(dialog)
    combo = dialog.language_combo
    assert [combo.itemText(i) for i in range(combo.count())] == list(LANGUAGES.values())
    combo.setCurrentIndex(combo.findData("sr"))
    assert dialog.language() == "sr"


@pytest.mark.parametrize("code, cancel", [("sl", "Prekliči"), ("ro", "Anulează"), ("sv", "Avbryt"), ("sr", "Откажи"),
                                          ("sr-Latn", "Otkaži")])
def test_qt_own_texts_are_translated(qapp, code: str, cancel: str) -> None:
    assert qt_translation_file(code) is not None
    apply_language(code)
    assert installed_qt_translations()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == cancel


def test_every_screen_is_translated_and_fits_in_the_pseudo_language(qtbot, loaded_window: MainWindow, csv_file) -> None:
    from desktop_app.dialogs.about_dialog import AboutDialog
    from desktop_app.dialogs.import_dialog import ImportDialog

    w = loaded_window
    with qtbot.waitSignal(w.state.charts_changed, timeout=30000):
        w.set_language(PSEUDO_LANGUAGE)
    _settle(qtbot, 300)
    data = _data_values(w)
    problems: list[str] = []
    assert w.width() <= SCREEN[0] and w.height() <= SCREEN[1]

    def look(top: QWidget) -> None:
        _settle(qtbot)
        problems.extend(_untranslated(top, data))
        problems.extend(_cut_off(top))

    w.stack.setCurrentWidget(w.start_page)
    look(w)
    w.busy_bar.set_busy(True, ", ".join(f"file_number_{i}.csv" for i in range(60)))   # a long import text
    _settle(qtbot)
    assert w.minimumSizeHint().width() <= SCREEN[0] and w.width() <= SCREEN[0]
    w.busy_bar.set_busy(False)
    w.stack.setCurrentWidget(w.workspace)
    tabs = w.workspace.chart_area.tabs
    for i in range(tabs.count()):
        if tabs.isTabVisible(i):
            tabs.setCurrentIndex(i)
            look(w)
    w.workspace.show_data()
    look(w)
    w.workspace.show_dashboard()
    settings = w.open_settings()
    qtbot.addWidget(settings)
    settings.resize(*SCREEN)
    settings.show()
    for row in range(settings.list.count()):
        settings.list.setCurrentRow(row)
        look(settings)
    settings.close()
    for dialog in (w.export_dialog(), AboutDialog(w), ImportDialog(csv_file, parent=w)):
        qtbot.addWidget(dialog)
        dialog.show()
        if isinstance(dialog, ImportDialog):
            qtbot.waitUntil(lambda d=dialog: d.table is not None, timeout=15000)
        look(dialog)
        dialog.close()
    assert not problems, "\n".join(sorted(set(problems)))


def test_a_dialog_made_after_a_switch_is_in_the_new_language(qtbot, loaded_window: MainWindow) -> None:
    loaded_window.set_language("sr")
    dialog = loaded_window.export_dialog()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QDialog) and dialog.windowTitle() == "Извези извештај"


def test_window_catalogues_and_qt_translations_are_complete_and_compiled() -> None:
    import importlib.util
    from pathlib import Path

    from metrics_core.i18n.catalogue import problems

    assert [p for p in problems() if p.startswith("desktop_app")] == []
    tool = Path(__file__).resolve().parents[2] / "tools" / "qt_translations.py"
    spec = importlib.util.spec_from_file_location("qt_translations", tool)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.stale() == []


LETTERS = "ČčŠšŽž ĂăȘșȚț ÅåÄäÖö ЂђЋћЏџ " + "".join(map(chr, range(0x0410, 0x0450)))


def test_the_letters_of_every_language_render_in_the_window_and_in_png_and_svg(qtbot, tmp_path) -> None:
    from PySide6.QtGui import QFontMetrics, QImage
    from PySide6.QtSvg import QSvgRenderer

    from desktop_app import style
    from desktop_app.charts.export import export_png, svg_bytes
    from desktop_app.charts.trend_chart import TrendChart

    for font in (QApplication.font(), style.chart_font(), style.chart_font(style.TITLE_FONT_SIZE, bold=True)):
        metrics = QFontMetrics(font)
        assert [ch for ch in LETTERS if not ch.isspace() and not metrics.inFontUcs4(ord(ch))] == [], font.family()
    chart = TrendChart(LETTERS[:40])
    qtbot.addWidget(chart)
    chart.set_series([0], ["Ђурђевдан"], [1.0], "%", [1], None, None)
    png = export_png(chart, tmp_path / "letters.png", 800, 450)
    assert not QImage(str(png)).isNull()
    svg = svg_bytes(chart).decode("utf-8")
    assert "ČčŠšŽž" in svg and "ЂђЋћЏџ" in svg
    assert QSvgRenderer(svg.encode("utf-8")).isValid()


def test_the_report_is_built_and_written_in_the_language_chosen_in_the_export_dialog(qtbot, tmp_path) -> None:
    from desktop_app.dialogs.export_report_dialog import ExportReportDialog

    from tests.core.export.sample import make_report

    seen = []

    def source(_reporter):
        seen.append(current_language())
        return make_report()

    dialog = ExportReportDialog(source, tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.report_language() == "en"                      # the window's language by default
    for key, box in dialog.format_boxes.items():
        box.setChecked(key == "csv")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("sv"))
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        dialog.export_button.click()
    assert seen == ["sv"] and current_language() == "en"          # the window stays in its language


def test_first_start_follows_the_systems_language(monkeypatch) -> None:
    from desktop_app.i18n import LOCALE_VARIABLES, system_language

    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "sr_RS.UTF-8@latin")
    assert system_language() == "sr-Latn"
    monkeypatch.setenv("LANG", "sl_SI.UTF-8")
    assert system_language() == "sl"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")              # not one of ours: English
    assert system_language() == "en"


def test_a_none_is_loaded_reason_on_a_card_follows_a_switch_of_language(qtbot, loaded_window: MainWindow) -> None:
    """No calls are loaded: average handle time's card says so; after a switch the kept result's reason is said in
    the new language, the kinds too ("klici ali intervali klicev"), not in the words it was computed in."""
    from metrics_core.i18n import _
    from metrics_core.catalogue import kinds_text

    w, state = loaded_window, loaded_window.state
    qtbot.waitUntil(lambda: not state.is_busy(), timeout=30000)
    w.workspace.dashboard.show_all_box.setChecked(True)
    before = w.workspace.dashboard.cards["average_handle_time"].reason_label.toolTip()
    assert before.endswith("none is loaded") and "calls or call intervals (ACD)" in before, before
    with qtbot.waitSignal(w.language_changed):
        w.set_language("sl")
    shown = w.workspace.dashboard.cards["average_handle_time"].reason_label.toolTip()
    kinds = [str(kinds_text(k)) for k in ("calls", "call_intervals")]
    assert all(k in shown for k in kinds) and kinds != ["calls", "call intervals (ACD)"], (shown, kinds)
    assert "calls" not in shown and shown.startswith(_("needs a file of {kinds}; none is loaded").split("{")[0])


def test_switching_the_language_again_and_again_keeps_one_qt_translator(qapp) -> None:
    """The Qt translation a switch replaces is deleted, not only uninstalled: it was a child of the application
    kept for the whole session with its loaded .qm (Swedish: Qt's own, 198 KB), one more at every switch (session
    21, the soak: the application's children grew with the switches)."""
    from PySide6.QtCore import QEvent, QTranslator

    def translators() -> int:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return len(qapp.findChildren(QTranslator))

    apply_language("sl")
    held = translators()
    for code in ("sv", "ro", "sr", "sl") * 3:
        apply_language(code)
    assert translators() == held == len(installed_qt_translations()) == 1
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Prekliči"
