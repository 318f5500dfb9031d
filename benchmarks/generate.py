"""Realistic, schema-valid post-mortems for benchmarks and tests.

`generate(n, folder, seed)` writes n files named `YYYY-MM-DD-slug.yaml` (about 200
lines and 7 KB each) and returns their paths. The same seed gives the same files.
Run as a script: `python benchmarks/generate.py N FOLDER [SEED]`.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

SERVICES = ["public-api", "orders-db", "checkout", "payments", "auth", "search", "cdn-edge", "notifications",
            "inventory", "billing", "kafka-cluster", "redis-cache", "k8s-ingress", "mobile-gateway", "reporting"]
CATEGORIES = ["monitoring", "testing", "runbook", "capacity", "deploy", "dependency", "config", "process",
              "alerting", "documentation"]
PEOPLE = ["@maria-lopez", "@chen-wei", "@priya-sre", "@jordan-oncall", "@sam-k", "@alex-ops", "@noor-db",
          "@li-na", "@tom-net", "@fatima-sec", "@diego-platform", "@eva-payments"]
SPONSORS = ["@vp-eng", "@cto-office", "@head-of-sre"]
TRIGGERS = [
    ("a configuration push", "raised the connection timeout from 2 s to 30 s", "config"),
    ("release {v}", "added a query on an unindexed column", "deploy"),
    ("a certificate rotation", "left an intermediate certificate out of the bundle", "config"),
    ("a traffic spike of {x} times the usual load", "exhausted the worker pool", "capacity"),
    ("an upstream provider outage", "made every payment authorisation wait for its timeout", "dependency"),
    ("a schema migration", "locked the largest table for several minutes", "deploy"),
    ("a disk on the primary node", "filled up with write-ahead log segments", "capacity"),
    ("a DNS change", "pointed clients at a decommissioned load balancer", "config"),
]
FACTORS = {
    "monitoring": "{m} was not exported as a metric, so saturation showed only as timeouts.",
    "testing": "Load tests replayed last quarter's traffic mix and never exercised the new code path in {s}.",
    "runbook": "No runbook covered {s} saturation, so mitigation options were worked out during the incident.",
    "capacity": "The {s} pool size had not changed while traffic grew {x} times over six months.",
    "deploy": "The deploy pipeline rolled {s} to every region at once, without a canary stage.",
    "dependency": "Calls from {s} to the provider had no circuit breaker and a 30 s timeout.",
    "config": "Configuration for {s} is applied without validation against the schema it is read with.",
    "process": "The change to {s} was reviewed without the service's owners, who knew about the limit.",
    "alerting": "The {s} alert fired only on total failure, not on rising latency or error rate.",
    "documentation": "The {s} architecture page still described the previous failover design.",
}
EVENTS = [
    ("Error rate on {s} rises above 2%.", "metrics", None, "start"),
    ("{alert} alert fires.", "alerts", "Alertmanager", "detection"),
    ("On-call engineer paged through PagerDuty.", "alerts", "PagerDuty", "escalation"),
    ("{p} acknowledged the page and opened the incident channel.", "chat", "{p}", None),
    ("Dashboards show {m} at its maximum and requests queueing in {s}.", "metrics", None, None),
    ("Logs show repeated 'timeout acquiring connection' errors from {s}.", "logs", None, None),
    ("Incident commander assigned; status page updated to 'investigating'.", "chat", "{p}", None),
    ("Traffic to {s} shifted to the secondary region.", "chat", "{p}", "mitigation"),
    ("Feature flag for the new code path in {s} turned off.", "chat", "{p}", "mitigation"),
    ("Error rate back below 0.1%; customers confirm recovery.", "metrics", None, None),
    ("Fix deployed to {s} and verified under load; incident resolved.", "chat", "{p}", "resolution"),
]
ACTIONS = [
    ("Add {m} to the {s} Grafana dashboard with an alert at 80% for 5 minutes", "detect"),
    ("Write a runbook for {s} saturation at runbooks/{s}-saturation.md and link it from the alert", "mitigate"),
    ("Fail the CI build when EXPLAIN shows a sequential scan on tables over 1M rows for new queries in {s}", "prevent"),
    ("Set the {s} connection pool size from the capacity model and document the formula in the README", "prevent"),
    ("Alert when {s} p95 latency exceeds 500 ms for 5 minutes", "detect"),
    ("Add a canary stage that holds {s} deploys at 5% of traffic for 15 minutes", "prevent"),
    ("Add a circuit breaker with a 2 s timeout around calls from {s} to the payment provider", "mitigate"),
    ("Validate {s} configuration against its schema in the deploy pipeline", "prevent"),
    ("Run a game day that fails over {s} to the secondary region and record the time it takes", "process"),
    ("Add load-test scenarios for every new query pattern in {s} to the k6 suite", "prevent"),
]
METRICS = ["db_pool_active_connections", "worker_queue_depth", "http_5xx_ratio", "disk_used_bytes",
           "cert_days_remaining", "consumer_lag_seconds"]
ALERTS = ["APIErrorRateHigh", "LatencyP95High", "DiskAlmostFull", "ConsumerLagHigh", "CheckoutFailures"]
LUCK = ["The spike happened on a Sunday morning, when traffic is lowest.",
        "A database engineer was already online for a planned migration.",
        "The faulty release reached only one region before the rollout paused for the weekend."]
WELL = ["The {alert} alert fired {n} seconds after errors began.", "The feature flag made the rollback a one-line change.",
        "The incident channel had a clear commander and a scribe from the first minutes.",
        "Status page updates went out every 15 minutes."]
WRONG = ["Without {m} it took {n} minutes to see that {s} was the bottleneck.",
         "The first mitigation attempt restarted pods, which cleared the queue for only two minutes.",
         "Paging went to a rotation whose members were all in the same time zone."]
LESSONS = ["Saturation of shared resources needs its own alerts, before failure.",
           "A change that every region receives at once is a single point of failure.",
           "Runbooks written before an incident save the first twenty minutes of one."]


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _fill(template: str, rng: random.Random, service: str, person: str) -> str:
    return template.format(s=service, p=person, m=rng.choice(METRICS), alert=rng.choice(ALERTS),
                           n=rng.randint(20, 600), x=rng.randint(2, 5), v=f"v{rng.randint(1, 9)}.{rng.randint(0, 20)}.0")


def postmortem_data(index: int, rng: random.Random, base: datetime) -> dict[str, Any]:
    started = base - timedelta(minutes=rng.randint(0, 730 * 24 * 60))
    services = rng.sample(SERVICES, rng.randint(1, 3))
    service = services[0]
    people = rng.sample(PEOPLE, 4)
    severity = rng.choices(["P1", "P2", "P3", "P4"], weights=[1, 3, 5, 3])[0]
    detect = timedelta(seconds=rng.randint(40, 45 * 60))
    mitigate = detect + timedelta(minutes=rng.randint(5, 120))
    resolve = mitigate + timedelta(minutes=rng.randint(10, 600))
    resolved = started + resolve
    trigger, effect, trigger_category = rng.choice(TRIGGERS)
    trigger = _fill(trigger, rng, service, people[1])
    slug = f"{service}-{trigger_category}-{index}"
    timeline = []
    span = resolve.total_seconds()
    for position, (event, source, actor, kind) in enumerate(EVENTS):
        if kind is None and rng.random() < 0.25:
            continue
        if kind == "start":
            at = started
        elif kind == "detection":
            at = started + detect
        elif kind == "resolution":
            at = resolved
        else:
            at = started + timedelta(seconds=detect.total_seconds() + (span - detect.total_seconds()) * position / 12)
        entry: dict[str, Any] = {"at": _ts(at), "event": _fill(event, rng, service, people[1]), "source": source}
        if actor:
            entry["actor"] = _fill(actor, rng, service, people[1])
        if kind:
            entry["kind"] = kind
        timeline.append(entry)
    categories = list(dict.fromkeys([trigger_category, *rng.sample(CATEGORIES, rng.randint(2, 4))]))
    priority_days = {"high": 28, "medium": 56, "low": 180}
    items = []
    for number, (action, kind) in enumerate(rng.sample(ACTIONS, rng.randint(3, 7)), start=1):
        priority = rng.choices(["high", "medium", "low"], weights=[2, 3, 1])[0]
        item: dict[str, Any] = {
            "id": f"AI-{number:03d}", "action": _fill(action, rng, rng.choice(services), people[0]),
            "owner": rng.choice(PEOPLE), "deadline": (started + timedelta(days=rng.randint(7, priority_days[priority]))).date().isoformat(),
            "priority": priority, "type": kind,
        }
        if priority == "high":
            item["sponsor"] = rng.choice(SPONSORS)
        status = rng.choices(["open", "done", "not-doing"], weights=[4, 5, 1])[0]
        item["status"] = status
        if status == "done":
            item["evidence"] = f"https://github.com/example/{service}/pull/{rng.randint(100, 9999)}"
        elif status == "not-doing":
            item["reason"] = f"Superseded by the {service} redesign planned for next quarter."
        items.append(item)
    published = resolved + timedelta(hours=rng.choice([6, 20, 30, 44, 60]))
    m = rng.choice(METRICS)
    return {
        "id": f"PM-{started.date().isoformat()}-{slug}",
        "title": f"{service} degradation after {trigger}",
        "severity": severity,
        "status": "published" if rng.random() < 0.9 else "in-review",
        "authors": [people[0]],
        "reviewers": people[2:4],
        "reviewed_on": (published - timedelta(hours=4)).date().isoformat(),
        "published_at": _ts(published),
        "incident": {"started_at": _ts(started), "detected_at": _ts(started + detect),
                     "mitigated_at": _ts(started + mitigate), "resolved_at": _ts(resolved), "services": services},
        "summary": (f"For {int(mitigate.total_seconds() // 60)} minutes {service} returned errors to part of its "
                    f"callers. {trigger[0].upper() + trigger[1:]} {effect}. Mitigation took effect "
                    f"{int(mitigate.total_seconds() // 60)} minutes after the start and the incident was resolved "
                    f"{int(resolve.total_seconds() // 60)} minutes after it began."),
        "impact": {"description": f"Requests to {service} failed or timed out during the incident window.",
                   "failed_requests": rng.randint(100, 500_000), "customers_affected": rng.randint(10, 20_000),
                   "revenue_usd": rng.randint(0, 50) * 500, "data_loss": rng.random() < 0.05},
        "root_cause": f"{trigger[0].upper() + trigger[1:]} {effect}; {service} had no protection against it, "
                      f"and the {m} metric that would have shown the problem was not collected.",
        "evidence": [
            {"kind": "metrics", "description": f"Grafana {service} dashboard during the incident",
             "link": f"https://grafana.example.com/d/{service}?from={int(started.timestamp())}000"},
            {"kind": "logs", "description": f"{service} pod logs for the incident window"},
            {"kind": "alerts", "description": "PagerDuty incident", "link": f"https://example.pagerduty.com/incidents/Q{index:06d}"},
        ],
        "data_gaps": [f"{m} was not exported, so its values come from application logs."],
        "timeline": timeline,
        "contributing_factors": {
            "immediate_causes": [f"{trigger[0].upper() + trigger[1:]} {effect}."],
            "factors": [{"category": c, "description": _fill(FACTORS[c], rng, service, people[1])} for c in categories],
            "systemic_issues": ["Changes to shared infrastructure are not load-tested before rollout.",
                                "Alerts fire on total failure, not on saturation."],
            "five_whys": [
                f"Why did {service} fail requests? Calls timed out waiting for a shared resource.",
                f"Why was the resource exhausted? {trigger[0].upper() + trigger[1:]} {effect}.",
                "Why did that reach production? The pipeline has no check for this kind of change.",
                "Why is there no check? The failure mode was not known to the team that owns the pipeline.",
                "Why was it not known? Earlier near-misses were not written up or shared.",
            ],
        },
        "action_items": items,
        "what_went_well": [_fill(rng.choice(WELL), rng, service, people[1]) for _ in range(2)],
        "what_went_wrong": [_fill(rng.choice(WRONG), rng, service, people[1]) for _ in range(2)],
        "where_we_got_lucky": [rng.choice(LUCK)],
        "lessons_learned": rng.sample(LESSONS, 2),
        "follow_up_review": {"date": (started + timedelta(days=28)).date().isoformat(),
                             "done": started + timedelta(days=28) < base,
                             "notes": "Reviewed open action items with their owners."},
    }


def generate(n: int, folder: str | Path, seed: int = 0, base: datetime | None = None) -> list[Path]:
    """Write n post-mortems into folder (created if missing); return their paths."""
    rng = random.Random(seed)
    base = base or datetime(2025, 6, 1, tzinfo=UTC)
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        data = postmortem_data(index, rng, base)
        name = data["id"].removeprefix("PM-") + ".yaml"
        path = target / name
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    count, out = int(sys.argv[1]), sys.argv[2]
    generate(count, out, int(sys.argv[3]) if len(sys.argv) > 3 else 0)
