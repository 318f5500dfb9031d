"""Safe YAML loading with a source map; every problem becomes a finding.

The C parser composes a node tree; our own walk turns it into plain data. The
walk never calls a constructor for a tag it does not know, keeps timestamps as
strings (the schema checks their format), rejects duplicate keys and merge keys,
and bounds the work an alias bomb or deep nesting can cause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from pm_pipeline.findings import Finding, Level
from pm_pipeline.sourcemap import JsonPath, ScalarSpan, SourceMap

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 100_000

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_TYPES = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:null": "null",
}
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class LoadedYaml:
    """A file's data (None when it could not be read) with its source map and findings."""

    path: str
    data: Any
    source: SourceMap
    findings: list[Finding] = field(default_factory=list)


class _Stop(Exception):
    """Raised inside the walk when a limit is reached; the finding is already recorded."""


def load_yaml(path: str, raw: bytes) -> LoadedYaml:
    """Parse one YAML document from bytes; never raises for bad input."""
    loaded = LoadedYaml(path, None, SourceMap())
    if len(raw) > MAX_BYTES:
        loaded.findings.append(
            _finding(path, 1, 1, "PM006", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}. "
                     "Split attachments out and link to them from `evidence`.")
        )
        return loaded
    text = _decode(loaded, raw)
    if text is None:
        return loaded
    loaded.source.lines = text.splitlines()
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as error:
        loaded.findings.append(_syntax_finding(path, text, error))
        return loaded
    except yaml.YAMLError as error:  # reader errors carry no mark
        loaded.findings.append(_finding(path, 1, 1, "PM002", f"YAML error: {error}"))
        return loaded
    if root is None:
        loaded.findings.append(_finding(path, 1, 1, "PM010", "the file is empty; start from `pm-pipeline new`"))
        return loaded
    walker = _Walker(loaded)
    try:
        loaded.data = walker.build(root, (), 0)
    except _Stop:
        loaded.data = None
    return loaded


def _decode(loaded: LoadedYaml, raw: bytes) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        loaded.findings.append(
            _finding(loaded.path, line, column, "PM001",
                     f"invalid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8")
        )
        return None
    return text.removeprefix("\ufeff")


def _syntax_finding(path: str, text: str, error: yaml.MarkedYAMLError) -> Finding:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or "syntax error"
    if "expected a single document" in (error.context or ""):
        return _finding(path, line, column, "PM005",
                        "a second YAML document starts here; keep one post-mortem per file")
    if "maximum nesting depth" in problem:
        return _finding(path, line, column, "PM006", f"nesting deeper than the parser allows ({problem})")
    char = _char_at(text, line, column)
    if char in "@`":
        return _finding(path, line, column, "PM002",
                        f"`{char}` cannot start an unquoted YAML value: quote it (\"@bob\") or drop the @ (bob)")
    if char == "\t":
        return _finding(path, line, column, "PM002", "YAML does not allow tabs for indentation; use spaces")
    context = f" {error.context}" if error.context else ""
    return _finding(path, line, column, "PM002", f"YAML syntax error: {problem}{context}")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


class _Walker:
    def __init__(self, loaded: LoadedYaml) -> None:
        self.loaded = loaded
        self.source = loaded.source
        self.nodes = 0

    def build(self, node: yaml.Node, path: JsonPath, depth: int) -> Any:
        self.nodes += 1
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            what = f"nesting deeper than {MAX_DEPTH} levels" if depth > MAX_DEPTH else \
                f"more than {MAX_NODES:,} values (aliases expanding exponentially?)"
            self._report(line, column, "PM006", f"{what}; a post-mortem never needs this")
            raise _Stop
        self.source.values[path] = (line, column)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth) if node.tag == _MAP else self._bad_tag(node, {})
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                return self._bad_tag(node, [])
            return [self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: JsonPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key_node.tag == _MERGE:
                self._report(line, column, "PM007", "merge keys (<<) are not supported; write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._report(line, column, "PM007", "a key must be a plain string, not a list or mapping")
                continue
            key = key_node.value
            if key in result:
                first = self.source.keys[(*path, key)]
                self._report(line, column, "PM003",
                             f"duplicate key `{key}` (first at line {first[0]}); YAML would silently keep only the last")
                continue
            self.source.keys[(*path, key)] = (line, column)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: JsonPath) -> Any:
        if node.tag in (_STR, _TIMESTAMP):
            self.source.strings[path] = ScalarSpan(
                node.start_mark.line + 1, node.start_mark.column + 1, node.end_mark.line + 1, node.style or None
            )
            return node.value
        if node.tag in _PLAIN_TYPES:
            if not node.style:
                self.source.plain_non_strings[path] = node.value
            return _constructor.construct_object(node)
        return self._bad_tag(node, None)

    def _bad_tag(self, node: yaml.Node, placeholder: Any) -> Any:
        tag = node.tag
        unsafe = "python/" in tag
        why = "could run code in other YAML loaders" if unsafe else "is not part of the post-mortem format"
        self._report(node.start_mark.line + 1, node.start_mark.column + 1, "PM004",
                     f"the tag `{_short_tag(tag)}` {why}; remove it")
        return placeholder

    def _report(self, line: int, column: int, code: str, message: str) -> None:
        self.loaded.findings.append(_finding(self.loaded.path, line, column, code, message))


def _short_tag(tag: str) -> str:
    return re.sub(r"^tag:yaml\.org,2002:", "!!", tag)


def _finding(path: str, line: int, column: int, code: str, message: str) -> Finding:
    return Finding(path, line, column, code, Level.ERROR, message)
