"""Every document rule: a failing example on the right line, and a passing neighbour."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from tests.rules.rulekit import BASE, NOW, check_text, edit, line_of

Edit = tuple[str, str]


@dataclass(frozen=True)
class Case:
    code: str
    failing: tuple[Edit, ...]
    line_needle: str  # a unique text on the expected line, in the edited document
    passing: tuple[Edit, ...]
    also: frozenset[str] = field(default_factory=frozenset)  # other codes the failing edit rightly causes
    now: datetime = NOW
    pass_now: datetime = NOW


AI2_TYPE = "    type: mitigate\n"
AI5_STATUS = "    type: detect\n    status: open\n"
LAST_WHY = "    - Why was the index missing? The deploy pipeline has no query-plan check, and load tests did not cover the query.\n"
FACTORS_2_TO_4 = """    - category: testing
      description: Load tests replayed last quarter's traffic mix and never exercised the new query pattern.
    - category: runbook
      description: There was no runbook for database connection saturation, so mitigation options were worked out live.
    - category: capacity
      description: The pool size had stayed at 20 while traffic tripled over six months.
"""
DETECTION_EVENT = """  - at: 2025-02-09T10:06:45Z
    event: APIErrorRateHigh alert fires.
    source: alerts
    actor: Alertmanager
    kind: detection
"""
SYSTEMIC = """  systemic_issues:
    - Query plans are not reviewed before deploy.
    - Database alerts fire only on total failure, not on saturation.
"""
ALERTS_EVIDENCE = """  - kind: alerts
    description: PagerDuty incident for APIErrorRateHigh
    link: https://example.pagerduty.com/incidents/Q1ABC23
"""
DATA_GAPS = """data_gaps:
  - Connection pool utilisation was not exported as a metric, so the time the pool filled is taken from application logs.
"""

CASES = [
    Case("PM015", (("severity: P2", "severity: critical"),), "severity: critical", (("severity: P2", "severity: P3"),)),
    Case("PM307",
         (("services: [public-api, orders-db]", "services: [public-api, TODO-service]"),), "TODO-service",
         (("services: [public-api, orders-db]", "services: [public-api, todos-db]"),)),
    Case("PM014",
         (("title: API", "title: API \u202etuo-llor "),), "title: API",
         (("title: API", "title: API \u05e9\u05dc\u05d5\u05dd "),)),
    Case("PM101",
         (("  For 30 minutes the public API", "  @bob caused the outage. For 30 minutes the public API"),),
         "@bob caused the outage",
         (("  For 30 minutes the public API", "  @bob acknowledged the page at 10:12. For 30 minutes the public API"),)),
    Case("PM102",
         (("  - Without pool metrics it took", "  - The on-call engineer should have checked the pool metrics first. It took"),),
         "should have checked",
         (("  - Without pool metrics it took", "  - The alert should have fired earlier. It took"),)),
    Case("PM103",
         (("  - Without pool metrics it took", "  - The on-call was careless and ignored the saturation warnings. It took"),),
         "careless",
         (("  - Without pool metrics it took", "  - The saturation warning fired 14 times into a channel nobody owned. It took"),)),
    Case("PM104",
         (("  - Saturation of shared resources", "  - This outage was human error. Saturation of shared resources"),),
         "human error",
         (("  - Saturation of shared resources", "  - This outage was not human error. Saturation of shared resources"),)),
    Case("PM105",
         (("Saturation of shared resources needs its own alerts, before failure.",
           "Engineers need to be more careful when reviewing queries."),),
         "more careful",
         (("Saturation of shared resources needs its own alerts, before failure.",
           "Query plans need an automated check in CI."),)),
    Case("PM201",
         (("action: Add load-test scenarios for every new query pattern in the k6 suite, run before each release",
           "action: Improve testing"),),
         "Improve testing",
         (("action: Add load-test scenarios for every new query pattern in the k6 suite, run before each release",
           "action: Add index on orders.user_id"),)),
    Case("PM202",
         (('owner: "@priya-sre"', "owner: TBD"),), "owner: TBD",
         (('owner: "@priya-sre"', "owner: priya-sre"),)),
    Case("PM203",
         (('owner: "@priya-sre"', 'owner: "@acme/sre"'),), "@acme/sre",
         (('owner: "@priya-sre"', 'owner: "@priya"'),)),
    Case("PM204",
         (("deadline: 2025-02-28", "deadline: 2025-02-09"),), "deadline: 2025-02-09",
         (("deadline: 2025-02-28", "deadline: 2025-02-10"),)),
    Case("PM205",
         (("deadline: 2025-03-07", "deadline: 2025-03-10"),), "deadline: 2025-03-10",
         (("deadline: 2025-03-07", "deadline: 2025-03-09"),)),
    Case("PM206",
         (("id: AI-005", "id: AI-004  # second"),), "AI-004  # second",
         (("id: AI-005", "id: AI-007"),)),
    Case("PM207",
         ((AI2_TYPE + '    sponsor: "@vp-eng"\n', AI2_TYPE.replace("mitigate", "mitigate  # no sponsor")),),
         "deadline: 2025-02-28",  # the finding is on `priority:`, the line after the deadline
         ((AI2_TYPE + '    sponsor: "@vp-eng"\n', AI2_TYPE + '    sponsor: "@cto"\n'),)),
    Case("PM208",
         ((AI5_STATUS, "    type: detect\n    status: not-doing  # here\n"),), "not-doing  # here",
         ((AI5_STATUS, "    type: detect\n    status: not-doing\n    reason: The p95 alert is covered by the SLO burn-rate alert.\n"),)),
    Case("PM209",
         (("    evidence: https://github.com/example/infra/pull/412\n", ""),), "status: done",
         (("    evidence: https://github.com/example/infra/pull/412\n", "    evidence: Grafana dashboard public-api, row DB pool\n"),)),
    Case("PM301",
         (("published_at: 2025-02-10T16:30:00Z", "published_at: 2025-02-11T23:40:00Z"),), "published_at:",
         (("published_at: 2025-02-10T16:30:00Z", "published_at: 2025-02-11T11:40:00Z"),)),
    Case("PM302",
         (("status: published", "status: draft"), ("published_at: 2025-02-10T16:30:00Z\n", "")), "status: draft",
         (("status: published", "status: draft"), ("published_at: 2025-02-10T16:30:00Z\n", "")),
         now=datetime(2025, 2, 12, tzinfo=UTC), pass_now=datetime(2025, 2, 11, 11, 40, tzinfo=UTC)),
    Case("PM303",
         (("  date: 2025-03-10", "  date: 2025-03-17"),), "date: 2025-03-17",
         (("  date: 2025-03-10", "  date: 2025-03-16"),)),
    Case("PM304",
         (("  done: true", "  done: false"),), "done: false",
         (("  done: true", "  done: false"),), pass_now=datetime(2025, 3, 10, 23, 59, tzinfo=UTC)),
    Case("PM305",
         (('reviewers: ["@chen-wei", "@priya-sre"]\n', ""),), "status: published",
         (('reviewers: ["@chen-wei", "@priya-sre"]\n', 'reviewers: ["@chen-wei"]\n'),)),
    Case("PM306",
         (("published_at: 2025-02-10T16:30:00Z\n", ""),), "status: published",
         (("published_at: 2025-02-10T16:30:00Z", "published_at: 2025-02-10T16:30:00+00:00"),)),
    Case("PM401",
         (("at: 2025-02-09T10:15:30Z", "at: 2025-02-09T10:11:00Z"),), "10:11:00Z",
         (("at: 2025-02-09T10:15:30Z", "at: 2025-02-09T10:12:00Z"),)),
    Case("PM402",
         (("  - at: 2025-02-09T10:05:23Z", "  - at: 2025-02-06T10:05:22Z"),), "2025-02-06T10:05:22Z",
         (("  - at: 2025-02-09T10:05:23Z", "  - at: 2025-02-06T10:05:23Z"),)),
    Case("PM403",
         (("  - at: 2025-02-09T10:35:00Z", "  - at: 2025-02-09T11:35:00+01:00"),), "+01:00",
         (("  - at: 2025-02-09T10:35:00Z", "  - at: 2025-02-09T10:35:00+00:00"),)),
    Case("PM404",
         (("detected_at: 2025-02-09T10:06:45Z", "detected_at: 2025-02-09T10:05:00Z"),), "detected_at:",
         (("detected_at: 2025-02-09T10:06:45Z", "detected_at: 2025-02-09T10:05:23Z"),)),
    Case("PM405",
         (("resolved_at: 2025-02-09T11:40:00Z", "resolved_at: 2025-02-08T11:40:00Z"),), "resolved_at:",
         (("resolved_at: 2025-02-09T11:40:00Z", "resolved_at: 2025-02-09T10:35:00Z"),),
         also=frozenset({"PM406", "PM402", "PM301", "PM303"})),
    Case("PM406",
         (("mitigated_at: 2025-02-09T10:35:00Z", "mitigated_at: 2025-02-09T11:45:00Z"),), "mitigated_at:",
         (("mitigated_at: 2025-02-09T10:35:00Z", "mitigated_at: 2025-02-09T11:40:00Z"),)),
    Case("PM407",
         ((DETECTION_EVENT, ""),), "timeline:",
         ((DETECTION_EVENT, DETECTION_EVENT.replace("    kind: detection\n", "")),)),
    Case("PM501",
         ((FACTORS_2_TO_4, ""),), "  factors:",
         ((FACTORS_2_TO_4, FACTORS_2_TO_4.split("    - category: runbook")[0]),)),
    Case("PM502",
         ((LAST_WHY, "    - Why was the index missing? Because @dave wrote the query without one.\n"),), "@dave",
         ((LAST_WHY, "    - Why was the index missing? Because the review checklist has no query-plan step.\n"),)),
    Case("PM503",
         (("    - Why were those queries slow?", "  # cut\n    - Why were those queries slow?"),
          ("    - Why were those queries slow? They scanned the whole orders table.\n", ""),
          ("    - Why did they scan the table? The query filtered on orders.customer_ref, which had no index.\n", ""),
          (LAST_WHY, "")),
         "five_whys:",
         (("    - Why were those queries slow?", "  # cut\n    - Why were those queries slow?"),
          ("    - Why did they scan the table? The query filtered on orders.customer_ref, which had no index.\n", ""),
          (LAST_WHY, ""))),
    Case("PM504",
         ((SYSTEMIC, ""),), "contributing_factors:",
         ((SYSTEMIC, SYSTEMIC.split("    - Database")[0]),)),
    Case("PM505",
         ((ALERTS_EVIDENCE, ""), (DATA_GAPS, ""), ("\nevidence:\n", "\nevidence:  # here\n")), "evidence:  # here",
         ((ALERTS_EVIDENCE, ""),)),
]


def _codes_and_lines(text: str, now: datetime) -> list[tuple[str, int]]:
    return [(finding.code, finding.line) for finding in check_text(text, now)]


@pytest.mark.parametrize("case", CASES, ids=[case.code for case in CASES])
def test_failing_example_is_reported_on_its_line(case: Case) -> None:
    text = edit(BASE, *case.failing)
    found = _codes_and_lines(text, case.now)
    assert (case.code, line_of(text, case.line_needle) + (1 if case.code == "PM207" else 0)) in found
    assert {code for code, _ in found} - case.also == {case.code}


@pytest.mark.parametrize("case", CASES, ids=[case.code for case in CASES])
def test_passing_example_is_not_reported(case: Case) -> None:
    assert _codes_and_lines(edit(BASE, *case.passing), case.pass_now) == []


def test_every_document_rule_has_a_case() -> None:
    from pm_pipeline.rules import ALL_RULES
    from pm_pipeline.rules.base import InputRule
    from pm_pipeline.rules.recurrence import CrossReportRule

    # cross-report rules (PM6xx) compare files; their cases are in tests/insights
    document_codes = {rule.code for rule in ALL_RULES if not issubclass(rule, InputRule | CrossReportRule)}
    assert document_codes == {case.code for case in CASES}
