"""The reader's progress texts are shown in the busy bar: they are in the owner's language."""

from metrics_core.i18n import language
from metrics_core.ingest.reader import read_table
from metrics_core.progress import Reporter


def _texts(tmp_path, code):
    path = tmp_path / "calls.csv"
    path.write_text("Interval Start,Calls\n2026-10-01 08:00,4\n2026-10-01 08:30,6\n", encoding="utf-8")
    seen = []
    with language(code):
        read_table(path, reporter=Reporter(lambda fraction, text: seen.append(text)))
    return seen


def test_progress_texts_are_slovenian_when_the_language_is_slovenian(tmp_path):
    seen = _texts(tmp_path, "sl")
    assert "Branje stolpca 1 od 2: Interval Start" in seen
    assert "Branje vrstic" in seen
    assert not any(text.startswith(("Reading", "Opening", "Finding", "Detecting", "Read ")) for text in seen), seen


def test_progress_texts_stay_english_in_english(tmp_path):
    seen = _texts(tmp_path, "en")
    assert "Reading column 1 of 2: Interval Start" in seen
    assert "Reading the rows" in seen
