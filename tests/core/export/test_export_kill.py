"""A folder export killed at any moment (SIGKILL, 20 tries) leaves, once the next start has
cleaned up, either the old complete files or the new complete ones: never a fragment, never a
mix of new deck and old workbook, never a stray temporary file."""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from metrics_core.export.csv_results import results_csv_text
from metrics_core.export.report import FOLDER_FILES, report_paths, write_report
from metrics_core.write_journal import journal_dir, sweep_interrupted_writes

from .sample import make_report

TRIES = 20
WRITE = "import sys; from pathlib import Path; from metrics_core.export.model import Report; " \
        "from metrics_core.export.report import write_report; " \
        "write_report(Report.from_json(Path(sys.argv[1]).read_text(encoding='utf-8')), Path(sys.argv[2]))"


def generation(folder: Path, reports: dict[str, object]) -> str:
    """'old' or 'new' when the folder holds that export complete; fails on a fragment or a mix."""
    found = set()
    deck = Presentation(str(_one(folder, ".pptx")))
    title = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    found.add(next(name for name, r in reports.items() if r.business_name in title))
    summary = load_workbook(_one(folder, ".xlsx"), read_only=True)["Summary"]
    a1 = next(summary.iter_rows(max_row=1, values_only=True))[0]
    found.add(next(name for name, r in reports.items() if r.business_name in a1))    # "title — business"
    csv_bytes = _one(folder, ".csv").read_bytes()
    found.add(next(name for name, r in reports.items() if csv_bytes == results_csv_text(r).encode("utf-8-sig")))
    assert len(found) == 1, f"a mix of exports: {found}"
    return found.pop()


def _one(folder: Path, suffix: str) -> Path:
    """The folder's one file of a kind (its name comes from the report's title and period)."""
    found = sorted(folder.glob(f"*{suffix}"))
    assert len(found) == 1, f"{suffix}: {[p.name for p in found]}"
    return found[0]


@pytest.mark.slow
def test_an_export_killed_at_random_moments_leaves_old_or_new_never_a_fragment(tmp_path):
    # the same title and period, so the new export's files replace the old ones (file names come from both)
    old = dataclasses.replace(make_report(), business_name="Old Shop Ltd", title="Monthly report")
    new = dataclasses.replace(make_report(days=400), business_name="New Shop Ltd", title="Monthly report",
                              period_start=old.period_start, period_end=old.period_end)
    reports = {"old": old, "new": new}
    new_json = tmp_path / "new.json"
    new_json.write_text(new.to_json(), encoding="utf-8")
    folder = tmp_path / "report"
    command = [sys.executable, "-c", WRITE, str(new_json), str(folder)]
    started = time.monotonic()
    subprocess.run(command, check=True, timeout=300)
    full = time.monotonic() - started
    outcomes = []
    rng = random.Random(16)
    for _ in range(TRIES):
        write_report(old, folder)
        assert generation(folder, reports) == "old"
        proc = subprocess.Popen(command)
        time.sleep(rng.uniform(0.0, full * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        sweep_interrupted_writes()                      # what the next start does
        outcomes.append(generation(folder, reports))
        assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in report_paths(new, folder, FOLDER_FILES))
        assert not list(journal_dir().glob(f"{proc.pid}-*.json"))
    print(f"kill test: {outcomes.count('old')} old, {outcomes.count('new')} new of {TRIES}; "
          f"one export takes {full:.1f} s")
    assert len(outcomes) == TRIES
