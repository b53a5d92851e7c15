"""Chart export: exact PNG sizes, transparent backgrounds, SVG that renders, clipboard,
report chart images and the export dialog."""

from __future__ import annotations

import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QVBoxLayout, QWidget

import pyqtgraph as pg

from desktop_app.charts.export import SIZE_PRESETS, copy_data_tsv, copy_image, export_png, export_svg, svg_bytes
from desktop_app.dialogs.export_report_dialog import CUSTOM, ExportReportDialog
from desktop_app.report_pngs import chart_file_name, write_chart_pngs
from metrics_core.errors import ExportError, OperationCancelled
from tests.core.export.sample import make_report


class _Chart(QWidget):
    """A minimal chart widget like the app's: one PlotWidget and a data table."""

    def __init__(self) -> None:
        super().__init__()
        self.plot_widget = pg.PlotWidget()
        self.plot_widget.setBackground("w")
        QVBoxLayout(self).addWidget(self.plot_widget)
        self._table = pd.DataFrame({"period": ["2024-01", "2024-02", "2024-03"], "value": [82.5, np.nan, 86.0],
                                    "n": [100, 0, 120]})
        self.plot_widget.plot([0, 1, 2], [82.5, 84.0, 86.0], pen=pg.mkPen("#1f6fb2", width=2), symbol="o")
        self.plot_widget.getPlotItem().setTitle("CSAT by month")

    def data_table(self) -> pd.DataFrame:
        return self._table


@pytest.fixture()
def chart(qtbot):
    widget = _Chart()
    qtbot.addWidget(widget)
    return widget


def _drawn_pixels(image: QImage, background=(255, 255, 255)) -> int:
    """How many pixels differ from the background (a blank export has none)."""
    small = image.convertToFormat(QImage.Format.Format_RGBA8888)
    array = np.frombuffer(small.constBits(), np.uint8).reshape(small.height(), small.bytesPerLine())
    rgba = array[:, : small.width() * 4].reshape(small.height(), small.width(), 4)
    return int((np.abs(rgba[:, :, :3].astype(int) - np.array(background)).sum(axis=2) > 30).sum())


@pytest.mark.parametrize("size", [*SIZE_PRESETS.values(), (800, 800), (1000, 300)])
def test_png_has_exactly_the_size_asked_for(chart, tmp_path, size):
    path = export_png(chart, tmp_path / "chart.png", *size)
    image = QImage(str(path))
    assert (image.width(), image.height()) == size
    assert _drawn_pixels(image) > 0.002 * size[0] * size[1]      # the chart is there, not a blank image


def test_png_of_a_widget_never_shown_is_not_empty(qtbot, tmp_path):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.plot([1, 2, 3], [3, 1, 2])
    assert not plot.isVisible()
    image = QImage(str(export_png(plot, tmp_path / "p.png", 1280, 720)))
    assert (image.width(), image.height()) == (1280, 720)
    assert _drawn_pixels(image) > 1000


def test_transparent_png_has_a_transparent_background(chart, tmp_path):
    image = QImage(str(export_png(chart, tmp_path / "t.png", 640, 360, transparent=True)))
    assert image.hasAlphaChannel()
    assert image.pixelColor(2, 2).alpha() == 0
    opaque = QImage(str(export_png(chart, tmp_path / "o.png", 640, 360)))
    assert opaque.pixelColor(2, 2).alpha() == 255 and opaque.pixelColor(2, 2).name() == "#ffffff"


def test_a_shown_widget_of_another_aspect_is_letterboxed_not_stretched(chart, qtbot, tmp_path):
    chart.resize(400, 400)
    chart.show()
    qtbot.waitExposed(chart)
    image = QImage(str(export_png(chart, tmp_path / "wide.png", 1600, 400)))
    assert (image.width(), image.height()) == (1600, 400)
    assert _drawn_pixels(image.copy(0, 0, 300, 400)) == 0            # white margins left and right
    assert chart.width() == 400                                        # the on-screen widget was left alone


def test_bad_sizes_and_paths_are_clear_errors(chart, tmp_path):
    with pytest.raises(ExportError, match="cannot be made"):
        export_png(chart, tmp_path / "x.png", 0, 100)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="Could not save"):
        export_png(chart, blocker / "x.png", 100, 100)


def test_png_replaces_an_existing_file_only_when_complete(chart, tmp_path, monkeypatch):
    target = tmp_path / "chart.png"
    target.write_bytes(b"old")
    import desktop_app.charts.export as module

    monkeypatch.setattr(module, "png_bytes", lambda image: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        export_png(chart, target, 320, 180)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["chart.png"]


def test_svg_renders_with_qsvgrenderer(chart, tmp_path):
    path = export_svg(chart, tmp_path / "chart.svg")
    data = path.read_bytes()
    assert b"<svg" in data and b"CSAT by month" in data
    renderer = QSvgRenderer(QByteArray(data))
    assert renderer.isValid()
    box = renderer.viewBoxF()
    assert box.width() > 0 and box.height() > 0
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    from PySide6.QtGui import QPainter

    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    assert _drawn_pixels(image) > 500


def test_svg_of_a_plot_never_shown(qtbot):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.plot([1, 2, 3], [1, 4, 9])
    assert QSvgRenderer(QByteArray(svg_bytes(plot))).isValid()


def test_copy_image_and_data_to_the_clipboard(chart):
    image = copy_image(chart, 800, 450)
    clip = QGuiApplication.clipboard()
    assert (clip.image().width(), clip.image().height()) == (800, 450) == (image.width(), image.height())
    text = copy_data_tsv(chart)
    assert clip.text() == text
    assert text.splitlines() == ["period\tvalue\tn", "2024-01\t82.5\t100", "2024-02\t\t0", "2024-03\t86.0\t120"]


def test_report_chart_images(qtbot, tmp_path):
    report = make_report(days=60)
    paths = write_chart_pngs(report, tmp_path, 1280, 720)
    assert [p.name for p in paths] == [chart_file_name(i, c) for i, c in enumerate(report.charts, 1)]
    assert paths[0].name == "chart-01-csat-by-month.png"
    for path in paths:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1280, 720)
        assert _drawn_pixels(image) > 5000


def test_report_pngs_run_as_a_separate_process(tmp_path):
    report_json = tmp_path / "r.json"
    report_json.write_text(make_report().to_json(), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "desktop_app.report_pngs", str(report_json), str(tmp_path / "out"),
                           "--width", "640", "--height", "360"], capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    written = done.stdout.split()
    assert len(written) == 5                      # 4 charts and the peak-hours heat map
    assert all((QImage(p).width(), QImage(p).height()) == (640, 360) for p in written)


def _wait_idle(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=60000)


def test_dialog_writes_every_format(qtbot, tmp_path):
    dialog = ExportReportDialog(make_report(), tmp_path)
    qtbot.addWidget(dialog)
    dialog.size_combo.setCurrentText(CUSTOM)
    dialog.width_spin.setValue(1000)
    dialog.height_spin.setValue(500)
    dialog.background_combo.setCurrentText("Transparent")
    with qtbot.waitSignal(dialog.exported, timeout=60000) as signal:
        dialog.export_button.click()
    names = sorted(p.name for p in signal.args[0])
    stem = "Customer service KPIs – 2024"        # a calendar year named as its number (deck21)
    assert names[3:] == ["chart-01-csat-by-month.png", "chart-02-nps-promoters-passives-detractors.png",
                         "chart-03-first-response-time-by-month.png", "chart-04-first-response-time-by-channel.png",
                         "chart-05-when-customers-contact-us.png"]
    assert names[:3] == [stem + ".csv", stem + ".pptx", stem + ".xlsx"]
    image = QImage(str(tmp_path / names[3]))
    assert (image.width(), image.height()) == (1000, 500) and image.pixelColor(1, 1).alpha() == 0
    assert "Saved 8 files" in dialog.status.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == names          # no staging folder or temp file left


def test_dialog_images_that_fail_leave_the_old_export_whole(qtbot, tmp_path, monkeypatch):
    """The deck, workbook and CSV are staged with the images: a failure part-way changes nothing."""
    import desktop_app.report_pngs as report_pngs

    for name in ("kpi-report.pptx", "kpi-report.xlsx", "kpi-results.csv"):
        (tmp_path / name).write_text("old " + name)

    def half_then_fail(report, out_dir, *args, **kwargs):
        (out_dir / "chart-01-x.png").write_bytes(b"half")
        raise ExportError("The chart images could not be drawn.")

    monkeypatch.setattr(report_pngs, "write_chart_pngs", half_then_fail)
    dialog = ExportReportDialog(make_report(), tmp_path)
    qtbot.addWidget(dialog)
    dialog.export_button.click()
    _wait_idle(qtbot, dialog)
    assert "could not be drawn" in dialog.status.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kpi-report.pptx", "kpi-report.xlsx", "kpi-results.csv"]
    assert all(p.read_text().startswith("old ") for p in tmp_path.iterdir())


def test_dialog_presets_and_validation(qtbot, tmp_path):
    dialog = ExportReportDialog(make_report(), "")
    qtbot.addWidget(dialog)
    dialog.size_combo.setCurrentText("4K 3840 × 2160")
    assert dialog.image_size() == (3840, 2160) and not dialog.width_spin.isEnabled()
    dialog.export_button.click()
    assert "Choose a folder" in dialog.status.text()
    for box in dialog.format_boxes.values():
        box.setChecked(False)
    dialog.folder_edit.setText(str(tmp_path))
    dialog.export_button.click()
    assert "at least one" in dialog.status.text()
    assert list(tmp_path.iterdir()) == []


def test_dialog_cancel_leaves_files_untouched(qtbot, tmp_path):
    (tmp_path / "kpi-report.pptx").write_bytes(b"old deck")
    started = []

    def slow_build(reporter):
        started.append(True)
        for _ in range(2000):
            reporter.step(0.1, "building")
            time.sleep(0.005)
        return make_report()

    dialog = ExportReportDialog(slow_build, tmp_path)
    qtbot.addWidget(dialog)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(started) and dialog.cancel_button.isEnabled(), timeout=10000)
    dialog.cancel_button.click()
    _wait_idle(qtbot, dialog)
    dialog.wait(20000)
    assert "cancelled" in dialog.status.text()
    assert (tmp_path / "kpi-report.pptx").read_bytes() == b"old deck"
    assert [p.name for p in tmp_path.iterdir()] == ["kpi-report.pptx"]


def test_dialog_shows_errors_in_words(qtbot, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    dialog = ExportReportDialog(make_report(), blocker)
    qtbot.addWidget(dialog)
    dialog.export_button.click()
    _wait_idle(qtbot, dialog)
    assert "Could not write" in dialog.status.text()


def test_cancelled_reporter_raises(qtbot, tmp_path):
    from metrics_core.progress import Reporter

    with pytest.raises(OperationCancelled):
        write_chart_pngs(make_report(), tmp_path, 320, 180, reporter=Reporter(cancelled=lambda: True))
    assert list(tmp_path.iterdir()) == []


def test_the_apps_trend_chart_exports(qtbot, tmp_path):
    from desktop_app.charts.trend_chart import TrendChart

    chart = TrendChart("CSAT by month")
    qtbot.addWidget(chart)
    periods = list(pd.date_range("2026-05-01", periods=6, freq="MS"))
    chart.set_series(periods, [p.strftime("%Y-%m") for p in periods], [80.0, 78.0, 81.0, 85.0, 86.5, 89.0], "%",
                     [100] * 6, 85.0)
    image = QImage(str(export_png(chart, tmp_path / "trend.png", 1920, 1080)))
    assert (image.width(), image.height()) == (1920, 1080) and _drawn_pixels(image) > 5000
    assert QSvgRenderer(QByteArray(svg_bytes(chart))).isValid()
    lines = copy_data_tsv(chart).splitlines()
    assert lines[0].split("\t")[:2] == ["period", "value"] and lines[1].startswith("2026-05\t80.0")


def test_dialog_cancel_while_drawing_images(qtbot, tmp_path):
    dialog = ExportReportDialog(make_report(), tmp_path)
    qtbot.addWidget(dialog)
    for key in ("pptx", "xlsx", "csv"):
        dialog.format_boxes[key].setChecked(False)

    def cancel_after_first_image(value):
        if value > 0 and dialog.status.text().startswith("Chart image"):
            dialog.cancel_button.click()

    dialog.progress.valueChanged.connect(cancel_after_first_image)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: "cancelled" in dialog.status.text(), timeout=60000)
    assert dialog.export_button.isEnabled()
    assert list(tmp_path.iterdir()) == []            # the export is one whole: images drawn so far are dropped


def test_heat_map_image_is_darkest_at_the_busiest_hour(qtbot, tmp_path):
    report = make_report()
    index = next(i for i, c in enumerate(report.charts, 1) if c.kind == "heatmap")
    paths = write_chart_pngs(report, tmp_path, 1280, 720)
    image = QImage(str(paths[index - 1]))
    darkest = min(((image.pixelColor(x, y).lightness(), x, y) for x in range(0, 1280, 4) for y in range(0, 720, 4)
                   if image.pixelColor(x, y).blue() > image.pixelColor(x, y).red() + 60), default=None)
    assert darkest is not None and darkest[0] < 80        # dark blue cells are drawn
    blues = [(x, y) for x in range(0, 1100, 4) for y in range(60, 660, 4)
             if image.pixelColor(x, y).blue() > 90 and image.pixelColor(x, y).red() < 30]
    xs, ys = [x for x, _ in blues], [y for _, y in blues]
    # the darkest cell (Friday 14:00) lies right of the middle of the plot and in its lower half
    assert min(xs) > 400 and sum(ys) / len(ys) > 300


def test_chart_images_write_bar_amounts_in_the_reports_currency(qtbot):
    """A chart image's bar labels used the euro whatever the report's currency."""
    from desktop_app.report_pngs import plot_chart
    from metrics_core.export.model import ChartData as ReportChart

    chart = ReportChart("clv-by-segment", "CLV by segment", "loyalty_value", "bar", "currency",
                        pd.DataFrame({"CLV": [1200.0, 300.0]}, index=pd.Index(["pro", "basic"], dtype=object)),
                        metric_id="clv", by="segment")
    widget = plot_chart(chart, "kr")
    qtbot.addWidget(widget)
    labels = [item.toPlainText() for item in widget.getPlotItem().items if isinstance(item, pg.TextItem)]
    assert labels == ["1,200 kr", "300.00 kr"]
