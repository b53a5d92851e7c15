"""Persisted preferences: the only module that touches ``QSettings``.

One :class:`AppSettings` object with defaults and a version; callers read and
write plain Python values through its properties.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from .app_info import APP_NAME, ORG_NAME
from metrics_core.metrics.params import migrated

SETTINGS_VERSION = 1
MAX_RECENT = 10

DEFAULTS: dict[str, Any] = {
    "version": SETTINGS_VERSION,
    "recent_files": [],
    "recent_projects": [],
    "last_dir": "",
    "granularity": "month",
    "comparison": "previous",    # what the cards' changes compare with (the filter bar's "Compare")
    "language": "",             # "" until chosen in the settings: the operating system's language
    "kpi_settings": {},         # {"params": {...}, "targets": {...}} of the settings dialog, between sessions
    "report_defaults": {},      # {"title", "business_name", "folder"} of the last report, for a new project
}


class AppSettings:
    """Typed access to the app's ``QSettings`` (a file path may be given for tests)."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self._qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_NAME)
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        self._migrate()

    # -- generic -------------------------------------------------------------
    def _get_json(self, key: str) -> Any:
        raw = self._qs.value(key)
        if raw is None or raw == "":
            default = DEFAULTS[key]
            return list(default) if isinstance(default, list) else (dict(default) if isinstance(default, dict) else default)
        try:
            return json.loads(str(raw))
        except (TypeError, ValueError):
            return DEFAULTS[key]

    def _set_json(self, key: str, value: Any) -> None:
        self._qs.setValue(key, json.dumps(value))

    def _migrate(self) -> None:
        version = int(self._qs.value("version", 0) or 0)
        if version < SETTINGS_VERSION:
            self._qs.setValue("version", SETTINGS_VERSION)

    def sync(self) -> None:
        self._qs.sync()

    # -- KPI settings ----------------------------------------------------------
    def kpi_settings(self) -> tuple[dict[str, Any], dict[str, float]]:
        """The KPI parameters and targets last chosen in the settings dialog (both empty at first)."""
        saved = self._get_json("kpi_settings")
        saved = saved if isinstance(saved, dict) else {}
        params, targets = saved.get("params"), saved.get("targets")
        return (migrated(params) if isinstance(params, dict) else {},
                {str(k): float(v) for k, v in (targets.items() if isinstance(targets, dict) else [])
                 if isinstance(v, (int, float))})

    def save_kpi_settings(self, params: dict[str, Any], targets: dict[str, float]) -> None:
        self._set_json("kpi_settings", {"params": params, "targets": targets})

    # -- recent lists ----------------------------------------------------------
    def recent_files(self) -> list[str]:
        return [p for p in self._get_json("recent_files") if isinstance(p, str)]

    def recent_projects(self) -> list[str]:
        return [p for p in self._get_json("recent_projects") if isinstance(p, str)]

    def add_recent_file(self, path: str | Path) -> None:
        self._push("recent_files", str(path))

    def add_recent_project(self, path: str | Path) -> None:
        self._push("recent_projects", str(path))

    def _push(self, key: str, path: str) -> None:
        items = [p for p in self._get_json(key) if p != path]
        self._set_json(key, [path, *items][:MAX_RECENT])

    def clear_recent(self) -> None:
        self._set_json("recent_files", [])
        self._set_json("recent_projects", [])

    # -- simple values -----------------------------------------------------------
    def report_defaults(self) -> dict[str, str]:
        """Title, business name and folder of the last report (a new project's report starts from them)."""
        value = self._get_json("report_defaults")
        return {k: str(v) for k, v in value.items() if k in ("title", "business_name", "folder")} \
            if isinstance(value, dict) else {}

    def save_report_defaults(self, title: str, business_name: str, folder: str) -> None:
        self._set_json("report_defaults", {"title": title, "business_name": business_name, "folder": folder})

    @property
    def last_dir(self) -> str:
        return str(self._qs.value("last_dir", "") or "")

    @last_dir.setter
    def last_dir(self, value: str) -> None:
        self._qs.setValue("last_dir", value)

    @property
    def granularity(self) -> str:
        return str(self._qs.value("granularity", DEFAULTS["granularity"]) or DEFAULTS["granularity"])

    @granularity.setter
    def granularity(self, value: str) -> None:
        self._qs.setValue("granularity", value)

    @property
    def comparison(self) -> str:
        value = str(self._qs.value("comparison", DEFAULTS["comparison"]) or DEFAULTS["comparison"])
        return value if value in ("previous", "last_year", "none") else DEFAULTS["comparison"]

    @comparison.setter
    def comparison(self, value: str) -> None:
        self._qs.setValue("comparison", value)

    @property
    def language(self) -> str:
        """The window's language chosen in the settings ("" = the operating system's)."""
        return str(self._qs.value("language", "") or "")

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("language", value)

    @property
    def version(self) -> int:
        return int(self._qs.value("version", SETTINGS_VERSION))

    # -- window layout -------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)

    def splitter_state(self, name: str) -> QByteArray | None:
        value = self._qs.value(f"window/splitters/{name}")
        return value if isinstance(value, QByteArray) else None

    def save_splitter_state(self, name: str, state: QByteArray) -> None:
        self._qs.setValue(f"window/splitters/{name}", state)
