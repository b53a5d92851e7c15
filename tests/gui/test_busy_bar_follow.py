"""The window's busy bar (issue 15): shown only once the work has lasted a moment, so a re-filter that ends sooner
neither shows it nor moves the layout; work right after work it showed (the values after the files are read)
shows it at once; the bar goes as soon as the work ends.

The moments are the test's (:class:`_Clock`: the bar's timer and its ``time.monotonic``), not the wall's: on a
loaded machine the five short waits of "short work" once took longer than :data:`SHOWN_AFTER_MS` between them,
and the bar showed as it should for work that long (s17-soak)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from desktop_app.panels import busy_bar
from desktop_app.panels.busy_bar import SHOWN_AFTER_MS, BusyBar


class _Timer(QObject):
    """What the bar asks of a ``QTimer`` (single shot, an interval, start, stop), fired by :class:`_Clock`."""

    timeout = Signal()

    def __init__(self, clock: "_Clock", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock, self._interval, self._single, self._due = clock, 0, False, None

    def setSingleShot(self, single: bool) -> None:  # noqa: N802
        self._single = single

    def setInterval(self, ms: int) -> None:  # noqa: N802
        self._interval = ms

    def interval(self) -> int:
        return self._interval

    def start(self) -> None:
        self._due = self._clock.ms + self._interval

    def stop(self) -> None:
        self._due = None

    def isActive(self) -> bool:  # noqa: N802
        return self._due is not None

    def _tick(self) -> None:
        if self._due is not None and self._clock.ms >= self._due:
            self._due = None if self._single else self._clock.ms + self._interval
            self.timeout.emit()


class _Clock:
    """The bar's time, moved on by :meth:`advance` one millisecond at a time, its timers fired when due."""

    def __init__(self) -> None:
        self.ms = 10_000_000
        self.timers: list[_Timer] = []

    def timer(self, parent: QObject | None = None) -> _Timer:
        made = _Timer(self, parent)
        self.timers.append(made)
        return made

    def monotonic(self) -> float:
        return self.ms / 1000

    def advance(self, ms: int) -> None:
        for _ in range(ms):
            self.ms += 1
            for timer in self.timers:
                timer._tick()
        QApplication.processEvents()


@pytest.fixture
def clock(monkeypatch) -> _Clock:
    made = _Clock()
    monkeypatch.setattr(busy_bar, "QTimer", made.timer)
    monkeypatch.setattr(busy_bar, "time", SimpleNamespace(monotonic=made.monotonic))
    return made


def test_short_work_shows_no_bar(qtbot, clock) -> None:
    bar = BusyBar()
    qtbot.addWidget(bar)
    seen = []
    bar.follow(True, "Computing KPIs")
    for _ in range(5):
        seen.append(bar.isHidden())
        clock.advance(SHOWN_AFTER_MS // 8)
    bar.follow(False)
    clock.advance(SHOWN_AFTER_MS + 100)
    assert all(seen) and bar.isHidden()


def test_work_shows_the_bar_once_it_has_lasted_the_moment_and_at_once_right_after(qtbot, clock) -> None:
    """The clock above moves the bar: work shows it at :data:`SHOWN_AFTER_MS` and not a millisecond before;
    work that starts within that moment of the bar going shows it at once, later work waits again."""
    bar = BusyBar()
    qtbot.addWidget(bar)
    bar.follow(True, "Importing big.csv")
    clock.advance(SHOWN_AFTER_MS - 1)
    assert bar.isHidden()
    clock.advance(1)
    assert not bar.isHidden() and bar._label.text() == "Importing big.csv"
    bar.follow(False)
    clock.advance(SHOWN_AFTER_MS - 1)
    bar.follow(True, "Computing KPIs")
    assert not bar.isHidden()
    bar.follow(False)
    clock.advance(SHOWN_AFTER_MS + 1)
    bar.follow(True, "Computing KPIs")
    assert bar.isHidden()


def test_longer_work_shows_the_bar_with_its_latest_text_and_progress(qtbot) -> None:
    bar = BusyBar()
    qtbot.addWidget(bar)
    bar.follow(True, "Importing big.csv")
    bar.set_progress(0.25, "big.csv: Reading the rows")
    assert bar.isHidden()
    qtbot.waitUntil(lambda: not bar.isHidden(), timeout=5000)
    assert bar.progress() == 0.25 and bar._label.text() == "big.csv: Reading the rows"
    assert (bar._bar.minimum(), bar._bar.maximum()) == (0, 1000)
    bar.follow(False)
    assert bar.isHidden()
    bar.follow(True, "Computing KPIs")          # right after work the bar showed: at once
    assert not bar.isHidden() and bar._label.text() == "Computing KPIs"
    bar.follow(False)
    assert bar.isHidden()
