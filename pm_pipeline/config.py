"""The config-file edge: reads pm-pipeline.yml, checks it and returns frozen `settings` values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pm_pipeline.errors import ConfigError
from pm_pipeline.loader import load_yaml
from pm_pipeline.schema import CONFIG, validate
from pm_pipeline.settings import (
    Config,
    FrozenMap,
    HistorySettings,
    OverdueSettings,
    RecurrenceSettings,
    SiteSettings,
    SyncSettings,
)

CONFIG_FILE = "pm-pipeline.yml"


def load_config(path: Path | None = None, root: Path | None = None) -> Config:
    """Read pm-pipeline.yml (the given path, else the one in root, else defaults)."""
    root = root or Path(".")
    candidate = path or root / CONFIG_FILE
    if not candidate.exists():
        if path is not None:
            raise ConfigError(f"{path}: no such configuration file")
        return Config(root=root)
    shown = _shown_path(candidate, root)
    loaded = load_yaml(shown, candidate.read_bytes())
    problems = loaded.findings or validate(CONFIG, shown, loaded.data or {}, loaded.source)
    if problems:
        raise ConfigError("\n".join(f"{p.path}:{p.line}:{p.column}: {p.message}" for p in problems))
    data: dict[str, Any] = loaded.data or {}
    _refuse_paths_outside(candidate, shown, data)
    return Config(
        postmortems=data.get("postmortems", "postmortems"),
        severities=tuple(data.get("severities", Config.severities)),
        factor_categories=tuple(data.get("factor_categories", ())),
        services=tuple(data.get("services", ())),
        publish_sla_hours=data.get("publish_sla_hours", 48),
        deadline_days=_frozen(data.get("deadline_days", {})),
        rules=_frozen(data.get("rules", {})),
        sync=SyncSettings(**data.get("sync", {})),
        overdue=_overdue(data.get("overdue", {})),
        site=SiteSettings(**data.get("site", {})),
        recurrence=RecurrenceSettings(**data.get("recurrence", {})),
        history=HistorySettings(**data.get("history", {})),
        root=candidate.parent,
    )


def _overdue(data: dict[str, Any]) -> OverdueSettings:
    for key in ("tiers", "exempt_labels"):
        if key in data:
            data = {**data, key: tuple(data[key])}
    return OverdueSettings(**data)


def _shown_path(path: Path, root: Path) -> str:
    """The config file as messages name it: relative to the repository when it is inside."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _refuse_paths_outside(candidate: Path, shown: str, data: dict[str, Any]) -> None:
    """Paths in pm-pipeline.yml (which a pull request can change) stay inside the repository."""
    root = candidate.parent.resolve()
    for section, key in ((None, "postmortems"), ("sync", "snapshot"), ("site", "snapshot"), ("history", "file")):
        value = (data.get(section, {}) if section else data).get(key)
        if not isinstance(value, str):
            continue
        target = (root / value).resolve()
        if Path(value).is_absolute() or not target.is_relative_to(root) or target == root:
            name = f"{section}.{key}" if section else key
            quoted = value if len(value) <= 80 else value[:79] + "…"
            raise ConfigError(
                f"{shown}: {name}: `{quoted}` is outside the repository; use a path inside it, "
                "relative to pm-pipeline.yml"
            )


def _frozen(value: Any) -> Any:
    """Mappings read-only all the way down, lists as tuples: settings are values."""
    if isinstance(value, dict):
        return FrozenMap({key: _frozen(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value


__all__ = [
    "CONFIG_FILE",
    "Config",
    "HistorySettings",
    "OverdueSettings",
    "RecurrenceSettings",
    "SiteSettings",
    "SyncSettings",
    "load_config",
]
