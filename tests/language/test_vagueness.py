"""Focused behaviour tests for pm_pipeline.language.vagueness."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from pm_pipeline.cli import cli
from pm_pipeline.language.vagueness import Vagueness, judge_action
from tests.core.helpers import DEMO_NOW

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text",
    [
        "improve monitoring",
        "look into DB issues",
        "investigate flakiness",
        "better alerting",
        "fix the issue",
        "rewrite the service",
        "TBD",
        "review processes",
        "be more careful",
        "add more tests",
        "make it more robust",
        "follow up",
        "monitor the situation",
    ],
)
def test_classic_vague_actions_are_flagged(text: str) -> None:
    assert judge_action(text) is not None


def test_short_but_specific_actions_are_accepted() -> None:
    assert judge_action("Add index on orders.user_id") is None
    assert judge_action("Alert when p99 latency > 500 ms for 5 min") is None
    assert judge_action("Add a disk-usage alert to db-01 (#4521).") is None


def test_a_ticket_or_link_alone_is_not_specificity() -> None:
    assert judge_action("Track in #4521.") is not None
    assert judge_action("Improve monitoring (https://github.com/acme/ops/issues/12)") is not None
    assert judge_action("Uptime and alerting issue: https://github.com/acme/ops/issues/611") is not None


def test_verbless_but_specific_actions_are_accepted() -> None:
    assert judge_action("Hourly LVM snapshots of the production databases") is None


def test_named_dashboard_and_metric_is_specific() -> None:
    assert judge_action("Add db_pool_active_connections to the API Grafana dashboard") is None


def test_long_but_vague_action_is_flagged() -> None:
    text = (
        "Work with the platform team to improve the overall reliability and resilience "
        "of our services going forward across all of our environments."
    )
    assert judge_action(text) is not None


def test_a_conversation_serving_a_named_change_is_specific() -> None:
    assert judge_action("Work with the DBA team to add an index on orders.user_id") is None


def test_descriptive_concrete_change_without_markup_is_specific() -> None:
    assert judge_action("Enable deletion protection on the production database instances.") is None


def test_named_tool_does_not_rescue_a_direction_only_verb() -> None:
    assert judge_action("Improve Grafana dashboards.") is not None


def test_number_rescues_an_investigation_with_a_deliverable() -> None:
    assert judge_action("Investigate the 502s from the edge proxy and file a ticket per cause by 2024-06-01.") is None


def test_ticket_reference_makes_an_item_specific() -> None:
    assert judge_action("Look into why nginx returns 499 under load (OPS-311).") is None


def test_quantity_verb_without_target_is_vague_and_says_so() -> None:
    verdict = judge_action("Reduce alert noise.")
    assert verdict is not None
    assert "target" in verdict.reason or "metric" in verdict.reason


def test_quantity_verb_with_target_is_specific() -> None:
    assert judge_action("Reduce the DNS TTL for api.example.com to 60 s.") is None


def test_monitoring_reason_names_what_is_missing() -> None:
    verdict = judge_action("improve monitoring")
    assert verdict is not None
    assert "metric" in verdict.reason and "threshold" in verdict.reason
    assert "Alert when" in verdict.suggestion


def test_placeholder_reason_says_placeholder() -> None:
    verdict = judge_action("TBD")
    assert verdict is not None and "placeholder" in verdict.reason


def test_fix_the_person_action_is_vague() -> None:
    verdict = judge_action("Be more careful when running commands in production.")
    assert verdict is not None and "careful" in verdict.reason


def test_empty_action_is_vague() -> None:
    assert judge_action("   ") is not None


@given(st.text(max_size=200))
def test_any_text_returns_none_or_vagueness(text: str) -> None:
    verdict = judge_action(text)
    assert verdict is None or (isinstance(verdict, Vagueness) and verdict.reason and verdict.suggestion)


def test_check_in_a_location_is_not_ongoing_attention() -> None:
    assert judge_action("Add a pre-apply check in the Helm wrapper that diffs values against production.") is None
    assert judge_action("Check in next week.") is not None


# --- investigations ---------------------------------------------------------------
# An investigation that names what it investigates is specific (the corpus labels, and Google's
# example post-mortem, count "Investigate <named tool> for <named purpose>" as a good item);
# one that names nothing, or only "options" and "possibilities", is vague.


@pytest.mark.parametrize(
    "text",
    [
        "Investigate the issue",
        "Look into what happened",
        "Investigate the cause of the 2025-02-01 outage",
        "Consider upgrading to Redis 7",
        "Keep an eye on heap usage after the 4.1 rollout",
        "Investigate further possibilities of cache failure and recovery",
        "Find a way to limit HTTP requests to the hub under load",
        "Something about spreading out clicks for events",
    ],
)
def test_investigations_that_name_nothing_or_only_explore_are_vague(text: str) -> None:
    assert judge_action(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Investigate 504s on the gateway",
        "Investigate Vitess for sharding the orders database",
        "Investigate the 504s and record the cause in OPS-77",
        "Look into the 429s from the GitHub API by 2025-01-10",
        "Audit the IAM roles by running the access analyzer report",
        "Review the CI role and remove iam:PassRole from it",
        "Review and update the API SLAs",
        "Research and design a high-availability proxy for the ingestion endpoint",
    ],
)
def test_an_investigation_with_a_named_object_or_deliverable_is_specific(text: str) -> None:
    assert judge_action(text) is None


def test_vague_coordinated_part_does_not_rescue_an_investigation() -> None:
    assert judge_action("Investigate the issue and share findings with the team") is not None


def test_quantity_needs_a_named_object_or_a_target() -> None:
    assert judge_action("Limit concurrent reindex jobs to two per cluster") is None
    assert judge_action("Increase the frequency of backups") is not None
    assert judge_action("Reduce the noise") is not None


def test_named_topic_recorded_in_a_named_document_is_specific() -> None:
    assert judge_action("Document the restore procedure in the runbook") is None
    assert judge_action("Update the runbook") is not None


@pytest.mark.parametrize("text", ["Upgrade Postgres to 15.4", "Fix flaky test_checkout"])
def test_concrete_upgrades_and_named_fixes_are_specific(text: str) -> None:
    assert judge_action(text) is None


def test_talking_to_someone_is_not_a_change() -> None:
    assert judge_action("Check with finance about the refund policy") is not None
    assert judge_action("Replace the vendor health check with a 3 s TCP probe") is None


def test_monitoring_with_an_alert_threshold_is_specific() -> None:
    assert judge_action("Monitor heap usage on the search nodes with an alert at 90%") is None
    assert judge_action("Monitor heap usage on the search nodes") is not None


def test_a_due_date_is_a_deadline_for_a_follow_up() -> None:
    assert judge_action("Follow up with the CDN vendor on the purge delays; due 2025-02-01") is None
    assert judge_action("Keep an eye on the certificate expiry") is not None


# --- real text families ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Implementing rate limiting on the login endpoint",
        "Transitioned to managed Postgres for the billing database",
        "Alerting: added a disk-usage alert on every database host",
        "[Platform] Add deletion protection to the orders bucket (OPS-12)",
        "We will add a replica-lag panel to the orders dashboard, so that on-call sees lag during failover",
        "Harden peer admission during upgrade windows to prevent malformed block propagation",
        "Document the failover procedure for the DNS servers",
        "Review and update the API SLAs",
        "Back-up keys should be stored in the vault cluster in the second region",
        "Enable nftables on the edge hosts and ensure it re-enables on restart",
    ],
)
def test_real_report_forms_of_specific_items_pass(text: str) -> None:
    assert judge_action(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Improving monitoring",
        "Improved cache management and other optimizations",
        "The team will implement measures to prevent similar incidents from occurring in the future.",
        "Regular communication between the relevant teams should be established to prevent future incidents.",
        "Handle errors on launching servers more gracefully (issue)",
        "We need a better way to rotate credentials",
        "Investigate the root cause of the failure and implement measures to prevent recurrence.",
    ],
)
def test_real_report_forms_of_vague_items_are_flagged(text: str) -> None:
    assert judge_action(text) is not None


def test_strong_evidence_is_an_error_and_weaker_evidence_a_warning() -> None:
    short = judge_action("Improve monitoring")
    longer = judge_action("Consider dedicated nodes for large events that are going to use the cluster a lot")
    assert short is not None and short.level == "error"
    assert longer is not None and longer.level == "warning"


def test_a_finding_quotes_the_phrase_says_why_and_suggests_a_rewrite() -> None:
    verdict = judge_action("[Ops] Improve alerting (https://example.com/issues/1)")
    assert verdict is not None
    assert verdict.phrase == "Improve alerting"
    assert "'Improve alerting'" in verdict.reason and "no metric" in verdict.reason
    assert verdict.suggestion.startswith("Say what is measured")


def test_a_bare_link_is_not_specificity() -> None:
    assert judge_action("Improve handling of slow spawners https://github.com/acme/hub/issues/1677") is not None
    assert judge_action("Improve handling of slow spawners: stop them after 30 s (#1677)") is None


@pytest.mark.parametrize(
    "text",
    ["Engineers must be more careful", "I'll be more careful next time.", "Remind the on-call to double-check"],
)
def test_advice_to_people_is_the_fix_the_person_family(text: str) -> None:
    verdict = judge_action(text)
    assert verdict is not None and verdict.category == "person"


def test_a_thing_asked_to_be_careful_is_not_advice_to_people() -> None:
    verdict = judge_action("The cleanup script must be careful to skip primaries")
    assert verdict is None or verdict.category != "person"


def _check(tmp_path: Path, action: str, *extra: str) -> list[tuple[str, str]]:
    text = (ROOT / "postmortems" / "2025-02-09-api-degradation.yaml").read_text(encoding="utf-8")
    old = "action: Add load-test scenarios for every new query pattern in the k6 suite, run before each release"
    assert old in text
    path = tmp_path / "2025-02-09-api-degradation.yaml"
    path.write_text(text.replace(old, f"action: {action}"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", *extra, "--format", "json", "--now", DEMO_NOW, str(path)])
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.output)["findings"]
    return [(f["code"], f["level"]) for f in findings]


def test_check_reports_fix_the_person_once_as_pm105(tmp_path: Path) -> None:
    assert _check(tmp_path, "Engineers must be more careful") == [("PM105", "error")]


def test_check_reports_a_short_vague_item_as_an_error(tmp_path: Path) -> None:
    assert _check(tmp_path, "Improve monitoring") == [("PM201", "error")]


def test_check_reports_weaker_evidence_as_a_warning(tmp_path: Path) -> None:
    found = _check(tmp_path, "Consider dedicated nodes for large events that are going to use the cluster a lot")
    assert found == [("PM201", "warning")]


def test_check_reports_advice_the_blame_engine_misses_as_pm201(tmp_path: Path) -> None:
    # "do what you should" is advice to people that the blame engine does not report: PM201 does.
    assert _check(tmp_path, "Next time, do what you should.") == [("PM201", "error")]


def test_judge_action_is_cheap() -> None:
    items = [
        "We will add monitoring for replica lag, so that we can route traffic to the sequencer (issue)",
        "Improve handling of spawners that are slow to stop https://github.com/acme/hub/issues/1677",
        "[Ops] Alerting: added a disk-usage alert on every database host",
        "Consider dedicated nodes for large events that are going to use the cluster a lot",
    ]
    for text in items:
        judge_action(text)
    runs = 100
    began = time.process_time()
    for _ in range(runs):
        for text in items:
            judge_action(text)
    per_item = (time.process_time() - began) / (runs * len(items))
    assert per_item < 0.001  # generous for a loaded CI machine; typically 60-90 us
