"""PM201 families seen across real post-mortems (issue 13, round 3), each with its counter-case.

The sentences are written for these tests (not copied from the corpus), so they check the family,
not a memorised item.
"""

from __future__ import annotations

import pytest

from pm_pipeline.language.vagueness import judge_action


def _category(text: str) -> str | None:
    verdict = judge_action(text)
    return None if verdict is None else verdict.category


@pytest.mark.parametrize(
    "text, vague",
    [
        ("Run regular restore tests of the billing database", True),
        ("Periodic reviews of firewall rules on the edge routers", True),
        ("Rotate the Vault root token regularly", True),
        ("Run restore tests of the billing database monthly", False),
        ("Review firewall rules on the edge routers every quarter", False),
    ],
)
def test_regular_work_without_a_cadence_is_vague(text: str, vague: bool) -> None:
    assert (judge_action(text) is not None) is vague, judge_action(text)


def test_a_cadence_finding_quotes_the_item_and_asks_for_the_cadence() -> None:
    verdict = judge_action("Run regular restore tests of the billing database")
    assert verdict is not None and verdict.category == "cadence"
    assert "restore tests" in verdict.phrase and "cadence" in verdict.reason
    assert "quarterly" in verdict.suggestion


@pytest.mark.parametrize(
    "text, vague",
    [
        ("Raise Terraform knowledge across the platform team", True),
        ("Improve awareness of the change freeze among developers", True),
        ("Train the support team on the billing system", True),
        ("Run a Terraform state-recovery workshop for the platform team", False),
        ("Train 4 support engineers on refund escalation by 2026-03-01", False),
    ],
)
def test_what_people_know_is_not_a_deliverable_but_a_session_or_number_is(text: str, vague: bool) -> None:
    assert (judge_action(text) is not None) is vague, judge_action(text)


@pytest.mark.parametrize(
    "text",
    [
        "Enhanced monitoring for replication slot growth",
        "Improve alerting to detect certificate expiry on the ingress controllers",
        "Enhance dashboards to include queue consumer lag",
        "Improved kafka partition skew monitoring",
    ],
)
def test_monitoring_that_names_its_signal_is_specific(text: str) -> None:
    assert judge_action(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Add alerts for storage layer issues",
        "Set up detection for problems like this",
        "Improve monitoring for the payments service",
        "Add better alerts for queue consumer lag",
        "Enhance monitoring for specific endpoints",
    ],
)
def test_a_class_of_problems_a_system_or_a_quality_is_not_a_signal(text: str) -> None:
    assert _category(text) in ("monitoring", "direction"), judge_action(text)


@pytest.mark.parametrize(
    "text, vague",
    [
        ("Reduce CI pipeline times", True),
        ("Increase the cadence of failover drills", True),
        ("Reduce CI pipeline times below 10 minutes", False),
        ("Increase the size of the Redis cache nodes", False),
        ("Expand the Kafka consumer group to the eu-west region", False),
    ],
)
def test_moving_a_measure_needs_a_target_but_resizing_a_named_thing_does_not(text: str, vague: bool) -> None:
    assert (judge_action(text) is not None) is vague, judge_action(text)


@pytest.mark.parametrize(
    "text, vague",
    [
        ("Build a better process for vendor access requests", True),
        ("Spend more time on failure-mode reviews", True),
        ("Focus on finishing the storage migration", True),
        ("We try hard to avoid manual database access", True),
        ("We added more pre-flight checks to the cluster upgrade guide", False),
    ],
)
def test_comparatives_and_effort_are_directions_but_done_additions_to_a_named_thing_are_not(
    text: str, vague: bool
) -> None:
    assert (judge_action(text) is not None) is vague, judge_action(text)


@pytest.mark.parametrize(
    "text, vague",
    [
        ("OPS412 - Discuss the approach to dependency upgrades", True),
        ("TODO: someone should look at this", True),
        ("TODO", True),
        ("TODO add a node_exporter textfile check for ZFS pool usage", False),
    ],
)
def test_a_leading_ticket_id_or_todo_mark_is_neither_evidence_nor_a_placeholder(text: str, vague: bool) -> None:
    assert (judge_action(text) is not None) is vague, judge_action(text)


def test_fixing_the_issue_a_link_points_at_is_checkable_but_improving_it_is_not() -> None:
    assert judge_action("https://github.com/acme/api/issues/88 - Fix the issue") is None
    assert judge_action("Fix the bug (#88)") is None
    assert judge_action("fix the issue") is not None
    assert judge_action("Improve the issue https://github.com/acme/api/issues/88") is not None


@pytest.mark.parametrize(
    "text",
    [
        "Improve alerting (Owner: Dana, Due: 2026-04-01)",
        "Improve alerting to detect disk saturation on db hosts (Owner: Dana, Due: 2026-04-01)",
    ],
)
def test_owner_and_due_metadata_change_nothing(text: str) -> None:
    bare = text.split(" (Owner")[0]
    assert (judge_action(text) is None) == (judge_action(bare) is None)


def test_an_anaphora_in_the_purpose_is_no_end_state() -> None:
    assert judge_action("Watch the logs more closely so that we catch errors like this before users do") is not None
    assert judge_action("Change the deploy job so that it blocks when the schema check fails") is None


@pytest.mark.parametrize(
    "text, vague",
    [
        ("Roll back faster.", True),
        ("Respond to pages quicker", True),
        ("Handle malformed invoice dates in the import job safely", False),
    ],
)
def test_an_adverb_that_is_the_whole_change_is_a_direction(text: str, vague: bool) -> None:
    assert (judge_action(text) is not None) is vague, judge_action(text)


def test_alerts_for_anything_unusual_name_no_signal() -> None:
    assert _category("Create alerts for anything unusual") == "monitoring"
    assert judge_action("Enhanced logging for the import job to capture rejected row ids") is None


@pytest.mark.parametrize(
    "text, vague",
    [
        ("Our engineers are working to prevent a recurrence.", True),
        ("We are working with our provider to understand the root cause.", True),
        ("We are working with Fastly to enable origin shielding for the assets domain.", False),
    ],
)
def test_a_progress_statement_is_judged_by_what_it_names(text: str, vague: bool) -> None:
    assert (judge_action(text) is not None) is vague, judge_action(text)


@pytest.mark.parametrize(
    "text, vague",
    [
        ("Onboard the data team to PagerDuty", False),
        ("Train new on-call engineers with a shadow rotation", False),
        ("Regular expression checks on the signup form's email field", False),
        ("Reduce noise in the alerts channel by routing warnings to email", False),
        ("Expand test coverage to the payment flow", False),
        ("Reduce latency to acceptable levels", True),
    ],
)
def test_family_rules_do_not_swallow_concrete_items(text: str, vague: bool) -> None:
    verdict = judge_action(text)
    assert (verdict is not None) is vague, verdict
    assert verdict is None or verdict.level == "warning"


@pytest.mark.parametrize(
    "text, vague",
    [
        ("Increase the number of API replicas", False),
        ("Increase the number of worker nodes in the batch pool", False),
        ("Reduce the number of HTTP requests to the hub", True),
        ("Increase the number of alerts", True),
    ],
)
def test_the_number_of_a_named_resource_is_capacity_but_a_count_of_outcomes_needs_a_target(
    text: str, vague: bool
) -> None:
    assert (judge_action(text) is not None) is vague, judge_action(text)
