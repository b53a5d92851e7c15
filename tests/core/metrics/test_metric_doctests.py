"""The examples in the docstrings of the KPI engine and families A, B, E, F run as doctests."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["metrics_core.metrics." + m for m in
           ("engine", "registry", "periods", "stats", "calculator", "docs", "scores", "textwords", "team", "social")
           ] + ["metrics_core.cli.text_format"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
