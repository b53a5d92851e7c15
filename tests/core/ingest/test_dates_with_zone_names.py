"""Time stamps that end in a time zone's name, as Google Forms (through Google Sheets) and other
tools write them: each value keeps the clock time it was written with, and the file is read as
dates, not text (EXPORT_FORMATS.md, fact 12)."""

import pytest

from metrics_core.atomic import write_text_atomic
from metrics_core.ingest.reader import read_table


def _read(tmp_path, header, values):
    path = tmp_path / "form responses.csv"
    rows = "\n".join(f"{v},{i % 11},Answer {i}" for i, v in enumerate(values))
    write_text_atomic(path, f"{header},How likely are you to recommend us?,What can we do better?\n{rows}\n")
    table = read_table(path)
    column = table.columns[0]
    assert column.col_type == "datetime", (column.col_type, values)
    return [str(v) for v in table.frame[column.name]], table


@pytest.mark.parametrize("values, expected", [
    # Google Forms, English (United States) sheet, Central European account: 12-hour clock and GMT+n
    (["2021/03/04 10:15:00 AM GMT+1", "2021/03/04 2:07:31 PM GMT+1", "2021/07/05 9:00:12 AM GMT+2"],
     ["2021-03-04 10:15:00", "2021-03-04 14:07:31", "2021-07-05 09:00:12"]),
    # Central European names, winter and summer (Slovenia, Sweden, Serbia)
    (["2021-03-04 10:15:00 CET", "2021-07-04 18:40:12 CEST", "2021-12-24 08:05:00 CET"],
     ["2021-03-04 10:15:00", "2021-07-04 18:40:12", "2021-12-24 08:05:00"]),
    # Eastern European names, day-first dates (Romania)
    (["04.03.2021 10:15:00 EET", "25.07.2021 18:40:12 EEST", "13.12.2021 08:05:00 EET"],
     ["2021-03-04 10:15:00", "2021-07-25 18:40:12", "2021-12-13 08:05:00"]),
    # offsets with minutes and behind UTC, and plain UTC/GMT
    (["2021/03/04 10:15:00 GMT+05:30", "2021/03/05 23:59:59 GMT-5", "2021/03/06 00:00:01 UTC", "2021/03/07 12:00:00 GMT"],
     ["2021-03-04 10:15:00", "2021-03-05 23:59:59", "2021-03-06 00:00:01", "2021-03-07 12:00:00"]),
])
def test_time_stamps_with_zone_names_are_read_with_their_local_time(tmp_path, values, expected):
    parsed, _table = _read(tmp_path, "Timestamp", values)
    assert parsed == expected


def test_a_romanian_form_export_maps_its_zoned_time_stamp_as_the_answer_time(tmp_path):
    from metrics_core.mapping.detect import detect_mapping
    _parsed, table = _read(tmp_path, "Marca de timp", ["04.03.2021 10:15:00 EET", "05.03.2021 11:20:13 EET",
                                                      "06.03.2021 14:05:44 EET"])
    assert detect_mapping(table, kind="surveys").column_for("submitted_at") == table.columns[0].name


def test_words_ending_like_zone_names_are_not_dates(tmp_path):
    path = tmp_path / "teams.csv"
    write_text_atomic(path, "Team,Count\nTeam MET,3\nSupport CET,4\nSales EET,5\n")
    assert read_table(path).columns[0].col_type != "datetime"
