"""tools/render_screens.py gives each render its own config folder (``XDG_CONFIG_HOME``, in its scratch
folder): Qt's own dialogs keep their state in QtProject.conf there (a file dialog's view, its last folders),
read when one opens and written when it closes, and a render once drew Qt's file dialog in icon view from
another run's state. What is checked: a render of the file dialog leaves the QtProject.conf of the folder it
was given as it was, byte for byte, and writes nothing beside it (on main the run rewrote its history and last
folder, and kept its icon view, read from it: Qt reads and writes the one file). Marked slow: one run of the
script (one demo file, two steps)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "render_screens.py"
ANOTHER_RUNS = """[FileDialog]
history=file:///nowhere/another-run
lastVisited=file:///nowhere/another-run
qtVersion=6.0.0
viewMode=List
"""


@pytest.mark.slow
def test_a_render_neither_reads_nor_writes_the_qt_state_of_another_run(tmp_path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "QtProject.conf").write_text(ANOTHER_RUNS, encoding="utf-8")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "KPIDESK_STATE_DIR": str(tmp_path / "state")}
    out = tmp_path / "shots"
    done = subprocess.run([sys.executable, str(TOOL), str(out), "--size", "1366x768", "--steps", "per_file,dialogs",
                           "--demo-files", "tickets"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (out / "52_qt_file_dialog.png").is_file()          # Qt's file dialog was opened and closed
    assert (config / "QtProject.conf").read_text(encoding="utf-8") == ANOTHER_RUNS
    assert sorted(p.name for p in config.iterdir()) == ["QtProject.conf"]
