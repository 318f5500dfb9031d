"""Action items from a section's tables, lists, prose-only subsections and bold labels."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from pm_pipeline.importer.fields import find_date, handle_for, handles_in
from pm_pipeline.importer.markdown import Block, ListItem, Section, fenced
from pm_pipeline.importer.sections import field_of, normalise

DONE_WORDS = re.compile(
    r"\b(done|complete[d]?|fixed|closed|resolved|merged|shipped|deployed|implemented|finished)\b", re.I
)
NOT_DOING = re.compile(r"\b(won'?t (?:do|fix)|wontfix|not doing|not planned|cancell?ed|rejected|declined)\b", re.I)
PRIORITY = {"p0": "high", "p1": "high", "critical": "high", "urgent": "high", "high": "high", "p2": "medium",
            "medium": "medium", "med": "medium", "normal": "medium", "p3": "low", "p4": "low", "low": "low"}  # fmt: skip  # noqa: E501
TYPES = (("detect", r"\b(alert|alarm|monitor|dashboard|page|detect|metric|observability|probe|log)"),
         ("process", r"\b(runbook|document|docs?\b|process|review|train|playbook|communicat|policy|checklist)"),
         ("mitigate", r"\b(rollback|roll back|revert|mitigat|failover|hotfix|workaround)"))  # fmt: skip
BY_DATE = re.compile(r"\b(?:by|due|deadline|eta)\b:?\s*", re.I)
STATUS_NOTE = re.compile(
    r"(?:[;(—–]|\s-|^)\s*[*_]*(?:status:\s*)?(done|completed?|fixed|resolved|closed|merged|shipped)\b[*_]*"
    r"(?=\s*(?:[.;)]|$|as of|on \d|in \d|(?:19|20)\d\d))",
    re.I,
)
DONE_LABEL = re.compile(r"\b(taken|completed?|done|implemented|finished)\b", re.I)
SINGULAR = {"action", "action taken", "action planned", "action item", "next step", "follow up"}
NUMBERING = re.compile(r"^\s*(?:\d+[.)]|[a-z][.)]|[-*])\s+", re.I)
OWNER_NOTE = re.compile(r"\((?:owner:\s*)?(@[\w/.-]+)\)|\bowner:\s*(@?[\w/.-]+)", re.I)

COLUMN_KINDS = {
    "action": ("action", "action item", "item", "task", "description", "what", "remediation", "follow up", "todo", "title"),  # noqa: E501
    "owner": ("owner", "owners", "assignee", "assigned to", "who", "responsible", "team", "dri"),
    "deadline": ("deadline", "due", "due date", "eta", "date", "target date", "when", "by"),
    "priority": ("priority", "prio", "severity", "importance"),
    "status": ("status", "state", "done", "progress"),
    "type": ("type", "kind", "category"),
    "ticket": ("bug", "ticket", "issue", "link", "tracking", "jira", "pr", "reference"),
    "id": ("id", "#", "no", "number"),
}  # fmt: skip


@dataclass
class RawItem:
    action: str
    owner: str | None = None
    deadline: date | None = None
    priority: str | None = None
    status: str = "open"
    reason: str | None = None
    type: str | None = None
    ticket: str | None = None
    guessed: dict[str, str] = field(default_factory=dict)


def _key(cell: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9#]+", " ", cell.lower()).split())


def _columns(header: list[str], kinds: dict[str, tuple[str, ...]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _key(cell)
        for kind, names in kinds.items():
            if kind not in found and (
                key in names or any(key.startswith(name + " ") for name in names if len(name) > 3)
            ):
                found[kind] = index
                break
    return found


def action_items(blocks: Iterable[Block]) -> list[RawItem]:
    items: list[RawItem] = []
    for block in blocks:
        if block.kind == "table":
            columns = _columns(block.header, COLUMN_KINDS)
            if "action" not in columns:
                continue
            for row in block.rows:
                cell = {kind: row[index].strip() if index < len(row) else "" for kind, index in columns.items()}
                if cell["action"]:
                    items.append(_from_cells(cell))
        elif block.kind == "list":
            items.extend(_from_text(item.text, item.checked) for item in _actions_of(block.items))
    return items


def item_blocks(section: Section, done: bool = False) -> tuple[list[Block], list[tuple[str, str]]]:
    """The blocks holding a section's action items, and its prose for the notes.

    An unmapped subsection holding a list or a table is a group of items ("### Training"); one
    holding only prose is one item, its heading ("#### 1) Cron cleanup scheduled `@malte_j`"),
    and the prose under it is kept in the notes under that heading. A section named in the
    singular ("**Action taken:**") is one item, whatever its shape; items under a heading that
    says they were taken or completed are done.
    """
    done = done or bool(DONE_LABEL.search(section.title))
    if normalise(section.title) in SINGULAR:
        text = "\n".join(_parts(section))
        return ([Block("list", items=[ListItem(text, True if done else None)])] if text else []), []
    blocks: list[Block] = []
    prose: list[tuple[str, str]] = []
    for block in section.blocks:
        if block.kind in ("list", "table"):
            blocks.append(_checked(block) if done else block)
        elif block.text.strip():
            prose.append((section.title, block.text if block.kind == "paragraph" else fenced(block)))
    for child in section.children:
        if field_of(child.title) is not None:
            continue
        if any(block.kind in ("list", "table") for part in child.walk() for block in part.blocks):
            more, more_prose = item_blocks(child, done)
            blocks += more
            prose += more_prose
            continue
        title = NUMBERING.sub("", child.title).strip()
        if title and not title.endswith(":"):
            blocks.append(Block("list", items=[ListItem(title, True if done else None)]))
        for part in child.walk():
            prose += [(part.title, text) for text in _prose(part)]
    return blocks, prose


ANNOUNCE = re.compile(
    r"\b(?:going forward|moving forward|we will do the following|we(?:'re| are) (?:taking|committing to) the following"
    r"|the following (?:actions|steps|changes|improvements|measures)|to prevent (?:this|similar|a recurrence))\b.*:$",
    re.I,
)


def announced_lists(root: Section) -> list[tuple[Block, str]]:
    """In a report with no action-item section, the lists that a paragraph ending in ':' announces
    as future work ("Going forward, we will do the following ...:"), each with that paragraph."""
    found = []
    for section in root.walk():
        for before, block in zip(section.blocks, section.blocks[1:], strict=False):
            if before.kind == "paragraph" and block.kind == "list" and ANNOUNCE.search(before.text):
                found.append((block, before.text))
    return found


def _checked(block: Block) -> Block:
    if block.kind != "list":
        return block
    return Block("list", items=[ListItem(item.text, True, item.depth) for item in block.items])


def _parts(section: Section) -> list[str]:
    """A section's text as written: paragraphs, list items as `- ` lines, code in its fences."""
    parts = []
    for part in section.walk():
        for block in part.blocks:
            if block.kind == "paragraph":
                parts.append(block.text)
            elif block.kind == "list":
                parts += [f"{'  ' * item.depth}- {item.text}" for item in block.items]
            elif block.kind == "code":
                parts.append(fenced(block))
    return parts


def _prose(section: Section) -> list[str]:
    return [
        block.text if block.kind == "paragraph" else fenced(block) for block in section.blocks if block.text.strip()
    ]


def _actions_of(items: list[ListItem]) -> list[ListItem]:
    """Top-level items are actions and nested ones their details, unless the top item is a label
    ending in ":" ("Short term:"): then its first level of children are the actions."""
    chosen: list[ListItem] = []
    base = min((item.depth for item in items), default=0)
    action_depth = base
    for item in items:
        if item.depth == base:
            action_depth = base
            if item.text.endswith(":") and len(item.text.split()) <= 6:  # "Short term:", not a sentence
                action_depth = -1  # the next deeper item sets it
                continue
        elif action_depth == -1:
            action_depth = item.depth
        if item.depth == action_depth:
            chosen.append(item)
        elif chosen:
            chosen[-1] = ListItem(f"{chosen[-1].text} {item.text}", chosen[-1].checked, chosen[-1].depth)
    return chosen


def _from_cells(cell: dict[str, str]) -> RawItem:
    item = _from_text(cell["action"], None)
    if cell.get("owner"):
        item.owner = (handles_in(cell["owner"]) or [handle_for(cell["owner"]) or ""])[0] or None
        if not handles_in(cell["owner"]):
            item.guessed["owner"] = f"from the owner `{cell['owner']}`"
        else:
            item.guessed.pop("owner", None)
    if cell.get("deadline") and find_date(cell["deadline"]):
        item.deadline = find_date(cell["deadline"])
        item.guessed.pop("deadline", None)
    if cell.get("priority"):
        item.priority = PRIORITY.get(_key(cell["priority"]).split(" ")[0]) or item.priority
        if item.priority:
            item.guessed.pop("priority", None)
    status = cell.get("status", "")
    if NOT_DOING.search(status):
        item.status, item.reason = "not-doing", status
    elif DONE_WORDS.search(status) or status.strip().lower() in ("x", "[x]", "yes", "✅", "✓"):
        item.status = "done"
    if cell.get("type") and _key(cell["type"]) in ("mitigate", "prevent", "detect", "process"):
        item.type = _key(cell["type"])
        item.guessed.pop("type", None)
    if cell.get("ticket"):
        item.ticket = cell["ticket"]
        if "status" not in cell and DONE_WORDS.search(cell["ticket"]):
            item.status = "done"
    return item


def _from_text(text: str, checked: bool | None) -> RawItem:
    item = RawItem(action=text, status="done" if checked else "open")
    owner = handles_in(text)
    note = OWNER_NOTE.search(text)
    if note:
        item.owner = (note[1] or note[2]) if (note[1] or note[2] or "").startswith("@") else handle_for(note[2] or "")
    elif owner:
        item.owner = owner[0]
        item.guessed["owner"] = f"the first handle in the item ({owner[0]})"
    due = BY_DATE.search(text)
    if due and find_date(text[due.end() :]):
        item.deadline = find_date(text[due.end() :])
    said = STATUS_NOTE.search(text)
    if said and item.status == "open":
        item.status = "done"
        item.guessed["status"] = f"the item says `{said[1]}`"
    if re.search(r"^\s*(?:~~.*~~)\s*$", text):
        item.status = "not-doing"
        item.reason = "struck through in the original report"
    return item


def guess_type(text: str) -> str:
    lowered = text.lower()
    return next((kind for kind, pattern in TYPES if re.search(pattern, lowered)), "prevent")
