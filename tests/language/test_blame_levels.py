"""PM1xx levels through the real checker: strong evidence is an error, weak evidence a warning."""

from __future__ import annotations

from pm_pipeline.findings import Level
from tests.rules.rulekit import BASE, check_text, edit, line_of

WRONG = "  - Without pool metrics it took ten minutes to see that the pool was the bottleneck.\n"


def _blame_findings(sentence: str) -> list[tuple[str, Level]]:
    """The PM1xx findings of ``sentence`` added to what_went_wrong (the base file has none)."""
    text = edit(BASE, (WRONG, WRONG + f"  - {sentence}\n"))
    findings = [f for f in check_text(text) if f.code.startswith("PM1")]
    assert all(f.line == line_of(text, sentence) for f in findings)
    return [(f.code, f.level) for f in findings]


def test_a_named_person_forgetting_is_a_pm101_error() -> None:
    assert _blame_findings("Yuki forgot to renew the certificate.") == [("PM101", Level.ERROR)]


def test_a_quoted_blameful_sentence_is_a_pm101_warning() -> None:
    found = _blame_findings('The first draft said "Bob forgot to run the migration script".')
    assert found == [("PM101", Level.WARNING)]


def test_hindsight_about_our_own_decisions_is_no_finding() -> None:
    assert _blame_findings("If we had added the pool alert earlier, we would have caught it.") == []
