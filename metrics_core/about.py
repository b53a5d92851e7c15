"""Version and the licences of bundled components (shown in the About dialog).

From source, versions and licence names come from the installed packages'
metadata; in the frozen app they come from ``resources/licenses/components.json``,
written at build time by ``packaging/collect_licenses.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata

from . import __version__
from .i18n import N_, _
from .resources import resources_dir

# (distribution name, import name, licence as its project states it; a note beside the licence name is translated)
BUNDLED = (
    ("PySide6-Essentials", "PySide6", N_("LGPL-3.0-only (Qt for Python); Qt libraries are shipped as separate shared libraries")),
    ("shiboken6", "shiboken6", "LGPL-3.0-only"),
    ("pandas", "pandas", "BSD-3-Clause"),
    ("numpy", "numpy", N_("BSD-3-Clause (bundled OpenBLAS: BSD-3-Clause)")),
    ("pyqtgraph", "pyqtgraph", "MIT"),
    ("python-calamine", "python_calamine", "MIT"),
    ("python-calamine-plus", "python_calamine_plus", "MIT"),
    ("python-pptx", "pptx", "MIT"),
    ("XlsxWriter", "xlsxwriter", "BSD-2-Clause"),
    ("lxml", "lxml", "BSD-3-Clause"),
    ("pillow", "PIL", "MIT-CMU (HPND)"),
    ("python-dateutil", "dateutil", "Apache-2.0 / BSD-3-Clause"),
    ("tzdata", "tzdata", "Apache-2.0"),
)


@dataclass
class Component:
    name: str
    version: str
    licence: str

    @property
    def translated_licence(self) -> str:
        """The licence as the About dialog shows it: licence names as they are, their notes in the current language."""
        return _(self.licence)


def app_version() -> str:
    return __version__


def components() -> list[Component]:
    """The third-party components KPI Desk ships, with versions and licences."""
    frozen = resources_dir() / "licenses" / "components.json"
    if frozen.is_file():
        return [Component(**c) for c in json.loads(frozen.read_text(encoding="utf-8"))]
    out = []
    for dist, _module, licence in BUNDLED:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
        out.append(Component(dist, version, licence))
    return out


def licence_texts_dir() -> "Path":  # noqa: F821 - documented return
    """Folder with the full licence texts (LGPL-3.0, GPL-3.0 and third-party notices)."""
    return resources_dir() / "licenses"
