"""Soak: a randomised session in the real window (see :mod:`tests.gui.soak`) with zero Python
exceptions, zero unexpected errors, zero warnings printed (Python's or Qt's), no top-level window left
open and memory growth under 10 % (resident memory once garbage is collected and every file closed, after
a warm-up that did every action once, vs the end; see :mod:`tests.gui.soak`).

``KPIDESK_SOAK_SECONDS`` sets how long (60 s by default; CI runs 600 s with ``-m soak``);
``KPIDESK_SOAK_SEED`` repeats a session. The one-hour run is ``bench/soak_gui.py``.
"""

from __future__ import annotations

import os
import random

import pytest

from metrics_core.resources import demo_dir

from .soak import OFFSCREEN_ONLY_MESSAGE, SoakReport, _watch_warnings, memory_parts, rss_bytes, run_soak

SECONDS = float(os.environ.get("KPIDESK_SOAK_SECONDS", "60"))


@pytest.mark.soak
def test_a_random_session_has_no_exceptions_and_no_leaked_windows(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("KPIDESK_STATE_DIR", str(tmp_path / "state"))
    seed = int(os.environ.get("KPIDESK_SOAK_SEED", random.randrange(1_000_000)))
    good = sorted(p for p in demo_dir().glob("*") if p.suffix.lower() in {".csv", ".xlsx"})
    report = run_soak(SECONDS, seed, good)
    print(f"soak (seed {seed}): {report.summary()}")
    assert report.exceptions == [], f"seed {seed}: {report.exceptions[0]}"
    assert report.unexpected_logged == [], f"seed {seed}: {report.unexpected_logged[0]}"
    assert report.leaked_windows == [], f"seed {seed}"
    assert report.warnings == [], f"seed {seed}: {report.warnings[:3]}"
    assert sum(report.actions.values()) >= 5
    assert report.rss_at_end > 0 and report.rss_after_warm_up > 0 and report.rss_closed_at_end > 0
    assert report.growth < 0.10, f"seed {seed}: memory grew {100 * report.growth:+.1f} %"


def test_the_soak_counts_python_and_qt_warnings_but_not_the_offscreen_size_hint_note(qapp, capsys) -> None:
    """A warning printed during a session fails it (numpy's "All-NaN slice" from a chart went unnoticed for
    a session); Qt's note that the offscreen platform cannot pass size hints on is counted apart, unprinted."""
    import warnings

    from PySide6.QtCore import qWarning

    report = SoakReport()
    unwatch = _watch_warnings(report)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.warn("All-NaN slice encountered", RuntimeWarning)
        qWarning("QPainter::begin: Paint device returned engine == 0")
        qWarning(OFFSCREEN_ONLY_MESSAGE)
    finally:
        unwatch()
    assert [w.split(": ", 1)[1] for w in report.warnings] == [
        "RuntimeWarning: All-NaN slice encountered", "QPainter::begin: Paint device returned engine == 0"]
    assert report.qt_offscreen_notes == 1
    assert OFFSCREEN_ONLY_MESSAGE not in capsys.readouterr().err
    qWarning("after")                              # the handlers before the session are back
    assert len(report.warnings) == 2


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="Linux /proc only")
def test_the_soaks_memory_parts_add_up_to_the_resident_memory_it_judges() -> None:
    """The parts the soak prints its growth in (session 21): file-backed and anonymous pages make up the RSS it
    judges, and malloc's handed-out bytes follow what is allocated and freed."""
    import numpy as np

    parts, rss = memory_parts(), rss_bytes()
    assert abs(parts["file-backed"] + parts["anonymous"] - rss) < 4 * 2**20
    if "malloc in use" in parts:
        block = np.ones(8 * 2**20 // 8)                  # 8 MiB from malloc, touched
        grown = memory_parts()["malloc in use"] - parts["malloc in use"]
        del block
        assert 8 * 2**20 <= grown < 10 * 2**20
    report = SoakReport(parts_closed_after_warm_up={"anonymous": 10**6, "file-backed": 0},
                        parts_closed_at_end={"anonymous": 3 * 10**6, "file-backed": 5 * 10**5})
    assert report.growth_parts() == "anonymous +2.0, file-backed +0.5"
