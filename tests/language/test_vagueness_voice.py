"""PM201 round 4: how an item is voiced (issue 13), each family with its counter-cases.

Sentences are written for these tests, not copied from any corpus: they check the family
(report-voice effort, advice to people, questions, list pieces, unmeasured qualities).
"""

from __future__ import annotations

import pytest

from pm_pipeline.language.vagueness import judge_action


def _category(text: str) -> str | None:
    verdict = judge_action(text)
    return None if verdict is None else verdict.category


@pytest.mark.parametrize(
    "text",
    [
        "We are looking at moving the session store off the shared Redis cluster.",
        "We're working on making the image pipeline more fault tolerant.",
        "We have plans on better failover support for the EU region.",
        "In the future we intend to publish maintenance windows earlier.",
        "We will conduct a thorough review of the deploy tooling before the next launch.",
        "We'll evaluate ways to shorten restore time for the ledger database.",
        "Longer term, we're planning to mirror the package registry on our own hosts.",
        "A proposal has been made to introduce a change freeze around holidays.",
        "Work on moving the scheduler to a leader-elected design",
    ],
)
def test_effort_or_intention_in_report_voice_is_a_commitment_warning(text: str) -> None:
    verdict = judge_action(text)
    assert verdict is not None and verdict.level == "warning", verdict


@pytest.mark.parametrize(
    "text",
    [
        "We are looking into moving cron jobs to Kubernetes CronJobs by 2025-06-30.",
        "We are looking into rotating the 14 API keys listed in SEC-212.",
        "Working on `--sync-target` flag so a node can follow a chosen chain (#4412)",
        "We moved the session store off the shared Redis cluster.",
        "We will add a readiness probe to the ingest workers.",
    ],
)
def test_a_number_identifier_or_date_or_a_done_change_is_not_a_commitment(text: str) -> None:
    assert _category(text) != "commitment", judge_action(text)


@pytest.mark.parametrize(
    "text, vague",
    [
        ("Package authors should enable two-factor authentication on the registry.", False),
        ("Service owners should pin base images by digest in every Dockerfile.", False),
        ("Package authors and users should avoid reusing passwords across sites.", True),
        ("Operators should be careful with tools that auto-merge upgrades.", True),
    ],
)
def test_advice_to_people_is_judged_without_its_audience(text: str, vague: bool) -> None:
    assert (judge_action(text) is not None) is vague, judge_action(text)


@pytest.mark.parametrize(
    "text, vague",
    [
        ("Is the nightly compaction job starving the API of disk I/O", False),
        ("Does the load balancer drop connections during certificate reloads?", False),
        ("Have a better plan for database failover", True),
        ("Do not deploy on Fridays", True),
    ],
)
def test_a_yes_no_question_is_a_hypothesis_to_check_not_a_change(text: str, vague: bool) -> None:
    assert (judge_action(text) is not None) is vague, judge_action(text)


@pytest.mark.parametrize(
    "text, category",
    [
        ("Of capacity, quotas and limits", "fragment"),
        ("Rework our escalation policies and tooling, including", "fragment"),
        ("Add comprehensive contract test coverage", "quality"),
        ("Collect more accurate restore estimates", "quality"),
        ("Keep adequate spare disks in each rack", "quality"),
    ],
)
def test_list_pieces_and_unmeasured_qualities_are_warnings(text: str, category: str) -> None:
    verdict = judge_action(text)
    assert verdict is not None and verdict.category == category and verdict.level == "warning", verdict
    assert verdict.phrase and verdict.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "We've set out criteria for disabling the feature flag:",
        "Add comprehensive tests to cover every event the scheduler emits",
        "Create appropriate load tests (i.e. 500 concurrent uploads)",
        "Offload image resizing to the worker pool",
    ],
)
def test_a_scope_or_a_colon_list_is_not_a_quality_or_fragment_finding(text: str) -> None:
    assert _category(text) not in ("quality", "fragment"), judge_action(text)


def test_advice_inside_a_clause_is_not_the_item_s_audience() -> None:
    # The item is "Document ...": the people are inside what is documented, not the audience.
    assert _category("Document that operators should not restart leaders until the upgrade finishes") != "person"


@pytest.mark.parametrize(
    "text, vague",
    [
        ("Tell tenants about planned network work in a timely manner", True),
        ("Restore the read replica as soon as possible after a failover", True),
        ("Tell tenants about planned network work at least 72 hours ahead", False),
        ("We will spend this quarter's engineering time to improve our alerting", True),
        ("Develop some ideas around auto-closing stale tickets", True),
        ("We will use this engineering time to move the scheduler to Nomad", False),
        ("Develop a runbook for restoring the ledger database", False),
    ],
)
def test_speed_without_a_measure_and_effort_without_a_product_are_vague(text: str, vague: bool) -> None:
    assert (judge_action(text) is not None) is vague, judge_action(text)


def test_a_typographic_apostrophe_does_not_hide_the_subject_and_modal() -> None:
    # "I’ll" with U+2019 is read like "I'll": the head is "improve", a direction with nothing to check.
    curly, straight = (
        judge_action("I\u2019ll improve the deploy tooling"),
        judge_action("I'll improve the deploy tooling"),
    )
    assert curly is not None and straight is not None
    assert (curly.category, curly.level) == (straight.category, straight.level) == ("direction", "error")
    assert curly.phrase == "I\u2019ll improve the deploy tooling"  # quoted as written


def test_instituting_is_read_as_a_verb() -> None:
    verdict = judge_action("Instituting periodic review of access lists")
    assert verdict is not None and verdict.category == "cadence"


@pytest.mark.parametrize(
    "text, blocking",
    [
        ("Database backup", False),  # a bare topic may be a heading: weak evidence
        ("Any other jobs that hold the table lock", False),
        ("Better communication", True),  # a direction with nothing named stays blocking
        ("Monitoring", True),
        ("Fix the bug", True),  # a verb with nothing named stays blocking
    ],
)
def test_a_bare_topic_is_not_blocking_but_a_bare_direction_or_verb_is(text: str, blocking: bool) -> None:
    verdict = judge_action(text)
    assert (verdict is not None and verdict.level == "error") is blocking, verdict


@pytest.mark.parametrize(
    "text, vague",
    [
        # a tool named in a later, helping sentence does not make the advice a change
        ("Contributors should avoid sharing tokens between CI jobs. A vault like Vault 1.15 can help.", True),
        # the commitment may be the main clause after a subordinate one
        ("While the bug is rare, restores can still fail, and we're working on making them more robust.", True),
        ("Set up a call with the vendor to determine how to better route traffic", True),
        ("Determine how to shard orders-db and record it in ADR-12", False),
    ],
)
def test_advice_commitment_and_how_to_families_in_other_positions(text: str, vague: bool) -> None:
    assert (judge_action(text) is not None) is vague, judge_action(text)
