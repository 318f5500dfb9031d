"""The typed post-mortem, built from schema-valid data.

Timestamps become timezone-aware datetimes in UTC and dates become `date`s;
handles are normalised to `@name`. Build only from data the schema accepted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

EARLIEST_YEAR, LATEST_YEAR = 1900, 9000
"""Years a report can name: deadlines and windows computed from them never leave what a date holds."""
JsonPath = tuple[str | int, ...]
_TIMESTAMPS: tuple[JsonPath, ...] = (
    ("published_at",),
    ("incident", "started_at"),
    ("incident", "detected_at"),
    ("incident", "mitigated_at"),
    ("incident", "resolved_at"),
)
_DATES: tuple[JsonPath, ...] = (("reviewed_on",), ("follow_up_review", "date"))


def parse_timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("z", "Z")).astimezone(UTC)


def moment_problems(data: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    """(JSON path, message) of each schema-valid date or date-time that no calendar arithmetic can use.

    The schema accepts what RFC 3339 allows: year 0000, leap seconds, offsets that push a
    time past year 9999. Build the model only when this yields nothing.
    """

    def at(path: JsonPath) -> Any:
        node: Any = data
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                return None
        return node

    timestamps = [*_TIMESTAMPS, *(("timeline", i, "at") for i in range(len(data.get("timeline") or [])))]
    dates = [*_DATES, *(("action_items", i, "deadline") for i in range(len(data.get("action_items") or [])))]
    for path in timestamps:
        value = at(path)
        if isinstance(value, str):
            problem = _moment_problem(value, timestamp=True)
            if problem:
                yield path, problem
    for path in dates:
        value = at(path)
        if isinstance(value, str):
            problem = _moment_problem(value, timestamp=False)
            if problem:
                yield path, problem


def _moment_problem(text: str, *, timestamp: bool) -> str | None:
    shown = text if len(text) <= 40 else text[:39] + "…"
    if timestamp and len(text) >= 19 and text[17:19] == "60":
        return f"`{shown}` is a leap second; write :59 (Python, GitHub and browsers cannot hold second 60)"
    try:
        moment = parse_timestamp(text) if timestamp else date.fromisoformat(text)
    except (ValueError, OverflowError):
        moment = None
    if moment is None or not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        what = "time" if timestamp else "date"
        return (
            f"`{shown}` is not a {what} pm-pipeline can compute with; use a year from {EARLIEST_YEAR} to {LATEST_YEAR}"
        )
    return None


def normalise_handle(handle: str) -> str:
    return handle if handle.startswith("@") else f"@{handle}"


@dataclass(frozen=True)
class Incident:
    started_at: datetime
    detected_at: datetime
    resolved_at: datetime
    services: tuple[str, ...]
    mitigated_at: datetime | None = None


@dataclass(frozen=True)
class Impact:
    data_loss: bool
    description: str | None = None
    failed_requests: int | None = None
    customers_affected: int | None = None
    revenue_usd: float | None = None


@dataclass(frozen=True)
class Evidence:
    kind: str
    description: str
    link: str | None = None


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    at_text: str
    event: str
    source: str | None = None
    actor: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Factor:
    category: str
    description: str


@dataclass(frozen=True)
class ContributingFactors:
    factors: tuple[Factor, ...]
    immediate_causes: tuple[str, ...] = ()
    systemic_issues: tuple[str, ...] = ()
    five_whys: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionItem:
    id: str
    action: str
    owner: str
    deadline: date
    priority: str
    type: str
    status: str
    labels: tuple[str, ...] = ()
    reason: str | None = None
    evidence: str | None = None
    sponsor: str | None = None
    renamed_from: str | None = None  # "AI-003" or "PM-.../AI-003": the id its issue was made for

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class FollowUpReview:
    date: date
    done: bool
    notes: str | None = None


@dataclass(frozen=True)
class PostMortem:
    id: str
    title: str
    severity: str
    status: str
    authors: tuple[str, ...]
    incident: Incident
    summary: str
    impact: Impact
    root_cause: str
    timeline: tuple[TimelineEvent, ...]
    contributing_factors: ContributingFactors
    action_items: tuple[ActionItem, ...]
    follow_up_review: FollowUpReview
    reviewers: tuple[str, ...] = ()
    reviewed_on: date | None = None
    published_at: datetime | None = None
    evidence: tuple[Evidence, ...] = ()
    data_gaps: tuple[str, ...] = ()
    what_went_well: tuple[str, ...] = ()
    what_went_wrong: tuple[str, ...] = ()
    where_we_got_lucky: tuple[str, ...] = ()
    lessons_learned: tuple[str, ...] = ()
    renamed_from: str | None = None  # the post-mortem's previous id
    source_path: str = field(default="", compare=False)

    @property
    def duration(self) -> Any:
        return self.incident.resolved_at - self.incident.started_at


def build_postmortem(data: dict[str, Any], source_path: str = "") -> PostMortem:
    """The typed model of schema-valid data."""
    incident = data["incident"]
    factors = data["contributing_factors"]
    review = data["follow_up_review"]
    return PostMortem(
        id=data["id"],
        title=data["title"],
        severity=data["severity"],
        status=data["status"],
        authors=_handles(data["authors"]),
        reviewers=_handles(data.get("reviewers", [])),
        reviewed_on=_date(data.get("reviewed_on")),
        published_at=_timestamp(data.get("published_at")),
        incident=Incident(
            started_at=parse_timestamp(incident["started_at"]),
            detected_at=parse_timestamp(incident["detected_at"]),
            mitigated_at=_timestamp(incident.get("mitigated_at")),
            resolved_at=parse_timestamp(incident["resolved_at"]),
            services=tuple(incident["services"]),
        ),
        summary=data["summary"],
        impact=Impact(**data["impact"]),
        root_cause=data["root_cause"],
        evidence=tuple(Evidence(**item) for item in data.get("evidence", [])),
        data_gaps=tuple(data.get("data_gaps", [])),
        timeline=tuple(
            TimelineEvent(
                at=parse_timestamp(event["at"]),
                at_text=event["at"],
                event=event["event"],
                source=event.get("source"),
                actor=event.get("actor"),
                kind=event.get("kind"),
            )
            for event in data["timeline"]
        ),
        contributing_factors=ContributingFactors(
            factors=tuple(Factor(**factor) for factor in factors["factors"]),
            immediate_causes=tuple(factors.get("immediate_causes", [])),
            systemic_issues=tuple(factors.get("systemic_issues", [])),
            five_whys=tuple(factors.get("five_whys", [])),
        ),
        action_items=tuple(_action_item(item) for item in data["action_items"]),
        what_went_well=tuple(data.get("what_went_well", [])),
        what_went_wrong=tuple(data.get("what_went_wrong", [])),
        where_we_got_lucky=tuple(data.get("where_we_got_lucky", [])),
        lessons_learned=tuple(data.get("lessons_learned", [])),
        follow_up_review=FollowUpReview(
            date=date.fromisoformat(review["date"]), done=review["done"], notes=review.get("notes")
        ),
        renamed_from=data.get("renamed_from"),
        source_path=source_path,
    )


def _action_item(item: dict[str, Any]) -> ActionItem:
    return ActionItem(
        id=item["id"],
        action=item["action"],
        owner=normalise_handle(item["owner"]),
        deadline=date.fromisoformat(item["deadline"]),
        priority=item["priority"],
        type=item["type"],
        status=item["status"],
        labels=tuple(item.get("labels", [])),
        reason=item.get("reason"),
        evidence=item.get("evidence"),
        sponsor=normalise_handle(item["sponsor"]) if item.get("sponsor") else None,
        renamed_from=item.get("renamed_from"),
    )


def _handles(values: list[str]) -> tuple[str, ...]:
    return tuple(normalise_handle(value) for value in values)


def _timestamp(text: str | None) -> datetime | None:
    return parse_timestamp(text) if text else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
