"""Family B — the comparison of any KPI with a benchmark value the owner enters.

This KPI reads the other KPIs of the registry, so its spec is made by :func:`benchmark_gap_spec`
from a function that returns the registry, and the registry adds it (no import cycle between
a family module and the registry).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

from ..errors import ParameterError
from ..i18n import N_, Message
from .model import MetricInputs, MetricResult, MetricSpec, ParamSpec
from .params import ALL_PARAMS_KEY, merge_params
from .results import no_value

AllSpecs = Callable[[], Iterable[MetricSpec]]


def _gap_compute(all_specs: AllSpecs) -> Callable[[MetricInputs, Mapping[str, Any]], MetricResult]:
    def compute(inputs: MetricInputs, p: Mapping[str, Any]) -> MetricResult:
        """Difference and ratio of every KPI with a benchmark; headline = the chosen KPI's gap."""
        specs = {spec.id: spec for spec in all_specs() if spec.id != "benchmark_gap"}
        all_params = p.get(ALL_PARAMS_KEY) or {}
        wanted: dict[str, float] = {}
        if p.get("metric") and p.get("benchmark") is not None:
            wanted[str(p["metric"])] = float(p["benchmark"])
        for spec in specs.values():
            bench = merge_params(spec, all_params).get("benchmark")
            if bench is not None:
                wanted.setdefault(spec.id, float(bench))
        if not wanted:
            # (short, with where: the old "enter a benchmark value (industry, competitor, ACSI) for a KPI" was cut
            # before its end at five cards a row; the examples are in the KPI's description and the field's help)
            return no_value("benchmark_gap", "ratio", N_("enter a benchmark value in Settings"))
        rows = []
        for metric_id, bench in wanted.items():
            spec = specs.get(metric_id)
            if spec is None:
                raise ParameterError(Message("There is no KPI called “{metric_id}”. Known KPIs: {specs}.", dict(metric_id=metric_id, specs=', '.join(specs))))
            value = spec.compute(inputs, merge_params(spec, all_params)).value
            rows.append({"metric": metric_id, "value": value, "benchmark": bench,
                         "difference": None if value is None else value - bench,
                         "ratio": None if value is None or bench == 0 else value / bench})
        head = rows[0]
        if head["difference"] is None:
            return no_value("benchmark_gap", "ratio", Message("{kpi} has no value to compare", {"kpi": Message(specs[head["metric"]].label)}),
                            details={"comparisons": rows})
        return MetricResult("benchmark_gap", head["difference"], "ratio", numerator=head["value"],
                            denominator=head["benchmark"], n=len(rows),
                            higher_is_better=specs[head["metric"]].higher_is_better,
                            details={"metric": head["metric"], "ratio": head["ratio"], "comparisons": rows})
    return compute


def _calc_gap(t: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
    value, bench = float(t["value"]), float(t["benchmark"])
    return MetricResult("benchmark_gap", value - bench, "ratio", numerator=value, denominator=bench,
                        details={"ratio": value / bench if bench else None})


def benchmark_gap_spec(all_specs: AllSpecs, compared: tuple[tuple[str, str], ...]) -> MetricSpec:
    """The registry entry of ``benchmark_gap``, comparing the KPIs that ``all_specs()`` returns; ``compared``: the
    (id, name) of every other KPI, the choices of its "KPI to compare" (stored as the id; the settings name it)."""
    return MetricSpec(id="benchmark_gap", label=N_("Comparison with a benchmark"), family="loyalty_value", unit="ratio", higher_is_better=None,
                      kinds=(), required_fields=(), source="S3",
                      description=N_("A KPI minus the benchmark value you enter (industry, competitor, ACSI), and their ratio."),
                      compute=_gap_compute(all_specs),
                      calculator=_calc_gap, calculator_inputs=("value", "benchmark"),
                      params=(ParamSpec(name="metric", default="csat", label=N_("KPI to compare"), kind="choice",
                                        choices=tuple(kpi for kpi, _name in compared), choice_names=compared),
                              # (a text box held the id "csat", s16-words)
                              # (the window had no field for it: the card asked for a value nowhere to be typed)
                              ParamSpec(name="benchmark", default=None, label=N_("Benchmark value"),
                                        help=N_("The value to compare the KPI with, in its own unit: an industry "
                                                "average, a competitor's figure or an ACSI score."),
                                        special=N_("no benchmark"))))
