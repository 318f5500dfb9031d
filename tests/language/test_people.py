"""language.people: one idea of a person, a role and a team (PM1xx, PM201, PM502)."""

from __future__ import annotations

import re

import pytest

from pm_pipeline.language import people
from pm_pipeline.language.blame import advice_to_people
from pm_pipeline.language.people import NONE, STRONG, WEAK


@pytest.mark.parametrize(
    ("phrase", "kind", "strength"),
    [
        ("@alice", "handle", STRONG),
        ("Bob", "name", STRONG),
        ("Maria Lopez", "name", STRONG),
        ("Engineer A", "name", STRONG),
        ("the engineer", "role", STRONG),
        ("an operator", "role", STRONG),
        ("the on-call", "role", STRONG),
        ("the on-call engineer", "role", STRONG),
        ("a Sourcegraph engineer", "role", STRONG),
        ("the QA team", "team", STRONG),
        ("members of the team", "team", STRONG),
        ("multiple people", "team", STRONG),
        ("someone", "someone", STRONG),
        ("she", "third", STRONG),
        ("the team", "team", WEAK),
        ("the user", "user", WEAK),
        ("the validator operator", "role", WEAK),
        ("a partner engineer", "role", WEAK),
        ("I", "self", WEAK),
        ("we", "we", NONE),
    ],
)
def test_classify_says_what_kind_of_person_a_phrase_is(phrase: str, kind: str, strength: int) -> None:
    mention = people.classify(phrase)
    assert mention is not None and (mention.kind, mention.strength) == (kind, strength)
    assert people.is_person_phrase(phrase) == (strength > NONE)


@pytest.mark.parametrize(
    "phrase",
    [
        "Kintsugi",
        "Jenkins",
        "the replica",
        "Every worker",
        "the engineering team's tool",
        "the on-call rotation",
        "the user-facing API",
        "a@b.com",
        "Hugo",
        "the engineers' laptops",
    ],
)
def test_things_and_unknown_capitalised_words_are_not_people(phrase: str) -> None:
    assert not people.is_person_phrase(phrase)


def test_mentions_give_spans_in_order() -> None:
    text = "At 10:05 @bob paged the DBA, and Alice restarted the primary."
    found = people.mentions(text)
    assert [text[m.start : m.end] for m in found] == ["@bob", "the DBA", "Alice"]


def test_starts_with_person_is_what_pm502_asks() -> None:
    assert people.starts_with_person("Because the developer forgot to add it.") is not None
    assert people.starts_with_person("@dave ran the script.") is not None
    assert people.starts_with_person("The team lacked a staging environment.") is None  # weak
    assert people.starts_with_person("The deploy pipeline has no query-plan check.") is None


def test_people_object_names_the_people_advice_is_aimed_at() -> None:
    aimed = re.compile(rf"\bremind\s+{people.PEOPLE_OBJECT}", re.IGNORECASE)
    assert aimed.search("Remind engineers to check the host")
    assert aimed.search("remind the on-call about the freeze")
    assert not aimed.search("remind the scheduler to retry")


def test_advice_to_people_is_the_single_finding_pm201_defers_to() -> None:
    match = advice_to_people("Engineers must be more careful when running migrations")
    assert match is not None and match.kind == "fix-the-person" and match.strong
    assert advice_to_people("Add a confirmation step to the migration tool") is None
