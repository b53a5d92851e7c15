"""The command line's reading commands keep freed memory for reuse (metrics_core/allocator.py, issue 15): an array
made again after one was freed touches no new pages. Counted as page faults (4 KiB pages: numpy's huge-page advice
off) in fresh interpreters, with and without the setting; and only the commands that read files set it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from metrics_core import allocator

REPO = Path(__file__).resolve().parents[2]
PROBE = r"""
import json, resource, sys
import numpy as np
if sys.argv[1] == "reuse":
    from metrics_core.allocator import reuse_freed_memory
    assert reuse_freed_memory()

def faults_of_new_array():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    array = np.ones(3 * 2**20)          # 24 MiB, written through, freed on return
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

print(json.dumps([faults_of_new_array() for _ in range(3)]))
"""


def _faults(mode: str) -> list[int]:
    done = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, timeout=120, cwd=REPO,
                          env=dict(os.environ, NUMPY_MADVISE_HUGEPAGE="0", PYTHONPATH=str(REPO)))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_an_array_made_again_reuses_the_freed_pages():
    first, *again = _faults("plain")
    assert again[0] > first // 2                # (by default the second array is fresh pages again)
    first, *again = _faults("reuse")
    assert first > 3 * 2**20 // 4096 // 2 and sum(again) < first // 20


def test_other_systems_are_left_alone(monkeypatch):
    monkeypatch.setattr(allocator.sys, "platform", "darwin")
    assert not allocator.mallopt(allocator.M_TRIM_THRESHOLD, allocator.KEPT_FREE)
    assert not allocator.reuse_freed_memory()


def test_only_commands_that_read_files_set_it(monkeypatch, tmp_path):
    from metrics_core import cli

    calls = []
    monkeypatch.setattr(allocator, "reuse_freed_memory", lambda: calls.append(True) or True)
    assert cli.main(["calc", "nps", "promoters=50", "passives=40", "detractors=10"]) == 0
    assert calls == []
    path = tmp_path / "t.csv"
    path.write_text("Ticket ID,Created at,Status\n1,2024-01-02 10:00,Solved\n2,2024-01-03 11:00,Open\n", encoding="utf-8")
    assert cli.main(["compute", str(path), "--json"]) in (0, 3)
    assert calls == [True]


def test_reading_commands_ask_numpy_for_no_huge_pages():
    probe = ("import numpy._core.multiarray as m\nfrom metrics_core.allocator import reuse_freed_memory\n"
             "before = m._set_madvise_hugepage(True)\nreuse_freed_memory()\nprint(m._set_madvise_hugepage(True))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=REPO,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("False" if sys.platform.startswith("linux") else "True")
