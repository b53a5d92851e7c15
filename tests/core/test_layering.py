"""metrics_core must never import Qt (STYLE.md: the core is a plain library)."""

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _imported_after(code: str) -> set[str]:
    script = textwrap.dedent(code) + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    import json

    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_import_metrics_core_leaves_qt_out():
    mods = _imported_after(
        """
        import pkgutil, importlib, metrics_core
        for m in pkgutil.walk_packages(metrics_core.__path__, 'metrics_core.'):
            if m.name.endswith('__main__'):
                continue
            importlib.import_module(m.name)
        """
    )
    assert "metrics_core" in mods
    qt = sorted(m for m in mods if m.split(".")[0] in {"PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "desktop_app"})
    assert qt == [], f"metrics_core pulled in {qt}"


def test_no_qt_import_statement_in_core_sources():
    offenders = []
    for path in (REPO / "metrics_core").rglob("*.py"):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")) and any(
                q in stripped for q in ("PySide6", "pyqtgraph", "desktop_app", "PyQt")
            ):
                offenders.append(f"{path.relative_to(REPO)}:{lineno}: {stripped}")
    assert offenders == []


def test_import_contracts_hold():
    """The layers of pyproject.toml's [tool.importlinter] (core without Qt; inside desktop_app: window >
    workspace > panels and dialogs > charts and models > state > jobs > utilities; no panel imports a
    sibling panel; no import cycles). Run ``lint-imports`` to see which import breaks which contract."""
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout
