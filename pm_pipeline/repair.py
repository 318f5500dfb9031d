"""The valid parts of a post-mortem that failed the schema, made whole so rules can still run.

Every value the schema (or the calendar) rejected is replaced by a stand-in: the skeleton's
value at the same place, else the schema's first example, else the key is dropped. A timeline
`at` is replaced by its neighbour's time, so the stand-in never puts the timeline out of order.
The checker then runs the rules and keeps only the findings that do not depend on a replaced
value (`Rule.needs`), so a first draft shows its schema errors and its review findings in one run.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from functools import cache
from typing import Any

from pm_pipeline.sourcemap import JsonPath

_MAX_ROUNDS = 4
_MISSING = object()


def repaired(
    data: Any, invalid: list[JsonPath], revalidate: Any, schema: dict[str, Any]
) -> tuple[dict[str, Any], list[JsonPath]] | None:
    """(data with stand-ins, every replaced path), or None when no stand-in makes it valid.

    `revalidate(data)` returns the invalid paths of data (schema and calendar).
    """
    if not isinstance(data, dict):
        return None
    fixed = copy.deepcopy(data)
    replaced: list[JsonPath] = []
    for _ in range(_MAX_ROUNDS):
        if not invalid:
            _neutral_times(fixed, replaced)
            return fixed, replaced
        for path in sorted(set(invalid), key=len):
            done = next((done for done in replaced if path[: len(done)] == done), None)
            if done is not None:  # its stand-in did not fit: replace the value around it
                path = done[:-1]
            if not path:
                return None
            _stand_in(fixed, path, schema)
            replaced.append(path)
        invalid = list(revalidate(fixed))
    return None


def _stand_in(data: dict[str, Any], path: JsonPath, schema: dict[str, Any]) -> None:
    if not path:
        return
    parent = _at(data, path[:-1])
    key = path[-1]
    value = _template_value(path)
    if value is _MISSING:
        value = _example(schema, path)
    if isinstance(parent, dict) and isinstance(key, str):
        if value is _MISSING:
            parent.pop(key, None)
        else:
            parent[key] = copy.deepcopy(value)
    elif isinstance(parent, list) and isinstance(key, int) and key < len(parent) and value is not _MISSING:
        parent[key] = copy.deepcopy(value)


def _neutral_times(data: dict[str, Any], replaced: list[JsonPath]) -> None:
    """A replaced timeline time takes the time of the event before it (or after it, for the first)."""
    events = data.get("timeline")
    if not isinstance(events, list):
        return
    bad = {path[1] for path in replaced if path[:1] == ("timeline",) and len(path) >= 2 and isinstance(path[1], int)}
    good = [i for i in range(len(events)) if i not in bad]
    if not good:
        return
    for index in sorted(bad):
        if index < len(events) and isinstance(events[index], dict):
            before = [i for i in good if i < index]
            source = before[-1] if before else good[0]
            events[index]["at"] = events[source]["at"]


def _at(data: Any, path: JsonPath) -> Any:
    node = data
    for part in path:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return _MISSING
    return node


def _template_value(path: JsonPath) -> Any:
    generic = tuple(0 if isinstance(part, int) else part for part in path)
    return _at(_template(), generic)


@cache
def _template() -> dict[str, Any]:
    from pm_pipeline.loader import load_yaml
    from pm_pipeline.scaffold import NewPostmortem, render_skeleton

    moment = datetime(2000, 1, 1, tzinfo=UTC)
    text = render_skeleton(NewPostmortem("Stand-in", "P1", moment, moment, "@stand-in"), "")
    data: dict[str, Any] = load_yaml("template", text.encode()).data
    return data


def _example(schema: dict[str, Any], path: JsonPath) -> Any:
    node: Any = schema
    for part in path:
        node = _resolve(schema, node)
        if isinstance(part, int):
            node = node.get("items") if isinstance(node, dict) else None
        else:
            node = node.get("properties", {}).get(part) if isinstance(node, dict) else None
        if node is None:
            return _MISSING
    node = _resolve(schema, node)
    examples = node.get("examples") if isinstance(node, dict) else None
    return examples[0] if examples else _MISSING


def _resolve(schema: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = schema.get("$defs", {}).get(node["$ref"].rsplit("/", 1)[1], {})
    return node
