"""Business hours set from the command line (issue 10, item 1).

Two tickets, worked by hand:
- T1 created Friday 2024-03-01 17:00, first response Monday 2024-03-04 11:00;
- T2 created Monday 2024-03-04 09:00, first response the same day 12:00.
Calendar time: 66 h and 3 h (mean 34.5 h = 124,200 s).
Open Monday–Friday 10:00–18:00: T1 = Fri 17–18 (1 h) + Mon 10–11 (1 h) = 2 h, T2 = Mon 10–12 = 2 h,
mean 2 h = 7,200 s. With Monday 2024-03-04 a holiday: T1 = 1 h, T2 = 0 h, mean 1,800 s.
"""

from __future__ import annotations

import json

import pytest

from metrics_core.cli import main
from metrics_core.errors import ParameterError
from metrics_core.metrics.business_hours import BusinessCalendar, calendar_setting, parse_hours

TICKETS = ("Ticket ID,Created at,First response at\n"
           "T1,2024-03-01 17:00,2024-03-04 11:00\n"
           "T2,2024-03-04 09:00,2024-03-04 12:00\n")


@pytest.fixture
def tickets(tmp_path):
    path = tmp_path / "tickets.csv"
    path.write_text(TICKETS, encoding="utf-8")
    return path


def _first_response(capsys, path, *params):
    argv = ["compute", str(path), "--json"]
    for p in params:
        argv += ["--param", p]
    code = main(argv)
    out = capsys.readouterr()
    assert code == 0, out.err
    metrics = {m["id"]: m for m in json.loads(out.out)["metrics"]}
    return metrics["first_response_time"]


def test_without_a_calendar_durations_are_calendar_time(capsys, tickets):
    assert _first_response(capsys, tickets)["value"] == pytest.approx((66 + 3) / 2 * 3600)


def test_calendar_as_json_on_the_command_line(capsys, tickets):
    cal = '{"weekdays":[0,1,2,3,4],"opens":"10:00","closes":"18:00"}'
    assert _first_response(capsys, tickets, f"global.calendar={cal}")["value"] == pytest.approx(7200)


def test_simple_hours_syntax(capsys, tickets):
    assert _first_response(capsys, tickets, "global.hours=Mon-Fri 10:00-18:00")["value"] == pytest.approx(7200)


def test_simple_hours_with_holidays(capsys, tickets):
    row = _first_response(capsys, tickets, "global.hours=Mon-Fri 10:00-18:00", "global.holidays=2024-03-04")
    assert row["value"] == pytest.approx(1800)


def test_holidays_added_to_a_json_calendar(capsys, tickets):
    cal = '{"weekdays":[0,1,2,3,4],"opens":"10:00","closes":"18:00"}'
    row = _first_response(capsys, tickets, f"global.calendar={cal}", "global.holidays=2024-12-24, 2024-03-04")
    assert row["value"] == pytest.approx(1800)


@pytest.mark.parametrize("param,needle", [
    ("global.calendar={weekdays:[0]}", "global.calendar is not valid JSON"),
    ('global.calendar=["Mon"]', "global.calendar must be a JSON object"),
    ('global.calendar={"weekdays":[0],"open":"10:00"}', "“open” is not a calendar setting"),
    ("global.hours=Mon-Fri", "is not business hours like"),
    ("global.hours=Mon-Fry 10:00-18:00", "“Fry” is not a weekday"),
    ("global.hours=Mon-Fri 18:00-10:00", "closing time 10:00 must be later than the opening time 18:00"),
    ("global.hours=Mon-Fri 10:00-25:00", "not a clock time"),
    ("global.holidays=2024-13-01", "“2024-13-01” in global.holidays is not a date"),
])
def test_malformed_calendar_settings_say_what_is_wrong(capsys, tickets, param, needle):
    code = main(["compute", str(tickets), "--param", "global.hours=Mon-Fri 10:00-18:00", "--param", param])
    err = capsys.readouterr().err
    assert code == 2
    assert needle in err and "Traceback" not in err and err.count("\n") == 1


def test_holidays_alone_are_refused(capsys, tickets):
    code = main(["compute", str(tickets), "--param", "global.holidays=2024-03-04"])
    err = capsys.readouterr().err
    assert code == 2 and "global.hours" in err


@pytest.mark.parametrize("text,weekdays,opens,closes", [
    ("Mon-Fri 10:00-18:00", {0, 1, 2, 3, 4}, "10:00", "18:00"),
    ("mon-sat 8:30-16:00", {0, 1, 2, 3, 4, 5}, "8:30", "16:00"),
    ("Mon,Wed,Fri 09:00-17:00", {0, 2, 4}, "09:00", "17:00"),
    ("Sat-Mon 00:00-24:00", {5, 6, 0}, "00:00", "24:00"),
    ("Monday-Thursday 07:00–15:00", {0, 1, 2, 3}, "07:00", "15:00"),
])
def test_parse_hours(text, weekdays, opens, closes):
    cal = parse_hours(text)
    assert (set(cal["weekdays"]), cal["opens"], cal["closes"]) == (weekdays, opens, closes)


def test_calendar_setting_keeps_what_the_window_sends():
    cal = BusinessCalendar(opens="10:00", closes="18:00")
    assert calendar_setting({"calendar": cal}) is cal
    made = calendar_setting({"calendar": {"weekdays": [0, 1], "opens": "09:00", "closes": "17:00", "holidays": []}})
    assert made == BusinessCalendar(weekdays=[0, 1], opens="09:00", closes="17:00")
    assert calendar_setting({}) is None
    with pytest.raises(ParameterError, match="not a calendar"):
        calendar_setting({"calendar": 42})
