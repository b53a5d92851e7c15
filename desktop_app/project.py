"""Project files: everything needed to reopen a workspace, as a small JSON document.

A project names the files (absolute and relative to the project), their mapping
and read options, the filters, KPI parameters, targets, the selected KPI and the report the
owner chose (read by :mod:`metrics_core.project_file`, also for ``kpidesk report --project``).
It never contains data rows. Written atomically through :mod:`metrics_core.atomic`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from metrics_core.atomic import write_text_atomic
from metrics_core.ingest.model import ReadOptions
from metrics_core.project_file import PROJECT_SUFFIX, PROJECT_VERSION, read_project
from metrics_core.report_view.choices import ReportChoices

from .filter_state import FilterState
from .jobs import LoadRequest

__all__ = ["Project", "save_project", "load_project", "PROJECT_SUFFIX", "PROJECT_VERSION"]


@dataclass
class Project:
    requests: list[LoadRequest] = field(default_factory=list)
    filters: FilterState = field(default_factory=FilterState)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)
    selected_metric: str | None = None
    chart_category: str | None = None
    missing_files: list[str] = field(default_factory=list)
    report: ReportChoices = field(default_factory=ReportChoices)    # the report the owner chose
    autosave_of: Path | None = None     # an autosave's project file (written only into autosaves)


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
        "report": project.report.to_dict(),
    }
    if project.autosave_of is not None:
        doc["autosave_of"] = str(project.autosave_of)
    write_text_atomic(path, json.dumps(doc, indent=2, ensure_ascii=False, default=str))
    return path


def load_project(path: str | Path) -> Project:
    """Read a project file; files that moved are looked up beside the project."""
    doc = read_project(path)
    project = Project(filters=FilterState.from_dict(doc.filters), params=doc.params, targets=doc.targets,
                      selected_metric=doc.selected_metric, chart_category=doc.chart_category,
                      missing_files=doc.missing_files, report=doc.report,
                      autosave_of=Path(doc.autosave_of) if doc.autosave_of else None)
    for f in doc.files:
        project.requests.append(LoadRequest(f.path, f.options, f.mapping, f.mapping.kind if f.mapping else None, f.name))
    return project
