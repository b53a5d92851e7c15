"""The window's busy bar (issue 15): shown only once the work has lasted a moment, so a re-filter that ends sooner
neither shows it nor moves the layout; work right after work it showed (the values after the files are read)
shows it at once; the bar goes as soon as the work ends."""

from __future__ import annotations

from desktop_app.panels.busy_bar import SHOWN_AFTER_MS, BusyBar


def test_short_work_shows_no_bar(qtbot) -> None:
    bar = BusyBar()
    qtbot.addWidget(bar)
    seen = []
    bar.follow(True, "Computing KPIs")
    for _ in range(5):
        seen.append(bar.isHidden())
        qtbot.wait(SHOWN_AFTER_MS // 8)
    bar.follow(False)
    qtbot.wait(SHOWN_AFTER_MS + 100)
    assert all(seen) and bar.isHidden()


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
