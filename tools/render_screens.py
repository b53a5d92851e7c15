"""Render every screen of KPI Desk to PNG files (offscreen or under Xvfb).

    python tools/render_screens.py OUT_DIR [--size 1400x900]

Writes start page, import dialog, the dashboard with each demo file loaded on
its own (one per data kind) and with all of them, the data view and the
settings dialog.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

DEMO_SUFFIXES = {".csv", ".xlsx"}


def _settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _wait_idle(app: QApplication, window, count: int, timeout: float = 120.0) -> None:
    state = window.state
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        idle = (len(state.bundle.datasets) == count and not state.is_busy() and state.results is not None
                and not state._recompute_timer.isActive() and not state.chart_runner.is_busy())
        if idle:
            break
        time.sleep(0.02)
    _settle(app, 0.6)


def _save(widget: QWidget, path: Path) -> Path:
    widget.grab().save(str(path))
    return path


def render(out: Path, width: int, height: int) -> list[Path]:
    from desktop_app.__main__ import create_app
    from desktop_app.dialogs.import_dialog import ImportDialog
    from desktop_app.main_window import MainWindow
    from desktop_app.settings import AppSettings
    from metrics_core.resources import demo_dir

    app = create_app([sys.argv[0]])
    out.mkdir(parents=True, exist_ok=True)
    settings = AppSettings(out / "render-settings.ini")
    settings.clear_recent()
    demo = sorted(p for p in demo_dir().glob("*") if p.suffix.lower() in DEMO_SUFFIXES)
    for p in demo[:4]:
        settings.add_recent_file(p)
    written: list[Path] = []
    window = MainWindow(settings)
    window.resize(width, height)
    window.show()
    _settle(app)
    written.append(_save(window, out / "01_start_page.png"))

    dialog = ImportDialog(demo_dir() / "tickets.csv", parent=window)
    dialog.resize(min(width, 1200), min(height, 780))
    dialog.show()
    dialog.wait_for_preview()
    _settle(app, 0.8)
    written.append(_save(dialog, out / "02_import_dialog.png"))
    dialog.close()

    for i, path in enumerate(demo):
        window.state.clear()
        window.state.load_files([path])
        _wait_idle(app, window, 1)
        window.workspace.show_dashboard()
        _settle(app, 0.5)
        written.append(_save(window, out / f"10_dashboard_{i:02d}_{path.stem}.png"))

    window.state.clear()
    window.state.load_files(demo)
    _wait_idle(app, window, len(demo))
    written.append(_save(window, out / "20_dashboard_all.png"))
    tabs = window.workspace.chart_area.tabs
    for t in range(1, tabs.count()):
        if tabs.isTabVisible(t):
            tabs.setCurrentIndex(t)
            _settle(app, 0.4)
            written.append(_save(window, out / f"21_chart_{tabs.tabText(t).lower().replace(' ', '_')}.png"))
    tabs.setCurrentIndex(0)
    window.workspace.show_data()
    _settle(app, 0.6)
    written.append(_save(window, out / "30_data_view.png"))
    window.state.request_drilldown("first_response_time")
    _settle(app, 0.6)
    written.append(_save(window, out / "31_data_view_drilldown.png"))
    window.workspace.show_dashboard()

    settings_dialog = window.open_settings()
    settings_dialog.select_metric("csat")
    settings_dialog.show()
    _settle(app, 0.5)
    written.append(_save(settings_dialog, out / "40_settings.png"))
    settings_dialog.close()
    window.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1400x900")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    for path in render(args.out, width, height):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
