"""``python -m desktop_app [--demo] [FILES…]``: start KPI Desk."""

from __future__ import annotations

import argparse
import logging
import os
import sys

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from .app_info import APP_NAME, ORG_NAME  # noqa: E402


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kpidesk-gui", description=f"{APP_NAME}: customer-service KPIs from your exports.")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo data")
    parser.add_argument("--project", help="open a saved project (.kpidesk)")
    parser.add_argument("--lang", help="the window's language this time (en, sl, ro, sv, sr, sr-Latn; qps to test layouts)")
    parser.add_argument("files", nargs="*", help="CSV / Excel files to open")
    return parser.parse_args(argv)


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication, HiDPI-safe, following the system light/dark palette."""
    app = QApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    from .allocator import set_up_allocator

    set_up_allocator()            # before Qt and the workers make threads: freed memory is found again
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName(APP_NAME)
    from . import gui_gc

    gui_gc.install()              # garbage is collected on this thread, never on a worker or helper thread
    from .style import app_style

    app.setStyle(app_style())     # Fusion follows the system colour scheme (light / dark) in Qt 6
    from metrics_core.resources import resources_dir

    icon = resources_dir() / "icons" / "kpidesk.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def main(argv: list[str] | None = None) -> int:
    """Start the app; returns the exit code."""
    import multiprocessing

    multiprocessing.freeze_support()      # a frozen build's import helper process starts here and exits
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = create_app()
    from . import error_handling
    from .first_paint import install_if_requested
    from .i18n import apply_language, system_language
    from .main_window import MainWindow
    from .settings import AppSettings

    error_handling.install()
    settings = AppSettings()
    apply_language(args.lang or settings.language or system_language())
    from metrics_core.write_journal import sweep_interrupted_writes

    sweep_interrupted_writes()            # temporary files of an export that was killed last time
    from .process_loader import prewarm

    prewarm()                             # the file reader's helper starts while the window opens
    window = MainWindow(settings)
    install_if_requested(window)
    window.show()
    from .autosave import offer_restore

    if offer_restore(window):             # work a crashed or killed session autosaved comes first
        return leave(app.exec())
    if args.project:
        window.open_project(args.project)
    elif args.demo:
        window.actions["demo"].trigger()
    elif args.files:
        window.open_files(args.files)
    return leave(app.exec())


def leave(code: int) -> int:
    """``code`` once the worker threads have stopped; if one still runs after a few seconds (work
    that never looks at its reporter), the process ends at once instead of hanging at exit: what
    it was writing is atomic, and a temporary file left behind is swept at the next start."""
    from .workers import stop_all

    if stop_all():
        return code
    logging.getLogger(__name__).warning("work still running when KPI Desk closed was abandoned")
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
