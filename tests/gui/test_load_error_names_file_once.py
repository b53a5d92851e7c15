"""The message bar names a file that could not be read once: "damaged export.xlsx: 'damaged export.xlsx' is
damaged and cannot be opened" was shown (the reader's message already names it)."""

from desktop_app.jobs import LoadRequest, load_files_job
from metrics_core.progress import Reporter


def test_each_file_that_cannot_be_read_is_named_once(tmp_path):
    damaged = tmp_path / "damaged export.xlsx"
    damaged.write_bytes(b"PK\x03\x04 this is not a workbook")
    empty = tmp_path / "nothing.csv"
    empty.write_bytes(b"")
    out = load_files_job([LoadRequest(damaged), LoadRequest(empty)])(Reporter())
    assert len(out.errors) == 2, out.errors
    for path, error in zip((damaged, empty), out.errors):
        assert str(error).count(path.name) == 1, error       # (an error kept as a Message: said when shown)


def test_the_busy_bar_says_which_file_each_step_is_about(tmp_path):
    """Twelve files are read a few at once: 'Reading column 1 of 9: Interval Start' alone does not say whose."""
    calls = tmp_path / "calls.csv"
    calls.write_text("Interval Start,Offered\n2026-10-01 08:00,4\n2026-10-01 08:30,6\n", encoding="utf-8")
    seen = []
    out = load_files_job([LoadRequest(calls)])(Reporter(lambda fraction, text: seen.append(text)))
    assert out.datasets and not out.errors
    steps = seen[:-1]                                   # (the last says the loading is done, for every file)
    assert any(text.startswith("calls.csv: ") for text in steps), steps     # the reader's own steps, named
    assert all(text.count("calls.csv") == 1 for text in steps), steps
