"""Where bundled resources (demo data, icons, licences) live: in the source tree,
or inside a PyInstaller bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder (``KPIDESK_RESOURCES`` overrides it)."""
    env = os.environ.get("KPIDESK_RESOURCES")
    if env:
        return Path(env)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def demo_dir() -> Path:
    """The folder of the bundled demo business's files."""
    return resources_dir() / "demo"
