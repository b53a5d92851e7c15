"""The window's process keeps glibc's malloc arenas to two (desktop_app/allocator.py): worker threads that
allocate at once share them instead of each getting its own. Counted with ``malloc_info`` in a fresh
interpreter (so earlier tests' threads do not count), with and without the limit. About 3 s on a quiet
machine (over the 2 s guide): two fresh interpreters, one starting the app's QApplication as the app does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = r"""
import ctypes, os, sys, tempfile, threading
sys.path.insert(0, os.getcwd())
if sys.argv[1] == "limited":
    from desktop_app.__main__ import create_app
    create_app()
libc = ctypes.CDLL("libc.so.6")
barrier = threading.Barrier(8)
kept = []

def work():
    barrier.wait()
    for _ in range(200):                       # each thread allocates while the others do
        kept.append(bytearray(4096))
    barrier.wait()

threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
path = tempfile.mktemp()
libc.fopen.restype = ctypes.c_void_p
fp = libc.fopen(path.encode(), b"w")
libc.malloc_info(0, ctypes.c_void_p(fp))
libc.fclose(ctypes.c_void_p(fp))
print(open(path).read().count("<heap nr="))
os.unlink(path)
"""


def _arenas(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2], env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's arenas")
def test_the_app_keeps_malloc_arenas_to_two() -> None:
    from desktop_app.allocator import ARENAS

    assert _arenas("plain") > ARENAS            # (the probe does make threads take arenas of their own)
    assert _arenas("limited") <= ARENAS
