"""Collect the licence files of every bundled package into a staging folder, plus
``components.json`` (name, version, licence) for the About dialog.

Run by ``packaging/build.sh`` before PyInstaller; the result is bundled as
``resources/licenses``.
"""

from __future__ import annotations

import json
import shutil
import sys
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from metrics_core.about import BUNDLED  # noqa: E402


def collect(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for text in (REPO / "resources" / "licenses").glob("*.txt"):
        shutil.copy2(text, out / text.name)
    third = out / "third_party"
    third.mkdir(exist_ok=True)
    components = []
    for dist, _module, licence in BUNDLED:
        try:
            d = metadata.distribution(dist)
        except metadata.PackageNotFoundError:
            continue
        components.append({"name": dist, "version": d.version, "licence": licence})
        for f in d.files or []:
            name = Path(str(f)).name.upper()
            if name.startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS")) and ".dist-info" in str(f):
                src = Path(d.locate_file(f))
                if src.is_file():
                    shutil.copy2(src, third / f"{dist}-{Path(str(f)).name}")
    (out / "components.json").write_text(json.dumps(components, indent=2), encoding="utf-8")


if __name__ == "__main__":
    collect(Path(sys.argv[1]))
