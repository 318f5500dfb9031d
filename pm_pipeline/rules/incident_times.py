"""PM404-PM406: the incident's own times are in a possible order."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pm_pipeline.rules.base import Context, Document, Hit, Rule


class DetectedBeforeStarted(Rule):
    """`incident.detected_at` is earlier than `incident.started_at`.

    ## Why it matters
    `started_at` is when impact began, not when someone noticed. Detection before
    the start usually means the start was taken from the page rather than from
    the metrics, which hides the real time to detect.

    ## Example
    ```yaml
    incident:
      started_at: 2025-02-09T10:06:45Z
      detected_at: 2025-02-09T10:05:23Z
    ```

    ## Use instead
    Take `started_at` from the first sign of impact in metrics or logs.
    """

    code = "PM404"
    needs = (("incident",),)
    name = "detected-before-started"

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        incident = doc.postmortem.incident
        if incident.detected_at < incident.started_at:
            yield Hit(
                ("incident", "detected_at"),
                "detected before the incident started; set `started_at` to the first sign of impact",
            )


class ResolvedBeforeDetected(Rule):
    """`incident.resolved_at` is earlier than `incident.detected_at`.

    ## Why it matters
    An incident cannot be declared over before anyone knew of it; one of the two
    times is wrong (often a date, or a local time written as UTC), and every
    duration on the site is computed from them.

    ## Example
    ```yaml
    incident:
      detected_at: 2025-02-09T10:06:45Z
      resolved_at: 2025-02-08T11:40:00Z
    ```

    ## Use instead
    Correct the wrong time: `resolved_at: 2025-02-09T11:40:00Z`.
    """

    code = "PM405"
    needs = (("incident",),)
    name = "resolved-before-detected"

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        incident = doc.postmortem.incident
        if incident.resolved_at < incident.detected_at:
            yield Hit(
                ("incident", "resolved_at"),
                "resolved before it was detected; check the date and the offset of both times",
            )


class MitigatedOutsideIncident(Rule):
    """`incident.mitigated_at` is before `detected_at` or after `resolved_at`.

    ## Why it matters
    Mitigation bounds the impact between detection and resolution; outside that
    range, time to mitigate on the site is negative or longer than the incident.
    If an automatic failover really mitigated the incident before anyone noticed,
    say so with a suppression and a reason.

    ## Example
    ```yaml
    incident:
      detected_at: 2025-02-09T10:06:45Z
      mitigated_at: 2025-02-09T12:35:00Z
      resolved_at: 2025-02-09T11:40:00Z
    ```

    ## Use instead
    `mitigated_at: 2025-02-09T10:35:00Z`
    """

    code = "PM406"
    needs = (("incident",),)
    name = "mitigated-outside-incident"

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        incident = doc.postmortem.incident
        mitigated = incident.mitigated_at
        if mitigated is None:
            return
        if mitigated < incident.detected_at:
            yield Hit(("incident", "mitigated_at"), "mitigated before it was detected; check the time")
        elif mitigated > incident.resolved_at:
            yield Hit(
                ("incident", "mitigated_at"),
                "mitigated after it was resolved; mitigation comes between detection and resolution",
            )
