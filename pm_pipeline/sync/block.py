"""The tool-owned block of an issue body: its markers, what it records, and splicing it in.

    <!-- pm-pipeline:begin key=PM-2025-02-09-api-degradation/AI-001 -->
    ...rendered fields...
    <!-- pm-pipeline:applied {"status": "open", "labels": ["post-mortem", "priority/high"]} -->
    <!-- pm-pipeline:end -->

Only an exact begin line names an issue's action item. The `applied` line records the status
and labels the tool last wrote, so a later run can tell its own labels from a person's and a
status change in the YAML from a person closing or reopening the issue.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

BEGIN_PREFIX = "<!-- pm-pipeline:begin key="
END = "<!-- pm-pipeline:end -->"
# Searched for visible text: an HTML comment is not certain to be in GitHub's search index.
SEARCH_PHRASE = "Managed by pm-pipeline"
_KEY = r"PM-[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[a-z0-9]+)*/AI-[0-9]{3,}"
_BEGIN = re.compile(rf"^<!-- pm-pipeline:begin key=({_KEY}) -->$", re.MULTILINE)
_END = re.compile(r"^<!-- pm-pipeline:end -->$", re.MULTILINE)
_APPLIED = re.compile(r"^<!-- pm-pipeline:applied (\{.*\}) -->$", re.MULTILINE)


@dataclass(frozen=True)
class Applied:
    """What the tool last wrote: the item's status and the labels it put on."""

    status: str = "open"
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    key: str
    start: int  # offsets of the whole block, markers included, in the body
    end: int
    text: str
    applied: Applied


def begin_marker(key: str) -> str:
    return f"{BEGIN_PREFIX}{key} -->"


def applied_line(applied: Applied) -> str:
    payload = json.dumps({"status": applied.status, "labels": list(applied.labels)}, ensure_ascii=True)
    safe = payload.replace("--", "-\\u002d")  # "--" may not appear inside an HTML comment
    return f"<!-- pm-pipeline:applied {safe} -->"


def find_block(body: str) -> Block | None:
    """The block of a body: the first exact begin line, up to the next end line.

    If a person deleted the end line, the block ends after its `applied` line (or its begin line),
    so the item keeps its issue and no text after the block can be overwritten."""
    begin = _BEGIN.search(body)
    if begin is None:
        return None
    end = _END.search(body, begin.end())
    if end is None:
        nested = _BEGIN.search(body, begin.end())
        applied = _APPLIED.search(body, begin.end(), nested.start() if nested else len(body))
        end = applied or begin
    text = body[begin.start() : end.end()]
    return Block(begin.group(1), begin.start(), end.end(), text, _applied(text))


def splice(body: str, block: str) -> str:
    """body with its block replaced by block (or block put first when body has none); text outside kept."""
    found = find_block(body)
    if found is None:
        return f"{block}\n\n{body}" if body.strip() else block
    return body[: found.start] + block + body[found.end :]


def _applied(text: str) -> Applied:
    found = _APPLIED.search(text)
    if found is None:
        return Applied()
    try:
        data = json.loads(found.group(1))
        return Applied(str(data.get("status", "open")), tuple(str(label) for label in data.get("labels", [])))
    except (ValueError, AttributeError, TypeError):
        return Applied()
