"""Each export preset is recognised from its headers and maps its fields."""

import pandas as pd
import pytest

from metrics_core.mapping.canonical import to_canonical
from metrics_core.mapping.detect import detect_mapping
from metrics_core.mapping.presets import PRESETS, match_preset

from .helpers import make_table


def _table_for(preset, rows=4):
    return make_table({h: [f"{h[:3]}{i}" for i in range(rows)] for h in preset.signature})


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.name)
def test_every_preset_is_recognised_from_its_own_headers(preset):
    t = _table_for(preset)
    m = detect_mapping(t)
    assert m.preset == preset.name
    assert m.kind == preset.kind
    for field, alternatives in preset.fields.items():
        present = [a for a in alternatives if a in preset.signature]
        if present:
            assert m.column_for(field) == present[0], field
            assert m.fields[field].source == "preset"
            assert m.fields[field].confidence >= 0.95


def test_a_few_headers_are_not_enough():
    assert match_preset(["Id", "Status", "Priority"]) is None


def test_zendesk_minutes_and_good_bad_ratings():
    t = make_table({
        "Id": ["1", "2", "3"], "Requester": ["a", "b", "c"], "Assignee": ["Ana", "Bo", "Ana"],
        "Group": ["L1", "L1", "L2"], "Status": ["Solved", "Open", "Closed"], "Via": ["Mail", "Web form", "Mail"],
        "Created at": ["2024-01-01 10:00", "2024-01-02 10:00", "2024-01-03 10:00"],
        "Solved at": ["2024-01-01 12:00", None, "2024-01-04 10:00"],
        "Satisfaction Score": ["Good", "Offered", "Bad"], "Reopens": ["0", "1", "0"], "Replies": ["1", "3", "2"],
        "First reply time in minutes": ["30", "90", "1.5"],
    })
    m = detect_mapping(t)
    assert m.preset == "zendesk" and m.fields["first_response_s"].unit == "min"
    f = to_canonical(t, m)
    assert f["first_response_s"].tolist() == [1800.0, 5400.0, 90.0]
    assert f["csat_score"].tolist()[0] == 5.0 and pd.isna(f["csat_score"].iloc[1]) and f["csat_score"].iloc[2] == 1.0
    assert f["status"].tolist() == ["solved", "open", "closed"]
    assert m.also_kinds == ["surveys"]


def test_zoho_milliseconds():
    t = make_table({
        "Ticket Id": ["1", "2"], "Status (Ticket)": ["Open", "Closed"], "Priority (Ticket)": ["High", "Low"],
        "Ticket Owner": ["9", "9"], "Created Time": ["13/01/2025 16:48", "14/01/2025 09:00"],
        "Ticket Closed Time": [None, "15/01/2025 10:00"], "Channel": ["Email", "Phone"],
        "Resolution Time in Business Hours": [None, "108960000"], "Happiness Rating": ["Okay", "Bad"],
        "Number of Reopen": ["0", "2"],
    })
    m = detect_mapping(t)
    assert m.preset == "zoho"
    f = to_canonical(t, m)
    assert f["resolution_s"].iloc[1] == pytest.approx(108960.0)          # 30.3 hours
    assert f["csat_score"].tolist() == [3.0, 1.0]
    assert f["created_at"].iloc[0] == pd.Timestamp("2025-01-13 16:48")


def test_intercom_time_zone_headers_and_seconds():
    t = make_table({
        "Conversation ID": ["11", "12"],
        "Conversation created at (America/New_York)": ["2024-02-01 08:00:00", "2024-02-01 09:00:00"],
        "Conversation first replied at (America/New_York)": ["2024-02-01 08:05:00", None],
        "Current conversation state": ["closed", "open"], "Channel": ["Chat", "Email"],
        "Teammate currently assigned": ["Eva", "Eva"], "First response time (seconds)": ["300", None],
        "Time to close (seconds)": ["3600", None],
    })
    m = detect_mapping(t)
    assert m.preset == "intercom"
    assert m.column_for("created_at") == "Conversation created at (America/New_York)"
    assert "time zone (america/new_york)" in m.fields["created_at"].evidence
    assert to_canonical(t, m)["first_response_s"].iloc[0] == 300.0


def test_liveagent_status_codes_from_values():
    t = make_table({"Ticket ID": ["1", "2", "3", "4"], "Date created": ["2024-01-01"] * 4, "Status": ["R", "L", "C", "A"]})
    m = detect_mapping(t)
    assert m.value_maps["status"]["R"] == "solved"
    assert to_canonical(t, m)["status"].tolist() == ["solved", "closed", "open", "pending"]


def test_freshdesk_status_numbers_from_values():
    t = make_table({"Ticket ID": ["1", "2", "3", "4"], "Created time": ["2024-01-01"] * 4, "Status": ["2", "3", "4", "5"]})
    m = detect_mapping(t)
    assert to_canonical(t, m)["status"].tolist() == ["open", "pending", "solved", "closed"]


def test_twilio_statuses():
    t = make_table({"Sid": ["CA1", "CA2", "CA3", "CA4"], "Start Time": ["2024-01-01 10:00:00"] * 4,
                    "End Time": ["2024-01-01 10:05:00"] * 4, "From": ["+386", "+40", "+46", "+381"],
                    "To": ["1", "1", "1", "1"], "Status": ["completed", "busy", "no-answer", "canceled"],
                    "Duration": ["300", "0", "0", "0"], "Direction": ["inbound"] * 4})
    m = detect_mapping(t)
    assert m.preset == "twilio" and m.kind == "calls"
    f = to_canonical(t, m)
    assert f["outcome"].tolist() == ["answered", "blocked", "missed", "abandoned"]
    assert f["answered"].tolist() == [True, False, False, False]


def _asterisk_rows():
    base = ["", "1001", "200", "from-internal", '"Ana" <1001>', "SIP/1001-01", "SIP/200-02", "Dial", "SIP/200",
            "2024-05-01 10:00:00", "2024-05-01 10:00:05", "2024-05-01 10:02:05", "125", "120", "ANSWERED",
            "DOCUMENTATION"]
    rows = [list(base) for _ in range(3)]
    rows[1][14], rows[1][10], rows[1][13] = "NO ANSWER", "", "0"
    rows[2][14], rows[2][10], rows[2][13] = "BUSY", "", "0"
    return rows


def test_asterisk_master_csv_without_header():
    rows = _asterisk_rows()
    t = make_table({f"Column {i + 1}": [r[i] or None for r in rows] for i in range(16)}, header=False)
    m = detect_mapping(t)
    assert m.kind == "calls" and m.preset == "Asterisk Master.csv"
    assert m.column_for("outcome") == "Column 15" and m.column_for("started_at") == "Column 10"
    assert m.column_for("caller_id") == "Column 2" and m.column_for("talk_s") == "Column 14"
    f = to_canonical(t, m)
    assert f["outcome"].tolist() == ["answered", "missed", "blocked"]
    assert f["talk_s"].tolist() == [120.0, 0.0, 0.0]


def test_3cx_cdr_without_header():
    row = ["7", "00000C5F1", "00:02:03", "2024-05-01 10:00:00", "2024-05-01 10:00:07", "2024-05-01 10:02:10",
           "TerminatedBySrc", "+38640111222", "101"]
    rows = [row, [*row[:4], "", row[5], "TerminatedBySrc", *row[7:]]]
    rows[1][1] = "00000C5F2"
    t = make_table({f"Column {i + 1}": [r[i] or None for r in rows] for i in range(9)}, header=False)
    m = detect_mapping(t)
    assert m.kind == "calls" and m.preset == "3CX CDR"
    assert m.column_for("call_id") == "Column 2" and m.column_for("answered_at") == "Column 5"
    f = to_canonical(t, m)
    assert f["talk_s"].tolist() == [123.0, 123.0]
    assert f["answered"].tolist() == [True, False]           # from the answer time


def test_shopify_line_items_collapse_to_orders():
    t = make_table({
        "Name": ["#1001", "#1001", "#1002"], "Email": ["a@x.si", None, "b@x.ro"],
        "Financial Status": ["paid", None, "paid"], "Paid at": ["2024-01-01 10:00:00", None, "2024-01-02 11:00:00"],
        "Fulfillment Status": ["fulfilled", None, "unfulfilled"], "Currency": ["EUR", None, "EUR"],
        "Subtotal": ["30", None, "5"], "Total": ["35", None, "7.5"],
        "Created at": ["2024-01-01 09:59:00", "2024-01-01 09:59:00", "2024-01-02 10:30:00"],
        "Lineitem quantity": ["1", "2", "1"], "Lineitem name": ["Mug", "Tea", "Card"],
        "Lineitem price": ["10", "10", "5"], "Billing Country": ["SI", None, "RO"],
    })
    m = detect_mapping(t)
    assert m.preset == "shopify" and m.kind == "orders"
    f = to_canonical(t, m)
    assert f["order_id"].tolist() == ["#1001", "#1002"]
    assert f["amount"].tolist() == [35.0, 7.5]
    assert f["quantity"].tolist() == [3.0, 1.0]
    assert f["customer_id"].tolist() == ["a@x.si", "b@x.ro"]
    assert f["_row"].tolist() == [2, 4]


ZENDESK_CSV = """Summation column,Id,Requester,Requester id,Assignee,Group,Subject,Status,Priority,Via,Created at,Solved at,\
Satisfaction Score,Reopens,Replies,First reply time in minutes,Full resolution time in minutes
1,101,Ana,9001,Bo,Support,Printer,Solved,Normal,Mail,2024-03-01 09:00:00,2024-03-01 12:30:00,Good,0,1,30,210
1,102,Cene,9002,Bo,Support,Login,Open,High,Web form,2024-03-02 10:00:00,,Offered,1,3,90,
1,103,Dora,9003,Eva,Billing,Invoice,Closed,Low,Mail,2024-03-03 11:00:00,2024-03-05 11:00:00,Bad,0,2,1.5,2880
"""

FRESHDESK_CSV = """Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Resolved time,Closed time,\
Initial response time,First response time (in hrs),Resolution time (in hrs),Agent interactions,Customer interactions,\
Resolution status,Tags
5,A,Closed,High,Email,Question,Ana,L1,2024-03-01 09:00:00,2024-03-01 12:00:00,2024-03-02 12:00:00,\
2024-03-01 09:30:00,00:30:00,03:00:00,2,1,Within SLA,x
6,B,Open,Low,Phone,Incident,No Agent,No Group,2024-03-02 09:00:00,,,,,,0,1,,
"""


def test_zendesk_file_through_the_reader(tmp_path):
    from metrics_core.loading import load_dataset

    path = tmp_path / "export.csv"
    path.write_text(ZENDESK_CSV, encoding="utf-8")
    ds = load_dataset(path)
    f = ds.frame
    assert ds.mapping.preset == "zendesk"
    assert f["first_response_s"].tolist() == [1800.0, 5400.0, 90.0]                  # minutes in the header
    assert f["resolution_s"].iloc[[0, 2]].tolist() == [12600.0, 172800.0]
    assert f["csat_score"].iloc[[0, 2]].tolist() == [5.0, 1.0] and pd.isna(f["csat_score"].iloc[1])
    assert f["customer_id"].tolist() == ["9001", "9002", "9003"]


def test_freshdesk_hours_header_with_clock_values(tmp_path):
    from metrics_core.loading import load_dataset

    path = tmp_path / "tickets.csv"
    path.write_text(FRESHDESK_CSV, encoding="utf-8")
    ds = load_dataset(path)
    f = ds.frame
    assert ds.mapping.preset == "freshdesk"
    assert f.loc[0, "first_response_s"] == 1800.0 and f.loc[0, "resolution_s"] == 10800.0   # HH:MM:SS, not hours
    assert f.loc[0, "first_response_at"] == pd.Timestamp("2024-03-01 09:30")
    assert f["sla_met"].tolist()[0] == True  # noqa: E712 (pandas boolean)
    assert pd.isna(f.loc[1, "agent"]) and pd.isna(f.loc[1, "team"])                # "No Agent" / "No Group"


def test_3cx_legacy_order_is_mapped_by_content():
    rows = [["TerminatedBySrc", "2024-05-01 10:00:00", "0:02:03", "2024-05-01 10:00:07", "2024-05-01 10:02:10", "c1"],
            ["TerminatedByDst", "2024-05-01 11:00:00", "0:00:40", "2024-05-01 11:00:02", "2024-05-01 11:00:42", "c2"]]
    t = make_table({f"Column {i + 1}": [r[i] for r in rows] for i in range(6)}, header=False)
    m = detect_mapping(t)
    assert m.kind == "calls" and m.preset == "3CX CDR"
    assert (m.column_for("started_at"), m.column_for("answered_at"), m.column_for("ended_at"), m.column_for("talk_s")) == \
        ("Column 2", "Column 4", "Column 5", "Column 3")
    assert to_canonical(t, m)["talk_s"].tolist() == [123.0, 40.0]
