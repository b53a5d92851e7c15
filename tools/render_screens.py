"""Render every screen of KPI Desk to PNG files (offscreen or under Xvfb).

    python tools/render_screens.py OUT_DIR [--size 1400x900] [--lang sl]

Writes start page, import dialog, the dashboard with each demo file loaded on
its own (one per data kind) and with all of them, the data view, the settings
dialog (language and a KPI page), the export and About dialogs, and Qt's own
file dialog and message box — in the language given (``qps``: the pseudo-language
whose texts are about 40 % longer, for checking layouts).

The laptops our users have, and dark mode (``tools/render_laptops.sh`` runs all four under Xvfb)::

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/render_screens.py OUT/1366 --size 1366x768
    xvfb-run -a -s "-screen 0 1280x720x24" python tools/render_screens.py OUT/1280 --size 1280x720
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 3840x2160x24" python tools/render_screens.py OUT/200 --size 1920x1080
    xvfb-run -a -s "-screen 0 1366x768x24" python tools/render_screens.py OUT/dark --size 1366x768 --dark
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
DARK = False             # --dark: the window in a dark palette (the charts follow it; exports stay white)
DEFAULT_TIMEOUT = 600.0
TIMEOUT = DEFAULT_TIMEOUT  # --timeout: seconds the demo may take to load and compute, each time it is loaded


def _settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


class NotReady(RuntimeError):
    """The demo did not load and compute within the time allowed (or a file of it failed to load)."""


def _progress(state, count: int) -> str:
    runners = [name for name, runner in (("reading files", state.import_runner), ("computing KPIs", state.compute_runner),
                                         ("working out the charts", state.chart_runner),
                                         ("computing the cards' trend lines", state.sparkline_runner)) if runner.is_busy()]
    loaded = len(state.bundle.datasets)
    return f"{loaded} of {count} files loaded" + (f", still {', '.join(runners)}" if runners else "")


def is_ready(state, count: int) -> bool:
    """Every file loaded, the KPIs and charts computed, nothing left to do."""
    return (len(state.bundle.datasets) == count and not state.is_busy() and state.results is not None
            and not state._recompute_timer.isActive() and not state.chart_runner.is_busy()
            and not state.sparkline_runner.is_busy())


def wait_until_ready(app: QApplication, state, count: int, timeout: float, what: str = "the demo",
                     report_every: float = 15.0, log=sys.stderr) -> float:
    """Keep the window running until :func:`is_ready`; a line on ``log`` every ``report_every`` seconds
    (a loaded machine takes minutes, not seconds). Raises :class:`NotReady` saying how far it got when
    ``timeout`` passes, or at once when the reading is over with files missing (a file failed).
    Returns the seconds waited."""
    start = time.monotonic()
    told = start
    while not is_ready(state, count):
        app.processEvents()
        now = time.monotonic()
        if (len(state.bundle.datasets) < count and not state.is_busy() and not state._recompute_timer.isActive()
                and now - start > 2.0):
            raise NotReady(f"{what}: only {_progress(state, count)}; the others failed to load")
        if now - start > timeout:
            raise NotReady(f"{what} was not ready after {timeout:.0f} s ({_progress(state, count)}); "
                           f"on a busy machine give it longer: --timeout {int(timeout * 2)}")
        if now - told >= report_every:
            log.write(f"waiting for {what}: {_progress(state, count)} ({now - start:.0f} s)\n")
            log.flush()
            told = now
        time.sleep(0.02)
    return time.monotonic() - start


def _wait_idle(app: QApplication, window, count: int) -> None:
    wait_until_ready(app, window.state, count, TIMEOUT)
    _settle(app, 0.6)


def _save(widget: QWidget, path: Path) -> Path:
    widget.grab().save(str(path))
    return path


def render(out: Path, width: int, height: int, lang: str = "en") -> list[Path]:
    from desktop_app.__main__ import create_app
    from desktop_app.i18n import apply_language
    from desktop_app.dialogs.import_dialog import ImportDialog
    from desktop_app.main_window import MainWindow
    from desktop_app.settings import AppSettings
    from metrics_core.resources import demo_dir

    app = create_app([sys.argv[0]])
    apply_language(lang)
    if DARK:
        _use_dark_palette(app)
    out.mkdir(parents=True, exist_ok=True)
    (out / "render-settings.ini").unlink(missing_ok=True)       # every run starts from the same layout
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

    dialog = ImportDialog(demo_dir() / "tickets.csv", parent=window)      # at the size the window gives it
    dialog.show()
    if not dialog.wait_for_preview(int(TIMEOUT * 1000)):
        raise NotReady(f"the import dialog's preview was not read after {TIMEOUT:.0f} s")
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
            written.append(_save(window, out / f"21_chart_{t}.png"))
    tabs.setCurrentIndex(0)
    window.workspace.show_data()
    _settle(app, 0.6)
    written.append(_save(window, out / "30_data_view.png"))
    window.state.request_drilldown("first_response_time")
    _settle(app, 0.6)
    written.append(_save(window, out / "31_data_view_drilldown.png"))
    window.workspace.show_dashboard()

    settings_dialog = window.open_settings()
    settings_dialog.show()
    _settle(app, 0.5)
    written.append(_save(settings_dialog, out / "40_settings_language.png"))
    settings_dialog.select_metric("csat")
    _settle(app, 0.3)
    written.append(_save(settings_dialog, out / "41_settings.png"))
    settings_dialog.close()
    written += _dialogs(app, window, out)
    window.close()
    return written


def _dialogs(app: QApplication, window, out: Path) -> list[Path]:
    """The export and About dialogs, and Qt's own file dialog and message box (Qt's translations)."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from desktop_app.dialogs.about_dialog import AboutDialog

    written = []
    export = window.export_dialog()
    for name, dialog in (("50_export_report", export), ("51_about", AboutDialog(window))):
        dialog.show()
        _settle(app, 0.4)
        written.append(_save(dialog, out / f"{name}.png"))
        dialog.close()
    files = QFileDialog(window, "", str(out))
    files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    files.resize(900, 560)
    files.show()
    _settle(app, 0.5)
    written.append(_save(files, out / "52_qt_file_dialog.png"))
    files.close()
    box = QMessageBox(QMessageBox.Icon.Question, "KPI Desk", "?",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, window)
    box.setDetailedText("\u2026")
    box.show()
    _settle(app, 0.3)
    written.append(_save(box, out / "53_qt_message_box.png"))
    box.close()
    return written
def _use_dark_palette(app: QApplication) -> None:
    from PySide6.QtGui import QColor, QPalette

    app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.WindowText, "#e8eaed"),
                         (QPalette.ColorRole.Base, "#2a2b2e"), (QPalette.ColorRole.AlternateBase, "#303134"),
                         (QPalette.ColorRole.Text, "#e8eaed"), (QPalette.ColorRole.Button, "#303134"),
                         (QPalette.ColorRole.ButtonText, "#e8eaed"), (QPalette.ColorRole.Highlight, "#56B4E9"),
                         (QPalette.ColorRole.HighlightedText, "#000000"), (QPalette.ColorRole.Mid, "#5f6368"),
                         (QPalette.ColorRole.PlaceholderText, "#9aa0a6"), (QPalette.ColorRole.ToolTipBase, "#303134"),
                         (QPalette.ColorRole.ToolTipText, "#e8eaed")):
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f8388"))    # greyed, as a dark theme has
    app.setPalette(palette)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1400x900")
    parser.add_argument("--lang", default="en", help="en, sl, ro, sv, sr, sr-Latn, or qps (pseudo-language)")
    parser.add_argument("--dark", action="store_true", help="a dark window palette")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help="seconds the demo may take to load and compute (default %(default)s)")
    args = parser.parse_args(argv)
    global DARK, TIMEOUT
    DARK, TIMEOUT = args.dark, args.timeout
    width, height = (int(v) for v in args.size.lower().split("x"))
    try:
        for path in render(args.out, width, height, args.lang):
            sys.stdout.write(f"{path}\n")
    except NotReady as exc:
        sys.stderr.write(f"render_screens: {exc}. The screenshots written so far are in {args.out}.\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
