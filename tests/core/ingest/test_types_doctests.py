"""The examples in the typing modules' docstrings run and hold."""

import doctest
import importlib

import pytest

MODULES = ["types", "numbers", "dates", "durations", "booleans", "missing", "cells", "column_dtypes", "numeric_dates",
           "header_analysis", "currency", "native_cells", "number_columns", "workbook_dates"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"metrics_core.ingest.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
