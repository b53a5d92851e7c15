"""Nothing a killed write leaves behind stays: temporary files are journaled and removed on the
next start, folder exports land together (or are finished on the next start), and the folder
entry is synced after each rename."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from metrics_core import atomic
from metrics_core.atomic import atomic_path, write_text_atomic
from metrics_core.staged_folder import StagedFolder
from metrics_core.errors import ExportError
from metrics_core.write_journal import COMMIT_MARKER, journal_dir, state_dir, sweep_interrupted_writes


def hidden_leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def start_python(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ))


def test_the_state_folder_is_this_sessions(tmp_path):
    assert str(state_dir()) == os.environ["KPIDESK_STATE_DIR"]


def test_a_killed_writer_s_temporary_file_is_removed_on_the_next_start(tmp_path):
    target = tmp_path / "report.xlsx"
    target.write_text("old")
    proc = start_python(f"""
        import sys, time
        from metrics_core.atomic import atomic_path
        with atomic_path({str(target)!r}) as tmp:
            tmp.write_text("half of the new")
            print("WRITING", flush=True)
            time.sleep(60)
    """)
    assert proc.stdout.readline().strip() == "WRITING"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert len(hidden_leftovers(tmp_path)) == 1                # what the owner would have seen for ever
    removed = sweep_interrupted_writes()
    assert [p.name for p in removed] and hidden_leftovers(tmp_path) == []
    assert target.read_text() == "old"
    assert not list(journal_dir().glob(f"{proc.pid}-*.json"))


def test_the_sweep_leaves_writes_under_way_alone(tmp_path):
    target = tmp_path / "deck.pptx"
    with atomic_path(target) as tmp:
        tmp.write_text("new")
        assert sweep_interrupted_writes() == []
        assert tmp.exists()
    assert target.read_text() == "new" and hidden_leftovers(tmp_path) == []


def test_the_folder_entry_is_synced_after_the_rename(tmp_path, monkeypatch):
    synced = []
    real = atomic.fsync_dir

    def spy(folder):
        synced.append((Path(folder), (tmp_path / "a.csv").exists()))
        real(folder)

    monkeypatch.setattr(atomic, "fsync_dir", spy)
    write_text_atomic(tmp_path / "a.csv", "x")
    assert synced == [(tmp_path, True)]


def test_a_staged_folder_lands_together(tmp_path):
    (tmp_path / "kpi-report.pptx").write_text("old deck")
    stage = StagedFolder(tmp_path)
    write_text_atomic(stage.path / "kpi-report.pptx", "new deck")
    write_text_atomic(stage.path / "kpi-results.csv", "new csv")
    assert (tmp_path / "kpi-report.pptx").read_text() == "old deck"
    assert not (tmp_path / "kpi-results.csv").exists()
    assert [p.name for p in stage.commit()] == ["kpi-report.pptx", "kpi-results.csv"]
    assert (tmp_path / "kpi-report.pptx").read_text() == "new deck"
    assert hidden_leftovers(tmp_path) == []


def test_a_failed_folder_export_leaves_the_old_files(tmp_path):
    (tmp_path / "kpi-report.pptx").write_text("old deck")
    with pytest.raises(RuntimeError):
        with StagedFolder(tmp_path) as stage:
            write_text_atomic(stage.path / "kpi-report.pptx", "new deck")
            raise RuntimeError("the workbook failed")
    assert (tmp_path / "kpi-report.pptx").read_text() == "old deck" and hidden_leftovers(tmp_path) == []


def test_a_file_that_cannot_be_replaced_is_named_with_those_that_are_new(tmp_path):
    (tmp_path / "kpi-report.xlsx").mkdir()                      # stands for a file another program holds
    (tmp_path / "kpi-report.xlsx" / "x").write_text("busy")
    stage = StagedFolder(tmp_path)
    for name in ("kpi-report.pptx", "kpi-report.xlsx", "kpi-results.csv"):
        write_text_atomic(stage.path / name, "new")
    with pytest.raises(ExportError) as info:
        stage.commit()
    text = str(info.value)
    assert "kpi-report.xlsx" in text and "New files: kpi-report.pptx" in text and "kpi-results.csv" in text
    assert hidden_leftovers(tmp_path) == []


def test_a_folder_export_killed_while_moving_in_is_finished_on_the_next_start(tmp_path):
    proc = start_python(f"""
        import json, os, time
        from metrics_core.atomic import write_text_atomic
        from metrics_core.staged_folder import StagedFolder
        from metrics_core.write_journal import COMMIT_MARKER
        stage = StagedFolder({str(tmp_path)!r})
        for name in ("a.csv", "b.csv"):
            write_text_atomic(stage.path / name, "new " + name)
        (stage.path / COMMIT_MARKER).write_text(json.dumps(["a.csv", "b.csv"]))
        os.replace(stage.path / "a.csv", {str(tmp_path)!r} + "/a.csv")     # killed after the first move
        print("MOVING", flush=True)
        time.sleep(60)
    """)
    (tmp_path / "b.csv").write_text("old b")
    assert proc.stdout.readline().strip() == "MOVING"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert (tmp_path / "b.csv").read_text() == "old b"
    sweep_interrupted_writes()
    assert (tmp_path / "a.csv").read_text() == "new a.csv" and (tmp_path / "b.csv").read_text() == "new b.csv"
    assert hidden_leftovers(tmp_path) == []


def test_a_staging_folder_without_the_marker_is_dropped(tmp_path):
    (tmp_path / "a.csv").write_text("old")
    proc = start_python(f"""
        import time
        from metrics_core.atomic import write_text_atomic
        from metrics_core.staged_folder import StagedFolder
        stage = StagedFolder({str(tmp_path)!r})
        write_text_atomic(stage.path / "a.csv", "new")
        print("STAGED", flush=True)
        time.sleep(60)
    """)
    assert proc.stdout.readline().strip() == "STAGED"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    sweep_interrupted_writes()
    assert (tmp_path / "a.csv").read_text() == "old" and hidden_leftovers(tmp_path) == []
    assert COMMIT_MARKER                                          # (the marker is what tells the two apart)
