"""The message strip is thin: at most two lines (two while it was in the layout above the dashboard, three while it
lay over the work area's corner, s17-gui; two again in its row under the work area, as wide as the window, s18-gui),
the newest message first, every message whole in its tooltip. Four stacked messages (or one in its roomy frame) took
the third row of cards on a 1280 x 720 laptop (s7-shots 38: 1.8 rows, s9-layout v1/1280x720-en/54_error_unreadable_file:
2.5 rows)."""

from __future__ import annotations

from desktop_app.panels.message_bar import MessageBar

DAMAGED = ("“{}” is damaged and cannot be opened (this happens after an interrupted download or copy). Download or "
           "copy it again, or open it in Excel and save a copy.")


def test_messages_take_at_most_two_lines_newest_first(qtbot) -> None:
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.resize(520, 40)
    for name in ("a.xlsx", "b.xlsx", "c.xlsx"):
        bar.show_message(DAMAGED.format(name))
    qtbot.waitExposed(bar)
    qtbot.wait(20)
    line = bar.fontMetrics().lineSpacing()
    assert bar.heightForWidth(520) <= 2 * line + 8, f"{bar.heightForWidth(520)} px for lines of {line} px"
    label = bar._label
    assert label.text().startswith("“c.xlsx”")            # the newest first
    assert all(DAMAGED.format(name) in label.toolTip() for name in ("a.xlsx", "b.xlsx", "c.xlsx"))
    assert bar.text().splitlines()[0] == DAMAGED.format("a.xlsx")


def test_one_short_message_takes_one_thin_line(qtbot) -> None:
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.resize(900, 40)
    bar.show_message("gone.csv no longer exists.", "warning")
    qtbot.waitExposed(bar)
    qtbot.wait(20)
    assert bar.heightForWidth(900) <= bar.fontMetrics().lineSpacing() + 8
    assert bar._label.text() == "gone.csv no longer exists." and bar._label.toolTip() == ""
