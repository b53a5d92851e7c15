"""Kind ranking, the one-column-one-field rule, value evidence and the user-wins rule."""

import pandas as pd
import pytest

from metrics_core.errors import MappingError
from metrics_core.mapping.canonical import to_canonical
from metrics_core.mapping.detect import detect_mapping, rank_kinds
from metrics_core.mapping.model import FieldMapping, Mapping

from .helpers import make_table


def _tickets():
    return make_table({
        "Ticket ID": ["1", "2", "3", "4"],
        "Created at": ["2024-01-01 10:00", "2024-01-02 10:00", "2024-01-03 10:00", "2024-01-04 10:00"],
        "Opened": ["2024-01-01 09:00", "2024-01-02 09:00", "2024-01-03 09:00", "2024-01-04 09:00"],
        "Status": ["Open", "Solved", "Closed", "Pending"],
        "Agent": ["Ana", "Bo", "Ana", "Bo"],
        "Rating": ["5", "4", "1", "3"],
    })


def test_rank_kinds_puts_tickets_first_with_evidence():
    guesses = rank_kinds(_tickets())
    assert guesses[0].kind == "tickets"
    assert guesses[0].score > guesses[1].score
    assert "fields matched" in guesses[0].evidence
    assert len(guesses) == 13


def test_one_column_never_feeds_two_fields():
    m = detect_mapping(_tickets())
    columns = [c for fm in m.fields.values() for c in fm.columns]
    assert len(columns) == len(set(columns))
    assert m.column_for("created_at") == "Created at"          # exact synonym beats the weaker 'opened'


def test_scores_on_tickets_also_feed_surveys():
    m = detect_mapping(_tickets())
    assert m.column_for("csat_score") == "Rating"
    assert m.also_kinds == ["surveys"]


def test_user_fields_win_over_detection():
    user = Mapping("tickets")
    user.set_user("created_at", "Opened")
    user.set_user("agent", None)                 # unmapped by the user: stays unmapped
    user.value_maps["status"] = {"Pending": "open"}
    m = detect_mapping(_tickets(), user=user)
    assert m.fields["created_at"].columns == ["Opened"] and m.fields["created_at"].source == "user"
    assert "agent" not in m.fields and m.unmapped == ["agent"]
    assert m.column_for("ticket_id") == "Ticket ID"            # the rest is still detected
    frame = to_canonical(_tickets(), m)
    assert frame["status"].tolist() == ["open", "solved", "closed", "open"]
    assert "Created at" in frame.columns                       # now unmapped: kept under its own name


def test_user_kind_is_kept_even_when_detection_disagrees():
    m = detect_mapping(_tickets(), kind="surveys")
    assert m.kind == "surveys" and m.kind_confidence == 1.0
    assert m.column_for("csat_score") == "Rating"


def test_user_column_by_header_or_missing():
    user = Mapping("tickets", {"ticket_id": FieldMapping("ticket_id", ["ticket id"])})
    assert detect_mapping(_tickets(), user=user).column_for("ticket_id") == "Ticket ID"   # folded header accepted
    bad = Mapping("tickets", {"ticket_id": FieldMapping("ticket_id", ["Nope"])})
    with pytest.raises(MappingError, match="“Nope”.*not in the file"):
        detect_mapping(_tickets(), user=bad)


def test_values_reveal_scores_when_headers_are_unknown():
    t = make_table({
        "Q7": ["10", "9", "0", "6", "8", "10"],
        "Q8": ["1", "5", "3", "4", "2", "5"],
        "Quarter": ["1", "2", "3", "4", "1", "2"],
        "Kdaj": ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-06"],
    })
    m = detect_mapping(t, kind="surveys")
    assert m.column_for("nps_score") == "Q7" and "0–10" in m.fields["nps_score"].evidence
    assert m.column_for("csat_score") == "Q8"
    assert "Quarter" not in [c for fm in m.fields.values() for c in fm.columns]


def test_status_values_reveal_the_status_column():
    t = make_table({"Ref": ["A1", "A2", "A3", "A4"], "Created at": ["2024-01-01"] * 4,
                    "Xyz": ["Open", "Closed", "Pending", "Open"]})
    m = detect_mapping(t, kind="tickets")
    assert m.column_for("status") == "Xyz" and m.fields["status"].source == "values"


def test_datetime_twin_headers_holding_timestamps():
    t = make_table({"Ticket ID": ["1", "2"], "Created": ["2024-01-01 08:00", "2024-01-02 08:00"],
                    "Time to Resolution": ["2024-01-01 18:00", "2024-01-03 08:00"]})
    m = detect_mapping(t)
    assert m.column_for("resolved_at") == "Time to Resolution"
    assert "the values are dates with times" in m.fields["resolved_at"].evidence
    assert "resolution_s" not in m.fields


def test_call_date_and_time_columns_make_the_start():
    t = make_table({"Call Id": ["c1", "c2"], "Date": ["2024-02-01", "2024-02-02"], "Time": ["3:53:50 PM", "10:22:56 AM"],
                    "Answered (Y/N)": ["Y", "N"]})
    m = detect_mapping(t)
    assert m.kind == "calls" and m.fields["started_at"].columns == ["Date", "Time"]
    f = to_canonical(t, m)
    assert f["started_at"].tolist() == [pd.Timestamp("2024-02-01 15:53:50"), pd.Timestamp("2024-02-02 10:22:56")]
    assert f["outcome"].tolist() == ["answered", "abandoned"]


def test_quality_review_criteria_are_every_score_column_in_file_order():
    t = make_table({"Review ID": [f"R{i}" for i in range(25)], "Agent": ["Ana", "Bo", "Cene", "Dora", "Eva"] * 5,
                    "Reviewed at": ["2024-01-01"] * 25, "Greeting (0-5)": [str(i % 6) for i in range(25)],
                    "Clarity": [str(i % 11) for i in range(25)], "Tone (0-5)": [str(i % 5) for i in range(25)]},
                   types={"Review ID": "id"})
    m = detect_mapping(t, kind="reviews")
    assert m.fields["criteria"].columns == ["Greeting (0-5)", "Clarity", "Tone (0-5)"]
    assert m.column_for("agent") == "Agent" and m.column_for("review_id") == "Review ID"


@pytest.mark.parametrize("time_header, comment_header", [
    ("Marca de timp", "Ce putem îmbunătăți?"), ("Časovni žig", "Kaj lahko izboljšamo?"),
    ("Tidstämpel", "Vad kan vi göra bättre?"), ("Временска ознака", "Шта можемо да побољшамо?"),
    ("Vremenska oznaka", "Šta možemo da poboljšamo?"),
])
def test_form_exports_in_our_languages_map_time_and_comment(time_header, comment_header):
    from metrics_core.mapping.detect import detect_mapping
    table = make_table({time_header: ["2026-03-03 10:15:02", "2026-03-04 11:20:13", "2026-03-05 14:05:44"],
                        "Score": ["5", "4", "2"], comment_header: ["Faster", "Nothing", "Shorter queue"]})
    mapping = detect_mapping(table, kind="surveys")
    assert mapping.fields["submitted_at"].column == table.columns[0].name
    assert mapping.fields["comment"].column == table.columns[2].name


def test_the_only_date_time_column_becomes_the_record_time_and_says_so():
    from metrics_core.mapping.detect import detect_mapping
    table = make_table({"Odgovor poslan": ["2026-03-03 10:15", "2026-03-04 11:20", "2026-03-05 14:05"],
                        "Ocena": ["5", "4", "2"]})
    fm = detect_mapping(table, kind="surveys").fields["submitted_at"]
    assert fm.column == table.columns[0].name and "only date-time column" in fm.evidence
