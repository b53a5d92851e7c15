"""Money KPIs over files in different currencies: never added up silently.

Amounts are never converted (there are no exchange rates offline). Each loaded file's currency (the one
chosen for it on import, else the one it names: :func:`metrics_core.ingest.currency.table_currency`) is
passed to the engine as ``global.file_currencies`` (``{dataset name: symbol or None}``). When the rows a
money KPI reads come from files naming different currencies, the KPI has no single value: it is computed
once per currency (the rows of files in the other currencies left out; files that name none stay in each)
and the result says so, naming each currency's amount and files (``details["currencies"]``). When the
loaded files disagree but a KPI's own rows are in one currency, the result names that currency
(``details["currency"]``), so it is not written in another one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from ..deferred import pd

from ..i18n import Message
from .model import MetricInputs, MetricResult, MetricSpec
from .params import ALL_PARAMS_KEY
from .results import no_value

SOURCE_COLUMN = "_dataset"        # the column of each kind's frame that names the file a row came from


@dataclass(frozen=True, eq=False)
class Amounts:
    """One amount per currency with its files, written in the language of the moment it is shown (reasons
    are rendered later, in any language)."""

    parts: tuple[dict[str, Any], ...]

    def __str__(self) -> str:
        from ..formatting import amounts_text
        return amounts_text(self.parts)


def money_kinds() -> frozenset[str]:
    """The data kinds money KPIs read amounts from (orders, customers, cash)."""
    from .registry import REGISTRY
    return frozenset(k for spec in REGISTRY if spec.unit == "currency" for k in spec.kinds)


def bundle_currencies(datasets: Iterable[Any]) -> dict[str, str]:
    """``{dataset name: currency}`` of the loaded files that feed money KPIs and name a currency (each
    file's :func:`~metrics_core.ingest.currency.table_currency`), when there are two such files or more
    (one file cannot disagree with itself; no other file's text is scanned).

    >>> bundle_currencies([])
    {}
    """
    from ..ingest.currency import table_currency
    money = [d for d in datasets if money_kinds() & set(d.kinds())]
    if len(money) < 2:
        return {}
    named = {d.name: table_currency(d.table) for d in money}
    return {name: symbol for name, symbol in named.items() if symbol}


def with_file_currencies(params: Mapping[str, Any] | None, datasets: Iterable[Any]) -> dict[str, Any]:
    """``params`` with ``global.file_currencies`` set from ``datasets`` when their files name several
    currencies (the command line; the window keeps each file's currency from its import)."""
    out = {k: dict(v) if isinstance(v, Mapping) else v for k, v in (params or {}).items()}
    named = bundle_currencies(datasets)
    if len(set(named.values())) >= 2:
        out.setdefault("global", {}).setdefault("file_currencies", named)
    return out


def file_currencies(p: Mapping[str, Any]) -> dict[str, str]:
    """The files that name a currency, from a KPI's merged parameters (``global.file_currencies``)."""
    glob = (p.get(ALL_PARAMS_KEY) or {}).get("global") or {}
    named = glob.get("file_currencies") or {}
    return {str(name): str(symbol).strip() for name, symbol in named.items() if symbol and str(symbol).strip()}


def inputs_currencies(spec: MetricSpec, inputs: MetricInputs, named: Mapping[str, str]) -> dict[str, list[str]]:
    """``{symbol: [file, …]}`` of the files whose rows ``spec`` reads in ``inputs`` and that name a currency."""
    found: dict[str, list[str]] = {}
    for kind in spec.kinds:
        frame = inputs.frames.get(kind)
        if frame is None or frame.empty or SOURCE_COLUMN not in frame.columns:
            continue
        for name in pd.unique(frame[SOURCE_COLUMN].dropna()):
            symbol = named.get(str(name))
            if symbol is not None and str(name) not in found.setdefault(symbol, []):
                found[symbol].append(str(name))
    return {symbol: files for symbol, files in found.items() if files}


def review(spec: MetricSpec, inputs: MetricInputs, p: Mapping[str, Any], result: MetricResult,
           compute: Callable[[MetricInputs], MetricResult]) -> MetricResult:
    """``result``, or — when its rows are in several currencies — one value per currency and no total."""
    if spec.unit != "currency":
        return result
    named = file_currencies(p)
    if len(set(named.values())) < 2:          # the files agree (or name none): the usual currency applies
        return result
    per_currency = inputs_currencies(spec, inputs, named)
    if len(per_currency) == 1:
        symbol = next(iter(per_currency))
        result.details = result.details.with_(currency=symbol)
        return result
    if not per_currency:
        return result
    parts = []
    for symbol, files in per_currency.items():
        others = [name for name, s in named.items() if s != symbol]
        value = compute(_without(inputs, spec, others)).value
        parts.append({"currency": symbol, "value": value, "files": files})
    if result.value is None and all(part["value"] is None for part in parts):   # the KPI's own reason says why
        return result
    reason = Message("amounts in different currencies are not added up (no exchange rates): {amounts}",
                     {"amounts": Amounts(tuple(parts))})
    return no_value(spec.id, spec.unit, reason, n=result.n, higher_is_better=result.higher_is_better,
                    details={"currencies": parts})


def mixed(spec: MetricSpec, inputs: MetricInputs, p: Mapping[str, Any]) -> bool:
    """True when ``spec`` is a money KPI whose rows in ``inputs`` are in several currencies."""
    if spec.unit != "currency":
        return False
    named = file_currencies(p)
    return len(set(named.values())) >= 2 and len(inputs_currencies(spec, inputs, named)) > 1


def _without(inputs: MetricInputs, spec: MetricSpec, files: list[str]) -> MetricInputs:
    frames = dict(inputs.frames)
    for kind in spec.kinds:
        frame = frames.get(kind)
        if frame is not None and SOURCE_COLUMN in frame.columns:
            frames[kind] = frame[~frame[SOURCE_COLUMN].isin(files)]
    return inputs.with_frames(frames)


__all__ = ["Amounts", "bundle_currencies", "file_currencies", "inputs_currencies", "mixed", "money_kinds", "review",
           "with_file_currencies"]
