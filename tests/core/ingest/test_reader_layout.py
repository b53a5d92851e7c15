"""Delimiters, title rows, multi-row headers, duplicate names, header-less files, empties."""

from __future__ import annotations

import pytest

from metrics_core.errors import OperationCancelled
from metrics_core.ingest.model import ReadOptions
from metrics_core.ingest.reader import read_table
from metrics_core.progress import Reporter

ROWS = [["T-1", "2024-03-01 09:00", "Open", "4"], ["T-2", "2024-03-02 10:30", "Closed", "5"],
        ["T-3", "2024-03-03 11:45", "Pending", "3"]]
HEADER = ["Ticket", "Created", "Status", "CSAT"]


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("delimiter, name", [(",", "t.csv"), (";", "t.csv"), ("\t", "t.tsv"), ("|", "t.txt")])
def test_each_delimiter(tmp_path, delimiter, name):
    text = "\n".join(delimiter.join(row) for row in [HEADER] + ROWS) + "\n"
    table = read_table(_write(tmp_path, name, text))
    assert table.delimiter == delimiter
    assert list(table.frame.columns) == HEADER
    assert table.raw["Status"].tolist() == ["Open", "Closed", "Pending"]
    assert table.file_format == name.split(".")[1]


def test_whitespace_aligned_columns(tmp_path):
    text = " id     date      qty   value\r\n 00001  19970101  1     11.77\r\n 00002  19970112  12    7.00\r\n"
    table = read_table(_write(tmp_path, "orders.txt", text))
    assert table.delimiter == "whitespace"
    assert list(table.frame.columns) == ["id", "date", "qty", "value"]
    assert table.raw["id"].tolist() == ["00001", "00002"]
    assert table.raw["value"].tolist() == ["11.77", "7.00"]


def test_semicolon_with_decimal_comma_is_passed_on(tmp_path):
    text = "Agent;Handle Time (Hours);Calls\nAna;0,5;12\nBo;1,25;7\nCe;2,0;3\n"
    table = read_table(_write(tmp_path, "itil.csv", text))
    assert table.delimiter == ";"
    assert table.decimal == ","
    assert table.frame["Calls"].tolist() == [12, 7, 3]
    assert table.profile("Handle Time (Hours)").col_type in ("duration", "number")


def test_quoted_delimiters_and_newlines(tmp_path):
    text = 'id,comment,score\n1,"late, very late",2\n2,"line one\nline two\nline three",5\n3,"""quoted""",4\n'
    table = read_table(_write(tmp_path, "q.csv", text))
    assert table.raw["comment"].tolist() == ["late, very late", "line one\nline two\nline three", '"quoted"']
    assert table.row_numbers.tolist() == [2, 3, 6]


def test_title_rows_above_header(tmp_path):
    text = "Report for March\n\n" + "\n".join(",".join(r) for r in [HEADER] + ROWS) + "\n"
    table = read_table(_write(tmp_path, "report.csv", text))
    assert list(table.frame.columns) == HEADER
    assert table.header_rows == [2]
    assert table.first_data_row == 4
    assert table.row_numbers.tolist() == [4, 5, 6]
    assert any("above the table" in note for note in table.notes)


def test_title_rows_exported_from_excel_with_trailing_commas(tmp_path):
    text = "Report for March,,,\nExported,2024-04-01,,\n,,,\n" + "\n".join(",".join(r) for r in [HEADER] + ROWS)
    table = read_table(_write(tmp_path, "report.csv", text))
    assert list(table.frame.columns) == HEADER
    assert table.first_data_row == 5
    assert len(table.frame) == 3


def test_surveymonkey_two_header_rows(tmp_path):
    text = (
        "Respondent ID,Collector ID,Start Date,How satisfied were you?,Rate our service,,,Comments\n"
        ",,,Response,Speed,Friendliness,Price,Open-Ended Response\n"
        "1001,77,03/01/2024 09:00,Very satisfied,5,4,3,Great\n"
        "1002,77,03/02/2024 10:00,Satisfied,4,4,2,\n")
    table = read_table(_write(tmp_path, "sm.csv", text))
    assert table.header_rows == [0, 1]
    assert table.first_data_row == 3
    assert list(table.frame.columns) == [
        "Respondent ID", "Collector ID", "Start Date", "How satisfied were you?",
        "Rate our service - Speed", "Rate our service - Friendliness", "Rate our service - Price", "Comments"]
    assert table.raw["Rate our service - Price"].tolist() == ["3", "2"]
    assert table.row_numbers.tolist() == [3, 4]


def test_qualtrics_three_header_rows(tmp_path):
    text = (
        'StartDate,EndDate,Duration (in seconds),Q1,Q2_1\n'
        '"Start Date","End Date","Duration (in seconds)","How likely are you to recommend us?","Ease - Ordering"\n'
        '"{""ImportId"":""startDate"",""timeZone"":""UTC""}","{""ImportId"":""endDate""}",'
        '"{""ImportId"":""duration""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2_1""}"\n'
        '2024-03-01 09:00:00,2024-03-01 09:05:00,300,9,4\n'
        '2024-03-02 10:00:00,2024-03-02 10:02:00,120,6,5\n')
    table = read_table(_write(tmp_path, "qualtrics.csv", text))
    assert table.header_rows == [0, 1, 2]
    assert list(table.frame.columns) == [
        "StartDate", "EndDate", "Duration (in seconds)", "Q1 - How likely are you to recommend us?",
        "Q2_1 - Ease - Ordering"]
    assert table.raw["Q1 - How likely are you to recommend us?"].tolist() == ["9", "6"]
    assert table.first_data_row == 4


def test_duplicate_and_missing_header_names(tmp_path):
    text = "Summary,Comment,Comment,comment,,Status\nA,c1,c2,c3,x,Open\nB,d1,,d3,y,Done\n"
    table = read_table(_write(tmp_path, "jira.csv", text))
    assert list(table.frame.columns) == ["Summary", "Comment", "Comment (2)", "comment (3)", "Column 5", "Status"]
    assert table.raw["Comment (2)"].tolist() == ["c2", None]
    assert table.profile("Comment (2)").header == "Comment"
    assert any("made unique" in note for note in table.notes)


def test_asterisk_master_csv_without_header(tmp_path):
    rows = [
        '"","1001","1002","default","""Alice"" <1001>","SIP/1001-00000001","SIP/1002-00000002","Dial",'
        '"SIP/1002,30,tT","2024-01-05 10:00:00","2024-01-05 10:00:05","2024-01-05 10:03:05",185,180,'
        '"ANSWERED","DOCUMENTATION","1704448800.1"',
        '"","1003","1002","default","""Bob"" <1003>","SIP/1003-00000003","","Dial","SIP/1002,30,tT",'
        '"2024-01-05 11:00:00","","2024-01-05 11:00:30",30,0,"NO ANSWER","DOCUMENTATION","1704452400.2"',
    ]
    table = read_table(_write(tmp_path, "Master.csv", "\n".join(rows) + "\n"))
    assert table.header_rows == []
    assert table.first_data_row == 1
    assert len(table.frame) == 2
    assert list(table.frame.columns) == [f"Column {i}" for i in range(1, 18)]
    assert table.raw["Column 10"].tolist() == ["2024-01-05 10:00:00", "2024-01-05 11:00:00"]
    assert table.raw["Column 15"].tolist() == ["ANSWERED", "NO ANSWER"]
    assert any("No header row found" in note for note in table.notes)


def test_3cx_cdr_log_without_header(tmp_path):
    text = ("Call 1,00:03:05,2024/01/05 10:00:00,2024/01/05 10:00:05,2024/01/05 10:03:05,src_participant_terminated,101,102\n"
            "Call 2,00:00:30,2024/01/05 11:00:00,,2024/01/05 11:00:30,dst_participant_terminated,103,102\n")
    table = read_table(_write(tmp_path, "cdr.log", text))
    assert table.header_rows == []
    assert table.file_format == "txt"
    assert table.raw["Column 2"].tolist() == ["00:03:05", "00:00:30"]
    assert table.row_numbers.tolist() == [1, 2]


def test_trailing_empty_rows_and_columns(tmp_path):
    text = "a,b,c,,\n1,2,3,,\n4,5,6,,\n,,,,\n\n,,,,\n"
    table = read_table(_write(tmp_path, "trail.csv", text))
    assert list(table.frame.columns) == ["a", "b", "c"]
    assert len(table.frame) == 2
    assert table.row_numbers.tolist() == [2, 3]
    assert any("empty row" in note for note in table.notes)
    assert any("empty column" in note for note in table.notes)


def test_blank_lines_between_rows_keep_source_line_numbers(tmp_path):
    text = "a,b\r\n1,2\r\n\r\n3,4\r\n   \r\n5,6"
    table = read_table(_write(tmp_path, "gaps.csv", text))
    assert table.raw["a"].tolist() == ["1", "3", "5"]
    assert table.row_numbers.tolist() == [2, 4, 6]


def test_options_override_detection(tmp_path):
    text = "x;y\n1,5;2\n3,5;4\n"
    path = _write(tmp_path, "o.csv", text)
    table = read_table(path, ReadOptions(delimiter=",", header_row=-1))
    assert table.delimiter == ","
    assert table.header_rows == []
    assert table.raw["Column 1"].tolist() == ["x;y", "1", "3"]
    forced = read_table(path, ReadOptions(header_row=1, column_types={"1,5": "text"}))
    assert forced.header_rows == [1]
    assert list(forced.frame.columns) == ["1,5", "2"]
    assert forced.profile("1,5").col_type == "text"


def test_header_rows_option(tmp_path):
    text = "Group,,\nName,Score,Note\nAna,5,ok\n"
    table = read_table(_write(tmp_path, "h.csv", text), ReadOptions(header_rows=2))
    assert table.header_rows == [0, 1]
    assert list(table.frame.columns) == ["Group - Name", "Group - Score", "Group - Note"]


def test_progress_is_reported_and_cancel_stops(tmp_path):
    path = _write(tmp_path, "p.csv", "\n".join(",".join(r) for r in [HEADER] + ROWS))
    seen = []
    read_table(path, reporter=Reporter(lambda f, t: seen.append((f, t))))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("column 4 of 4" in t for _, t in seen)
    with pytest.raises(OperationCancelled):
        read_table(path, reporter=Reporter(cancelled=lambda: True))


def test_excel_sep_hint_line(tmp_path):
    text = "sep=;\r\nAgent;Calls;Handle time\r\nAna;12;0,5\r\nBo;7;1,25\r\n"
    table = read_table(_write(tmp_path, "excel.csv", text))
    assert table.delimiter == ";"
    assert list(table.frame.columns) == ["Agent", "Calls", "Handle time"]
    assert table.header_rows == [1]
    assert table.row_numbers.tolist() == [3, 4]
    assert any("sep=;" in note for note in table.notes)


def test_note_rows_below_the_table_are_left_out(tmp_path):
    text = "\n".join(",".join(r) for r in [HEADER] + ROWS) + '\n,,,\n"Source: helpdesk export, generated 01.04.2026",,,\n'
    table = read_table(_write(tmp_path, "footer.csv", text))
    assert len(table.frame) == 3
    assert table.raw["Ticket"].tolist() == ["T-1", "T-2", "T-3"]
    assert any("below the table" in note and "Source: helpdesk" in note for note in table.notes)


def test_stray_quote_inside_a_field_keeps_exact_line_numbers(tmp_path):
    text = 'id,name,size\n1,TV 55" screen,big\n\n2,Radio,small\n3,"Quoted, fine\nover two lines",x\n4,Lamp,tiny\n'
    table = read_table(_write(tmp_path, "inches.csv", text))
    assert table.raw["name"].tolist() == ['TV 55" screen', "Radio", "Quoted, fine\nover two lines", "Lamp"]
    assert table.row_numbers.tolist() == [2, 4, 5, 7]
    assert not any("approximate" in note for note in table.notes)
