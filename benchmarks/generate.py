"""Generate N realistic, valid post-mortems (about 200 lines each) for benchmarks.

Usage: python -m benchmarks.generate N FOLDER [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

SERVICES = [
    "public-api",
    "orders-db",
    "checkout",
    "payments",
    "search",
    "auth",
    "cdn-edge",
    "billing",
    "notifications",
    "inventory",
    "kafka-events",
    "redis-sessions",
]
CATEGORIES = ["monitoring", "testing", "runbook", "capacity", "deploy", "dependency", "config", "process"]
PEOPLE = [
    "@maria-lopez",
    "@chen-wei",
    "@priya-sre",
    "@jordan-oncall",
    "@sam-k",
    "@alex-db",
    "@noor-h",
    "@li-ops",
    "@kofi-a",
    "@ines-m",
]
ACTIONS = [
    "Add {svc}_error_ratio to the {svc} Grafana dashboard",
    "Alert when {svc} p99 latency exceeds 800 ms for 10 minutes",
    "Write a runbook for {svc} failover at runbooks/{svc}-failover.md",
    "Fail the CI build when a migration on {svc} locks a table for more than 5 s",
    "Raise the {svc} connection pool from 20 to 60 and load-test at 3x peak",
    "Add a k6 scenario for the {svc} bulk-export endpoint to the release gate",
    "Page the {svc} on-call when the consumer lag exceeds 10,000 messages",
    "Move {svc} TLS certificates to cert-manager with renewal 30 days before expiry",
]
EVENTS = [
    "Error rate on {svc} rises above 2%.",
    "Alertmanager fires {svc}HighErrorRate.",
    "On-call engineer acknowledges the page.",
    "Dashboards show {svc} saturation at 100% CPU.",
    "Rollback of the {svc} deploy started.",
    "Traffic shifted to the standby region.",
    "Error rate back below 0.1%.",
    "Incident resolved after the fix was verified in production.",
]


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def postmortem_yaml(index: int, rng: random.Random) -> tuple[str, str]:
    """The file name and YAML text of one generated post-mortem."""
    start = datetime(2023, 1, 1, tzinfo=UTC) + timedelta(hours=rng.randrange(0, 24 * 900))
    detect = start + timedelta(seconds=rng.randrange(30, 1800))
    resolve = detect + timedelta(minutes=rng.randrange(20, 600))
    svc = rng.choice(SERVICES)
    day = start.strftime("%Y-%m-%d")
    slug = f"{svc}-incident-{index}"
    q = json.dumps
    lines = [
        "# yaml-language-server: $schema=../schemas/postmortem.schema.json",
        f"id: PM-{day}-{slug}",
        f"title: {q(f'{svc} degradation number {index}')}",
        f"severity: P{rng.randint(1, 4)}",
        "status: published",
        f"authors: [{q(rng.choice(PEOPLE))}]",
        f"reviewers: [{q(rng.choice(PEOPLE))}]",
        f"reviewed_on: {(resolve + timedelta(days=1)).date()}",
        f"published_at: {_ts(resolve + timedelta(hours=rng.randrange(2, 40)))}",
        "incident:",
        f"  started_at: {_ts(start)}",
        f"  detected_at: {_ts(detect)}",
        f"  mitigated_at: {_ts(detect + timedelta(minutes=10))}",
        f"  resolved_at: {_ts(resolve)}",
        f"  services: [{svc}, {rng.choice(SERVICES)}-dep]",
        "summary: >",
        f"  {svc} returned errors to a share of requests for {int((resolve - start).total_seconds() // 60)} minutes.",
        "  A configuration change reduced capacity during peak traffic, and the rollback took",
        "  longer than expected because the deploy pipeline was queued behind other jobs.",
        "impact:",
        f"  description: Requests to {svc} failed or timed out.",
        f"  failed_requests: {rng.randrange(100, 100000)}",
        f"  customers_affected: {rng.randrange(10, 5000)}",
        f"  revenue_usd: {rng.randrange(0, 20000)}",
        "  data_loss: false",
        "root_cause: >",
        f"  A configuration change lowered the {svc} worker count from 32 to 8 while",
        "  traffic was at its daily peak, so request queues grew until clients timed out.",
        "evidence:",
        "  - kind: metrics",
        f"    description: Grafana {svc} dashboard",
        f"    link: https://grafana.example.com/d/{svc}",
        "  - kind: logs",
        f"    description: {svc} pod logs",
        "  - kind: alerts",
        f"    description: PagerDuty incident for {svc}",
        "data_gaps:",
        "  - Load balancer logs were sampled at 1% during the incident.",
        "timeline:",
    ]
    steps = sorted([start, detect] + [start + (resolve - start) * rng.random() for _ in range(20)] + [resolve])
    for position, moment in enumerate(steps):
        event = EVENTS[min(position, len(EVENTS) - 1)].format(svc=svc)
        kind = (
            "start"
            if moment == start
            else "detection"
            if moment == detect
            else "resolution"
            if moment == resolve
            else "other"
        )
        lines += [f"  - at: {_ts(moment)}", f"    event: {q(event)}", "    source: metrics", f"    kind: {kind}"]
    lines += [
        "contributing_factors:",
        "  immediate_causes:",
        f"    - The {svc} worker count was lowered during peak traffic.",
        "  factors:",
    ]
    for category in rng.sample(CATEGORIES, 3):
        lines += [
            f"    - category: {category}",
            f"      description: {q(f'The {category} safeguards for {svc} did not cover this change.')}",
        ]
    lines += [
        "  systemic_issues:",
        "    - Configuration changes skip the canary stage.",
        "  five_whys:",
        "    - Why did requests fail? Queues grew until clients timed out.",
        "    - Why did queues grow? Worker count was too low for the traffic.",
        "    - Why was it low? A configuration change reduced it.",
        "    - Why was the change not caught? Config changes skip the canary stage.",
        "    - Why do they skip it? The pipeline treats config as low risk.",
        "action_items:",
    ]
    for number in range(1, rng.randint(3, 7)):
        priority = rng.choice(["high", "medium", "low"])
        window = {"high": 25, "medium": 50, "low": 150}[priority]
        lines += [
            f"  - id: AI-{number:03d}",
            f"    action: {q(rng.choice(ACTIONS).format(svc=svc))}",
            f"    owner: {q(rng.choice(PEOPLE))}",
            f"    deadline: {(start + timedelta(days=rng.randrange(3, window))).date()}",
            f"    priority: {priority}",
            f"    type: {rng.choice(['mitigate', 'prevent', 'detect', 'process'])}",
            "    status: "
            + ("done\n    evidence: https://github.com/example/infra/pull/1" if rng.random() < 0.4 else "open"),
        ]
        if priority == "high":
            lines.append('    sponsor: "@vp-eng"')
    lines += [
        "what_went_well:",
        "  - Alerting fired within two minutes.",
        "what_went_wrong:",
        "  - The rollback waited behind other pipeline jobs.",
        "where_we_got_lucky:",
        "  - The incident began outside the busiest hour.",
        "lessons_learned:",
        "  - Capacity settings need the same review as code.",
        "follow_up_review:",
        f"  date: {(start + timedelta(days=28)).date()}",
        "  done: true",
    ]
    return f"{day}-{slug}.yaml", "\n".join(lines) + "\n"


def generate(n: int, folder: Path, seed: int = 1) -> list[Path]:
    """Write n post-mortems into folder; returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        name, text = postmortem_yaml(index, rng)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.n, args.folder, args.seed)
