"""The KPI cards' tooltips (``describe(ids=False)``) name everything as the window does, in every language.

s15-shots-a/b (sl, sv, ro, sr 70_tooltip_card) found the command line's names in the owner's tooltip: "From totals:
positive, responses.", "(scale)", "(threshold)", "(question)", and the settings' help quoting the choices' values
("— auto: the smallest usual scale …", "service_level: …; asa: …", '"busiest", or a time of day'), and the
benchmark's KPI as its id ("KPI to compare: default csat"). The window names a field as the import dialog does, a
setting and each of its choices as the settings dialog does; ``describe(ids=True)`` (deck appendix, workbook,
``kpidesk`` users) keeps the ids."""

from __future__ import annotations

import re

import pytest

from metrics_core.catalogue import KINDS_BY_NAME
from metrics_core.i18n import _, language
from metrics_core.metrics.docs import describe
from metrics_core.catalogue import field_label
from metrics_core.metrics.registry import REGISTRY

SNAKE_CASE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")            # created_at, service_level, last_year, target_pct
BARE_VALUE = re.compile(r"(?<![\w-])(auto|asa)(?![\w-])")  # choice values that read as no word ("auto-close" is one)


def _id_words(spec) -> list[str]:
    """The command line's names for ``spec``: its id, its settings' names, its choices' values, its totals."""
    names = [f"({spec.id})", *(f"({p.name})" for p in spec.params)]
    names += [f'"{c}"' for p in spec.params for c in (p.choices or ()) if isinstance(c, str)]
    if spec.calculator_inputs:
        names.append(", ".join(spec.calculator_inputs))
    return names


@pytest.mark.parametrize("code", ["en", "sl", "sv", "ro", "sr"])
def test_a_cards_tooltip_has_no_command_line_names(code) -> None:
    wrong = []
    with language(code):
        totals = _("From totals: {inputs}.").split("{")[0]
        kpi_ids = {s.id for s in REGISTRY}
        for spec in REGISTRY:
            text = describe(spec.id, ids=False)
            found = [w for w in _id_words(spec) if w in text]
            found += SNAKE_CASE.findall(text) + BARE_VALUE.findall(text)
            found += [totals] if totals in text else []
            # a setting's default that is a KPI reads as the KPI's name ("default csat" was the id)
            found += [line for line in text.splitlines() if line.startswith("• ")
                      and line.split(" — ")[0].rsplit(" ", 1)[-1] in kpi_ids]
            if found:
                wrong.append(f"{spec.id}: {found}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("code", ["en", "sl"])
def test_a_cards_tooltip_names_fields_settings_and_choices_as_the_dialogs_do(code) -> None:
    with language(code):
        for spec in REGISTRY:
            text = describe(spec.id, ids=False)
            for name in spec.required_fields:             # the import dialog's names ("CSAT score", not csat_score)
                kind = next(k for k in spec.kinds if any(f.name == name for f in KINDS_BY_NAME[k].fields))
                assert field_label(name, kind) in text, (spec.id, name)
            for p in spec.params:                          # the settings dialog's label of each setting
                assert f"• {p.translated_label}: " in text, (spec.id, p.name)
        scale = describe("csat", ids=False)
        automatic = _("automatic")                         # the scale's choice "auto" as the settings list names it
        # (its help names the choice once: "default automatic — the smallest usual scale …", shots16-c)
        assert f"{automatic} — " in scale and _("“automatic”: the smallest usual scale that holds every answer") not in scale
        staffing = describe("staffing", ids=False)
        assert _("service level") in staffing and _("the busiest interval") in staffing
        csat_name = [s for s in REGISTRY if s.id == "csat"][0].translated_label
        assert describe("benchmark_gap", ids=False).count(csat_name) == 1


def test_the_full_description_keeps_the_command_lines_names() -> None:
    """``describe(ids=True)``: the deck's appendix and the workbook, for people who also type ``kpidesk calc``."""
    with language("sl"):
        assert "(csat)" in describe("csat") and "(scale)" in describe("csat") and "(threshold)" in describe("csat")
        assert "positive, responses" in describe("csat") and "(metric)" in describe("benchmark_gap")
    assert describe("nps").splitlines()[0] == "Net Promoter Score (nps)"
    assert "From totals: promoters, passives, detractors." in describe("nps")


@pytest.mark.parametrize("code", ["en", "sl"])
def test_a_cards_tooltip_has_no_sources_line_and_says_each_default_once(code) -> None:
    """shots16-c 70_tooltip_card: the window's tooltip ended with the translators' sources ("Vir: LiveAgent (sl),
    Nextiva (ro), …") and said the default twice ("privzeto samodejno — „samodejno“: …", "privzeto samodejno —
    privzeto: najvišji dve točki lestvice"). The sources stay in ``describe(ids=True)`` (the deck's appendix)."""
    from metrics_core.formatting import quoted

    with language(code):
        source = _("Source: {sources}.").split("{")[0]
        automatic, default = _("automatic"), _("• {label}: default {value}").split("{label}: ")[1].split(" {")[0]
        for spec in REGISTRY:
            text = describe(spec.id, ids=False)
            assert source not in text, spec.id
            assert source in describe(spec.id), spec.id
            for line in (line for line in text.splitlines() if line.startswith("• ")):
                assert line.count(f"{default} ") + line.count(f"{default}:") == 1, line
                assert f"{automatic} — {quoted(automatic)}" not in line, line
                said, _dash, help_text = line.partition(" — ")          # the default, then the help
                value = said.split(f"{default} ", 1)[-1]
                assert quoted(value) not in help_text, line                 # (shots16-c: "the busiest interval —
                                                                            # “the busiest interval”, or …")
        scale = describe("csat", ids=False).splitlines()
        assert f"• {_('Score scale')}: {default} {automatic} — " in "\n".join(scale)
        line = next(l for l in scale if l.startswith(f"• {_('Score scale')}"))
        assert quoted(automatic) not in line and line.endswith(_("the smallest usual scale that holds every answer")
                                                               if code == "en" else "vse odgovore")
        threshold = next(l for l in scale if l.startswith(f"• {_('Satisfied from score')}"))
        assert threshold.endswith(f": {default} " + _("default: the top two points of the scale").split(": ", 1)[1])
