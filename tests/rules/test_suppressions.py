"""`# pm: ignore CODE -- reason` comments: what they silence, and what they report."""

from __future__ import annotations

from pm_pipeline.config import Config
from pm_pipeline.findings import Level
from pm_pipeline.suppressions import apply_suppressions, parse_suppressions
from tests.rules.rulekit import BASE, check_text, edit, line_of, located

VAGUE = ("action: Add load-test scenarios for every new query pattern in the k6 suite, run before each release",
         "action: Improve testing")


def vague(comment: str = "", above: str = "") -> str:
    text = edit(BASE, (VAGUE[0], VAGUE[1] + comment))
    if above:
        text = edit(text, ("  - id: AI-006\n", f"  - id: AI-006\n    {above}\n"))
    return text


def test_suppression_on_the_same_line_silences_the_finding() -> None:
    assert check_text(vague("  # pm: ignore PM201 -- the item title of the vendor guide")) == []


def test_suppression_alone_on_the_line_above_silences_the_finding() -> None:
    assert check_text(vague(above="# pm: ignore PM201 -- vendor wording")) == []


def test_suppression_two_lines_above_does_not_apply() -> None:
    text = edit(vague(), ("  - id: AI-006\n", "  # pm: ignore PM201 -- vendor wording\n  - id: AI-006\n"))
    assert located(check_text(text)) == [("PM090", line_of(text, "# pm:")), ("PM201", line_of(text, "Improve testing"))]


def test_suppression_on_a_block_scalar_covers_the_whole_block() -> None:
    text = edit(BASE, ("summary: >\n", "summary: >  # pm: ignore PM101 -- quoting the customer's complaint\n"),
                ("  traffic. A read-through", "  traffic. @bob caused the outage. A read-through"))
    assert check_text(text) == []


def test_suppression_without_reason_is_reported_and_suppresses_nothing() -> None:
    text = vague("  # pm: ignore PM201")
    found = check_text(text)
    assert sorted(located(found)) == [("PM091", line_of(text, "Improve")), ("PM201", line_of(text, "Improve"))]
    [directive] = [finding for finding in found if finding.code == "PM091"]
    assert directive.column == text.splitlines()[directive.line - 1].index("#") + 1


def test_unknown_code_is_reported() -> None:
    text = vague("  # pm: ignore PM201, PM2010 -- vendor wording")
    assert located(check_text(text)) == [("PM092", line_of(text, "Improve"))]


def test_directive_without_codes_is_reported() -> None:
    text = vague("  # pm: ignore -- vendor wording")
    assert sorted(located(check_text(text))) == [("PM092", line_of(text, "Improve")), ("PM201", line_of(text, "Improve"))]


def test_unused_suppression_is_a_warning() -> None:
    text = edit(BASE, ('owner: "@priya-sre"', 'owner: "@priya-sre"  # pm: ignore PM202 -- rota'))
    [finding] = check_text(text)
    assert (finding.code, finding.line, finding.level) == ("PM090", line_of(text, "rota"), Level.WARNING)


def test_unused_is_not_reported_for_a_rule_that_did_not_run() -> None:
    text = edit(BASE, ('owner: "@priya-sre"', 'owner: "@priya-sre"  # pm: ignore PM202 -- rota'))
    assert check_text(text, config=Config(rules={"ignore": ["PM2"]})) == []


def test_only_the_named_code_is_silenced() -> None:
    text = vague("  # pm: ignore PM101 -- vendor wording")
    assert sorted(located(check_text(text))) == [("PM090", line_of(text, "Improve")), ("PM201", line_of(text, "Improve"))]


def test_hash_inside_a_value_is_not_a_directive() -> None:
    assert parse_suppressions(['event: "see # pm: ignore PM201 -- in the docs"']) == []
    assert parse_suppressions(["summary: pm: not a directive"]) == []
    assert len(parse_suppressions(['event: "quoted"  # pm: ignore PM201 -- why'])) == 1


def test_apply_without_directives_returns_the_findings_unchanged() -> None:
    assert apply_suppressions("f", ["a: 1"], [], known={"PM201"}, active={"PM201"}, rules_ran=True) == []


def test_suppression_covers_a_list_item_continued_on_the_next_line() -> None:
    text = edit(BASE, ("  - The spike happened on a Sunday morning, when traffic is lowest.\n",
                       "  # pm: ignore PM103 -- quoting the customer\n"
                       "  - The spike happened on a Sunday morning.\n"
                       "    The on-call was careless and ignored the warnings.\n"))
    assert line_of(text, "careless") == line_of(text, "# pm:") + 2
    assert check_text(text) == []


def test_suppression_on_a_key_does_not_cover_the_next_key() -> None:
    [suppression] = parse_suppressions(["  - at: 2025-02-09T10:05:23Z  # pm: ignore PM402 -- deploy",
                                        "    event: Deploy of v2.3.0.", "    kind: start"])
    assert list(suppression.lines) == [1]


def test_late_publication_can_be_acknowledged_in_the_file() -> None:
    text = edit(BASE, ("published_at: 2025-02-10T16:30:00Z",
                       "published_at: 2025-02-12T09:00:00Z  # pm: ignore PM301 -- published after the holiday freeze"))
    assert check_text(text) == []
