"""pandas and numpy, imported when first used.

The KPI modules are imported by the registry, which every command needs; a calculation from
typed totals (``kpidesk calc``) runs no pandas code. Those modules write
``from ..deferred import np, pd`` instead of ``import numpy as np`` / ``import pandas as pd``:
the first attribute read (``pd.DataFrame``) imports the library, later reads go straight to it.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class DeferredModule:
    """Stands for the module ``name`` and imports it at the first attribute read."""

    __slots__ = ("_name", "_module")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<deferred module {self._name!r}{'' if self._module is None else ' (imported)'}>"


np = DeferredModule("numpy")
pd = DeferredModule("pandas")
