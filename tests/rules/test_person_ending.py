"""PM502's person detection: a person as the subject of the answer, not a person-shaped word."""

from __future__ import annotations

import pytest

from pm_pipeline.rules.analysis import person_ending

PERSON = [
    "Because @dave forgot the index.",
    "Because the developer forgot to add it.",
    "An engineer ran the cleanup script on the primary.",
    "The on-call engineer restarted all pods at once.",
    "Someone deleted the DNS record.",
    "He forgot to run the migration.",
    "The DBA dropped the table.",
    "It was human error during the DNS change.",
    "Operator error.",
]
SYSTEM = [
    "The query filtered on orders.customer_ref, which had no index.",
    "The developer portal cached stale tokens.",
    "The on-call rotation had one person.",
    "The user-facing API had no rate limit.",
    "The deploy tool let engineers skip review.",
    "The engineers' laptops had stale configs.",
    "The SRE team's runbook was outdated.",
    "The team lacked a staging environment.",
    "Because the deploy pipeline has no query-plan check.",
]


@pytest.mark.parametrize("text", PERSON)
def test_person_as_subject_is_found(text: str) -> None:
    assert person_ending(text) is not None


@pytest.mark.parametrize("text", SYSTEM)
def test_system_subject_is_not_a_person(text: str) -> None:
    assert person_ending(text) is None
