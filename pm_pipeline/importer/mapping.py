"""One Markdown report into the post-mortem format: what was mapped, what was guessed, what was not."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import PurePath
from typing import Any

from pm_pipeline.importer import items as found
from pm_pipeline.importer.fields import (
    find_date,
    find_zone,
    handle_for,
    handles_in,
    key_values,
    severity_of,
    slug_of,
)
from pm_pipeline.importer.incident import incident_of, iso
from pm_pipeline.importer.markdown import Block, Section, parse
from pm_pipeline.importer.sections import field_of
from pm_pipeline.importer.timeline import timeline

LISTS = ("what_went_well", "what_went_wrong", "where_we_got_lucky", "lessons_learned", "data_gaps")
DEADLINE_DAYS = {"high": 28, "medium": 56, "low": 180}
FACTOR_CATEGORIES = (
    ("monitoring", r"alert|monitor|dashboard|observab|detect"), ("testing", r"\btest"),
    ("runbook", r"runbook|playbook|documentation|docs\b"), ("capacity", r"capacity|disk|memory|load|scal|quota"),
    ("deploy", r"deploy|release|rollout|upgrade|migration"), ("dependency", r"dependenc|third[- ]party|vendor|upstream"),  # noqa: E501
    ("config", r"config|setting|flag"),
)  # fmt: skip


@dataclass
class Imported:
    name: str  # the YAML file name, YYYY-MM-DD-slug.yaml
    data: dict[str, Any]
    guesses: dict[tuple[str | int, ...], str] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)


class ImportFailed(ValueError):
    """The report holds too little to make a post-mortem (no date anywhere)."""


def import_markdown(text: str, source: str) -> Imported:
    doc = parse(text, lambda label: field_of(label) is not None)
    guesses: dict[tuple[str | int, ...], str] = {}
    header = _header(doc.root, doc.front_matter)
    by_field: dict[str, list[Section]] = {}
    notes: list[dict[str, str]] = []
    for section in doc.root.children:
        _classify(section, by_field, notes)
    for key, value in header.items():
        name = field_of(key)
        if name and name not in by_field:
            by_field[name] = [Section(key, 2, [Block("paragraph", value, lines=[value])])]

    title = str(doc.front_matter.get("title") or _first_h1(doc.root) or PurePath(source).stem)
    zone = find_zone(" ".join([*header.values(), *(s.title for s in by_field.get("timeline", []))]))
    day = _date(header, doc.front_matter, source, title, text)
    if day is None:
        raise ImportFailed("no date of the incident anywhere in the report (header, title, file name or text)")

    timeline_blocks = [(block, heading) for s in by_field.get("timeline", []) for block, heading in _blocks(s)]
    events, leftovers = timeline(timeline_blocks, day, zone[0] if zone else None)
    notes += [{"heading": heading, "text": text} for heading, text in leftovers]
    data: dict[str, Any] = {"id": f"PM-{day.isoformat()}-{slug_of(title)}", "title": title}
    if len(title.strip()) < 5 or len(title) > 160:  # the schema's bounds: a file name such as `page`
        data["title"] = f"Incident of {day.isoformat()}: {title.strip()[:120]}"
        guesses[("title",)] = f"the report's own title `{title.strip()[:120]}` is too short or too long"

    severity = next((severity_of(v) for k, v in header.items() if "sev" in k or "priority" in k), None)
    data["severity"] = severity or "P3"
    if severity is None:
        guesses[("severity",)] = "the report states no severity"
    data["status"] = _status(header.get("status", ""), guesses)
    data["authors"] = _people(header, guesses)

    data["incident"] = incident_of(header, events, day, guesses)
    data["summary"] = _text(by_field.get("summary")) or _lead(doc.root)
    if not by_field.get("summary"):
        guesses[("summary",)] = "the text before the first heading" if data["summary"] else "no summary section"
        data["summary"] = data["summary"] or "TODO: the original report has no summary"
    impact = _text(by_field.get("impact"))
    data["impact"] = {**({"description": impact} if impact else {}), "data_loss": False}
    guesses[("impact", "data_loss")] = "the report does not say; assumed no data loss"
    root_cause = _text(by_field.get("root_cause")) or _text(by_field.get("trigger"))
    data["root_cause"] = root_cause or "TODO: the original report states no root cause"
    if not by_field.get("root_cause"):
        guesses[("root_cause",)] = "taken from the trigger" if root_cause else "no root cause section"

    data["timeline"] = [{"at": iso(event.at), "event": event.event} for event in events]
    for index, event in enumerate(events):
        if event.guessed:
            guesses[("timeline", index, "at")] = event.guessed
    if not events:
        data["timeline"] = [
            {"at": data["incident"]["started_at"], "event": "TODO: the original report has no timeline"}
        ]
        guesses[("timeline",)] = "no timeline in the report"

    data["contributing_factors"] = _factors(by_field, guesses)
    data["action_items"] = _action_items(by_field.get("action_items", []), day, guesses, notes)
    if not by_field.get("action_items"):  # a free-form report: lists it announces as future work
        announced = found.announced_lists(doc.root)
        data["action_items"] = _action_items([], day, guesses, notes, [block for block, _ in announced])
        intros = [intro for block, intro in announced for _ in found.action_items([block])]
        for index, intro in enumerate(intros):
            guesses[("action_items", index, "action")] = f"a list announced as future work by `...{intro[-50:]}`"
    for name in LISTS:
        entries = [entry for section in by_field.get(name, []) for entry in _entries(section)]
        if entries:
            data[name] = entries
    for name in ("detection", "resolution"):
        for section in by_field.get(name, []):
            notes.append({"heading": section.title, "text": _text([section])})
    data["follow_up_review"] = {"date": (day + timedelta(days=28)).isoformat(), "done": False}
    guesses[("follow_up_review",)] = "four weeks after the incident; the report records no follow-up review"
    merged: list[dict[str, str]] = []
    for note in (note for note in notes if note["text"]):
        if merged and merged[-1]["heading"] == note["heading"]:  # the parts of one section, one note
            merged[-1] = {"heading": note["heading"], "text": f"{merged[-1]['text']}\n\n{note['text']}"}
        else:
            merged.append(note)
    if merged:
        data["notes"] = merged
    unmapped = list(dict.fromkeys(f"section '{note['heading']}' kept in notes" for note in merged))
    return Imported(f"{day.isoformat()}-{slug_of(title)}.yaml", data, guesses, unmapped)


def _classify(section: Section, by_field: dict[str, list[Section]], notes: list[dict[str, str]]) -> None:
    name = field_of(section.title)
    if name is None and section.level == 1 and section.children and not section.blocks:
        for child in section.children:  # the report's own title as the only H1
            _classify(child, by_field, notes)
        return
    if name is None:
        if section.level == 1:  # the report's title: its key-value lines are the header, read apart
            section = Section(section.title, 1, [b for b in section.blocks if not _is_header(b)], section.children)
        mapped_children = _mapped_below(section)
        for child in mapped_children:
            _classify(child, by_field, notes)
        rest = Section(section.title, section.level, section.blocks,
                       [c for c in section.children if c not in mapped_children])  # fmt: skip
        if _text([rest]):
            notes.append({"heading": section.title, "text": _text([rest])})
        return
    if name == "lessons_learned" and any(field_of(c.title) in LISTS for c in section.children):
        for child in section.children:
            _classify(child, by_field, notes)
        if section.blocks:
            by_field.setdefault(name, []).append(Section(section.title, section.level, section.blocks))
        return
    by_field.setdefault(name, []).append(section)
    for child in _mapped_below(section):
        _classify(child, by_field, notes)


def _mapped_below(section: Section) -> list[Section]:
    """The sections under this one that map to a field, found through those that do not
    ("## Lessons learned / ### On code reviews / **Actions planned:**")."""
    found = []
    for child in section.children:
        found += [child] if field_of(child.title) else _mapped_below(child)
    return found


def _is_header(block: Block) -> bool:
    if block.kind == "paragraph":
        return bool(block.lines) and len(key_values(block.lines)) == len(block.lines)
    if block.kind == "list":
        return bool(block.items) and len(key_values([i.text for i in block.items])) == len(block.items)
    return block.kind == "table" and len(block.header) == 2 and not field_of(block.header[0])


def _header(root: Section, front: dict[str, Any]) -> dict[str, str]:
    lines = [line for block in root.blocks if block.kind == "paragraph" for line in block.lines]
    lines += [item.text for block in root.blocks if block.kind == "list" for item in block.items]
    for section in root.walk()[:3]:  # the text before any heading, a title heading, a metadata block under it
        if section is not root:
            lines += [line for block in section.blocks if block.kind == "paragraph" for line in block.lines]
            lines += [item.text for block in section.blocks if block.kind == "list" for item in block.items]
        for block in section.blocks:
            if block.kind == "table" and len(block.header) == 2:
                lines += [f"{block.header[0]}: {block.header[1]}"] + [f"{a}: {b}" for a, b, *_ in block.rows if b]
    values = key_values(lines)
    values.update({str(k).lower(): str(v) for k, v in front.items() if v is not None})
    return values


def _date(header: dict[str, str], front: dict[str, Any], source: str, title: str, text: str) -> date | None:
    for key, value in header.items():
        if re.search(r"\b(?:date|when|start|started|occurred|incident)\b", key):  # not "last updated"
            day = find_date(value)
            if day:
                return day
    if isinstance(front.get("date"), date):
        return front["date"] if not isinstance(front["date"], datetime) else front["date"].date()
    return find_date(PurePath(source).name) or find_date(title) or find_date(text)


def _status(stated: str, guesses: dict[tuple[str | int, ...], str]) -> str:
    """The report's own `Status:` when it names a stage ("Published", "Draft", "In review")."""
    lowered = stated.lower()
    for word, status in (("draft", "draft"), ("review", "in-review"), ("publish", "published"), ("final", "published")):
        if word in lowered:
            return status
    guesses[("status",)] = (
        f"an archived report is taken as published (its status: `{stated}`)"
        if stated
        else ("an archived report is taken as published")
    )
    return "published"


def _people(header: dict[str, str], guesses: dict[tuple[str | int, ...], str]) -> list[str]:
    for key, value in header.items():
        if any(word in key for word in ("author", "written by", "prepared by", "owner")):
            handles = handles_in(value)
            if handles:
                return list(dict.fromkeys(handles))
            names = [name.strip() for name in re.split(r",|;|\band\b|&", value) if name.strip()]
            guessed = [h for h in (handle_for(name) for name in names) if h]
            if guessed:
                guesses[("authors",)] = f"handles made from the names `{value}`"
                return list(dict.fromkeys(guessed))
    guesses[("authors",)] = "the report names no author"
    return ["@unknown"]


def _factors(by_field: dict[str, list[Section]], guesses: dict[tuple[str | int, ...], str]) -> dict[str, Any]:
    factors = [
        {"category": _category(entry), "description": entry}
        for section in by_field.get("contributing_factors", [])
        for entry in _entries(section)
    ]
    result: dict[str, Any] = {}
    systemic = [entry for section in by_field.get("systemic_issues", []) for entry in _entries(section)]
    if systemic:
        result["systemic_issues"] = systemic
        if not factors:
            factors = [{"category": _category(entry), "description": entry} for entry in systemic]
    triggers = [entry for section in by_field.get("trigger", []) for entry in _entries(section)]
    if triggers:
        result["immediate_causes"] = triggers
    for index in range(len(factors)):
        guesses[("contributing_factors", "factors", index, "category")] = "from the words of the factor"
    if not factors:
        factors = [{"category": "process", "description": "TODO: the original report lists no contributing factors"}]
        guesses[("contributing_factors", "factors")] = "no contributing factors section"
    result["factors"] = factors
    return result


def _action_items(
    sections: list[Section],
    day: date,
    guesses: dict[tuple[str | int, ...], str],
    notes: list[dict[str, str]],
    blocks: list[Block] | None = None,
) -> list[dict[str, Any]]:
    blocks = list(blocks or [])
    for section in sections:
        more, prose = found.item_blocks(section)
        blocks += more
        notes += [{"heading": heading, "text": text} for heading, text in prose]
    raw = found.action_items(blocks)
    result = []
    for index, item in enumerate(raw):
        priority = item.priority or "medium"
        entry: dict[str, Any] = {
            "id": f"AI-{index + 1:03d}",
            "action": item.action,
            "owner": item.owner or "@unassigned",
            "deadline": (item.deadline or day + timedelta(days=DEADLINE_DAYS[priority])).isoformat(),
            "priority": priority,
            "type": item.type or found.guess_type(item.action),
            "status": item.status,
        }
        if item.reason:
            entry["reason"] = item.reason
        if item.ticket:
            entry["evidence"] = item.ticket
        where = ("action_items", index)
        reasons = {**item.guessed}
        if not item.owner:
            reasons["owner"] = "no owner given"
        if not item.deadline:
            reasons["deadline"] = f"no deadline given: the {priority} window after the incident"
        if not item.priority:
            reasons["priority"] = "no priority given"
        if not item.type:
            reasons["type"] = "from the words of the action"
        for key, why in reasons.items():
            guesses[(*where, key)] = why
        result.append(entry)
    return result


def _blocks(section: Section) -> list[tuple[Block, str]]:
    """The section's blocks and those of its unmapped subsections, each with the heading above it."""
    pairs = [(block, section.title) for block in section.blocks]
    for child in section.children:
        if field_of(child.title) is None:
            pairs += _blocks(child)
    return pairs


def _entries(section: Section) -> list[str]:
    entries = []
    for block, _ in _blocks(section):
        if block.kind == "list":
            entries += [item.text for item in block.items if item.text]
        elif block.kind == "paragraph" and block.text:
            entries.append(block.text)
    return entries


def _text(sections: list[Section] | None) -> str:
    if not sections:
        return ""
    parts = []
    for section in sections:
        own = section.text()
        if own:
            parts.append(own)
        for child in section.children:
            if field_of(child.title) is None and child.text():
                parts.append(f"{child.title}\n\n{_text([child])}")
    return "\n\n".join(parts).strip()


def _lead(root: Section) -> str:
    lines = [block.text for block in root.blocks if block.kind == "paragraph" and not _is_header(block)]
    first = root.children[0] if root.children and field_of(root.children[0].title) is None else None
    if not lines and first is not None:
        lines = [b.text for b in first.blocks if b.kind == "paragraph" and not _is_header(b)]
    return "\n\n".join(lines[:3])


def _first_h1(root: Section) -> str | None:
    return next((s.title for s in root.children if s.level == 1 and field_of(s.title) is None), None)


def _category(text: str) -> str:
    lowered = text.lower()
    return next((name for name, pattern in FACTOR_CATEGORIES if re.search(pattern, lowered)), "process")
