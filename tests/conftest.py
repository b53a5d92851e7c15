"""Shared test set-up: offscreen Qt, and where the shared datasets live."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
# KPI Desk's own state (write journal, autosaves) goes to a folder of this test session, never the home folder.
os.environ.setdefault("KPIDESK_STATE_DIR", tempfile.mkdtemp(prefix="kpidesk-state-"))

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KPIDESK_SHARED", REPO.parent / "shared"))
DATASETS = SHARED / "datasets"
TEST_DATA = REPO / "tests" / "data"


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    if not DATASETS.is_dir():
        pytest.fail(f"the shared datasets are missing: expected them at {DATASETS}")
    return DATASETS


@pytest.fixture(scope="session")
def test_data_dir() -> Path:
    return TEST_DATA


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "soak: a randomised GUI session of KPIDESK_SOAK_SECONDS (60 s; CI: 600 s)")


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A test that switches the language (the soak test, language tests) leaves English behind it."""
    yield
    from metrics_core.i18n import current_language, set_language

    if current_language() != "en":
        set_language("en")
