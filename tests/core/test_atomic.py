import os
import stat

import pytest

from metrics_core.atomic import atomic_path, write_bytes_atomic, write_text_atomic


def test_write_replaces_only_when_complete(tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("crash while writing")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]
    write_text_atomic(target, "new")
    assert target.read_text() == "new"


def test_new_files_get_the_usual_permissions_not_0600(tmp_path):
    umask = os.umask(0o022)
    try:
        write_bytes_atomic(tmp_path / "deck.pptx", b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "deck.pptx").stat().st_mode) == 0o644


def test_replacing_keeps_the_existing_file_s_permissions(tmp_path):
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_bytes_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
