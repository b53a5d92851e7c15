"""Canonical frames: types, units, derived fields, collapsing, unmapped columns, _row."""

import pandas as pd
import pytest

from metrics_core.errors import MappingError
from metrics_core.mapping.canonical import build_canonical, to_canonical
from metrics_core.mapping.model import FieldMapping, Mapping

from .helpers import make_table


def fm(field, *cols, **kw):
    return FieldMapping(field, list(cols), **kw)


def test_canonical_types():
    t = make_table({"Id": ["007", "008"], "Opened": ["2024-01-01 10:00", "2024-01-02 11:00"],
                    "FRT": ["1:30:00", "0:10:00"], "Replies": ["2", "3"], "SLA": ["Yes", "No"],
                    "Channel": ["Email", "Chat"], "Subject": ["Broken", "Late"]})
    m = Mapping("tickets", {"ticket_id": fm("ticket_id", "Id"), "created_at": fm("created_at", "Opened"),
                            "first_response_s": fm("first_response_s", "FRT"),
                            "agent_replies": fm("agent_replies", "Replies"), "sla_met": fm("sla_met", "SLA"),
                            "channel": fm("channel", "Channel"), "subject": fm("subject", "Subject")})
    f = to_canonical(t, m)
    assert f["ticket_id"].tolist() == ["007", "008"] and f["ticket_id"].dtype == "string"
    assert str(f["created_at"].dtype).startswith("datetime64")
    assert f["first_response_s"].tolist() == [5400.0, 600.0]
    assert f["agent_replies"].dtype == "float64"
    assert f["sla_met"].dtype == "boolean" and f["sla_met"].tolist() == [True, False]
    assert f["channel"].dtype == "string"
    assert f["_row"].tolist() == [2, 3]


@pytest.mark.parametrize("unit,expected", [("min", 120.0), ("h", 7200.0), ("ms", 0.002), ("s", 2.0), ("days", 172800.0)])
def test_user_unit_overrides(unit, expected):
    t = make_table({"Call": ["a"], "Start": ["2024-01-01 10:00"], "Wait": ["2"]})
    m = Mapping("calls", {"call_id": fm("call_id", "Call"), "started_at": fm("started_at", "Start"),
                          "wait_s": fm("wait_s", "Wait", unit=unit)})
    assert to_canonical(t, m)["wait_s"].iloc[0] == pytest.approx(expected)


def test_unmapped_columns_kept_and_clashing_names_renamed():
    t = make_table({"Id": ["1", "2"], "When": ["2024-01-01", "2024-01-02"], "status": ["x", "y"], "Note": ["a", "b"]})
    m = Mapping("tickets", {"ticket_id": fm("ticket_id", "Id"), "created_at": fm("created_at", "When")})
    f = to_canonical(t, m)
    assert "Note" in f.columns and "status (source)" in f.columns and "status" not in f.columns


def test_missing_source_column_is_a_mapping_error():
    t = make_table({"Id": ["1"]})
    with pytest.raises(MappingError, match="“Nope”"):
        to_canonical(t, Mapping("tickets", {"ticket_id": fm("ticket_id", "Nope")}))


def test_event_log_collapses_to_one_row_per_ticket():
    t = make_table({
        "number": ["INC1", "INC1", "INC2", "INC1", "INC2"],
        "opened_at": ["2024-01-01 09:00", "2024-01-01 09:00", "2024-01-02 10:00", "2024-01-01 08:00", "2024-01-02 10:00"],
        "state": ["New", "Active", "New", "Closed", "Resolved"],
        "resolved_at": [None, None, None, "2024-01-03 12:00", "2024-01-02 15:00"],
        "reopen_count": ["0", "1", "0", "0", "0"],
        "group": ["G1", "G1", "G2", "G3", "G2"],
    })
    m = Mapping("tickets", {"ticket_id": fm("ticket_id", "number"), "created_at": fm("created_at", "opened_at"),
                            "status": fm("status", "state"), "resolved_at": fm("resolved_at", "resolved_at"),
                            "reopens": fm("reopens", "reopen_count")})
    built = build_canonical(t, m)
    f = built.frame
    assert f["ticket_id"].tolist() == ["INC1", "INC2"]
    assert f["created_at"].tolist() == [pd.Timestamp("2024-01-01 08:00"), pd.Timestamp("2024-01-02 10:00")]
    assert f["status"].tolist() == ["closed", "solved"] and f["status_original"].tolist() == ["Closed", "Resolved"]
    assert f["resolved_at"].tolist() == [pd.Timestamp("2024-01-03 12:00"), pd.Timestamp("2024-01-02 15:00")]
    assert f["reopens"].tolist() == [1.0, 0.0]
    assert f["group"].tolist() == ["G3", "G2"]                  # other columns: the last event's value
    assert f["_row"].tolist() == [2, 4]
    assert "5 rows collapsed to 2 tickets" in built.facts.collapsed
    assert built.facts.source_rows == 5


def test_orders_amount_from_quantity_and_price():
    t = make_table({"Cust": ["c1", "c2"], "Day": ["2024-01-01", "2024-01-02"], "Qty": ["3", "-1"], "Price": ["2.5", "4"]})
    m = Mapping("orders", {"customer_id": fm("customer_id", "Cust"), "order_date": fm("order_date", "Day"),
                           "quantity": fm("quantity", "Qty"), "unit_price": fm("unit_price", "Price"),
                           "amount": fm("amount", "Qty", "Price", source="derived")})
    f = to_canonical(t, m)
    assert f["amount"].tolist() == [7.5, -4.0]
    assert "Qty" not in f.columns and "Price" not in f.columns


def test_call_outcome_from_answered_flag_respects_direction():
    t = make_table({"Id": ["1", "2", "3"], "Start": ["2024-01-01 10:00"] * 3, "Answered": ["Y", "N", "N"],
                    "Dir": ["Inbound", "Inbound", "Outbound"]})
    m = Mapping("calls", {"call_id": fm("call_id", "Id"), "started_at": fm("started_at", "Start"),
                          "answered": fm("answered", "Answered"), "direction": fm("direction", "Dir")})
    assert to_canonical(t, m)["outcome"].tolist() == ["answered", "abandoned", "missed"]


def test_answered_from_outcome():
    t = make_table({"Id": ["1", "2", "3"], "Start": ["2024-01-01 10:00"] * 3, "Disp": ["ANSWERED", "BUSY", "NO ANSWER"]})
    m = Mapping("calls", {"call_id": fm("call_id", "Id"), "started_at": fm("started_at", "Start"),
                          "outcome": fm("outcome", "Disp")})
    f = to_canonical(t, m)
    assert f["answered"].tolist() == [True, False, False] and f["answered"].dtype == "boolean"


def test_release_period_labels_and_percent_fractions():
    t = make_table({"Release Period": ["07_2015", "07_2016"], "Bottom": ["8", "9"], "Top": ["70", "71"],
                    "SL": ["0.8", "0.95"], "Offered": ["10", "20"]})
    m = Mapping("survey_buckets", {"period": fm("period", "Release Period"), "bottom_box": fm("bottom_box", "Bottom"),
                                   "top_box": fm("top_box", "Top")})
    f = to_canonical(t, m)
    assert f["period"].tolist() == [pd.Timestamp("2015-07-01"), pd.Timestamp("2016-07-01")]
    m2 = Mapping("call_intervals", {"offered": fm("offered", "Offered"), "service_level_pct": fm("service_level_pct", "SL")})
    assert to_canonical(t, m2)["service_level_pct"].tolist() == pytest.approx([80.0, 95.0])


def test_shopify_apostrophe_ids_and_bool_value_maps():
    t = make_table({"Customer ID": ["'0012", "'0013"], "Member": ["Within SLA", "SLA Violated"]}, types={"Customer ID": "id"})
    m = Mapping("customers", {"customer_id": fm("customer_id", "Customer ID"), "loyalty_member": fm("loyalty_member", "Member")},
                value_maps={"loyalty_member": {"Within SLA": "true", "SLA Violated": "false"}})
    f = to_canonical(t, m)
    assert f["customer_id"].tolist() == ["0012", "0013"]
    assert f["loyalty_member"].tolist() == [True, False]


def test_quality_criteria_keep_their_columns_and_weights():
    t = make_table({"Agent": ["Ana", "Bo"], "Greeting": ["4", "5"], "Empathy": ["3", "5"], "Note": ["x", "y"]})
    m = Mapping("reviews", {"agent": fm("agent", "Agent"),
                            "criteria": fm("criteria", "Greeting", "Empathy", weights=[1.0, 2.0], maxima=[5.0, 5.0])})
    built = build_canonical(t, m)
    f = built.frame
    [group] = built.facts.groups
    assert group.field == "criteria" and group.columns == ("Greeting", "Empathy")
    assert group.weights == (1.0, 2.0) and group.maxima == (5.0, 5.0)
    assert f["Empathy"].tolist() == [3.0, 5.0] and "Empathy (source)" not in f.columns
    assert "Note" in f.columns


def test_hundreds_of_criteria_are_joined_without_a_pandas_warning():
    """Issue 16: a review form of 2,000 criteria wrote 1,900 PerformanceWarnings ("DataFrame is highly
    fragmented") on stderr, one per column inserted after the hundredth."""
    import warnings

    names = [f"Q{i}" for i in range(300)]
    t = make_table({"Agent": ["Ana", "Bo"], **{n: [str(i % 5 + 1), "3"] for i, n in enumerate(names)}})
    m = Mapping("reviews", {"agent": fm("agent", "Agent"), "criteria": fm("criteria", *names)})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        built = build_canonical(t, m)
    assert [str(w.message)[:60] for w in caught] == []
    assert built.facts.groups[0].columns == tuple(names)
    assert built.frame["Q7"].tolist() == [3.0, 3.0] and built.frame["Q299"].tolist() == [5.0, 3.0]


def test_direction_author_role_and_sentiment_words():
    t = make_table({"Id": ["1", "2", "3"], "Start": ["2024-01-01 10:00"] * 3, "Smer": ["Dohodni", "outbound-api", "Transfer"]})
    m = Mapping("calls", {"call_id": fm("call_id", "Id"), "started_at": fm("started_at", "Start"),
                          "direction": fm("direction", "Smer")})
    assert to_canonical(t, m)["direction"].tolist() == ["inbound", "outbound", "Transfer"]   # unknown kept as written
    s = make_table({"When": ["2024-01-01"] * 3, "Mood": ["Pozitivno", "Neutral", "negativ"]})
    m2 = Mapping("social", {"posted_at": fm("posted_at", "When"), "sentiment": fm("sentiment", "Mood")})
    assert to_canonical(s, m2)["sentiment"].tolist() == ["positive", "neutral", "negative"]


def test_utc_offsets_keep_the_local_time_of_the_export():
    t = make_table({"Name": ["#1", "#2"], "Email": ["a@x", "b@x"], "Total": ["1", "2"],
                    "Created at": ["x", "y"]})
    t.raw["Created at"] = ["2012-01-01 11:13:25 -0500", "2012-01-02 08:00:00 +0100"]
    t.frame["Created at"] = pd.to_datetime(["2012-01-01 16:13:25", "2012-01-02 07:00:00"])   # as read: UTC
    t.profile("Created at").col_type = "datetime"
    t.profile("Created at").tz_offset = True
    m = Mapping("orders", {"customer_id": fm("customer_id", "Email"), "order_date": fm("order_date", "Created at"),
                           "amount": fm("amount", "Total")})
    assert to_canonical(t, m)["order_date"].tolist() == [pd.Timestamp("2012-01-01 11:13:25"),
                                                          pd.Timestamp("2012-01-02 08:00:00")]


def test_collapsing_a_wide_line_item_table_warns_nothing_and_keeps_every_column() -> None:
    """Shopify line items with 150 more columns (fuzz file 102: 1,087 columns, mostly empty): the grouped
    frame holds one block per column, and putting the key column back into it printed pandas'
    'DataFrame is highly fragmented' PerformanceWarning on stderr."""
    import warnings

    from metrics_core.mapping.canonical import _collapse
    from metrics_core.mapping.model import Mapping

    frame = pd.DataFrame({"order_id": ["#1", "#1", "#2"], "_row": [2, 3, 4], "quantity": [1.0, 2.0, 3.0]})
    frame = pd.concat([frame, pd.DataFrame({f"x{i}": [float(i), None, 1.0] for i in range(150)})], axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out, note = _collapse(frame, "orders", Mapping(kind="orders", preset="shopify", fields={}))
    assert list(out.columns) == list(frame.columns)
    assert out["order_id"].tolist() == ["#1", "#2"]
    assert out["quantity"].tolist() == [3.0, 3.0]            # line items summed
    assert out["x7"].tolist() == [7.0, 1.0]                  # the first line's value
    assert "3 rows collapsed to 2 orders" in str(note)


@pytest.mark.parametrize("written", ["{number}", "'00{number}"])
def test_ids_held_as_bytes_are_taken_as_written_like_ids_read_as_text(tmp_path, monkeypatch, written):
    """A call file's caller numbers are read as the parser's bytes; the canonical caller ids (checked for
    clean-up on the bytes, and cleaned as text when a value may need it: a leading apostrophe) are what the
    same file read with every column as text gives."""
    from metrics_core.ingest import text_reader
    from metrics_core.ingest.column_dtypes import written_as_id
    from metrics_core.loading import load_dataset
    from metrics_core.mapping import canonical

    lines = ["Call ID,Start time,Caller,Outcome"]
    lines += [f"c{i},2025-01-0{1 + i % 9} 10:{i % 60:02d}:00,{38640000000 + 7919 * i},answered" for i in range(80)]
    lines[5] = "c4,2025-01-05 10:04:00," + written.format(number=38640012345) + ",answered"
    path = tmp_path / "calls.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    checked: list[bool] = []
    monkeypatch.setattr(canonical, "written_as_id", lambda *a: checked.append(written_as_id(*a)) or checked[-1])
    fast = load_dataset(path, source_rows=False)
    monkeypatch.setattr(text_reader, "parser_dtypes", lambda sample: {})
    slow = load_dataset(path, source_rows=False)
    assert fast.mapping.column_for("caller_id") == "Caller"
    assert checked == [written == "{number}"]          # (read as text, the column is not checked on bytes)
    pd.testing.assert_series_equal(fast.frame["caller_id"], slow.frame["caller_id"])
    assert fast.frame["caller_id"].iloc[0] == "38640000000"
    assert fast.frame["caller_id"].iloc[4] == written.format(number=38640012345).lstrip("'")
