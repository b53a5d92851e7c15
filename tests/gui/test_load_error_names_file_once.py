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
        assert error.count(path.name) == 1, error
