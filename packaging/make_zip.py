"""Zip the one-folder app, storing symbolic links as links (not as second copies).

PyInstaller's Linux/macOS onedir links shared libraries from ``_internal/`` into
their package folders; ``python -m zipfile`` would follow each link and store
ICU, OpenBLAS and Qt twice. Usage: ``python packaging/make_zip.py dist/KPIDesk out.zip``
"""

from __future__ import annotations

import os
import stat
import sys
import zipfile
from pathlib import Path


def make_zip(folder: Path, target: Path) -> None:
    tmp = target.with_suffix(target.suffix + ".part")
    base = folder.parent
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for root, dirs, files in os.walk(folder, followlinks=False):
            dirs.sort()
            for name in sorted(files) + sorted(d for d in dirs if os.path.islink(os.path.join(root, d))):
                path = Path(root) / name
                arcname = path.relative_to(base).as_posix()
                if path.is_symlink():
                    info = zipfile.ZipInfo(arcname)
                    info.create_system = 3                      # Unix, so the mode bits below are honoured
                    info.external_attr = (stat.S_IFLNK | 0o777) << 16
                    zf.writestr(info, os.readlink(path))
                else:
                    zf.write(path, arcname)
    os.replace(tmp, target)


if __name__ == "__main__":
    make_zip(Path(sys.argv[1]), Path(sys.argv[2]))
