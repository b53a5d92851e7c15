"""Project files (``.kpidesk``): the files of a workspace with their mapping and read options,
the filters, KPI parameters, targets and the report the owner chose — a small JSON document,
never data rows. The window (``desktop_app.project``) and ``kpidesk report --project`` read it here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import FileReadError, KpiDeskError
from .i18n import Message
from .ingest.model import ReadOptions
from .mapping.model import Mapping
from .report_view.choices import ReportChoices
from .metrics.params import migrated

PROJECT_VERSION = 1
PROJECT_SUFFIX = ".kpidesk"


@dataclass
class ProjectFile:
    """One data file of a project, found where it was saved or beside the project."""

    path: Path
    options: ReadOptions
    mapping: Mapping | None
    name: str | None


@dataclass
class ProjectDoc:
    files: list[ProjectFile] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)
    filters: dict[str, Any] = field(default_factory=dict)       # desktop_app.filter_state.FilterState.to_dict()
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)
    selected_metric: str | None = None
    chart_category: str | None = None
    report: ReportChoices = field(default_factory=ReportChoices)
    autosave_of: str | None = None          # an autosave: the project file its work belongs to (None: not saved yet)


def read_project(path: str | Path) -> ProjectDoc:
    """Read a project file; files that moved are looked up beside the project."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FileReadError(Message("The project file {file} cannot be opened ({reason}).", dict(file=path.name,
                              reason=exc.strerror)), path=path) from exc
    except ValueError as exc:
        raise FileReadError(Message("{file} is not a KPI Desk project (it is not valid JSON).", dict(file=path.name)),
                            path=path) from exc
    if not isinstance(doc, dict) or "kpidesk_project" not in doc:
        raise FileReadError(Message("{file} is not a KPI Desk project.", dict(file=path.name)), path=path)
    if int(doc["kpidesk_project"]) > PROJECT_VERSION:
        raise FileReadError(Message("{file} was saved by a newer KPI Desk; please update the app.", dict(file=path.name)),
                            path=path)
    out = ProjectDoc(
        filters=dict(doc.get("filters") or {}),
        params=migrated({str(k): dict(v) for k, v in (doc.get("params") or {}).items()}),
        targets={str(k): float(v) for k, v in (doc.get("targets") or {}).items()},
        selected_metric=doc.get("selected_metric"), chart_category=doc.get("chart_category"),
        report=ReportChoices.from_dict(doc.get("report")),
        autosave_of=str(doc["autosave_of"]) if doc.get("autosave_of") else None,
    )
    for entry in doc.get("files") or []:
        file_path = _locate(entry, path.parent)
        if file_path is None:
            out.missing_files.append(str(entry.get("path")))
            continue
        mapping = None
        if entry.get("mapping"):
            try:
                mapping = Mapping.from_dict(entry["mapping"])
            except KpiDeskError:
                mapping = None
        out.files.append(ProjectFile(file_path, ReadOptions.from_dict(entry.get("read_options")), mapping,
                                     entry.get("name")))
    return out


def _locate(entry: dict[str, Any], base: Path) -> Path | None:
    candidates = []
    if entry.get("path"):
        candidates.append(Path(entry["path"]))
    if entry.get("relative_path"):
        candidates.append(base / entry["relative_path"])
    if entry.get("path"):
        candidates.append(base / Path(entry["path"]).name)
    return next((c for c in candidates if c.is_file()), None)
