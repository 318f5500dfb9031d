"""`pm-pipeline new`: a schema-valid skeleton, ready to fill."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

FOLLOW_UP_AFTER = timedelta(weeks=4)


@dataclass(frozen=True)
class NewPostmortem:
    title: str
    severity: str
    started_at: datetime
    resolved_at: datetime
    author: str
    slug: str = ""

    @property
    def file_slug(self) -> str:
        return self.slug or slugify(self.title)

    @property
    def file_name(self) -> str:
        return f"{self.started_at:%Y-%m-%d}-{self.file_slug}.yaml"

    @property
    def id(self) -> str:
        return f"PM-{self.started_at:%Y-%m-%d}-{self.file_slug}"


def slugify(title: str, limit: int = 6) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words[:limit]) or "incident"


def render_skeleton(new: NewPostmortem, schema_ref: str) -> str:
    started = _utc(new.started_at)
    resolved = _utc(new.resolved_at)
    review = (new.started_at + FOLLOW_UP_AFTER).date().isoformat()
    deadline = (new.started_at + timedelta(weeks=4)).date().isoformat()
    q = json.dumps
    return f"""# yaml-language-server: $schema={schema_ref}
id: {new.id}
title: {q(new.title)}
severity: {new.severity}
status: draft
authors: [{q(new.author)}]
reviewers: []

incident:
  started_at: {started}
  detected_at: {started}   # when an alert or a person first noticed
  resolved_at: {resolved}
  services: [TODO-service]

summary: >
  TODO: two or three sentences on what happened, who was affected and how it ended.

impact:
  failed_requests: 0
  customers_affected: 0
  revenue_usd: 0
  data_loss: false

root_cause: >
  TODO: the technical cause, in terms of systems and conditions.

evidence:
  - kind: metrics
    description: TODO dashboards used
data_gaps: []

timeline:  # UTC, in order
  - at: {started}
    event: TODO first sign of impact
    source: metrics
    kind: start
  - at: {resolved}
    event: TODO incident resolved
    kind: resolution

contributing_factors:
  immediate_causes: []
  factors:
    - category: todo
      description: TODO a condition that allowed or worsened the incident
  systemic_issues: []
  five_whys: []

action_items:
  - id: AI-001
    action: TODO a specific change, with the system and the end state
    owner: {q(new.author)}
    deadline: {deadline}
    priority: medium
    type: prevent
    status: open

what_went_well: []
what_went_wrong: []
where_we_got_lucky: []
lessons_learned: []

follow_up_review:
  date: {review}
  done: false
"""


def write_skeleton(new: NewPostmortem, folder: Path, schema_ref: str) -> Path:
    """Write the skeleton; never overwrite an existing post-mortem. schema_ref: the modeline's target."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / new.file_name
    with target.open("x", encoding="utf-8") as handle:
        handle.write(render_skeleton(new, schema_ref))
    return target


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
