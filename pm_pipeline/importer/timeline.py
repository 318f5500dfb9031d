"""Timeline events from a report's timeline section, in the shapes real reports use.

Tables with a time column; lines and list items that start with a time ("14:51 ...", "`10:40` - ...",
"**18:53** ...", "Feb 28th **01:52** ...", "2022-02-02 1625: ...", "1936 UTC: ...", "*2023-01-04 05:13*:
..."), a date alone ("2021-08-17: ...") or an unknown time ("X: ...", "`unknown` - ..."); and headings
that carry the time ("### 4:27") with the event as the prose under them. Dates come from the line,
else the heading above it, else the report. What is not an event is returned for the notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone

from pm_pipeline.importer.fields import (
    ZONES,
    at,
    find_date,
    find_month_day,
    find_time,
    find_zone,
)
from pm_pipeline.importer.markdown import Block, ListItem, fenced

TIME_COLUMNS = ("time", "timestamp", "when", "time utc", "utc", "date", "date time", "datetime", "at", "hour")
EVENT_COLUMNS = ("event", "description", "what", "what happened", "action", "details", "activity", "notes", "note")
DAY_COLUMNS = ("day", "date")
TIME_WORDS = ("time", "date", "timestamp", "datetime", "when")
MIDNIGHT = "the report gives a date and no time: midnight UTC"

_M = r"[*_`~]*"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
_DATE = (
    r"(?P<date>\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{4}-" + _MONTH + r"-\d{1,2}"
    r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d{2}(?!\d|\s*(?:UTC|GMT|Z)\b))?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+(?:19|20)\d{2}(?!\d))?)"
)
_CLOCK = r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|[0-2]\d[0-5]\d)"
_ZONE = r"(?P<zone>(?-i:UTC|GMT|Z|[PMCE][SD]T|CES?T|BST|EES?T|JST|AEST)(?:[+-]\d{1,2}(?::?\d{2})?)?)"
LINE = re.compile(
    rf"^\s*{_M}(?:{_DATE}{_M}(?:[\s,/T]+|(?=[:\-–—]))(?:at\s+)?)?{_M}~?{_M}(?:{_CLOCK}(?:\s*[-–]\s*\d{{1,2}}:\d{{2}})?)?"
    rf"{_M}\s*{_ZONE}?{_M}\s*(?P<sep>[-–—:|]+{_M}\s*|\s+)(?P<text>\S.*)$",
    re.I | re.S,
)
UNKNOWN = re.compile(
    rf"^\s*{_M}(?:{_DATE}{_M}\s+)?{_M}(?:(?P<token>x|xx:xx|\?+|unknown|tbd|n/a|--:--){_M}\s*[-–—:]+"
    rf"|(?P<hour>\d{{1,2}}):(?:xx|\?\?){_M}(?:\s*[-–—:]+)?)\s*(?P<text>\S.*)$",
    re.I | re.S,
)


@dataclass
class RawEvent:
    at: datetime
    event: str
    guessed: str | None = None  # why `at` is a guess, if it is


@dataclass
class _State:
    day: date | None
    zone: timezone | None
    events: list[RawEvent] = field(default_factory=list)
    leftovers: list[tuple[str, str]] = field(default_factory=list)  # (heading, text) for the notes


def timeline(
    blocks: Iterable[tuple[Block, str]], day: date | None, zone: timezone | None
) -> tuple[list[RawEvent], list[tuple[str, str]]]:
    """The events of a timeline section, and the text in it that is not an event."""
    state = _State(day, zone)
    heading: str | None = None
    pending: tuple[str, datetime, str | None] | None = None  # an event whose time is its heading's
    texts: list[str] = []

    def keep(text: str) -> None:
        if pending:
            texts.append(text)
        else:
            state.leftovers.append((heading or "", text))

    def flush() -> None:
        nonlocal pending
        if pending and texts:
            state.events.append(RawEvent(pending[1], "\n\n".join(texts), pending[2]))
        elif pending:
            state.leftovers.append((pending[0], pending[0]))
        pending = None
        texts.clear()

    for block, title in blocks:
        if title != heading:
            flush()
            heading = title
            state.day = find_date(title) or state.day
            named = find_zone(title)
            state.zone = named[0] if named else state.zone
            clock = find_time(title)
            if clock and state.day:
                moment = at(state.day, clock, state.zone or UTC)
                pending = (title, moment, _why(state.zone, find_date(title), state.day))
        if block.kind == "table":
            _table(block, title, state)
        elif block.kind == "code":
            keep(fenced(block))
        elif block.kind == "paragraph" and pending and not any(_timed(line, state) for line in block.lines):
            texts.append(block.text)
        else:
            units = block.lines if block.kind == "paragraph" else _grouped(block.items)
            dated = block.kind == "list" and find_date(title) is not None and find_time(title) is None
            for unit in units:
                if not _line(unit, state) and not (dated and _untimed(unit, state)):
                    keep(unit)
    flush()
    return state.events, state.leftovers


def _timed(line: str, state: _State) -> bool:
    match = LINE.match(line)
    return bool(match and _when(match, state) is not None)


def _grouped(items: list[ListItem]) -> list[str]:
    """Top-level items with their nested details; a nested item that starts with a time stands alone."""
    base = min((item.depth for item in items), default=0)
    units: list[str] = []
    for item in items:
        if item.depth == base or not units or LINE.match(item.text) and find_time(item.text[:24]):
            units.append(item.text)
        else:
            units[-1] = f"{units[-1]}\n{'  ' * (item.depth - base)}- {item.text}"
    return units


def _line(line: str, state: _State) -> bool:
    """Add the event a line holds; False if it holds none (it may still set the day or the zone)."""
    match = LINE.match(line)
    when = _when(match, state) if match else None
    if match and when is not None:
        state.day = _date(match["date"], state) or state.day
        state.events.append(RawEvent(when[0], match["text"].strip(), when[1]))
        return True
    unknown = UNKNOWN.match(line)
    if unknown and state.day:
        own = _date(unknown["date"], state) or state.day
        state.day = own
        previous = state.events[-1].at if state.events else None
        moment = previous if previous and previous.date() == own else datetime.combine(own, time(), UTC)
        why = f"the time is given as `{unknown['token']}`: placed after the event before it"
        if unknown["hour"]:  # "22:XX": the hour is known
            why = f"the time is given as `{unknown['hour']}:XX`: the start of that hour"
            hour = int(unknown["hour"])
            moment = at(own, (hour, 0, 0), state.zone or UTC) if hour < 24 else moment
        state.events.append(RawEvent(moment, unknown["text"].strip(), why))
        return True
    state.day = find_date(line) or state.day
    named = find_zone(line)
    state.zone = named[0] if named else state.zone
    return False


def _untimed(text: str, state: _State) -> bool:
    """A bullet without a time under a date heading ("### 2021-04-15"): an event of that day."""
    if state.day is None:
        return False
    previous = state.events[-1].at if state.events else None
    moment = previous if previous and previous.date() == state.day else datetime.combine(state.day, time(), UTC)
    state.events.append(RawEvent(moment, text.strip(), "no time given under a date heading: after the event before it"))
    return True


def _when(match: re.Match[str], state: _State) -> tuple[datetime, str | None] | None:
    own = _date(match["date"], state)
    clock_text = match["time"]
    if clock_text and ":" not in clock_text:  # HHMM: only with a date, a zone or "1625:" before the event
        if not (own or match["zone"] or match["sep"].strip().startswith(":")) or int(clock_text[:2]) > 23:
            return None
    if not clock_text and not (own and match["sep"].strip()):  # a date alone needs "2021-08-17: ..."
        return None
    day = own or state.day
    if day is None:
        return None
    if not clock_text:
        return datetime.combine(day, time(), UTC), MIDNIGHT
    clock = find_time(clock_text) if ":" in clock_text else (int(clock_text[:2]), int(clock_text[2:]), 0)
    if clock is None:
        return None
    zone = state.zone
    if match["zone"]:
        named = find_zone(match["zone"]) or (timezone(timedelta(hours=ZONES.get(match["zone"].lower(), 0))), True)
        zone = named[0]
    why = _why(zone, own, day)
    if own and not find_date(match["date"]):  # "Feb 28th": the year is the report's
        why = "; ".join(filter(None, [why, f"the year {day.year} is the report's"]))
    return at(day, clock, zone or UTC), why


def _date(text: str | None, state: _State) -> date | None:
    if not text:
        return None
    year = state.day.year if state.day else None
    return find_date(text) or (find_month_day(text, year) if year else None)


def _why(zone: timezone | None, own: date | None, day: date) -> str | None:
    reasons = []
    if zone is None:
        reasons.append("no time zone given: read as UTC")
    if own is None:
        reasons.append(f"the date {day} is the report's or its heading's")
    return "; ".join(reasons) or None


def _key(cell: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9#]+", " ", cell.lower()).split())


def _table(block: Block, title: str, state: _State) -> None:
    keys = [_key(cell) for cell in block.header]
    time_index = next((i for i, key in enumerate(keys) if key in TIME_COLUMNS or key.startswith("time ")), None)
    if time_index is None:  # "Date (UTC)", "Timestamp (UTC)": a time column named with its zone
        time_index = next(
            (i for i, key in enumerate(keys) if key.split(" ")[0] in TIME_WORDS and find_zone(block.header[i])), None
        )
    if time_index is None:
        state.leftovers.extend((title, " | ".join(row)) for row in block.rows)
        return
    named_zone = find_zone(block.header[time_index])
    header_zone = named_zone[0] if named_zone else None
    day_index = next((i for i, key in enumerate(keys) if key in DAY_COLUMNS and i != time_index), None)
    event_index = next((i for i, key in enumerate(keys) if key in EVENT_COLUMNS), None)
    for row in block.rows:
        cell = row[time_index] if time_index < len(row) else ""
        when_text = f"{row[day_index]} {cell}" if day_index is not None and day_index < len(row) else cell
        if event_index is not None:
            what = row[event_index] if event_index < len(row) else ""
        else:
            what = " | ".join(c for i, c in enumerate(row) if i not in (time_index, day_index) and c)
        own = find_date(when_text) or _date(when_text, state)
        clock = find_time(when_text)
        state.day = own or state.day
        if not what.strip() or state.day is None or (clock is None and own is None):
            state.leftovers.append((title, " | ".join(row)))
            continue
        if clock is None:  # "| 2025-03-18 | Provider testnet upgrades |"
            state.events.append(RawEvent(datetime.combine(state.day, time(), UTC), what.strip(), MIDNIGHT))
            continue
        named = find_zone(when_text)
        zone = named[0] if named else header_zone or state.zone
        state.events.append(RawEvent(at(state.day, clock, zone or UTC), what.strip(), _why(zone, own, state.day)))
