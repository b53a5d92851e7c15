"""deck19: the staffing slide's panel said "From 3,501 rows" (monthly: "From 598 rows") beside call abandonment's
"From 598 calls": staffing's result was built apart from the terms that say what the calls KPIs count. Its count
is now in the data's word too: calls from a call log, intervals from pre-aggregated ACD rows. The numbers are
counted here from the demo's CSV text (October 2026's inbound calls; September 2026's interval rows)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pptx import Presentation

from metrics_core.cli import main
from metrics_core.formatting import format_value
from metrics_core.i18n import _, language, ngettext

DEMO = Path(__file__).resolve().parents[3] / "resources" / "demo"
LANGUAGES = ["en", "sl", "ro", "sv", "sr", "sr-Latn"]


def _staffing_panel(path: Path, code: str) -> list[str]:
    with language(code):
        title = _("Agents needed (Erlang C)")
    slide = next(slide for slide in Presentation(str(path)).slides
                 if any(shape.has_text_frame and shape.text_frame.text == title for shape in slide.shapes))
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def _from(one: str, many: str, n: int) -> str:
    text = ngettext(one, many, n, count=format_value(n, "count"))
    return text[:1].upper() + text[1:]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_staffing_panel_counts_calls(tmp_path, code):
    with open(DEMO / "calls.csv", newline="", encoding="utf-8") as f:
        calls = sum(row["Started at"].startswith("2026-10") and row["Direction"] == "Inbound"
                    for row in csv.DictReader(f))
    assert calls == 598
    out = tmp_path / "deck.pptx"
    assert main(["report", "--demo", "--kpis", "abandonment_rate,staffing", "--period", "last-month",
                 "--lang", code, "--out", str(out)]) == 0
    texts = _staffing_panel(out, code)
    with language(code):
        assert _from("from {count} call", "from {count} calls", calls) in texts, texts
        assert _from("from {count} row", "from {count} rows", calls) not in texts, texts


def test_the_staffing_panel_counts_intervals_from_acd_rows(tmp_path):
    with open(DEMO / "call_intervals.csv", newline="", encoding="utf-8") as f:
        intervals = sum(row["Interval Start"].startswith("2026-09") for row in csv.DictReader(f))
    out = tmp_path / "deck.pptx"
    assert main(["report", str(DEMO / "call_intervals.csv"), "--kpis", "staffing", "--period", "last-month",
                 "--lang", "sl", "--out", str(out)]) == 0
    texts = _staffing_panel(out, "sl")
    with language("sl"):
        assert any(text.startswith("september 2026") for text in texts), texts    # the file's last whole month
        assert _from("from {count} interval", "from {count} intervals", intervals) in texts, texts
