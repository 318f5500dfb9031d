"""Behaviour of individual rules beyond the failing/passing pair: columns, levels, options, scope."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pm_pipeline.config import Config
from pm_pipeline.errors import ConfigError
from pm_pipeline.findings import Level
from pm_pipeline.rules.selection import select_rules
from tests.rules.rulekit import BASE, check_text, edit, line_of, located


def test_blame_lands_on_the_phrase_column_inside_a_folded_block() -> None:
    text = edit(BASE, ("  traffic. A read-through cache", "  traffic. Then @bob caused the outage. A read-through cache"))
    [finding] = check_text(text)
    row = text.splitlines()[finding.line - 1]
    assert finding.code == "PM101"
    assert row[finding.column - 1:].startswith("@bob caused")


def test_blame_in_a_quoted_timeline_event_lands_on_the_phrase() -> None:
    text = edit(BASE, ('event: "@jordan-oncall acknowledged the page and opened #inc-2025-02-09-api."',
                       'event: "Paged again because @jordan-oncall ignored the page."'))
    [finding] = check_text(text)
    row = text.splitlines()[finding.line - 1]
    assert (finding.code, finding.line) == ("PM103", line_of(text, "ignored the page"))
    assert finding.column > row.index('"') + 1
    assert "@jordan-oncall ignored" in row[finding.column - 1:finding.column + 30]


def test_actor_and_owner_fields_are_not_read_as_narrative() -> None:
    text = edit(BASE, ('    actor: "@jordan-oncall"\n    kind: mitigation',
                       '    actor: "@bob caused the outage"\n    kind: mitigation'))
    assert check_text(text) == []


def test_blame_in_title_and_action_reason_is_reported() -> None:
    text = edit(BASE, ("title: API service degradation", "title: Human error caused API service degradation"))
    assert located(check_text(text)) == [("PM104", line_of(text, "title:"))]


def test_overdue_draft_is_a_warning_then_an_error_seven_days_after_resolution() -> None:
    text = edit(BASE, ("status: published", "status: in-review"), ("published_at: 2025-02-10T16:30:00Z\n", ""))
    early = check_text(text, now=datetime(2025, 2, 16, 11, 40, tzinfo=UTC))  # resolved_at + 7 days exactly
    late = check_text(text, now=datetime(2025, 2, 16, 11, 41, tzinfo=UTC))
    assert [(f.code, f.level) for f in early] == [("PM302", Level.WARNING)]
    assert [(f.code, f.level) for f in late] == [("PM302", Level.ERROR)]


def test_clock_findings_on_a_file_outside_the_change_are_reminders() -> None:
    text = edit(BASE, ("status: published", "status: in-review"), ("published_at: 2025-02-10T16:30:00Z\n", ""))
    text = edit(text, ("done: true", "done: false")) if "done: true" in text else text
    much_later = datetime(2026, 6, 1, tzinfo=UTC)
    inside = check_text(text, now=much_later)
    outside = check_text(text, now=much_later, in_change=False)
    assert ("PM302", Level.ERROR) in [(f.code, f.level) for f in inside]
    assert {f.code for f in outside if f.level is Level.REMINDER} == {f.code for f in inside if f.code in {"PM302", "PM304"}}
    assert all(f.level is Level.REMINDER for f in outside if f.code in {"PM302", "PM304"})


def test_utc_finding_points_at_the_offset() -> None:
    text = edit(BASE, ("started_at: 2025-02-09T10:05:23Z", "started_at: 2025-02-09T05:05:23-05:00"))
    [finding] = check_text(text)
    row = text.splitlines()[finding.line - 1]
    assert finding.code == "PM403" and row[finding.column - 1:] == "-05:00"
    assert "2025-02-09T10:05:23Z" in finding.message


def test_deadline_before_the_incident_is_outside_the_window() -> None:
    text = edit(BASE, ("deadline: 2025-03-21", "deadline: 2024-03-21"))
    assert ("PM205", line_of(text, "2024-03-21")) in located(check_text(text))


def test_deadline_window_follows_the_configured_severity() -> None:
    text = edit(BASE, ("deadline: 2025-03-07", "deadline: 2025-03-01"))
    config = Config(deadline_days={"P2": {"high": 19}})
    assert located(check_text(text, config=config)) == [("PM205", line_of(text, "2025-03-01"))]


def test_done_items_may_be_due_before_publication() -> None:
    text = edit(BASE, ("deadline: 2025-02-21", "deadline: 2025-02-09"))
    assert check_text(text) == []


def test_empty_reviewers_list_is_reported_on_it() -> None:
    text = edit(BASE, ('reviewers: ["@chen-wei", "@priya-sre"]', "reviewers: []"))
    assert located(check_text(text)) == [("PM305", line_of(text, "reviewers: []"))]


def test_follow_up_window_is_configurable() -> None:
    text = edit(BASE, ("  date: 2025-03-10", "  date: 2025-03-20"))
    config = Config(rules={"PM303": {"max_days": 42}})
    assert check_text(text, config=config) == []
    assert located(check_text(text)) == [("PM303", line_of(text, "2025-03-20"))]


def test_five_whys_required_for_configured_severities() -> None:
    start = BASE.index("  five_whys:")
    text = BASE[:start] + BASE[BASE.index("\naction_items:") + 1:]
    config = Config(rules={"PM503": {"required_for": ["P1", "P2"]}})
    assert check_text(text) == []
    assert located(check_text(text, config=config)) == [("PM503", line_of(text, "contributing_factors:"))]


def test_root_cause_starting_at_a_person_is_reported_at_the_person() -> None:
    text = edit(BASE, ("  Release v2.3.0 added an order-history", "  The developer added an order-history"))
    findings = [f for f in check_text(text) if f.code == "PM502"]
    assert [(f.line, f.column) for f in findings] == [(line_of(text, "The developer added"), 3)]


def test_level_can_be_changed_and_rule_turned_off() -> None:
    text = edit(BASE, ('owner: "@priya-sre"', "owner: TBD"))
    assert [f.level for f in check_text(text, config=Config(rules={"PM202": {"level": "warning"}}))] == [Level.WARNING]
    assert check_text(text, config=Config(rules={"PM202": {"level": "off"}})) == []


def test_placeholder_list_is_an_option() -> None:
    text = edit(BASE, ('owner: "@priya-sre"', "owner: ghost"))
    assert check_text(text) == []
    assert located(check_text(text, config=Config(rules={"PM202": {"placeholders": ["ghost"]}}))) == [
        ("PM202", line_of(text, "owner: ghost"))]


@pytest.mark.parametrize("code, option", [("PM303", "min_weeks"), ("PM201", "words")])
def test_unknown_option_is_a_config_error(code: str, option: str) -> None:
    with pytest.raises(ConfigError, match=option):
        select_rules(Config(rules={code: {option: 1}}))
