"""Generated post-mortem histories for the insight tests: small valid reports with chosen facts."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

SERVICES = ("orders-db", "checkout", "search", "auth", "billing")
CATEGORIES = ("capacity", "monitoring", "testing", "deploy", "config")


@dataclass(frozen=True)
class Item:
    id: str
    status: str = "open"
    labels: tuple[str, ...] = ()
    owner: str = "@maria-lopez"
    deadline_days: int = 20


@dataclass(frozen=True)
class Report:
    slug: str
    start: datetime
    services: tuple[str, ...]
    categories: tuple[str, ...]
    items: tuple[Item, ...] = field(default_factory=tuple)
    status: str = "published"

    @property
    def day(self) -> str:
        return self.start.strftime("%Y-%m-%d")

    @property
    def id(self) -> str:
        return f"PM-{self.day}-{self.slug}"

    @property
    def file_name(self) -> str:
        return f"{self.day}-{self.slug}.yaml"


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def report_yaml(report: Report) -> str:
    start = report.start
    detect, resolve = start + timedelta(minutes=5), start + timedelta(minutes=65)
    q = json.dumps
    published = report.status == "published"
    lines = [
        f"id: {report.id}",
        f"title: {q('Errors on ' + report.services[0])}",
        "severity: P2",
        f"status: {report.status}",
        'authors: ["@chen-wei"]',
        *(['reviewers: ["@priya-sre"]', f"reviewed_on: {(resolve + timedelta(days=1)).date()}"] if published else []),
        *([f"published_at: {_ts(resolve + timedelta(hours=20))}"] if published else []),
        "incident:",
        f"  started_at: {_ts(start)}",
        f"  detected_at: {_ts(detect)}",
        f"  resolved_at: {_ts(resolve)}",
        f"  services: [{', '.join(report.services)}]",
        "summary: The service returned errors to a share of requests for an hour.",
        "impact:",
        "  failed_requests: 1200",
        "  data_loss: false",
        "root_cause: A configuration change lowered the worker count from 32 to 8 during peak traffic.",
        "evidence:",
        "  - {kind: metrics, description: Grafana dashboard}",
        "  - {kind: logs, description: Pod logs}",
        "  - {kind: alerts, description: PagerDuty incident}",
        "timeline:",
        f"  - {{at: {_ts(start)}, event: Error rate rises above 2%., kind: start}}",
        f"  - {{at: {_ts(detect)}, event: Alertmanager fires HighErrorRate., kind: detection}}",
        f"  - {{at: {_ts(resolve)}, event: Error rate back below 0.1%., kind: resolution}}",
        "contributing_factors:",
        "  factors:",
    ]
    for category in report.categories:
        lines += [
            f"    - category: {category}",
            f"      description: {q(f'The {category} safeguards did not cover this change.')}",
        ]
    lines += ["  systemic_issues:", "    - Configuration changes skip the canary stage.", "action_items:"]
    for item in report.items:
        lines += [
            f"  - id: {item.id}",
            f"    action: {q(f'Alert when {report.services[0]} p99 exceeds 800 ms for 10 minutes ({item.id})')}",
            f"    owner: {q(item.owner)}",
            f"    deadline: {(start + timedelta(days=item.deadline_days)).date()}",
            "    priority: medium",
            "    type: detect",
            f"    status: {item.status}",
        ]
        if item.labels:
            lines.append(f"    labels: [{', '.join(item.labels)}]")
        if item.status == "done":
            lines.append("    evidence: https://github.com/example/infra/pull/1")
        if item.status == "not-doing":
            lines.append("    reason: The service is being retired next quarter.")
    if not report.items:
        lines[-1] = "action_items: []"
    lines += [
        "follow_up_review:",
        f"  date: {(start + timedelta(days=28)).date()}",
        "  done: true",
        "  notes: Held on schedule.",
    ]
    return "\n".join(lines) + "\n"


def write(folder: Path, *reports: Report) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for report in reports:
        path = folder / report.file_name
        path.write_text(report_yaml(report), encoding="utf-8")
        paths.append(path)
    return paths


def random_history(n: int, seed: int, start: datetime | None = None) -> list[Report]:
    """n reports over about two years with random services, categories and item states."""
    rng = random.Random(seed)
    origin = start or datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
    reports = []
    for index in range(n):
        moment = origin + timedelta(hours=rng.randrange(0, 24 * 700))
        categories = tuple(rng.sample(CATEGORIES, rng.randint(2, 3)))
        items = tuple(
            Item(
                f"AI-{number:03d}",
                rng.choice(("open", "done", "done", "not-doing")),
                tuple(rng.sample(categories, rng.randint(0, 1))),
            )
            for number in range(1, rng.randint(1, 4) + 1)
        )
        services = tuple(rng.sample(SERVICES, rng.randint(1, 2)))
        reports.append(Report(f"incident-{index}", moment, services, categories, items))
    return reports
