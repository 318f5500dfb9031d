"""Focused behaviour tests for pm_pipeline.language.vagueness."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_pipeline.language.vagueness import Vagueness, judge_action


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
