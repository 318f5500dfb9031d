"""The incident's times and services: stated in the report's header, else guessed from its timeline."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any

from pm_pipeline.importer.fields import at, find_date, find_time, find_zone, parse_duration, slug_of
from pm_pipeline.importer.timeline import RawEvent

DETECTED = re.compile(r"\b(alert|alarm|paged?|detected|noticed|reported|fired|discovered|spotted|identified)\b", re.I)
RESOLVED = re.compile(
    r"\b(resolved|recovered|restored|fixed|back to normal|closed|all clear|fully operational)\b", re.I
)
MITIGATED = re.compile(r"\b(mitigated|rolled back|reverted|workaround|failover|failed over)\b", re.I)


def incident_of(header: dict[str, str], events: list[RawEvent], day: date,
                guesses: dict[tuple[str | int, ...], str]) -> dict[str, Any]:  # fmt: skip
    start = events[0].at if events else datetime.combine(day, time(), UTC)
    if not events:
        guesses[("incident", "started_at")] = "midnight UTC of the incident's date: the report gives no times"
    else:
        guesses[("incident", "started_at")] = "the first timeline event"
    detected = next((e.at for e in events if DETECTED.search(e.event)), start)
    guesses[("incident", "detected_at")] = "the first event that reads as detection"
    resolved = next((e.at for e in reversed(events) if RESOLVED.search(e.event)), events[-1].at if events else start)
    duration = next((parse_duration(v) for k, v in header.items() if "duration" in k), None)
    if duration:
        resolved = start + duration
        guesses[("incident", "resolved_at")] = "the start plus the stated duration"
    else:
        guesses[("incident", "resolved_at")] = "the last event that reads as resolution"
    times = {"started_at": start, "detected_at": detected, "resolved_at": resolved}
    for name in times:
        stated = _stated(header, name)
        if stated:
            times[name] = stated[0]
            guesses.pop(("incident", name), None)
            if stated[1]:
                guesses[("incident", name)] = stated[1]
    detected, resolved = times["detected_at"], times["resolved_at"]
    start = min(times["started_at"], detected)
    resolved = max(resolved, detected)
    incident: dict[str, Any] = {"started_at": iso(start), "detected_at": iso(max(detected, start)),
                                "resolved_at": iso(resolved)}  # fmt: skip
    mitigated = next((e.at for e in events if MITIGATED.search(e.event)), None)
    if mitigated and start <= mitigated <= resolved:
        incident["mitigated_at"] = iso(mitigated)
        guesses[("incident", "mitigated_at")] = "the first event that reads as mitigation"
    services = next((v for k, v in header.items() if "service" in k or "component" in k or "system" in k), "")
    names = [slug_of(name) for name in re.split(r",|;|/|\band\b", services) if slug_of(name) != "incident"]
    incident["services"] = names or ["unknown"]
    guesses[("incident", "services")] = f"from `{services}`" if names else "the report names no service"
    return incident


HEADER_TIMES = {"started_at": r"\b(?:start(?:ed)?|began|begin|occurred)\b", "detected_at": r"\bdetect",
                "resolved_at": r"\b(?:resolv|ended\b|end\b|recovered)"}  # fmt: skip


def _stated(header: dict[str, str], name: str) -> tuple[datetime, str | None] | None:
    """A time the header states for the field ("Detected: 2021-03-05 23:27"), and why it is a guess."""
    for key, value in header.items():
        day, clock = find_date(value), find_time(value)
        if re.search(HEADER_TIMES[name], key) and day and clock:
            zone = find_zone(value)
            return at(day, clock, zone[0] if zone else UTC), None if zone else "no time zone given: read as UTC"
    return None


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
