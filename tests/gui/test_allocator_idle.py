"""The window keeps the memory its jobs free for the next job while it works, and hands it back once it has been
idle (desktop_app/allocator.py; issue 15, session 20: a re-filter's cut of 1,048,576 tickets touched 40-60 MB of
fresh pages, a fifth of the values job's CPU)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop_app import allocator, workers

REPO = Path(__file__).resolve().parents[2]
PROBE = r"""
import json, resource, sys
import numpy as np
from desktop_app.__main__ import create_app
from metrics_core.allocator import give_back

app = create_app(["probe"])

def faults_of_new_array():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    array = np.ones(3 * 2**20)          # 24 MiB, written through, freed on return
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()

faults = [faults_of_new_array() for _ in range(3)]
held = [np.ones(2 * 2**20) for _ in range(12)]      # 12 arrays of 16 MiB, then freed: kept by the heap
del held
kept = rss()
give_back()
print(json.dumps({"faults": faults, "kept": kept, "given_back": rss()}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_the_window_reuses_freed_pages_and_gives_them_back():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, cwd=REPO,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO)))
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    first, *again = seen["faults"]
    assert first > 3 * 2**20 // 4096 // 2 and sum(again) < first // 20       # the second array: no new pages
    assert seen["kept"] - seen["given_back"] > 150 * 2**20                  # 192 MiB freed, held until given back


def test_idle_gives_back_once_no_work_is_running(qtbot, monkeypatch):
    given = []
    monkeypatch.setattr(allocator, "give_back", lambda: given.append(True))
    busy = [True]
    idle = allocator.GiveBackWhenIdle(lambda: busy[0], idle_ms=20)
    idle.work_ended()
    qtbot.wait(100)
    assert given == []                  # a task still running: nothing handed back under it
    busy[0] = False
    idle.work_ended()
    qtbot.waitUntil(lambda: given == [True], timeout=2000)


def test_each_end_of_a_task_starts_the_wait_again(qtbot, monkeypatch):
    given = []
    monkeypatch.setattr(allocator, "give_back", lambda: given.append(True))
    idle = allocator.GiveBackWhenIdle(lambda: False, idle_ms=300)
    for _ in range(5):
        idle.work_ended()
        qtbot.wait(100)
    assert given == []                  # work kept ending within the wait
    qtbot.waitUntil(lambda: given == [True], timeout=2000)


def test_a_runners_finished_task_gives_the_memory_back_once_idle(qtbot, monkeypatch):
    given = []
    monkeypatch.setattr(allocator, "give_back", lambda: given.append(threading.current_thread().name))
    runner = workers.TaskRunner("probe")
    workers._relay().idle._timer.setInterval(50)
    try:
        with qtbot.waitSignal(runner.succeeded, timeout=5000):
            runner.start(lambda reporter: 42)
        assert given == []
        qtbot.waitUntil(lambda: len(given) == 1, timeout=2000)
        assert given == [threading.main_thread().name]          # on the GUI thread, after the task's end
    finally:
        workers._relay().idle._timer.setInterval(allocator.IDLE_GIVE_BACK_MS)
