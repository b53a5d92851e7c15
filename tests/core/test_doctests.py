"""The examples in the docstrings of the shared core modules run as doctests: every module of metrics_core that
holds an example (found anew each run: 48 modules' examples once went unrun because a list named only 26)."""

from __future__ import annotations

import doctest
import importlib

import pytest

from tests.conftest import REPO

# every module listed has examples; a module whose examples were lost (or never collected) fails here
LISTED = ["metrics_core.formatting", "metrics_core.atomic", "metrics_core.progress", "metrics_core.catalogue",
           "metrics_core.export.model", "metrics_core.export.chart_data", "metrics_core.export.safe_text",
           "metrics_core.i18n", "metrics_core.merging", "metrics_core.loading", "metrics_core.validation",
           "metrics_core.mapping.canonical", "metrics_core.metrics.business_hours", "metrics_core.metrics.engine_inputs",
           "metrics_core.metrics.params", "metrics_core.metrics.stats", "metrics_core.metrics.spread",
           "metrics_core.report_view.view", "metrics_core.report_view.compute", "metrics_core.report_view.changes",
           "metrics_core.report_view.words", "metrics_core.report_view.catalogue", "metrics_core.report_view.choices",
           "metrics_core.export.build", "metrics_core.export.report", "metrics_core.export.pptx_deck"]


def _modules_with_examples() -> list[str]:
    found = []
    for path in sorted((REPO / "metrics_core").rglob("*.py")):
        if ">>> " in path.read_text(encoding="utf-8"):
            parts = path.relative_to(REPO).with_suffix("").parts
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


MODULES = sorted(set(LISTED) | set(_modules_with_examples()))
AT_LEAST = {"metrics_core.formatting": 20, "metrics_core.loading": 10, "metrics_core.metrics.business_hours": 5}


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted >= AT_LEAST.get(name, 1), f"{name}: only {result.attempted} examples ran"


def test_every_listed_module_is_found_by_its_examples() -> None:
    assert set(LISTED) <= set(_modules_with_examples()) and len(MODULES) >= 70
