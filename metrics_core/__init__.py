"""KPI Desk core: read exports, map columns, compute customer-service KPIs.

This package never imports Qt (a test checks it); everything the desktop app
does can be done from Python or the ``kpidesk`` command line with it.
"""

__version__ = "0.1.0"
