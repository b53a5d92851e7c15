"""Reading a user's file never writes to it, nor beside it.

Every file of the shared datasets and of the awkward-file corpus (the bad files,
the ``SOURCE.md`` notes and ``EXPECTED.json`` included) goes through
:func:`read_table`, :func:`read_preview`, :func:`list_sheets` and
:func:`load_dataset`.  Each call must succeed or raise a :class:`KpiDeskError`;
afterwards the file's bytes (sha256) and modification time are unchanged and its
folder lists exactly the same files (no temporary or lock file left beside it).

``tests/core/test_corpus.py`` and ``tests/core/test_datasets_mapping.py`` check
bytes and times for the files they read; this module covers every file, every
entry point and the folder listing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from metrics_core.errors import KpiDeskError
from metrics_core.ingest.reader import list_sheets, read_preview, read_table
from metrics_core.loading import load_dataset

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "tests" / "data" / "corpus"
DATASETS = REPO.parent / "shared" / "datasets"


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


SOURCES = _files(DATASETS) + _files(CORPUS)


def _fingerprint(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns, stat.st_size


def _folder(path: Path) -> dict[str, tuple[str, int, int]]:
    return {p.name: _fingerprint(p) for p in sorted(path.parent.iterdir()) if p.is_file()}


def _listing(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def _attempt(call, path: Path) -> str:
    """Run one entry point; only a typed error (naming the file) may come out of it."""
    try:
        call(path)
    except KpiDeskError as exc:
        assert path.name in str(exc), f"the message does not name the file: {exc}"
        return type(exc).__name__
    return "ok"


def test_the_sources_are_there() -> None:
    assert len(_files(DATASETS)) >= 20, f"shared datasets missing at {DATASETS}"
    assert len(_files(CORPUS)) >= 18
    names = {p.name for p in SOURCES}
    assert {"empty.csv", "binary_garbage.csv", "encrypted.xlsx", "truncated.xlsx", "SOURCE.md"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_reading_leaves_the_file_and_its_folder_untouched(path: Path) -> None:
    folder_before, listing_before = _folder(path), _listing(path)
    outcomes = {}
    for name, call in (("read_table", read_table), ("read_preview", read_preview),
                       ("list_sheets", list_sheets), ("load_dataset", load_dataset)):
        outcomes[name] = _attempt(call, path)
        assert _listing(path) == listing_before, f"{name} left files beside {path.name}"
    assert _fingerprint(path) == folder_before[path.name], f"{path.name} changed: {outcomes}"
    assert _folder(path) == folder_before, f"another file in {path.parent.name} changed: {outcomes}"
    if outcomes["read_table"] == "ok":
        assert outcomes["read_preview"] == "ok"


def test_bad_corpus_files_are_refused_without_a_trace() -> None:
    """The known-bad files really are refused (so the test above exercised the error paths)."""
    outcomes = {name: _attempt(read_table, CORPUS / name)
                for name in ("empty.csv", "binary_garbage.csv", "encrypted.xlsx", "truncated.xlsx")}
    assert outcomes == {"empty.csv": "EmptyFileError", "binary_garbage.csv": "UnsupportedFormatError",
                        "encrypted.xlsx": "WorkbookError", "truncated.xlsx": "WorkbookError"}
