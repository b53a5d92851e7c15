"""Every hand-made hostile file (tests/fuzz/hostile.py) gets a clean answer under a memory cap.

Each is read as ``kpidesk inspect`` reads it, in worker processes capped at 2 GB of address
space, 10 s of CPU time and (for a worker that sleeps) 120 s of wall clock per file (see
tests/fuzz/harness.py); each must be answered within 10 s of CPU time with a peak resident memory
under 1 GB, as the OS measures them for that file.  Before the fixes of issue 16 the bombs
aborted the process (signal 6) or hung, the far cell and the 2^31-1 shared strings aborted, the
extreme durations and the 'sep=€' hint raised tracebacks, Rust panic reports reached stderr,
16,384 columns and 50 MB fields hung, and HTML '.xls' files were read as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.harness import Limits, run_files
from tests.fuzz.hostile import CASES

# case -> (outcome, words the message must hold); every other case must only end cleanly
EXPECTED = {
    "xlsx_sheet_bomb": ("error:LimitExceededError", ["bomb.xlsx", "would expand to 3 GB", "not a normal export"]),
    "xlsx_sheet_bomb_40gb_declared": ("error:LimitExceededError", ["would expand to 40 GB"]),
    "xlsx_sheet_bomb_lying_size": ("error:WorkbookError", ["damaged", "does not match the size"]),
    "xlsx_styles_bomb_lying": ("error:WorkbookError", ["damaged", "xl/styles.xml"]),
    "xlsx_shared_strings_bomb": ("error:LimitExceededError", ["xl/sharedStrings.xml"]),
    "xlsx_comments_bomb": ("error:LimitExceededError", ["would expand"]),
    "xlsx_rels_bomb": ("error:LimitExceededError", ["would expand"]),
    "xlsx_workbook_xml_bomb": ("error:LimitExceededError", ["xl/workbook.xml"]),
    "xlsx_workbook_xml_300mb": ("error:LimitExceededError", ["xl/workbook.xml"]),
    "xlsx_cells_without_refs": ("error:LimitExceededError", ["compressed", "times over"]),
    "xlsx_far_cell_lying_dimension": ("error:WorkbookError", ["XFD1048576", "too large"]),
    "xlsx_far_cell_no_dimension": ("error:WorkbookError", ["XFD1048576", "too large"]),
    "xlsx_far_cell_out_of_order": ("error:WorkbookError", ["XFD1048576", "too large"]),
    "xlsx_shared_strings_2e31": ("error:LimitExceededError", ["2,147,483,647 entries"]),
    "xlsx_billion_laughs_sheet": ("error:WorkbookError", ["document type definition"]),
    "xlsx_billion_laughs_workbook": ("error:WorkbookError", ["document type definition"]),
    "xlsx_external_entity": ("error:WorkbookError", ["document type definition"]),
    "xlsx_16384_header_columns": ("error:LimitExceededError", ["16,384 columns", "2,048"]),
    "xlsx_extreme_durations": ("table", []),
    "xlsx_raw_extreme_cells": ("table", []),
    "encrypted_ole_named_xlsx": ("error:WorkbookError", ["password"]),
    "encrypted_ole_named_xls": ("error:WorkbookError", ["password"]),
    "fake_workbook_zip": ("error:WorkbookError", ["damaged"]),
    "ods_content_bomb": ("error:LimitExceededError", ["would expand"]),
    "ods_text_s_billions": ("error:LimitExceededError", ["of text"]),
    "ods_text_s_many": ("error:LimitExceededError", ["of text"]),
    "ods_48m_repeated_cells": ("error:LimitExceededError", ["too large", "16,000 columns"]),
    "ods_value_across_16384_columns": ("error:LimitExceededError", ["16,384 columns"]),
    "ods_empty_repeats": ("table", []),
    "sep_hint_multibyte": ("table", []),
    "sep_hint_multibyte_cp1252": ("table", []),
    "header_line_200kb": ("error:LimitExceededError", ["columns"]),
    "field_50mb_quoted": ("error:LimitExceededError", ["50 MB in one cell", "line 4"]),
    "field_50mb_unquoted": ("error:LimitExceededError", ["50 MB in one cell"]),
    "field_50mb_header": ("error:LimitExceededError", ["line 1"]),
    "field_50mb_cp1250": ("error:LimitExceededError", ["in one cell"]),
    "columns_16384": ("error:LimitExceededError", ["16,384 columns"]),
    "million_empty_columns": ("error:FileReadError", ["1,000,004 columns", "delimiter"]),
    "capitalised_header_10kb": ("table", []),
    "html_xls_utf16": ("table", ["2 rows"]),
    "html_xls_bare_table": ("table", ["2 rows"]),
    "html_xls_comment": ("table", ["1 rows"]),
    "html_xls_meta": ("table", ["2 rows"]),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("hostile")
    paths, names = [], []
    for name, (file_name, build) in CASES.items():
        path = folder / name / file_name
        path.parent.mkdir()
        path.write_bytes(build())
        paths.append(str(path))
        names.append(name)
    results = run_files(paths, Limits(memory_bytes=2 << 30, seconds=120, cpu_seconds=10, per_worker=len(paths)))
    return dict(zip(names, results))


def test_every_case_is_listed() -> None:
    assert sorted(EXPECTED) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_gets_a_clean_answer(outcomes: dict, case: str) -> None:
    result = outcomes[case]
    assert result.clean, (result.outcome, result.detail, result.stderr[-500:])
    # answered within 10 s of CPU (the wall clock gets headroom: the machine may be busy) with under 1 GB of
    # peak resident memory, both measured by the OS for this file alone (tests/fuzz/harness.py)
    assert result.cpu_seconds < 10, f"{result.cpu_seconds:.1f} s of CPU"
    assert result.seconds < 120
    assert 0 < result.peak_bytes < 1 << 30, f"peak {result.peak_bytes / 1e6:.0f} MB"
    outcome, words = EXPECTED[case]
    assert result.outcome == outcome, (result.outcome, result.detail)
    for word in words:
        assert word in result.detail, (word, result.detail)
    if outcome.startswith("error:"):
        assert Path(result.path).name in result.detail, "the message names the file"
