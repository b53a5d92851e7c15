"""Entry script of the frozen app: ``KPIDesk [--demo] [FILES…]`` or ``KPIDesk --self-test``."""

import multiprocessing
import os
import sys

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")


def _run() -> int:
    multiprocessing.freeze_support()   # large files load in a child process (desktop_app.process_loader)
    if "--self-test" in sys.argv[1:]:
        from desktop_app.self_test import main as self_test_main

        return self_test_main([a for a in sys.argv[1:] if a != "--self-test"])
    if len(sys.argv) > 1 and sys.argv[1] == "report-pngs":     # chart images for ``KPIDesk report`` (a subprocess)
        from desktop_app.report_pngs import main as report_pngs_main

        return report_pngs_main(sys.argv[2:])
    if len(sys.argv) > 1 and sys.argv[1] in {"inspect", "compute", "calc", "report"}:
        from metrics_core.cli import main as cli_main

        return cli_main(sys.argv[1:])
    from desktop_app.__main__ import main as app_main

    return app_main()


if __name__ == "__main__":
    sys.exit(_run())
