"""The marker codec: the tool-owned block of an issue body, the tier markers of escalation
comments and the digest marker. Pure.

    <!-- pm-pipeline:begin key=PM-2025-02-09-api-degradation/AI-001 -->
    ...rendered fields...
    <!-- pm-pipeline:applied {"status": "open", "labels": ["post-mortem", "priority/high"]} -->
    <!-- pm-pipeline:reminded deadline=2025-03-01 tier=7 -->
    <!-- pm-pipeline:end -->

Only a begin line with a well-formed key names an issue's action item. The `applied` line records
the status and labels sync last wrote; the `reminded` line (written by the overdue job) records the
highest escalation tier posted for the item's current deadline, so the listing sync already makes
tells the overdue job what it posted without reading any comments.

Parsing accepts what GitHub hands back after a person edits the body in the web UI: CRLF line
ends, trailing blanks after a marker, the block moved anywhere in the body, and text typed inside
the block (kept, moved after the block when the block is rewritten).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

BEGIN_PREFIX = "<!-- pm-pipeline:begin key="
END = "<!-- pm-pipeline:end -->"
DIGEST_MARKER = "<!-- pm-pipeline:digest -->"
# Searched for visible text: an HTML comment is not certain to be in GitHub's search index.
SEARCH_PHRASE = "Managed by pm-pipeline"
_KEY = r"PM-[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[a-z0-9]+)*/AI-[0-9]{3,}"
_EOL = r"[ \t]*\r?$"  # trailing blanks and a CR the browser added
_BEGIN = re.compile(rf"^<!-- pm-pipeline:begin key=({_KEY}) -->{_EOL}", re.MULTILINE)
_END = re.compile(rf"^<!-- pm-pipeline:end -->{_EOL}", re.MULTILINE)
_APPLIED = re.compile(rf"^<!-- pm-pipeline:applied (\{{[^\r\n]*\}}) -->{_EOL}", re.MULTILINE)
_REMINDED = re.compile(
    rf"^<!-- pm-pipeline:reminded deadline=(\d{{4}}-\d{{2}}-\d{{2}}) tier=(\d{{1,6}}) -->{_EOL}", re.MULTILINE
)
_TIER = re.compile(
    r"<!-- pm-pipeline:overdue key=(?P<key>\S+) deadline=(?P<deadline>\d{4}-\d{2}-\d{2}) tier=(?P<tier>\d{1,6}) -->"
)
# The shapes of the lines the tool renders inside its block (markers, table rows, the `**AI-001:**`
# line, the <sub> note); any other line in there was typed by a person. A new kind of line in the
# rendered block must match one of these, or it would be kept as a person's text on every sync.
_TOOL_LINE = re.compile(r"^(|<!-- pm-pipeline:.*|\|.*\||\*\*[A-Za-z]+-[0-9]+:\*\*.*|<sub>.*</sub>)$")


@dataclass(frozen=True)
class Applied:
    """What sync last wrote: the item's status and the labels it put on."""

    status: str = "open"
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, order=True)
class TierMarker:
    """One escalation posted: the item, the deadline it was about, and its tier."""

    key: str
    deadline: date
    tier: int

    def render(self) -> str:
        return f"<!-- pm-pipeline:overdue key={self.key} deadline={self.deadline.isoformat()} tier={self.tier} -->"


@dataclass(frozen=True)
class Block:
    key: str
    start: int  # offsets of the whole block, markers included, in the body
    end: int
    text: str
    applied: Applied
    reminded: TierMarker | None = None

    @property
    def human_lines(self) -> tuple[str, ...]:
        """Lines a person typed inside the block (not rendered by the tool)."""
        lines = (line.rstrip() for line in self.text.replace("\r\n", "\n").split("\n"))
        return tuple(line for line in lines if not _TOOL_LINE.match(line))


def item_key(postmortem_id: str, item_id: str) -> str:
    """`PM-id/AI-id`: the identity of an action item in every marker."""
    return f"{postmortem_id}/{item_id}"


def begin_marker(key: str) -> str:
    return f"{BEGIN_PREFIX}{key} -->"


def applied_line(applied: Applied) -> str:
    payload = json.dumps({"status": applied.status, "labels": list(applied.labels)}, ensure_ascii=True)
    safe = payload.replace("--", "-\\u002d")  # "--" may not appear inside an HTML comment
    return f"<!-- pm-pipeline:applied {safe} -->"


def reminded_line(deadline: date, tier: int) -> str:
    return f"<!-- pm-pipeline:reminded deadline={deadline.isoformat()} tier={tier} -->"


def find_block(body: str) -> Block | None:
    """The block of a body: the first begin line with a valid key, up to the next end line.

    If a person deleted the end line, the block ends after its last marker line (applied or
    reminded, else its begin line), so the item keeps its issue and no text after it is lost."""
    begin = _BEGIN.search(body)
    if begin is None:
        return None
    end = _END.search(body, begin.end())
    if end is None:
        nested = _BEGIN.search(body, begin.end())
        stop = nested.start() if nested else len(body)
        lasts = [m for pattern in (_APPLIED, _REMINDED) for m in pattern.finditer(body, begin.end(), stop)]
        end = max(lasts, key=lambda m: m.end()) if lasts else begin
    text = body[begin.start() : end.end()]
    key = begin.group(1)
    return Block(key, begin.start(), end.end(), text, _applied(text), _reminded(key, text))


def splice(body: str, block: str) -> str:
    """body with its block replaced by `block` (put first when body has none).

    Text outside the block is kept as it is; lines a person typed inside the old block are kept
    right after the new one; the overdue job's `reminded` line is carried over."""
    found = find_block(body)
    if found is None:
        return f"{block}\n\n{body}" if body.strip() else block
    new = with_reminded(block, found.reminded)
    rendered = set(new.split("\n"))
    human = [line for line in found.human_lines if line not in rendered]
    if human:
        new += "\n\n" + "\n".join(human)
    return body[: found.start] + new + body[found.end :]


def with_reminded(block: str, reminded: TierMarker | None) -> str:
    """The block with its `reminded` line set to `reminded` (removed when None)."""
    lines = [line for line in block.split("\n") if not _REMINDED.match(line)]
    if reminded is not None:
        end = next((i for i in range(len(lines) - 1, -1, -1) if _END.match(lines[i])), len(lines))
        lines.insert(end, reminded_line(reminded.deadline, reminded.tier))
    return "\n".join(lines)


def set_reminded(body: str, reminded: TierMarker) -> str:
    """body with the `reminded` line of its block set; unchanged when it has no block."""
    found = find_block(body)
    if found is None:
        return body
    block = with_reminded(found.text.replace("\r\n", "\n"), reminded)
    return body[: found.start] + block + body[found.end :]


def same_text(left: str, right: str) -> bool:
    """Equal as GitHub shows them: CRLF or LF, trailing blanks on a line ignored."""
    return normalise(left) == normalise(right)


def normalise(body: str | None) -> str:
    lines = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    return "\n".join(line.rstrip() for line in lines)


def parse_tier_markers(texts: Iterable[str]) -> frozenset[TierMarker]:
    """Every well-formed tier marker in these comment bodies; anything else is ignored."""
    found: set[TierMarker] = set()
    for text in texts:
        for match in _TIER.finditer(text or ""):
            try:
                deadline = date.fromisoformat(match["deadline"])
            except ValueError:
                continue
            found.add(TierMarker(match["key"], deadline, int(match["tier"])))
    return frozenset(found)


def is_digest(body: str | None) -> bool:
    return DIGEST_MARKER in (body or "")


def _applied(text: str) -> Applied:
    found = _APPLIED.search(text)
    if found is None:
        return Applied()
    try:
        data = json.loads(found.group(1))
        return Applied(str(data.get("status", "open")), tuple(str(label) for label in data.get("labels", [])))
    except (ValueError, AttributeError, TypeError):
        return Applied()


def _reminded(key: str, text: str) -> TierMarker | None:
    found = _REMINDED.search(text)
    if found is None:
        return None
    try:
        return TierMarker(key, date.fromisoformat(found.group(1)), int(found.group(2)))
    except ValueError:
        return None
