"""KPI descriptions for tooltips and the generated catalogue ``docs/metrics.md``.

>>> print(describe("nps").splitlines()[0])
Net Promoter Score (nps)
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from ..atomic import write_text_atomic
from ..catalogue import KINDS_BY_NAME, field_label, kinds_text
from ..formatting import format_plain_number, unit_name
from ..i18n import N_, _
from .model import FAMILIES, MetricSpec
from .registry import REGISTRY, get_metric

_SOURCES = {"S0": N_("LiveAgent (sl)"), "S1": N_("Nextiva (ro)"), "S2": N_("LiveAgent glossary (sv)"),
            "S3": N_("small-business KPI list (sr)"), "S4": N_("LiveAgent CES article (sl)"),
            "+": N_("beyond the articles")}
_DIRECTIONS = {True: N_("higher is better"), False: N_("lower is better"), None: N_("no better direction")}
_DEFAULT_WORDS = {"automatic": N_("automatic"), "none": N_("none"), "yes": N_("yes"), "no": N_("no")}
#: The lines of :func:`describe` after the formula and what it reads (a slide leaves them out; a workbook keeps them).
_UNIT, _TOTALS, _SOURCE = N_("Unit: {unit}; {direction}."), N_("From totals: {inputs}."), N_("Source: {sources}.")
_PARAMETER = N_("• {label} ({name}): default {value}")
_PARAMETER_BY_NAME = N_("• {label}: default {value}")            # (the window's tooltip: no option names)


def _source_text(source: str) -> str:
    return ", ".join(_(_SOURCES[s]) if s in _SOURCES else s for s in source.split()) or "—"


def _default_text(value: object, special: str = "") -> str:
    """A parameter's default as the tooltip and the catalogue name it, in the current language."""
    if value is None:
        return _(special) if special else _("automatic")       # (what an empty value stands for: "no benchmark")
    if isinstance(value, (str, dict, list, tuple)) and not value:
        return _("none")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _field_name(spec: MetricSpec, name: str) -> str:
    """A field as the import dialog names it (``CSAT score``), from the first of the KPI's kinds that has it."""
    kind = next((k for k in spec.kinds if any(f.name == name for f in KINDS_BY_NAME[k].fields)), None)
    return field_label(name, kind)


def _needs(spec: MetricSpec, field_ids: bool = False) -> str:
    """The kinds of data and the fields a KPI reads; ``field_ids``: the fields by their ids (the KPI catalogue)."""
    kinds = str(kinds_text(spec.kinds)) or _("other KPIs")
    fields = ", ".join(f if field_ids else _field_name(spec, f) for f in spec.required_fields)
    return _("{kinds} (fields: {fields})", kinds=kinds, fields=fields) if fields else kinds


def describe(metric_id: str, ids: bool = True) -> str:
    """A KPI's formula in words, its parameters with defaults, and its source — for the cards' tooltips and the
    deck's appendix, in the current language (the calculator's inputs keep the names typed on the command line).
    ``ids=False``: for the window's owner, without the KPI's id, the parameters' option names and the calculator's
    inputs (command-line names such as ``positive, responses``); a default that is a KPI by its name. Fields are
    named as the import dialog names them, settings and their choices as the settings dialog does (both ways).

    >>> print(describe("nps", ids=False).splitlines()[0])
    Net Promoter Score
    """
    spec = get_metric(metric_id)
    title = f"{spec.translated_label} ({spec.id})" if ids else spec.translated_label
    lines = [title, spec.translated_description, _("Reads: {what}.", what=_needs(spec))]
    lines.append(_(_UNIT, unit=unit_name(spec.unit), direction=_(_DIRECTIONS[spec.higher_is_better])))
    for p in spec.params:
        value = p.choice_label(p.default) if p.choices and p.default in p.choices else _default_text(p.default,
                                                                                                      p.special)
        help_text = p.translated_help if p.help else ""
        if not ids:
            value, help_text = _default_once(p.help, value, help_text)
        line = _(_PARAMETER if ids else _PARAMETER_BY_NAME, label=p.translated_label, name=p.name, value=value)
        lines.append(line + (f" — {help_text}" if help_text else ""))
    if spec.calculator is not None and ids:
        lines.append(_(_TOTALS, inputs=", ".join(spec.calculator_inputs)))
    if ids:                     # (the translators' sources: the deck's appendix and the catalogue, not the window)
        lines.append(_(_SOURCE, sources=_source_text(spec.source)))
    return "\n".join(lines)


def _default_once(help_id: str, value: str, help_text: str) -> tuple[str, str]:
    """A setting's default and its help as the window's tooltip says them, the default once (shots16-c: "default
    automatic — “automatic”: the smallest usual scale …", "default automatic — default: the top two points …"):
    a help that explains the default (``default: …``) gives the default's words, one that starts with the
    default's name in quotes keeps what follows it, and one that names it after a first sentence ("Pre-aggregated
    files only. “automatic”: answered calls …") keeps both sentences without the name."""
    from ..formatting import quoted

    if help_id.startswith("default:") and ":" in help_text:
        return help_text.split(":", 1)[1].strip(), ""
    name = quoted(value)
    if help_text.startswith(name + ":"):
        return value, help_text[len(name) + 1:].strip()
    if help_text.startswith((name + ",", name + " ")):   # "“the busiest interval”, or a time of day such as 10:30 …"
        return value, help_text[len(name):].lstrip(", ")
    before, colon, after = help_text.partition(name + ":")      # "Pre-aggregated files only. “automatic”: answered …"
    if colon and before.rstrip().endswith(".") and after.strip():
        after = after.strip()
        return value, f"{before.rstrip()} {after[:1].upper()}{after[1:]}"
    return value, help_text


#: The settings of every KPI (``params["global"]``) by the names an owner reads.
_GLOBAL_SETTINGS = {"calendar": N_("Business hours"), "hours": N_("Business hours"), "holidays": N_("Holidays"),
                    "as_of": N_("Counted as of"), "targets": N_("Targets"), "benchmarks": N_("Benchmarks"),
                    "currency": N_("Currency"), "file_currencies": N_("Currency of each file"),
                    "target": N_("Target"), "benchmark": N_("Benchmark")}


def _setting_value(value: object) -> str:
    """A setting's value in words: KPIs by their names, numbers and yes/no the language's way."""
    if isinstance(value, dict):
        return "; ".join(f"{_kpi_name(str(k))} {_setting_value(v)}" for k, v in value.items()) or _("none")
    if isinstance(value, (list, tuple)):
        return ", ".join(_setting_value(v) for v in value) or _("none")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_plain_number(value)
    return _default_text(value)


def _kpi_name(key: str) -> str:
    spec = next((s for s in REGISTRY if s.id == key), None)
    return spec.translated_label if spec is not None else key


def _setting_name(name: str) -> str:
    if name in _GLOBAL_SETTINGS:
        return _(_GLOBAL_SETTINGS[name])
    param = _param(name)
    return param.translated_label if param is not None else name


def _param(name: str):
    """The first KPI setting called ``name`` (the names are shared: a benchmark, a target)."""
    return next((p for s in REGISTRY for p in s.params if p.name == name), None)


def _setting_text(name: str, value: object) -> str:
    """A setting's value as the settings dialog shows it: a choice by its label ("KPI to compare Net Promoter
    Score", not "nps"; "the busiest interval", not "busiest"), else :func:`_setting_value`."""
    param = _param(name)
    if param is not None and param.choices and any(str(c) == str(value) for c in param.choices):
        return param.choice_label(value)
    return _setting_value(value)


def setting_lines(parameters: dict) -> list[str]:
    """The settings a report was made with, one line per KPI (``all KPIs`` for the global ones), each setting by
    the name the settings dialog gives it — for the deck's "Data used" (no ids: ``global: currency = €``).

    >>> setting_lines({"global": {"currency": "€", "targets": {"csat": 85}}, "csat": {"threshold": 4}})
    ['• Settings for all KPIs: Currency €, Targets CSAT (% satisfied) 85', '• Settings for CSAT (% satisfied): Satisfied from score 4']
    >>> setting_lines({"benchmark_gap": {"metric": "nps", "benchmark": 30}})
    ['• Settings for Comparison with a benchmark: KPI to compare Net Promoter Score, Benchmark 30']
    """
    lines = []
    for scope, values in parameters.items():
        if isinstance(values, dict) and values:
            shown = ", ".join(f"{_setting_name(k)} {_setting_text(k, v)}" for k, v in list(values.items())[:6])
            kpi = _("all KPIs") if scope == "global" else _kpi_name(scope)
            lines.append(_("• Settings for {kpi}: {values}", kpi=kpi, values=shown))
    return lines or [_("• All KPI settings at their defaults.")]


def detail_starts() -> tuple[str, ...]:
    """How the lines of :func:`describe` after the formula and what it reads begin (a parameter, the unit, the
    calculator's inputs, the sources), in the current language and in English.

    >>> detail_starts()
    ('• ', 'Unit: ', 'From totals: ', 'Source: ')
    """
    starts = (text.split("{")[0] for template in (_PARAMETER, _UNIT, _TOTALS, _SOURCE) for text in (_(template), template))
    return tuple(dict.fromkeys(start for start in starts if start.strip()))


def metrics_markdown() -> str:
    """The text of ``docs/metrics.md``, generated from the registry."""
    out = ["# KPI catalogue (generated)", "",
           "Generated by `metrics_core.metrics.docs.write_metrics_doc` from the registry; do not edit by hand.",
           "Every KPI can be filtered by date and category, broken down by period or category, and compared "
           "with the previous period.", ""]
    for family_id, family_label in FAMILIES:
        specs = [s for s in REGISTRY if s.family == family_id]
        if not specs:
            continue
        out += [f"## {family_label}", "", "| id | KPI | unit | formula | reads | parameters (default) | from totals | source |",
                "|---|---|---|---|---|---|---|---|"]
        for s in specs:
            params = "; ".join(f"{p.name} ({_default_text(p.default, p.special)})" for p in s.params) or "—"
            totals = ", ".join(s.calculator_inputs) or "—"
            cells = [f"`{s.id}`", s.label, s.unit, s.description, _needs(s, field_ids=True), params, totals, _source_text(s.source)]
            out.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
        out.append("")
    out.append(where_markdown())
    return "\n".join(out)


# How the window and the deck draw a KPI besides its trend per period and its breakdown bars
# (desktop_app/charts/feed.py feeds the window's charts; metrics_core/export/build.py the report's).
_SPECIAL_CHARTS = {
    "nps": "promoters/passives/detractors per period (`nps_chart.py`) and answers per score (`histogram_chart.py`)",
    "csat": "answers per score (`histogram_chart.py`)",
    "ces": "answers per score (`histogram_chart.py`)",
    "backlog": "open tickets per period (`backlog_chart.py`)",
    "peak_hours": "weekday × hour heat map (`heatmap_chart.py`)",
    "staffing": "service level, ASA and occupancy against agents (`staffing_chart.py`)",
}
_REPO = Path(__file__).resolve().parents[2]


def _where_defined(spec: MetricSpec) -> str:
    """Where a spec is written (the family module whose ``SPECS`` holds it) and the functions it computes with."""
    from .. import metrics as package

    wanted = {"compute": spec.compute, "row terms": spec.row_terms}
    entry = ""
    found: dict[str, str] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if any(s is spec for s in getattr(module, "SPECS", ())):
            entry = f"`metrics/{info.name}.py`"
        for name, value in vars(module).items():
            for role, fn in wanted.items():
                if fn is not None and value is fn and role not in found:
                    found[role] = f"`{name}` (`metrics/{info.name}.py`)"
    for role, fn in wanted.items():
        if fn is not None and role not in found:      # made by a factory in the entry itself
            factory = fn.__qualname__.split(".<locals>")[0]
            found[role] = f"`{factory}(…)` (`{fn.__module__.split('metrics_core.')[-1].replace('.', '/')}.py`)"
    entry = entry or "`metrics/registry.py`"
    return f"entry: {entry}; " + "; ".join(f"{role}: {where}" for role, where in found.items())


def _tests_naming(metric_id: str, tests: dict[str, str]) -> str:
    pattern = re.compile(rf"[\"']{re.escape(metric_id)}[\"']")
    files = sorted(Path(path).name for path, text in tests.items() if pattern.search(text))
    return ", ".join(f"`{f}`" for f in files) or "—"


def _test_sources() -> dict[str, str]:
    folder = _REPO / "tests" / "core" / "metrics"        # the KPIs' own tests (the exports' and the window's name many)
    if not folder.is_dir():         # an installed copy without the repository's tests
        return {}
    return {str(p.relative_to(_REPO)): p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(folder.rglob("test_*.py"))}


def where_markdown() -> str:
    """The "where each KPI lives" section: its functions, the tests that name it, and how it is charted."""
    tests = _test_sources()
    out = ["## Where each KPI lives", "",
           "Every KPI is one entry of `metrics_core/metrics/registry.py` (the family modules' `SPECS`). "
           "Its value, breakdowns and changes come from `metrics_core/metrics/engine.py`; the window draws it through "
           "`desktop_app/charts/feed.py` and the report through `metrics_core/export/build.py`.", "",
           "| id | defined in | its tests (`tests/core/metrics/`) | charts besides trend and breakdown |", "|---|---|---|---|"]
    for spec in REGISTRY:
        cells = [f"`{spec.id}`", _where_defined(spec), _tests_naming(spec.id, tests), _SPECIAL_CHARTS.get(spec.id, "—")]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    out.append("")
    return "\n".join(out)


def write_metrics_doc(path: str | Path) -> Path:
    """Write the generated catalogue to ``path`` (atomically) and return the path."""
    path = Path(path)
    write_text_atomic(path, metrics_markdown())
    return path


if __name__ == "__main__":  # pragma: no cover - regenerate: python -m metrics_core.metrics.docs
    write_metrics_doc(Path(__file__).resolve().parents[2] / "docs" / "metrics.md")
