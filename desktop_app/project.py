"""Project files: everything needed to reopen a workspace, as a small JSON document.

A project names the files (absolute and relative to the project), their mapping
and read options, the filters, KPI parameters, targets and the selected KPI.
It never contains data rows. Written atomically through :mod:`metrics_core.atomic`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from metrics_core.atomic import write_text_atomic
from metrics_core.errors import FileReadError, KpiDeskError
from metrics_core.i18n import _
from metrics_core.ingest.model import ReadOptions
from metrics_core.mapping.model import Mapping

from .filter_state import FilterState
from .jobs import LoadRequest

PROJECT_VERSION = 1
PROJECT_SUFFIX = ".kpidesk"


@dataclass
class Project:
    requests: list[LoadRequest] = field(default_factory=list)
    filters: FilterState = field(default_factory=FilterState)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)
    selected_metric: str | None = None
    chart_category: str | None = None
    missing_files: list[str] = field(default_factory=list)


def save_project(path: str | Path, project: Project) -> Path:
    """Write ``project`` to ``path`` (``.kpidesk`` added when missing)."""
    path = Path(path)
    if path.suffix.lower() != PROJECT_SUFFIX:
        path = path.with_name(path.name + PROJECT_SUFFIX)
    base = path.parent.resolve()
    files = []
    for req in project.requests:
        absolute = Path(req.path).resolve()
        try:
            relative = os.path.relpath(absolute, base)
        except ValueError:          # another drive on Windows
            relative = None
        files.append({
            "name": req.name,
            "path": str(absolute),
            "relative_path": relative,
            "read_options": (req.options or ReadOptions()).to_dict(),
            "mapping": req.mapping.to_dict() if req.mapping is not None else None,
        })
    doc = {
        "kpidesk_project": PROJECT_VERSION,
        "files": files,
        "filters": project.filters.to_dict(),
        "params": project.params,
        "targets": project.targets,
        "selected_metric": project.selected_metric,
        "chart_category": project.chart_category,
    }
    write_text_atomic(path, json.dumps(doc, indent=2, ensure_ascii=False, default=str))
    return path


def load_project(path: str | Path) -> Project:
    """Read a project file; files that moved are looked up beside the project."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FileReadError(_("The project file {file} cannot be opened ({reason}).", file=path.name, reason=exc.strerror),
                            path=path) from exc
    except ValueError as exc:
        raise FileReadError(_("{file} is not a KPI Desk project (it is not valid JSON).", file=path.name), path=path) from exc
    if not isinstance(doc, dict) or "kpidesk_project" not in doc:
        raise FileReadError(_("{file} is not a KPI Desk project.", file=path.name), path=path)
    if int(doc["kpidesk_project"]) > PROJECT_VERSION:
        raise FileReadError(_("{file} was saved by a newer KPI Desk; please update the app.", file=path.name), path=path)
    project = Project(
        filters=FilterState.from_dict(doc.get("filters")),
        params={str(k): dict(v) for k, v in (doc.get("params") or {}).items()},
        targets={str(k): float(v) for k, v in (doc.get("targets") or {}).items()},
        selected_metric=doc.get("selected_metric"),
        chart_category=doc.get("chart_category"),
    )
    for entry in doc.get("files") or []:
        file_path = _locate(entry, path.parent)
        if file_path is None:
            project.missing_files.append(str(entry.get("path")))
            continue
        mapping = None
        if entry.get("mapping"):
            try:
                mapping = Mapping.from_dict(entry["mapping"])
            except KpiDeskError:
                mapping = None
        project.requests.append(LoadRequest(file_path, ReadOptions.from_dict(entry.get("read_options")), mapping,
                                            mapping.kind if mapping else None, entry.get("name")))
    return project


def _locate(entry: dict[str, Any], base: Path) -> Path | None:
    candidates = []
    if entry.get("path"):
        candidates.append(Path(entry["path"]))
    if entry.get("relative_path"):
        candidates.append(base / entry["relative_path"])
    if entry.get("path"):
        candidates.append(base / Path(entry["path"]).name)
    return next((c for c in candidates if c.is_file()), None)
