"""The loaded files as the KPI engine reads them, made once and shared by the dashboard's jobs.

A :class:`Snapshot` is the bundle of the datasets loaded at one moment and its engine inputs
(:class:`metrics_core.metrics.model.MetricInputs`), made on first use in whichever worker asks first. The
KPI values, the charts and the cards' trend lines of every filter read the same inputs, so the engine's
preparation of them (the files of a kind merged, each category filter's rows, each filter's cut frames,
the score scale read from every answer, the values KPIs share) is made once per set of files, not once
per job. :class:`Remembered` keeps the last few finished results per filter, so that going back to a
filter (clearing it, say) shows its numbers at once. No Qt here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Sequence

from metrics_core.dataset import DataBundle, Dataset
from metrics_core.errors import OperationCancelled
from metrics_core.metrics.model import MetricInputs

REMEMBERED = 8          # finished results kept per kind of job (values, charts, trend lines)


class Snapshot:
    """A :class:`DataBundle` (not changed once made) and its engine inputs (made once, thread-safe)."""

    def __init__(self, bundle: DataBundle) -> None:
        self.bundle = bundle
        self._inputs: MetricInputs | None = None
        self._released = False
        self._lock = threading.Lock()
        self._kept = Remembered()

    def of(self, datasets: Sequence[Dataset]) -> bool:
        """Whether this snapshot holds exactly ``datasets`` (the same objects, in the same order)."""
        mine = self.bundle.datasets
        return len(mine) == len(datasets) and all(a is b for a, b in zip(mine, datasets))

    def inputs(self) -> MetricInputs:
        """The bundle's engine inputs; a job still running on a released snapshot (its files were changed
        meanwhile) is cancelled here."""
        with self._lock:
            if self._released:
                raise OperationCancelled()
            if self._inputs is None:
                self._inputs = MetricInputs.from_bundle(self.bundle)
            return self._inputs

    def kept(self, key: Any, make: Any) -> Any:
        """``make()``, remembered for ``key`` among the last few (what several jobs of one filter need: the
        charts that do not depend on the selected KPI)."""
        with self._lock:
            known = self._kept.get(key)
        if known is not None:
            return known
        value = make()
        with self._lock:
            self._kept.put(key, value)
        return value

    def release(self) -> None:
        """Let go of the bundle and its inputs (the caller's thread frees what nothing else holds)."""
        with self._lock:
            self._inputs, self._released = None, True
            self._kept.clear()
        self.bundle = DataBundle()


def snapshot_of(data: DataBundle | Snapshot) -> Snapshot:
    """``data`` as a :class:`Snapshot` (a bundle gets one of its own)."""
    return data if isinstance(data, Snapshot) else Snapshot(data)


class Remembered:
    """The last :data:`REMEMBERED` values by key, the most recently used kept."""

    def __init__(self, size: int = REMEMBERED) -> None:
        self._size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()

    def get(self, key: Any) -> Any:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: Any, value: Any) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()
