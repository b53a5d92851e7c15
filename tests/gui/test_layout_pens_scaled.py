"""Chart lines as thick at 200 % as at 100 %, relative to the text: pyqtgraph's pens are cosmetic (drawn in device
pixels), so on a 3840 x 2160 screen at 200 % the series were ~2 physical px and the target/measured lines 1 px,
hairlines beside text drawn at double size (s7-shots 39; s9-layout v1/200pct-sl/21_chart_5_staffing). Measured in
the pixels of a chart drawn in a child process at QT_SCALE_FACTOR=2 and at 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = r"""
import json, sys
from PySide6.QtWidgets import QApplication
from PySide6.QtGui import QColor
app = QApplication([])
from desktop_app import style
from desktop_app.charts.staffing_chart import StaffingChart
chart = StaffingChart()
chart.resize(900, 300)
chart.show()
chart.set_curve([1, 2, 3, 4, 5], [30.0, 85.0, 97.0, 99.0, 100.0], target=50.0, recommended=3, measured=20.0)
for _ in range(20):
    app.processEvents()
image = chart.plot_widget.grab().toImage()
ratio = image.devicePixelRatio()
box = chart.plot_item.getViewBox()
def thickness(colour, x=None, y=None):
    # the longest run of pixels near `colour` across the line: down a column (a level line), along a row
    want, best, run = QColor(colour), 0, 0
    points = ([(int(x * ratio), j) for j in range(image.height())] if x is not None
              else [(i, int(y * ratio)) for i in range(image.width())])
    for px, py in points:
        c = image.pixelColor(px, py)
        near = abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 90
        run = run + 1 if near else 0
        best = max(best, run)
    return best
from PySide6.QtCore import QPointF
left = chart.plot_widget.mapFromScene(box.mapViewToScene(QPointF(1.5, 50))).x()
mid = chart.plot_widget.mapFromScene(box.mapViewToScene(QPointF(3, 40))).y()
print(json.dumps({"ratio": ratio, "target": thickness(style.TARGET, x=left), "agents": thickness(style.GOOD, y=mid)}))
"""


def _probe(scale: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_marker_lines_take_the_screens_scale() -> None:
    """(3 to 15 s: one child process, since the screen's scale cannot change inside the test process.)"""
    found = _probe("2")
    assert found["ratio"] == 2.0
    for line in ("target", "agents"):          # 1.6 px pens: 3 device px at 200 % (were 1 and 2)
        assert found[line] >= 3, f"{line} line {found[line]} device px at 200 %: {found}"
