"""Qt's own texts (file dialogs, message boxes, "Cancel", context menus) in the languages Qt does not ship.

    python tools/qt_translations.py          # sr_Latn.ts from sr.ts, then every .ts -> .qm (pyside6-lrelease)
    python tools/qt_translations.py --check  # fails when a .qm or the Serbian Latin .ts is not current

PySide6 ships ``qtbase_sv.qm``; for Slovenian, Romanian and Serbian we keep ``qtbase_<lang>.ts`` in
``desktop_app/i18n/qt`` with the source texts and contexts of Qt's own ``qtbase_*.ts`` for the widgets
KPI Desk shows (QPlatformTheme's button texts, QFileDialog, QFileSystemModel, QMessageBox, QLineEdit and
QWidgetTextControl context menus, QAbstractSpinBox, QScrollBar, QComboBox, QTabBar …). Serbian Latin is
made from the Cyrillic file (metrics_core.i18n.script.to_latin); edit ``qtbase_sr.ts`` only.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from metrics_core.i18n.script import to_latin  # noqa: E402

QT_DIR = ROOT / "desktop_app" / "i18n" / "qt"
TRANSLITERATED = {"sr_Latn": "sr"}


def lrelease() -> str:
    """``pyside6-lrelease`` next to this Python (the venv), else on PATH."""
    here = Path(sys.executable).with_name("pyside6-lrelease")
    found = str(here) if here.exists() else shutil.which("pyside6-lrelease")
    if not found:
        raise SystemExit("pyside6-lrelease not found: run `bash .ci/dev setup` first")
    return found


def write_transliterated(code: str, source: str, folder: Path = QT_DIR) -> Path:
    tree = ET.parse(QT_DIR / f"qtbase_{source}.ts")
    root = tree.getroot()
    root.set("language", code)
    for tr in root.iter("translation"):
        if tr.text:
            tr.text = to_latin(tr.text)
    target = folder / f"qtbase_{code}.ts"
    body = ET.tostring(root, encoding="unicode")
    target.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return target


def compile_all() -> list[Path]:
    for code, source in TRANSLITERATED.items():
        write_transliterated(code, source)
    written = []
    for ts in sorted(QT_DIR.glob("qtbase_*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([lrelease(), "-silent", "-nounfinished", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    return written


def stale() -> list[str]:
    """What is out of date: a Serbian Latin .ts not made from the Cyrillic one, a .qm not compiled from its .ts."""
    import tempfile

    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for code, source in TRANSLITERATED.items():
            current = (QT_DIR / f"qtbase_{code}.ts").read_bytes() if (QT_DIR / f"qtbase_{code}.ts").exists() else b""
            if write_transliterated(code, source, Path(tmp)).read_bytes() != current:
                problems.append(f"qtbase_{code}.ts is not made from qtbase_{source}.ts")
        for ts in sorted(QT_DIR.glob("qtbase_*.ts")):
            fresh = Path(tmp) / ts.with_suffix(".qm").name
            subprocess.run([lrelease(), "-silent", "-nounfinished", str(ts), "-qm", str(fresh)], check=True)
            qm = ts.with_suffix(".qm")
            if not qm.exists() or qm.read_bytes() != fresh.read_bytes():
                problems.append(f"{qm.relative_to(ROOT)} is not compiled from its .ts")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that every .qm is current")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale()
        for p in problems:
            print(p)
        return 1 if problems else 0
    for qm in compile_all():
        print(f"compiled {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
