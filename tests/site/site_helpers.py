"""Helpers for the site tests: post-mortem data with known states, and a temporary MkDocs project."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from pm_pipeline.loader import load_yaml
from pm_pipeline.model import PostMortem, build_postmortem

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "postmortems" / "2025-02-09-api-degradation.yaml"
NOW = datetime(2025, 3, 11, 12, 0, tzinfo=UTC)
TIMELINE_WORD = "stampede"


def demo_data() -> dict[str, Any]:
    data = load_yaml(str(DEMO), DEMO.read_bytes()).data
    assert isinstance(data, dict)
    return data


def cache_outage_data() -> dict[str, Any]:
    """A second incident: one item not doing, one done, one overdue by 2 days at NOW."""
    data = copy.deepcopy(demo_data())
    data.update(id="PM-2025-03-01-cache-outage", title="Checkout latency from cache node loss", severity="P1")
    data["incident"] = {"started_at": "2025-03-01T08:00:00Z", "detected_at": "2025-03-01T08:04:00Z",
                        "mitigated_at": "2025-03-01T08:40:00Z", "resolved_at": "2025-03-01T09:30:00Z",
                        "services": ["redis-cache", "checkout"]}
    data["published_at"] = "2025-03-02T10:00:00Z"
    data["reviewed_on"] = "2025-03-02"
    data["timeline"] = [
        {"at": "2025-03-01T08:00:00Z", "event": "Checkout p95 latency rises above 2 s.", "source": "metrics", "kind": "start"},
        {"at": "2025-03-01T08:04:00Z", "event": "CheckoutLatencyHigh alert fires.", "source": "alerts", "kind": "detection"},
        {"at": "2025-03-01T08:10:00Z", "event": f"Cache {TIMELINE_WORD}: every client refetches the same keys at once.",
         "source": "logs"},
        {"at": "2025-03-01T08:40:00Z", "event": "Request coalescing enabled; latency back to normal.", "source": "chat",
         "kind": "mitigation"},
        {"at": "2025-03-01T09:30:00Z", "event": "Replacement cache node in service; incident resolved.", "source": "chat",
         "kind": "resolution"},
    ]
    data["action_items"] = [
        {"id": "AI-001", "action": "Replace the cache cluster with a managed service", "owner": "@sam-k",
         "deadline": "2025-03-20", "priority": "low", "type": "prevent", "status": "not-doing",
         "reason": "Cost is not justified for one incident."},
        {"id": "AI-002", "action": "Enable request coalescing in the checkout cache client by default", "owner": "@sam-k",
         "deadline": "2025-03-05", "priority": "high", "type": "mitigate", "sponsor": "@vp-eng", "status": "done"},
        {"id": "AI-003", "action": "Alert when cache hit ratio for checkout drops below 80% for 5 minutes",
         "owner": "@noor-db", "deadline": "2025-03-09", "priority": "medium", "type": "detect", "status": "open"},
    ]
    data["follow_up_review"] = {"date": "2025-03-29", "done": False}
    return data


def model(data: dict[str, Any]) -> PostMortem:
    return build_postmortem(data, f"postmortems/{data['id']}.yaml")


MKDOCS_YML = """\
site_name: Incidents
theme: {name: material, font: false, features: [search.highlight]}
markdown_extensions: [toc, admonition, tables]
plugins: [search, postmortems]
"""


def write_project(root: Path, postmortems: list[dict[str, Any]], extra_config: str = "",
                  raw_files: dict[str, str] | None = None) -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    folder = root / "postmortems"
    folder.mkdir(exist_ok=True)
    for data in postmortems:
        name = data["id"].removeprefix("PM-") + ".yaml"
        (folder / name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for name, text in (raw_files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML + extra_config, encoding="utf-8")
    return root


def mkdocs_build(root: Path, strict: bool = True, now: datetime = NOW) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PM_PIPELINE_NOW": now.isoformat()}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    return subprocess.run(command + (["--strict"] if strict else []), cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)
