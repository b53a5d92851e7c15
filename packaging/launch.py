"""Entry script of the frozen app: ``KPIDesk [--demo] [FILES…]`` or ``KPIDesk --self-test``."""

import os
import sys

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")


def _run() -> int:
    if "--self-test" in sys.argv[1:]:
        from desktop_app.self_test import main as self_test_main

        return self_test_main([a for a in sys.argv[1:] if a != "--self-test"])
    if len(sys.argv) > 1 and sys.argv[1] in {"inspect", "compute", "calc", "report"}:
        from metrics_core.cli import main as cli_main

        return cli_main(sys.argv[1:])
    from desktop_app.__main__ import main as app_main

    return app_main()


if __name__ == "__main__":
    sys.exit(_run())
