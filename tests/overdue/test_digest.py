from __future__ import annotations

import re
from datetime import UTC, datetime

from pm_pipeline.config import Config
from pm_pipeline.overdue.digest import GITHUB_BODY_LIMIT, normalise_body, render_digest
from pm_pipeline.overdue.find import Agenda, IssueState, find_overdue
from pm_pipeline.overdue.links import Links
from pm_pipeline.tracker.markers import DIGEST_MARKER
from tests.overdue.factories import action, postmortem

CONFIG = Config()
LINKS = Links("https://github.com/acme/app")
MENTION = re.compile(r"(?<![`\w])@[A-Za-z0-9]")


def agenda_on(day: str, pms: list, issues: dict[str, IssueState] | None = None) -> Agenda:  # type: ignore[type-arg]
    return find_overdue(pms, issues or {}, datetime.fromisoformat(day).replace(tzinfo=UTC), CONFIG)


def sample() -> list:  # type: ignore[type-arg]
    return [
        postmortem("PM-2025-02-01-db", [
            action("AI-001", "2025-02-20", owner="@bob", priority="low"),
            action("AI-002", "2025-02-25", owner="@alice", priority="high", sponsor="@vp"),
            action("AI-003", "2025-03-11", owner="@alice", priority="medium"),
            action("AI-004", "2025-02-20", owner="@carol", status="done"),
        ], source_path="postmortems/2025-02-01-db.yaml", review_date="2025-03-01", review_done=False),
        postmortem("PM-2025-03-05-dns", [action("AI-001", "2025-06-01")], status="draft",
                   resolved_at="2025-03-01T00:00:00Z", review_date="2025-04-01"),
    ]


def test_digest_groups_items_by_owner_then_priority_with_links() -> None:
    issues = {"PM-2025-02-01-db/AI-002": IssueState(12, "PM-2025-02-01-db/AI-002", "open")}
    body = render_digest(agenda_on("2025-03-10", sample(), issues), LINKS)
    assert body.startswith(DIGEST_MARKER)
    overdue = body.split("## Overdue (2)")[1].split("## Due soon")[0]
    assert overdue.index("### `@alice`") < overdue.index("### `@bob`")
    assert "| high | AI-002 " in overdue and "| #12 |" in overdue
    assert "[PM-2025-02-01-db](https://github.com/acme/app/blob/main/postmortems/2025-02-01-db.yaml)" in overdue
    assert "AI-004" not in body
    assert "## Due soon (1)" in body and "AI-003" in body.split("## Due soon (1)")[1]


def test_digest_lists_late_drafts_with_the_escalation_and_missed_reviews() -> None:
    body = render_digest(agenda_on("2025-03-10", sample()), LINKS)
    drafts = body.split("## Drafts past the publish SLA (1)")[1].split("##")[0]
    assert "PM-2025-03-05-dns" in drafts and "More than 7 days since the incident: escalate." in drafts
    reviews = body.split("## Follow-up reviews (1)")[1]
    assert "PM-2025-02-01-db" in reviews and "**missed**, was due 2025-03-01" in reviews


def test_late_draft_within_the_escalation_days_is_not_called_out() -> None:
    body = render_digest(agenda_on("2025-03-04", sample()), LINKS)
    assert "## Drafts past the publish SLA (1)" in body and "escalate" not in body


def test_digest_mentions_nobody() -> None:
    items = [action(owner="@alice", text="Ask @bob to rotate the key | then <script>x</script>")]
    body = render_digest(agenda_on("2025-03-10", [postmortem(items=items)]), LINKS)
    assert MENTION.findall(body) == []
    assert "<script>" not in body and "\\|" in body


def test_digest_does_not_change_from_one_day_to_the_next_when_nothing_moved() -> None:
    assert render_digest(agenda_on("2025-03-12", sample()), LINKS) == render_digest(
        agenda_on("2025-03-13", sample()), LINKS)


def test_digest_changes_when_an_item_becomes_overdue() -> None:
    assert render_digest(agenda_on("2025-03-11", sample()), LINKS) != render_digest(
        agenda_on("2025-03-12", sample()), LINKS)


def test_closed_issue_leaves_the_digest() -> None:
    key = "PM-2025-02-01-db/AI-002"
    body = render_digest(agenda_on("2025-03-10", sample(), {key: IssueState(12, key, "closed")}), LINKS)
    assert "AI-002" not in body and "## Overdue (1)" in body


def test_empty_agenda_still_renders_a_digest_with_zero_totals() -> None:
    body = render_digest(agenda_on("2025-01-01", [postmortem(items=[action(deadline="2025-12-01")])]), LINKS)
    assert "**0 overdue items**" in body and "##" not in body


def test_two_thousand_overdue_items_stay_under_the_body_limit_with_a_truncation_line() -> None:
    items = [action(f"AI-{n:04d}", "2025-01-15", owner=f"@owner-{n % 40}",
                    text=f"Add a saturation alert for shard {n} of the orders database " * 2) for n in range(2000)]
    agenda = agenda_on("2025-03-10", [postmortem(items=items, source_path="postmortems/big.yaml")])
    body = render_digest(agenda, LINKS)
    assert len(body) <= GITHUB_BODY_LIMIT and len(body.encode()) <= GITHUB_BODY_LIMIT
    assert "**2,000 overdue items**" in body
    shown = body.count("| medium |")
    match = re.search(r"… and ([\d,]+) more items not shown", body)
    assert match is not None and shown > 100
    assert shown + int(match[1].replace(",", "")) == 2000


def test_truncation_respects_a_small_limit_and_never_ends_on_a_dangling_heading() -> None:
    items = [action(f"AI-{n:03d}", "2025-01-15", owner=f"@o{n}") for n in range(50)]
    body = render_digest(agenda_on("2025-03-10", [postmortem(items=items)]), LINKS, limit=3000)
    assert len(body.encode()) <= 3000
    lines = body.rstrip("\n").split("\n")
    assert lines[-1].startswith("… and ")
    assert lines[-3].startswith("| medium |")


def test_normalise_body_ignores_line_endings_and_trailing_spaces() -> None:
    assert normalise_body("a  \r\nb\r\n\r\n") == normalise_body("a\nb")
