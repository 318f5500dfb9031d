"""PM401-PM403, PM407: the timeline is ordered, in UTC, inside the incident and complete."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from pm_pipeline.findings import Level
from pm_pipeline.rules.base import Context, Document, Hit, Rule
from pm_pipeline.rules.options import option
from pm_pipeline.sourcemap import JsonPath

_OFFSET = re.compile(r"(?:[Zz]|[+-]\d\d:?\d\d)$")
_UTC_OFFSETS = frozenset(("Z", "z", "+00:00", "-00:00", "+0000", "-0000"))
_INCIDENT_TIMES = ("started_at", "detected_at", "mitigated_at", "resolved_at")


@dataclass(frozen=True)
class WindowOptions:
    before_hours: float = option(72, "How long before started_at a timeline event may be.", minimum=0, maximum=87600)
    after_hours: float = option(24, "How long after resolved_at a timeline event may be.", minimum=0, maximum=87600)


class TimelineOrder(Rule):
    """A timeline event is earlier than the event before it.

    ## Why it matters
    Readers take the timeline's order as the order of events; an event out of
    place (often a typo in the hour, or a local time mixed with UTC) makes cause
    and effect read backwards.

    ## Example
    ```yaml
    timeline:
      - at: 2025-02-09T10:22:10Z
        event: Read-through cache deployed.
      - at: 2025-02-09T10:15:30Z
        event: Logs show the connection pool at its maximum.
    ```

    ## Use instead
    Sort the events by `at`, and check the times of any that were moved.
    """

    code = "PM401"
    needs = ()
    name = "timeline-order"

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        events = doc.postmortem.timeline
        for index in range(1, len(events)):
            previous, event = events[index - 1], events[index]
            if event.at < previous.at:
                line = doc.source.value_at(("timeline", index - 1, "at"))[0]
                yield Hit(
                    ("timeline", index, "at"),
                    f"{event.at_text} is earlier than the event before it ({previous.at_text}, line {line}); "
                    "keep the timeline in time order",
                )


class EventOutsideIncident(Rule):
    """A timeline event lies far outside the incident: before `started_at` or after `resolved_at` by more than a margin.

    By default an event may be up to 72 hours before the start (the deploy or
    change that triggered the incident) and 24 hours after the resolution (the
    clean-up).

    ## Why it matters
    An event days away from the incident is usually a wrong date (a month or a
    year typed by hand), or belongs in the analysis rather than the timeline.

    ## Example
    ```yaml
    incident:
      started_at: 2025-02-09T10:05:23Z
      resolved_at: 2025-02-09T11:40:00Z
    timeline:
      - at: 2024-02-09T10:06:45Z
        event: APIErrorRateHigh alert fires.
    ```

    ## Use instead
    Correct the date (`2025-02-09T10:06:45Z`), or describe a long-past change in
    `contributing_factors`; for a real, relevant event far away, widen the
    margins or suppress with a reason.
    """

    code = "PM402"
    needs = (("incident",),)
    name = "event-outside-incident"
    level = Level.WARNING
    Options = WindowOptions

    def check(self, doc: Document, options: WindowOptions, context: Context) -> Iterator[Hit]:
        incident = doc.postmortem.incident
        earliest = incident.started_at - timedelta(hours=options.before_hours)
        latest = incident.resolved_at + timedelta(hours=options.after_hours)
        for index, event in enumerate(doc.postmortem.timeline):
            if event.at < earliest:
                yield Hit(
                    ("timeline", index, "at"),
                    f"{event.at_text} is more than {options.before_hours:g} hours before the incident "
                    "started; check the date, or move the event to the analysis",
                )
            elif event.at > latest:
                yield Hit(
                    ("timeline", index, "at"),
                    f"{event.at_text} is more than {options.after_hours:g} hours after the incident was "
                    "resolved; check the date, or move the event to the follow-up notes",
                )


class NotUtc(Rule):
    """A timestamp has an offset other than UTC (`Z` or `+00:00`).

    Checked on the `incident` times, `published_at` and every timeline `at`.

    ## Why it matters
    A timeline mixing `+01:00` and `Z` is read wrong by humans even though
    machines compare it correctly; incidents across regions are reconstructed
    from logs, metrics and chat in UTC.

    ## Example
    ```yaml
    - at: 2025-02-09T11:06:45+01:00
      event: APIErrorRateHigh alert fires.
    ```

    ## Use instead
    ```yaml
    - at: 2025-02-09T10:06:45Z
      event: APIErrorRateHigh alert fires.
    ```
    """

    code = "PM403"
    needs = (("incident",), ("published_at",))
    name = "not-utc"
    level = Level.WARNING

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        incident = doc.data["incident"]
        stamps: list[tuple[JsonPath, str]] = [
            (("incident", key), incident[key]) for key in _INCIDENT_TIMES if key in incident
        ]
        if "published_at" in doc.data:
            stamps.append((("published_at",), doc.data["published_at"]))
        stamps += [
            (("timeline", index, "at"), event.at_text)
            for index, event in enumerate(doc.postmortem.timeline)
            if not event.at_text.endswith("Z")
        ]
        for path, text in stamps:
            if text.endswith(("Z", "+00:00")):
                continue
            found = _OFFSET.search(text)
            if found and found.group() not in _UTC_OFFSETS:
                yield Hit(
                    path,
                    f"{text} is in UTC{found.group()}; write times in UTC ({_in_utc(doc, path)})",
                    offset=found.start(),
                )


def _in_utc(doc: Document, path: JsonPath) -> str:
    pm = doc.postmortem
    if path[0] == "timeline":
        moment = pm.timeline[int(path[1])].at
    elif path[0] == "published_at":
        moment = pm.published_at  # type: ignore[assignment]
    else:
        moment = getattr(pm.incident, str(path[1]))
    return f"{moment:%Y-%m-%dT%H:%M:%S}Z"


class IncompleteTimeline(Rule):
    """The timeline does not reach the incident's detection and resolution.

    Detection is reached by an event with `kind: detection` or at exactly
    `incident.detected_at`; resolution by an event with `kind: resolution` or at
    or after `incident.resolved_at`.

    ## Why it matters
    Time to detect and time to resolve are the incident's two key numbers. A
    timeline that stops at the mitigation, or starts when people joined the call,
    hides how long detection and the final fix took.

    ## Example
    ```yaml
    incident:
      detected_at: 2025-02-09T10:06:45Z
      resolved_at: 2025-02-09T11:40:00Z
    timeline:
      - at: 2025-02-09T10:22:10Z
        event: Read-through cache deployed as a mitigation.
    ```

    ## Use instead
    ```yaml
    timeline:
      - at: 2025-02-09T10:06:45Z
        event: APIErrorRateHigh alert fires.
        kind: detection
      - at: 2025-02-09T10:22:10Z
        event: Read-through cache deployed as a mitigation.
      - at: 2025-02-09T11:40:00Z
        event: Index created online; incident resolved.
        kind: resolution
    ```
    """

    code = "PM407"
    needs = (("incident",), ("timeline",))
    name = "incomplete-timeline"
    level = Level.WARNING

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        incident = doc.postmortem.incident
        events = doc.postmortem.timeline
        missing = []
        if not any(e.kind == "detection" or e.at == incident.detected_at for e in events):
            missing.append(f"the detection ({doc.data['incident']['detected_at']})")
        if not any(e.kind == "resolution" or e.at >= incident.resolved_at for e in events):
            missing.append(f"the resolution ({doc.data['incident']['resolved_at']})")
        if missing:
            yield Hit(
                ("timeline",),
                f"the timeline has no event for {' or '.join(missing)}; add it, "
                "marked with `kind: detection` / `kind: resolution`",
                on_key=True,
            )
