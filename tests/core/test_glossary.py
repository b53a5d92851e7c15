"""docs/glossary/<lang>.md lists every KPI's name as the catalogue translates it, with its source."""

from pathlib import Path

import pytest

from metrics_core.i18n import _, language
from metrics_core.metrics.registry import REGISTRY

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary"


def _rows(code):
    lines = (GLOSSARY / f"{code}.md").read_text(encoding="utf-8").splitlines()
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines if line.startswith("| `")]
    return {row[0].strip("`"): row for row in rows}


@pytest.mark.parametrize("code", ["sl", "ro", "sv", "sr"])
def test_glossary_names_every_kpi_as_the_catalogue_does(code):
    rows = _rows(code)
    assert set(rows) == {spec.id for spec in REGISTRY}
    for spec in REGISTRY:
        with language(code):
            assert rows[spec.id][2] == _(spec.label), spec.id
        if code == "sr":
            with language("sr-Latn"):
                assert rows[spec.id][3] == _(spec.label), spec.id
