"""Every shared dataset reads with the right format, delimiter, encoding, header and shape."""

from __future__ import annotations

import csv
import hashlib

import pytest

from metrics_core.ingest.reader import list_sheets, read_preview, read_table

# (relative path, format, delimiter, rows, columns, first three column names)
DATASETS = [
    ("tickets_kaggle_support/customer_support_tickets.csv", "csv", ",", 8469, 17,
     ["Ticket ID", "Customer Name", "Customer Email"]),
    ("incidents_servicenow_uci/incident_event_log.csv", "csv", ",", 5998, 36,
     ["number", "incident_state", "active"]),
    ("complaints_comcast/Comcast_telecom_complaints_data.csv", "csv", ",", 2224, 11,
     ["Ticket #", "Customer Complaint", "Date"]),
    ("calls_acd_daily/Call Center Data.csv", "csv", ";", 1251, 9,
     ["Index", "Incoming Calls", "Answered Calls"]),
    ("survey_hcahps_cms/state_results.csv", "csv", ",", 4580, 6,
     ["Release Period", "State", "Measure ID"]),
    ("survey_hcahps_cms/responses.csv", "csv", ",", 43219, 5,
     ["Release Period", "State", "Facility ID"]),
    ("survey_hcahps_cms/questions.csv", "csv", ",", 19, 6,
     ["Question Num", "Measure ID", "Question"]),
    ("survey_nps_responses/NPS_timeseries_data.csv", "csv", ",", 5000, 7,
     ["ID", "Market", "Survey date"]),
    ("churn_telco_ibm/Telco-Customer-Churn.csv", "csv", ",", 7043, 21,
     ["customerID", "gender", "SeniorCitizen"]),
    ("orders_cdnow/CDNOW_master.txt", "txt", "whitespace", 69659, 4,
     ["customer_id", "date", "number_of_cds"]),
]

WORKBOOKS = [
    ("calls_pwc_callcenter/01 Call-Center-Dataset.xlsx", "Sheet1", ["Sheet1"], 5000, 10,
     ["Call Id", "Agent", "Date"]),
    ("orders_online_retail_uci/Online Retail.xlsx", "Sheet1", ["Sheet1"], 40000, 8,
     ["InvoiceNo", "StockCode", "Description"]),
    ("survey_nps_responses/NPS Project.xlsx", "NPS_timeseries_data",
     ["NPS_timeseries_data", "Pie Chart", "Slicers and Timeline", "Chart", "NPS", "Dashboard"], 5000, 12,
     ["ID", "Market", "Customer Name"]),
]


def _fingerprint(path):
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.mark.parametrize("rel, fmt, delimiter, rows, n_cols, first_names", DATASETS)
def test_text_dataset_shape(datasets_dir, rel, fmt, delimiter, rows, n_cols, first_names):
    path = datasets_dir / rel
    before = _fingerprint(path)
    table = read_table(path)
    assert _fingerprint(path) == before
    assert table.file_format == fmt
    assert table.delimiter == delimiter
    assert table.encoding == "utf-8"
    assert table.header_rows == [0]
    assert table.first_data_row == 2
    assert table.frame.shape == (rows, n_cols)
    assert table.raw.shape == (rows, n_cols)
    assert len(table.row_numbers) == rows and len(table.columns) == n_cols
    assert list(table.frame.columns[:3]) == first_names
    assert [c.name for c in table.columns] == list(table.frame.columns)


def test_text_dataset_headers_match_csv_module(datasets_dir):
    path = datasets_dir / "churn_telco_ibm" / "Telco-Customer-Churn.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        expected = next(csv.reader(handle))
    table = read_table(path)
    assert list(table.frame.columns) == expected
    assert [c.header for c in table.columns] == expected


@pytest.mark.parametrize("rel, sheet, sheets, rows, n_cols, first_names", WORKBOOKS)
def test_workbook_dataset_shape(datasets_dir, rel, sheet, sheets, rows, n_cols, first_names):
    path = datasets_dir / rel
    before = _fingerprint(path)
    table = read_table(path)
    assert _fingerprint(path) == before
    assert table.file_format == "xlsx"
    assert table.sheet == sheet
    assert table.sheets == sheets
    assert list_sheets(path) == sheets
    assert table.encoding is None and table.delimiter is None
    assert table.frame.shape == (rows, n_cols)
    assert list(table.frame.columns[:3]) == first_names
    assert list(table.row_numbers[:3]) == [2, 3, 4]
    assert table.row_numbers[-1] == rows + 1


def test_nps_workbook_drops_stray_notes_beside_the_table(datasets_dir):
    table = read_table(datasets_dir / "survey_nps_responses" / "NPS Project.xlsx")
    assert list(table.frame.columns) == [
        "ID", "Market", "Customer Name", "Month", "Quarter", "Recommandation Score", "NPS Type",
        "Month_name", "Survey Day", "Survey Month", "Survey Year", "Date"]
    assert any("N, O" in note and "Start Date" in note for note in table.notes)
    # the formula cells were read through their cached values
    assert table.raw["NPS Type"].iloc[0] == "Promoter"
    assert table.raw["Month_name"].iloc[0] == "Sep"


def test_nps_workbook_pivot_sheet_header_at_row_three(datasets_dir):
    table = read_table(datasets_dir / "survey_nps_responses" / "NPS Project.xlsx", _opts(sheet="NPS"))
    assert table.sheet == "NPS"
    assert table.header_rows == [2]
    assert list(table.frame.columns[:2]) == ["Row Labels", "Count of NPS Type"]
    assert table.raw["Row Labels"].iloc[0] == "Detractor"


def test_workbook_raw_text_of_native_cells(datasets_dir):
    table = read_table(datasets_dir / "calls_pwc_callcenter" / "01 Call-Center-Dataset.xlsx")
    first = table.raw.iloc[0]
    assert first["Call Id"] == "ID0001"
    assert first["Date"] == "2021-01-01"
    assert first["Time"] == "09:12:58"
    assert first["Speed of answer in seconds"] == "109"
    assert first["AvgTalkDuration"] == "00:02:23"
    # 946 abandoned calls have blank KPI cells: None in raw, not zeros
    assert int(table.raw["Satisfaction rating"].isna().sum()) == 946


def test_tickets_row_numbers_follow_multiline_records(datasets_dir):
    path = datasets_dir / "tickets_kaggle_support" / "customer_support_tickets.csv"
    data = path.read_bytes()
    assert data.count(b"\n") == 29808
    expected = []
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        lines_read = reader.line_num
        for _row in reader:
            expected.append(lines_read + 1)
            lines_read = reader.line_num
    table = read_table(path)
    assert list(table.row_numbers) == expected
    # spot check one record against a plain newline count before its "Ticket ID" start
    ticket = 5000
    row = table.frame.index[table.raw["Ticket ID"] == str(ticket)][0]
    start = data.index(f"\n{ticket},".encode()) + 1
    assert table.row_numbers[row] == data.count(b"\n", 0, start) + 1
    assert "\n" in table.raw["Ticket Description"].iloc[0]


def test_cdnow_keeps_zero_padded_ids_in_raw(datasets_dir):
    table = read_table(datasets_dir / "orders_cdnow" / "CDNOW_master.txt")
    assert table.raw["customer_id"].iloc[0] == "00001"
    assert table.raw["dollar_value"].iloc[0] == "11.77"
    assert table.row_numbers[0] == 2 and table.row_numbers[-1] == 69660


def test_telco_single_space_cell_kept_in_raw(datasets_dir):
    table = read_table(datasets_dir / "churn_telco_ibm" / "Telco-Customer-Churn.csv")
    assert int((table.raw["TotalCharges"] == " ").sum()) == 11


def test_preview_reads_only_the_first_rows(datasets_dir):
    path = datasets_dir / "tickets_kaggle_support" / "customer_support_tickets.csv"
    preview = read_preview(path, max_rows=50)
    full_columns = read_table(path).frame.columns
    assert len(preview.frame) == 50
    assert list(preview.frame.columns) == list(full_columns)
    assert preview.delimiter == "," and preview.encoding == "utf-8"
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        starts = []
        for _ in range(50):
            starts.append(reader.line_num + 1)
            next(reader)
    assert list(preview.row_numbers) == starts


def test_preview_of_workbook(datasets_dir):
    preview = read_preview(datasets_dir / "orders_online_retail_uci" / "Online Retail.xlsx", max_rows=20)
    assert len(preview.frame) == 20
    assert preview.sheet == "Sheet1"
    assert list(preview.row_numbers) == list(range(2, 22))


def _opts(**kwargs):
    from metrics_core.ingest.model import ReadOptions
    return ReadOptions(**kwargs)
