"""KPI Desk desktop application (PySide6 + pyqtgraph).

Thin Qt layer over :mod:`metrics_core`: windows, panels, Qt models, chart
widgets and workers. No KPI arithmetic lives here.
"""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import PySide6  # noqa: E402,F401  - PySide6 before pyqtgraph (PITFALLS.md)

from .app_info import APP_NAME, ORG_NAME  # noqa: E402,F401
from .i18n import register_catalogue  # noqa: E402

register_catalogue()        # the window's texts are found by metrics_core.i18n's _() from the first import on
