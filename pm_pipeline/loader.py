"""Safe YAML loading with a source map; every problem becomes a finding.

The C parser composes a node tree; our own walk turns it into plain data. The
walk never calls a constructor for a tag it does not know, keeps timestamps as
strings (the schema checks their format), rejects duplicate keys and merge keys,
and bounds the work an alias bomb or deep nesting can cause.
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml

from pm_pipeline.findings import Finding, Level
from pm_pipeline.sourcemap import SourceMap

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 100_000

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


_PLAIN_TYPES = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:null": "null",
}
_constructor = yaml.constructor.SafeConstructor()
_TOO_LARGE = object()


class _Composer(yaml.CBaseLoader):
    """libyaml's composer with the cheapest resolver: every untagged node gets its
    kind's default tag, and the walk below resolves plain scalars itself."""

    _DEFAULT_TAGS = {yaml.ScalarNode: _STR, yaml.SequenceNode: _SEQ, yaml.MappingNode: _MAP}

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return self._DEFAULT_TAGS[kind]


_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
# Unquoted words YAML 1.1 reads as booleans or null: the whole of PyYAML's bool
# and null patterns, looked up in one step (most scalars are prose).
_WORDS = {
    **dict.fromkeys(
        "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF".split(), "tag:yaml.org,2002:bool"
    ),
    **dict.fromkeys(["~", "null", "Null", "NULL", ""], "tag:yaml.org,2002:null"),
}
_NUMERIC_START = frozenset("+-.0123456789")


@dataclass
class LoadedYaml:
    """A file's data with its source map and findings; data is None when the file could not be
    read (then there are findings) or holds no document (then there are none)."""

    path: str
    data: Any
    source: SourceMap
    findings: list[Finding] = field(default_factory=list)


class _Stop(Exception):
    """Raised inside the walk when a limit is reached; the finding is already recorded."""


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one file's node tree is alive.

    A composed tree is hundreds of objects without cycles, freed by reference
    counting when the file is done; letting the collector scan them again and
    again costs a fifth of a check.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_yaml(path: str, raw: bytes) -> LoadedYaml:
    """Parse one YAML document from bytes; never raises for bad input."""
    loaded = LoadedYaml(path, None, SourceMap())
    if len(raw) > MAX_BYTES:
        loaded.findings.append(
            _finding(
                path,
                1,
                1,
                "PM006",
                f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}. "
                "Split attachments out and link to them from `evidence`.",
            )
        )
        return loaded
    text = _decode(loaded, raw)
    if text is None:
        return loaded
    loaded.source = SourceMap.of_text(text)
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as error:
        loaded.findings.append(_syntax_finding(path, loaded.source, error))
        return loaded
    except yaml.reader.ReaderError as error:  # a character YAML does not allow; no mark, but its index
        loaded.findings.append(_character_finding(path, text, error))
        return loaded
    except yaml.YAMLError as error:
        loaded.findings.append(_finding(path, 1, 1, "PM002", f"YAML error: {error}"))
        return loaded
    if root is None:  # an empty document: data stays None, with no finding (the caller decides)
        return loaded
    loaded.source.root = root
    try:
        loaded.data = _Walker(loaded).build(root, 0)
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
            _finding(
                loaded.path,
                line,
                column,
                "PM001",
                f"invalid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
            )
        )
        return None
    return text.removeprefix("\ufeff")


_CONTROL_NAMES = {0: "NUL", 0x0B: "vertical tab", 0x0C: "form feed", 0x1B: "escape", 0x7F: "delete"}


def _character_finding(path: str, text: str, error: yaml.reader.ReaderError) -> Finding:
    index = error.position if isinstance(error.position, int) and 0 <= error.position <= len(text) else 0
    before = text[:index]
    line = before.count("\n") + 1
    column = index - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "\0")
    name = _CONTROL_NAMES.get(code, "control character")
    return _finding(
        path,
        line,
        column,
        "PM002",
        f"U+{code:04X} ({name}) is not allowed in YAML; delete it, or write it as `\\u{code:04x}` "
        "inside a double-quoted string",
    )


def _syntax_finding(path: str, source: SourceMap, error: yaml.MarkedYAMLError) -> Finding:
    mark = error.problem_mark or error.context_mark
    line, column = source.mark_at(mark) if mark else (1, 1)
    problem = error.problem or "syntax error"
    if "expected a single document" in (error.context or ""):
        return _finding(
            path, line, column, "PM005", "a second YAML document starts here; keep one post-mortem per file"
        )
    if "maximum nesting depth" in problem:
        return _finding(path, line, column, "PM006", f"nesting deeper than the parser allows ({problem})")
    char = _char_at(source.lines, line, column)
    if char in "@`":
        return _finding(
            path,
            line,
            column,
            "PM002",
            f'`{char}` cannot start an unquoted YAML value: quote it ("@bob") or drop the @ (bob)',
        )
    if char == "\t":
        return _finding(path, line, column, "PM002", "YAML does not allow tabs for indentation; use spaces")
    context = f" {error.context}" if error.context else ""
    return _finding(path, line, column, "PM002", f"YAML syntax error: {problem}{context}")


def _char_at(lines: list[str], line: int, column: int) -> str:
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


class _Walker:
    """Builds plain data from the node tree; the tree itself is the source map."""

    def __init__(self, loaded: LoadedYaml) -> None:
        self.loaded = loaded
        self.nodes = 0

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.nodes += 1
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            what = (
                f"nesting deeper than {MAX_DEPTH} levels"
                if depth > MAX_DEPTH
                else f"more than {MAX_NODES:,} values (aliases expanding exponentially?)"
            )
            self._report(node, "PM006", f"{what}; a post-mortem never needs this")
            raise _Stop
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth) if node.tag == _MAP else self._bad_tag(node, {})
        if node.tag != _SEQ:
            return self._bad_tag(node, [])
        return [self.build(item, depth + 1) for item in node.value]

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._report(key_node, "PM007", "a key must be a plain string, not a list or mapping")
                continue
            key = key_node.value
            if key == "<<" and not key_node.style:
                self._report(key_node, "PM007", "merge keys (<<) are not supported; write the keys out")
                continue
            if key in result:
                first = next(k for k, _ in node.value if k.value == key).start_mark.line + 1
                self._report(
                    key_node,
                    "PM003",
                    f"duplicate key `{key}` (first at line {first}); YAML would silently keep only the last",
                )
                continue
            result[key] = self.build(value_node, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag != _STR:
            return self._bad_tag(node, None)
        if node.style:
            return node.value
        tag = _implicit_tag(node.value)
        if tag is None:
            return node.value
        node.tag = tag
        try:
            value = _constructor.construct_object(node)
        except ValueError:  # an integer of more than 4,300 digits
            value = _TOO_LARGE
        return self._checked_number(node, value)

    def _checked_number(self, node: yaml.ScalarNode, value: Any) -> Any:
        """Numbers JSON, the schema and the site can hold: finite, and integers within 64 bits."""
        if isinstance(value, float) and not math.isfinite(value):
            self._report(node, "PM010", f"`{node.value}` is not a number a report can use; write a finite number")
            return None
        if value is _TOO_LARGE or (isinstance(value, int) and not -(2**63) <= value < 2**63):
            shown = node.value if len(node.value) <= 24 else f"{node.value[:20]}… ({len(node.value):,} characters)"
            self._report(node, "PM010", f"`{shown}` is too large a number; the largest is {2**63 - 1:,}")
            return None
        return value

    def _bad_tag(self, node: yaml.Node, placeholder: Any) -> Any:
        tag = node.tag
        unsafe = "python/" in tag
        why = "could run code in other YAML loaders" if unsafe else "is not part of the post-mortem format"
        self._report(node, "PM004", f"the tag `{_short_tag(tag)}` {why}; remove it")
        return placeholder

    def _report(self, node: yaml.Node, code: str, message: str) -> None:
        line, column = self.loaded.source.mark_at(node.start_mark)
        self.loaded.findings.append(_finding(self.loaded.path, line, column, code, message))


def _implicit_tag(value: str) -> str | None:
    """The YAML 1.1 type of an unquoted scalar, as PyYAML's SafeLoader resolves it; None for text."""
    word = _WORDS.get(value)
    if word is not None or value[:1] not in _NUMERIC_START:
        return word
    for tag, pattern in _IMPLICIT[value[0]]:
        if pattern.match(value):
            return tag if tag in _PLAIN_TYPES else None
    return None


def _short_tag(tag: str) -> str:
    return re.sub(r"^tag:yaml\.org,2002:", "!!", tag)


def _finding(path: str, line: int, column: int, code: str, message: str) -> Finding:
    return Finding(path, line, column, code, Level.ERROR, message)
