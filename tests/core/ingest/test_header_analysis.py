"""A header is analysed once and typing and mapping read the same answer.

Before, typing (durations.header_unit, is_duration_header …) and the mapping (synonyms.analyse_header)
each read the header their own way and disagreed: "Hours worked" named hours for typing and no unit for
the mapping; "Čas prvega odgovora v minutah" named minutes for the mapping and nothing for typing, which
read its numbers as plain numbers; "Product(s)" named seconds for typing, which read a count of products
as durations. Headers below are from ../shared/spec/EXPORT_FORMATS.md where one is named.
"""

from __future__ import annotations

import pytest

from metrics_core.ingest.header_analysis import analyse_header
from metrics_core.ingest.reader import read_table
from metrics_core.loading import load_dataset
from metrics_core.mapping.detect import detect_mapping

HEADERS = [
    # header, unit, names a length of time
    ("Hours worked", "h", True),
    ("First reply time in minutes within business hours", "min", True),          # Zendesk
    ("First response time (in hrs)", "h", True),                                 # Freshdesk
    ("First Response Time in Business Hours", None, True),                       # Zoho Desk
    ("Time to first response in SLA hours", None, True),                         # HubSpot
    ("First response time, only within office hours (seconds)", "s", True),      # Intercom
    ("Handling time (seconds)", "s", True),                                      # Intercom
    ("Duration (in seconds)", "s", True),                                        # Qualtrics
    ("Čas prvega odgovora v minutah", "min", True),
    ("Трајање (секунде)", "s", True),
    ("Service Level (20 Seconds)", None, False),                                 # a threshold
    ("Product(s)", None, False),                                                 # a plural
]


@pytest.mark.parametrize("header,unit,duration", HEADERS)
def test_typing_and_mapping_read_the_same_unit_from_a_header(tmp_path, header, unit, duration) -> None:
    about = analyse_header(header)
    assert (about.unit, about.duration) == (unit, duration)
    path = tmp_path / "column.csv"
    path.write_text(f"Id;{header}\n1;12\n2;30\n3;45\n4;30\n", encoding="utf-8")
    profile = read_table(path).profile(header)                       # what typing made of it
    assert (profile.col_type == "duration") == duration
    if duration:
        assert profile.unit == (unit or "s")                         # no unit named: seconds assumed
        assert profile.detail == (f"{unit} (from header)" if unit else "seconds (assumed)")


def test_the_mapping_takes_the_unit_typing_read(tmp_path) -> None:
    """A duration field's unit comes from the same analysis typing used: both say minutes."""
    path = tmp_path / "zahtevki.csv"
    path.write_text("Zahtevek;Ustvarjeno;Agent;Čas prvega odgovora v minutah\n1;03.01.2024 10:15;Eva;12\n"
                    "2;04.01.2024 11:00;Bo;30\n3;05.01.2024 09:00;Eva;45\n", encoding="utf-8")
    ds = load_dataset(path)
    field = ds.mapping.fields["first_response_s"]
    assert field.columns == ["Čas prvega odgovora v minutah"]
    assert field.unit == ds.table.profile("Čas prvega odgovora v minutah").unit == "min"
    assert ds.frame["first_response_s"].tolist() == [720.0, 1800.0, 2700.0]


def test_hours_worked_are_hours_for_typing_and_mapping(tmp_path) -> None:
    """The staff file's "Hours worked" written as 7:30 was 27,000 hours; 7.5 stays 7.5."""
    path = tmp_path / "staff.csv"
    path.write_text("Agent,Date,Hours worked\nEva,2024-01-03,7:30\nBo,2024-01-03,8:00\nEva,2024-01-04,6:15\n",
                    encoding="utf-8")
    ds = load_dataset(path)
    assert ds.mapping.kind == "staff" and ds.mapping.fields["hours_worked"].columns == ["Hours worked"]
    assert ds.table.profile("Hours worked").col_type == "duration"
    assert ds.frame["hours_worked"].tolist() == [7.5, 8.0, 6.25]
    path.write_text("Agent,Date,Hours worked\nEva,2024-01-03,7.5\nBo,2024-01-03,8\nEva,2024-01-04,6.25\n",
                    encoding="utf-8")
    assert load_dataset(path).frame["hours_worked"].tolist() == [7.5, 8.0, 6.25]
    assert detect_mapping(read_table(path)).fields["hours_worked"].columns == ["Hours worked"]
