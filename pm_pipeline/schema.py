"""JSON Schema validation with findings placed on the offending line."""

from __future__ import annotations

import difflib
import json
import re
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs

from pm_pipeline.findings import Finding, Level
from pm_pipeline.sourcemap import JsonPath, SourceMap

POSTMORTEM = "postmortem.schema.json"
CONFIG = "config.schema.json"
MAX_QUOTED = 60


@cache
def load_schema(name: str) -> dict[str, Any]:
    text = resources.files("pm_pipeline").joinpath("schemas", name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(name: str) -> Any:
    return jsonschema_rs.validator_for(load_schema(name), validate_formats=True)


def validate(name: str, path: str, data: Any, source: SourceMap) -> list[Finding]:
    """Every schema violation of data, one finding each, sorted by position."""
    schema = load_schema(name)
    findings = [_to_finding(path, error, source, schema, data) for error in _validator(name).iter_errors(data)]
    return sorted(set(findings))


def invalid_paths(name: str, data: Any) -> list[JsonPath]:
    """The JSON path of every value the schema rejects: a missing key's own path, each unknown key's path."""
    paths: list[JsonPath] = []
    for error in _validator(name).iter_errors(data):
        where: JsonPath = tuple(error.instance_path)
        kind = type(error.kind).__name__
        if kind == "Required":
            paths.append((*where, str(error.kind.property)))
        elif kind == "AdditionalProperties":
            paths.extend((*where, str(key)) for key in error.kind.unexpected)
        else:
            paths.append(where)
    return paths


def _to_finding(path: str, error: Any, source: SourceMap, schema: dict[str, Any], data: Any) -> Finding:
    where: JsonPath = tuple(error.instance_path)
    kind = type(error.kind).__name__
    dotted = dotted_path(where)
    text = source.plain_text_at(where) if kind == "Type" and _expects_string(error) else None
    if text is not None:
        day = _incident_day(data) if _is_timestamp(where, schema) else None
        return _error(path, source.value_at(where), "PM011", _implicit_message(dotted, text, error.instance, day))
    if kind == "Type" and not where:
        held = type(error.instance).__name__.replace("str", "text").replace("list", "list")
        return _error(
            path, source.value_at(where), "PM010", f"the file holds one {held} value, not a mapping of fields"
        )
    if kind == "AdditionalProperties":
        return _unknown_keys(path, where, error, source, schema)
    if kind == "Required":
        return _error(path, source.value_at(where), "PM010", f"{dotted or 'the file'}: {_shown(error.message, 200)}")
    return _error(path, source.value_at(where), "PM010", f"{dotted}: {_friendly(kind, error, schema)}")


def _error(path: str, position: tuple[int, int], code: str, message: str) -> Finding:
    return Finding(path, position[0], position[1], code, Level.ERROR, message)


def _unknown_keys(path: str, where: JsonPath, error: Any, source: SourceMap, schema: dict[str, Any]) -> Finding:
    key = str(error.kind.unexpected[0])
    hint = _closest(key, set(_subschema(error, schema).get("properties", {})))
    suggestion = f"; did you mean `{hint}`?" if hint else ""
    place = f" in {dotted_path(where)}" if where else ""
    return _error(path, source.key_at((*where, key)), "PM010", f"unknown key `{key}`{place}{suggestion}")


def _subschema(error: Any, root: dict[str, Any]) -> dict[str, Any]:
    """The schema object whose keyword failed, or an empty one."""
    node: Any = root
    try:
        for part in list(error.schema_path)[:-1]:
            node = node[part]
            if isinstance(node, dict) and "$ref" in node:
                node = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
    except (KeyError, TypeError, IndexError):
        return {}
    return node if isinstance(node, dict) else {}


def _closest(word: str, candidates: set[str]) -> str | None:
    matches = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _expects_string(error: Any) -> bool:
    types = getattr(error.kind, "types", None)
    return types is not None and "string" in [str(t).lower() for t in types]


_CLOCK = re.compile(r"^\d{1,2}:\d\d(:\d\d(\.\d+)?)?$")
_DAY = re.compile(r"^\d{4}-\d\d-\d\d")


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def _date_hint(value: Any) -> str:
    """`, here 2025-02-16` for 16/02/2025; both readings when the order is ambiguous."""
    found = _DAY_FIRST.match(value) if isinstance(value, str) else None
    if not found:
        return ", e.g. 2025-03-09"
    first, second, year = (int(part) for part in found.groups())
    readings = {
        f"{year:04d}-{month:02d}-{day:02d}"
        for day, month in ((first, second), (second, first))
        if 1 <= month <= 12 and 1 <= day <= 31
    }
    if len(readings) == 1:
        return f", here {readings.pop()}"
    return f": {' or '.join(sorted(readings))}?" if readings else ", e.g. 2025-03-09"


def _naive_time(value: Any) -> str | None:
    """`2025-02-09T10:05:23` for a date-time written without an offset (`T` or a space), else None."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S") if moment.tzinfo is None and ":" in value else None


def _is_timestamp(where: JsonPath, schema: dict[str, Any]) -> bool:
    node: Any = schema
    for part in where:
        while isinstance(node, dict) and "$ref" in node:
            node = schema["$defs"].get(node["$ref"].rsplit("/", 1)[1], {})
        if not isinstance(node, dict):
            return False
        node = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(part)
    return isinstance(node, dict) and node.get("$ref") == "#/$defs/timestamp"


def _incident_day(data: Any) -> str:
    """The incident's start date (YYYY-MM-DD), to complete a bare time of day."""
    incident = data.get("incident") if isinstance(data, dict) else None
    started = incident.get("started_at") if isinstance(incident, dict) else None
    found = _DAY.match(started) if isinstance(started, str) else None
    return found.group() if found else "YYYY-MM-DD"


def _implicit_message(dotted: str, text: str, value: Any, day: str | None = None) -> str:
    if day is not None and _CLOCK.match(text):
        hours, _, rest = text.partition(":")
        full = f"{day}T{int(hours):02d}:{rest}{'' if rest.count(':') else ':00'}Z"
        return (
            f"{dotted}: YAML reads the unquoted `{_shown(text)}` as the number {value}; a time needs its date "
            f"and offset: write {full} (the incident's date, in UTC)"
        )
    if isinstance(value, bool):
        read = f"the boolean {str(value).lower()}"
    elif value is None:
        read = "null"
    else:
        read = f"the number {value}"
    text = _shown(text)
    return f'{dotted}: YAML reads the unquoted `{text}` as {read}; quote it: "{text}"'


def _friendly(kind: str, error: Any, schema: dict[str, Any]) -> str:
    value = _shown(error.instance)
    if kind == "Format":
        fmt = error.kind.format
        if fmt == "date-time":
            naive = _naive_time(error.instance)
            if naive:
                return (
                    f"`{value}` has no offset, so nobody can tell its zone; write {naive}Z if it is UTC, "
                    f"or add its offset (e.g. {naive}+01:00)"
                )
            return (
                f"`{value}` is not an ISO 8601 date-time with an offset; "
                "write e.g. 2025-02-09T10:05:23Z or 2025-02-09T11:05:23+01:00"
            )
        if fmt == "date":
            return f"`{value}` is not a date; write YYYY-MM-DD{_date_hint(error.instance)}"
    if kind == "Enum":
        options = ", ".join(str(option) for option in error.kind.options)
        return f"`{value}` is not one of: {options}"
    if kind == "Pattern" and "handle" in list(error.schema_path):
        return f'`{value}` is not a GitHub handle (letters, digits and single hyphens, e.g. "@alice")'
    if kind == "Pattern":
        examples = _subschema(error, schema).get("examples")
        like = f"; for example {', '.join(str(e) for e in examples[:3])}" if examples else ""
        return f"`{value}` does not have the expected form{like}"
    return _shown(error.message, 200)


def _shown(value: Any, limit: int = MAX_QUOTED) -> str:
    """A value as quoted in a message, capped: a file that is one long value is not echoed whole."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def dotted_path(path: JsonPath) -> str:
    """`incident.started_at`, `timeline[2].at`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
