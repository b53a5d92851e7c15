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


@pytest.fixture(scope="session")
def purchase_dated(datasets_dir):
    """Issue 14's date-only ticket file: the Kaggle tickets with "Date of Purchase" mapped as the creation time (as
    tools/render_screens.py's step 64_issue_date_only_tickets loads it), as a bundle."""
    from dataclasses import replace

    from metrics_core.dataset import DataBundle
    from metrics_core.loading import load_dataset
    from metrics_core.mapping.model import FieldMapping

    path = datasets_dir / "tickets_kaggle_support" / "customer_support_tickets.csv"
    detected = load_dataset(path)
    fields = {**detected.mapping.fields, "created_at": FieldMapping("created_at", ["Date of Purchase"], 1.0, "user",
                                                                    "chosen by the owner")}
    return DataBundle([load_dataset(path, mapping=replace(detected.mapping, fields=fields))])


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "soak: a randomised GUI session of KPIDESK_SOAK_SECONDS (60 s; CI: 600 s)")


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A test that switches the language (the soak test, language tests) leaves English behind it."""
    yield
    from metrics_core.i18n import current_language, set_language

    if current_language() != "en":
        set_language("en")
