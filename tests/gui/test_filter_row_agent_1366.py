"""The filter row keeps "Agent" beside "Channel" at 1366 x 768 with the demo open, in Serbian and Romanian too.

Session 20 (s20-switch): in sr and ro the row held the dates, the granularity, the comparison, "Channel" and "More
filters" with about 25 px free, and "Агент ▾" / "Agent ▾" (about 70 px with its gap) folded into "Још филтера ▾" /
"Mai multe filtre ▾". The date boxes were as wide as their widest date and "no dates" (sr "1. 5. 2026." had 28 px
empty after it), the "Per:" box as wide as its longest choice (ro "Lună" in a 99 px box), the dates row had 12 px
more before "Per:" and the style's 6 px between each label and its box, and 16 px were kept free. Each box is now as
wide as what it shows (s21-gui). The probe opens the demo in the window on a 1366 x 728 screen (768 less a taskbar),
and once more at 200 % on a 2732 x 1536 X screen (the same 1366 x 768 logical pixels, Xvfb's fonts at twice the size).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .layout_probe import probe_results

PROBE = Path(__file__).with_name("layout_probe.py")
ROOT = Path(__file__).resolve().parents[2]
CASES = (("sr", 1), ("ro", 1), ("sr", 2))


@pytest.fixture(scope="module")
def probes(tmp_path_factory) -> dict[tuple[str, int], dict]:
    folder = tmp_path_factory.mktemp("rows")
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 728,
                                               "logicalDpi": 96, "dpr": 1}]}))
    running = {}
    for lang, scale in CASES:
        settings = str(folder / f"settings_{lang}_{scale}.ini")
        if scale == 1:
            env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT)}
            command = [sys.executable, str(PROBE), settings, lang]
        elif shutil.which("xvfb-run"):
            env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "QT_SCALE_FACTOR": "2", "PYTHONPATH": str(ROOT)}
            command = ["xvfb-run", "-a", "-s", "-screen 0 2732x1536x24", sys.executable, str(PROBE), settings, lang]
        else:
            continue
        running[(lang, scale)] = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                                                  stderr=subprocess.PIPE, text=True)
    return probe_results(running)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}@{c[1] * 100}%")
def test_the_agent_filter_stays_on_the_row_at_1366_px(probes, case) -> None:
    if case not in probes:
        pytest.skip("xvfb-run is not installed (apt-get install xvfb)")
    found = probes[case]
    assert found["available"][0] == 1366 and found["window"][2] <= 1366
    assert found["filters_on_row"][:2] == ["channel", "agent"], \
        f"on the row {found['filters_on_row']}, in More filters {found['filters_folded']}"
    assert found["filter_rows"] == 1 and found["filter_texts_cut"] == []
    assert all(found["controls_inside"].values()), found["controls_inside"]
