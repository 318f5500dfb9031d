"""pm-pipeline.yml: repository settings, schema-checked, with defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pm_pipeline.errors import ConfigError
from pm_pipeline.loader import load_yaml
from pm_pipeline.schema import CONFIG, validate

CONFIG_FILE = "pm-pipeline.yml"
DEFAULT_DEADLINE_DAYS = {"high": 28, "medium": 56, "low": 180}


@dataclass(frozen=True)
class SyncSettings:
    site_url: str | None = None
    branch: str = "main"
    label: str = "post-mortem"
    priority_label_prefix: str = "priority/"
    removed_label: str = "action-item-removed"
    max_writes: int = 50
    snapshot: str = "pm-status.json"


@dataclass(frozen=True)
class OverdueSettings:
    due_soon_days: int = 3
    tiers: tuple[int, ...] = (0, 7, 14)
    exempt_labels: tuple[str, ...] = ("blocked", "on-hold")
    overdue_label: str = "overdue"
    due_soon_label: str = "due-soon"
    digest_title: str = "Post-mortem action items: weekly review"
    draft_escalation_days: float = 7


@dataclass(frozen=True)
class SiteSettings:
    title: str = "Post-mortems"
    snapshot: str | None = None


@dataclass(frozen=True)
class Config:
    postmortems: str = "postmortems"
    severities: tuple[str, ...] = ("P1", "P2", "P3", "P4")
    publish_sla_hours: float = 48
    deadline_days: dict[str, dict[str, int]] = field(default_factory=dict)
    rules: dict[str, Any] = field(default_factory=dict)
    sync: SyncSettings = SyncSettings()
    overdue: OverdueSettings = OverdueSettings()
    site: SiteSettings = SiteSettings()
    root: Path = Path(".")

    def deadline_window(self, severity: str, priority: str) -> int:
        """Longest allowed days from the incident to a deadline of this priority."""
        for scope in (severity, "default"):
            days = self.deadline_days.get(scope, {}).get(priority)
            if days is not None:
                return days
        return DEFAULT_DEADLINE_DAYS[priority]


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
        publish_sla_hours=data.get("publish_sla_hours", 48),
        deadline_days=data.get("deadline_days", {}),
        rules=data.get("rules", {}),
        sync=SyncSettings(**data.get("sync", {})),
        overdue=_overdue(data.get("overdue", {})),
        site=SiteSettings(**data.get("site", {})),
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
    for section, key in ((None, "postmortems"), ("sync", "snapshot"), ("site", "snapshot")):
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
