"""The small texts of a card ("from 2,588 rows", a reason, a target) readable in dark mode and in light: the
colour the label is drawn in, measured in pixels of the rendered card, against the card's background, at
least 4.5 : 1 (WCAG AA for small text). In the dark palette the rows line was drawn in the palette's "mid"
grey on the card's base: 2.3 : 1; in the light one 2.0 : 1."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QToolButton

from desktop_app.panels.dashboard import DashboardPanel

from .conftest import wait_results
from .helpers import make_dataset, tickets_frame

DARK = {QPalette.ColorRole.Window: "#202124", QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#2a2b2e", QPalette.ColorRole.AlternateBase: "#303134",
        QPalette.ColorRole.Text: "#e8eaed", QPalette.ColorRole.Button: "#303134",
        QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.Mid: "#5f6368",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6"}        # the screenshots' dark palette (render_screens)


def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def drawn_contrast(image: QImage, label: QLabel, card) -> float:
    """The contrast of the label's ink (its pixel furthest from the background) with the background (the
    pixel at the card's inner corner)."""
    origin = label.mapTo(card, QPoint(0, 0))
    ratio = image.devicePixelRatio()
    background = image.pixelColor(int(4 * ratio), int((card.height() // 2) * ratio))
    best = 1.0
    for x in range(int(origin.x() * ratio), int((origin.x() + label.width()) * ratio)):
        for y in range(int(origin.y() * ratio), int((origin.y() + label.height()) * ratio)):
            best = max(best, contrast(image.pixelColor(x, y), background))
    return best


@pytest.fixture(params=["dark", "light"])
def palette(request, qapp):
    before = QPalette(qapp.palette())
    if request.param == "dark":
        dark = QPalette(before)
        for role, colour in DARK.items():
            dark.setColor(role, QColor(colour))
        qapp.setPalette(dark)
    yield request.param
    qapp.setPalette(before)


def test_the_rows_line_of_a_card_is_readable(qtbot, state, palette) -> None:
    panel = DashboardPanel(state)
    qtbot.addWidget(panel)
    panel.resize(1030, 600)
    panel.show()
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", tickets_frame(80))))
    qtbot.wait(50)
    card = panel.cards["first_response_time"]
    assert card.n_label.isVisible() and card.n_label.text()
    QApplication.processEvents()
    ratio = drawn_contrast(card.grab().toImage(), card.n_label, card)
    assert ratio >= 4.5, f"{palette}: {card.n_label.text()!r} at {ratio:.1f} : 1"
    panel.show_all_box.setChecked(True)          # cards the data cannot feed say why, in amber
    qtbot.wait(50)
    reasons = [c for c in panel.cards.values() if c.isVisible() and c.reason_label.isVisible()]
    assert reasons
    ratio = drawn_contrast(reasons[0].grab().toImage(), reasons[0].reason_label, reasons[0])
    assert ratio >= 4.5, f"{palette}: {reasons[0].reason_label.text()!r} at {ratio:.1f} : 1"


@pytest.mark.parametrize("level", ["error", "warning", "info"])
def test_the_message_bar_is_readable(qtbot, palette, level) -> None:
    """s7-shots' dark shot of a damaged file: the strip kept its light pink while its words took the dark
    palette's near-white — the error could not be read, nor its x. And in a dark window the strip is dark
    (s17-gui)."""
    from desktop_app.panels.message_bar import MessageBar

    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.resize(900, 40)
    bar.show_message("damaged export.xlsx is damaged and cannot be opened.", level)
    qtbot.waitExposed(bar)
    QApplication.processEvents()
    image = bar.grab().toImage()
    for part in bar.findChildren(QLabel) + bar.findChildren(QToolButton):
        ratio = drawn_contrast(image, part, bar)
        assert ratio >= 4.5, f"{palette} {level}: {type(part).__name__} at {ratio:.1f} : 1"
    # the strip follows the window's scheme (s16-shots 54_error_unreadable_file dark: a light pink strip glared in
    # the dark window): in a dark window its background is dark, within 1.5 : 1 of the window's
    strip = image.pixelColor(int(4 * image.devicePixelRatio()), int(bar.height() // 2 * image.devicePixelRatio()))
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    if palette == "dark":
        assert contrast(strip, window) <= 1.5, f"{level}: strip {strip.name()} on the window {window.name()}"


def _created_at_unmapped(qtbot, csv_file):
    """The import dialog on ``csv_file`` with its required 'Created at' left unmapped; the dialog and that row."""
    from desktop_app.dialogs.import_dialog import ImportDialog
    from desktop_app.models.mapping_model import COL_SOURCE, NOT_MAPPED

    dialog = ImportDialog(csv_file)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 662)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=30000)
    model = dialog.mapping_model
    row = next(r for r in range(model.rowCount()) if model.field_name(r) == "created_at")
    model.setData(model.index(row, COL_SOURCE), NOT_MAPPED)
    return dialog, row


def test_the_import_dialogs_warning_is_readable(qtbot, palette, csv_file) -> None:
    """'Not mapped yet: …' in hard-coded sienna #a0522d measured 2.9 : 1 on the dark window."""
    dialog, _row = _created_at_unmapped(qtbot, csv_file)
    qtbot.wait(50)
    label = dialog.missing_label
    assert label.isVisible()
    QApplication.processEvents()
    ratio = drawn_contrast(dialog.grab().toImage(), label, dialog)
    assert ratio >= 4.5, f"{palette}: {label.text()!r} at {ratio:.1f} : 1"


def test_the_heat_map_follows_the_window(qtbot, palette) -> None:
    """s7-shots' dark peak-hours shot: the colour scale's numbers were dark on the dark chart, and the map a
    glaring white block (its quiet hours white) in the dark window."""
    import numpy as np

    from desktop_app import style
    from desktop_app.charts.heatmap_chart import HeatmapChart

    chart = HeatmapChart()
    qtbot.addWidget(chart)
    chart.resize(900, 240)
    chart.show()
    qtbot.waitExposed(chart)
    matrix = np.zeros((7, 24))
    matrix[0, 9] = 400.0                              # Monday 09:00 the busiest; most hours empty
    chart.set_matrix(matrix)
    qtbot.wait(50)
    background = QColor(chart.theme.background)
    assert chart.theme.dark == (palette == "dark")
    ink = chart._scale.axis.textPen().color()
    assert contrast(ink, background) >= 4.5, f"{palette}: the scale's numbers at {contrast(ink, background):.1f} : 1"
    image = chart.plot_widget.grab().toImage()
    box = chart.plot_item.getViewBox()
    quiet = box.mapViewToScene(QPointF(20.5, 5.5))          # Saturday 20:00: no contacts
    busy = box.mapViewToScene(QPointF(9.5, 0.5))
    ratio = image.devicePixelRatio()
    quiet_colour = image.pixelColor(int(quiet.x() * ratio), int(quiet.y() * ratio))
    busy_colour = image.pixelColor(int(busy.x() * ratio), int(busy.y() * ratio))
    assert contrast(quiet_colour, background) < 1.3, f"{palette}: an empty hour is {quiet_colour.name()}"
    assert contrast(busy_colour, background) >= 3.0, f"{palette}: the busiest hour is {busy_colour.name()}"
    assert style.heat_colour_map().map(0.0, mode="qcolor") == QColor("#ffffff")       # (images stay white)


def test_the_selected_cards_ring_stands_out_from_the_card(qtbot, state, palette) -> None:
    """s11-shots (dark-en/20_dashboard_all): the selected card's ring was the plain blue #0072B2 on the dark
    card's base, 2.7 : 1; a ring (a non-text control part) needs 3 : 1 (WCAG 1.4.11), measured in pixels."""
    panel = DashboardPanel(state)
    qtbot.addWidget(panel)
    panel.resize(1030, 600)
    panel.show()
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", tickets_frame(80))))
    state.select_metric("first_response_time")
    qtbot.wait(50)
    card = panel.cards["first_response_time"]
    image = card.grab().toImage()
    ratio = image.devicePixelRatio()
    ring = image.pixelColor(0, int(card.height() // 2 * ratio))                  # the left edge, mid-height
    inside = image.pixelColor(int(4 * ratio), int(card.height() // 2 * ratio))
    assert contrast(ring, inside) >= 3.0, f"{palette}: ring {ring.name()} on {inside.name()}"


def test_the_unmapped_required_field_is_readable_in_the_table(qtbot, palette, csv_file) -> None:
    """The row of a required field left unmapped ('Čas nastanka * (ni povezano)') was drawn in #c0392b on the
    dark table: 2.6 : 1 (s12-shots-sl2, dark 03_import_required_missing)."""
    from desktop_app.models.mapping_model import COL_FIELD, COL_SOURCE

    dialog, row = _created_at_unmapped(qtbot, csv_file)
    model = dialog.mapping_model
    base = dialog.mapping_view.palette().color(QPalette.ColorRole.Base)
    for col in (COL_FIELD, COL_SOURCE):
        ink = model.data(model.index(row, col), Qt.ItemDataRole.ForegroundRole)
        assert contrast(QColor(ink), base) >= 4.5, f"{palette}: {QColor(ink).name()} on {base.name()}"


def test_the_hint_under_the_filters_is_readable_on_the_tab_page(qtbot, state, palette) -> None:
    """'All dates are shown, so there is no previous period to compare …' under the filters: its grey was made
    readable on the card's base, while it sits on the tab page, which Fusion draws lighter than the window
    in a dark palette: 3.5 : 1 (s12-shots-sl2, every dark dashboard shot)."""
    from collections import Counter

    from PySide6.QtWidgets import QTabWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    panel = DashboardPanel(state)
    tabs.addTab(panel, "Dashboard")
    tabs.resize(1100, 600)
    tabs.show()
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", tickets_frame(80))))
    qtbot.waitUntil(lambda: panel.hint_label.isVisible(), timeout=10000)
    QApplication.processEvents()
    image, label = tabs.grab().toImage(), panel.hint_label
    origin, ratio = label.mapTo(tabs, QPoint(0, 0)), image.devicePixelRatio()
    pixels = [image.pixelColor(x, y) for x in range(int(origin.x() * ratio), int((origin.x() + label.width()) * ratio))
              for y in range(int(origin.y() * ratio), int((origin.y() + label.height()) * ratio))]
    background = QColor(Counter(p.rgb() for p in pixels).most_common(1)[0][0])
    best = max(contrast(p, background) for p in pixels)
    assert best >= 4.5, f"{palette}: {label.text()!r} at {best:.1f} : 1 on {background.name()}"
