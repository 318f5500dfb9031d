"""Where each value of a YAML document came from, by JSON path.

Positions are looked up on demand in the composed node tree, which lives only
as long as one file is being checked: recording every position up front would
cost more than parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

JsonPath = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column


# YAML also breaks lines at NEL, U+2028 and U+2029; editors (and people) do not.
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAK = re.compile("\r\n|[\r\n]")
_UNUSUAL_BREAKS = ("\x85", "\u2028", "\u2029")


def _split(pattern: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    """(start index, text) of each line, like str.splitlines (no empty last line)."""
    lines, start = [], 0
    for match in pattern.finditer(text):
        lines.append((start, text[start : match.start()]))
        start = match.end()
    if start < len(text):
        lines.append((start, text[start:]))
    return lines


@dataclass
class SourceMap:
    root: yaml.Node | None = None
    lines: list[str] = field(default_factory=list)
    """The lines as an editor shows them (what findings and suppressions count)."""
    yaml_lines: list[str] = field(default_factory=list)
    """The lines as YAML counts them (what node marks count)."""
    shift: list[tuple[int, int]] | None = None
    """Per YAML line: its editor line (0-based) and the column it starts at; None when they agree."""

    @classmethod
    def of_text(cls, text: str) -> SourceMap:
        if not any(mark in text for mark in _UNUSUAL_BREAKS):
            lines = text.splitlines()
            return cls(lines=lines, yaml_lines=lines)
        editor = _split(_EDITOR_BREAK, text)
        starts = [start for start, _ in editor] or [0]
        shift, line = [], 0
        for start, _ in _split(_YAML_BREAK, text):
            while line + 1 < len(starts) and starts[line + 1] <= start:
                line += 1
            shift.append((line, start - starts[line]))
        return cls(
            lines=[line for _, line in editor], yaml_lines=[line for _, line in _split(_YAML_BREAK, text)], shift=shift
        )

    def position(self, line: int, column: int) -> Position:
        """The 1-based editor position of a 0-based YAML line and column."""
        if self.shift is None or not 0 <= line < len(self.shift):
            return line + 1, column + 1
        editor_line, offset = self.shift[line]
        return editor_line + 1, offset + column + 1

    def mark_at(self, mark: yaml.Mark) -> Position:
        return self.position(mark.line, mark.column)

    def _start(self, node: yaml.Node) -> Position:
        return self.mark_at(node.start_mark)

    def _find(self, path: JsonPath) -> tuple[yaml.Node | None, yaml.Node | None, int]:
        """The (key node, value node) at path, or at its nearest existing parent, and how deep it got."""
        key: yaml.Node | None = None
        node = self.root
        for depth, part in enumerate(path):
            child = _child(node, part)
            if child is None:
                return key, node, depth
            key, node = child
        return key, node, len(path)

    def value_at(self, path: JsonPath) -> Position:
        """The position of the value at path, or of its nearest parent that exists."""
        _, node, _ = self._find(path)
        return self._start(node) if node is not None else (1, 1)

    def key_at(self, path: JsonPath) -> Position:
        key, node, depth = self._find(path)
        if depth == len(path) and key is not None:
            return self._start(key)
        return self._start(node) if node is not None else (1, 1)

    def plain_text_at(self, path: JsonPath) -> str | None:
        """The source text of an unquoted scalar at path (to explain YAML 1.1 surprises)."""
        _, node, depth = self._find(path)
        if depth == len(path) and isinstance(node, yaml.ScalarNode) and not node.style:
            return str(node.value)
        return None

    def offset_at(self, path: JsonPath, offset: int) -> Position:
        """The position of character `offset` of the string at path."""
        _, node, depth = self._find(path)
        if node is None:
            return 1, 1
        if depth < len(path) or not isinstance(node, yaml.ScalarNode):
            return self._start(node)
        if node.style in ("|", ">"):
            return self._offset_in_block(node, offset)
        if node.start_mark.line == node.end_mark.line:
            line, column = self._start(node)
            return line, column + (1 if node.style else 0) + offset
        return self._offset_in_flow(node, offset)

    def _offset_in_block(self, node: yaml.ScalarNode, offset: int) -> Position:
        # A block scalar's content starts on the line after its indicator; each
        # content line maps to one source line (folding only joins them).
        indent: int | None = None
        consumed = 0
        for index in range(node.start_mark.line + 1, node.end_mark.line + 1):
            if index >= len(self.yaml_lines):
                break
            source_line = self.yaml_lines[index]
            stripped = source_line.lstrip(" ")
            if not stripped.strip():
                consumed += 1
                continue
            if indent is None:
                indent = len(source_line) - len(stripped)
            content = source_line[indent:]
            if offset <= consumed + len(content):
                return self.position(index, indent + (offset - consumed))
            consumed += len(content) + 1
        return self._start(node)

    def _offset_in_flow(self, node: yaml.ScalarNode, offset: int) -> Position:
        # A plain or quoted scalar over several lines: each line break between
        # text folds to one space, k empty lines fold to k newlines.
        quote = 1 if node.style else 0
        first, last = node.start_mark.line, node.end_mark.line
        if last >= len(self.yaml_lines):
            return self._start(node)
        consumed, pending = 0, 0
        for index in range(first, last + 1):
            source_line = self.yaml_lines[index]
            start = (
                node.start_mark.column + quote if index == first else len(source_line) - len(source_line.lstrip(" \t"))
            )
            end = node.end_mark.column - quote if index == last else len(source_line.rstrip())
            segment = source_line[start:end]
            if (node.style == '"' and "\\" in segment) or (node.style == "'" and "''" in segment):
                return self._start(node)  # escapes change lengths: keep the value's start
            if index != first:
                if not segment.strip():
                    pending += 1
                    continue
                consumed += max(pending, 1)
                pending = 0
            if offset <= consumed + len(segment):
                return self.position(index, start + max(offset - consumed, 0))
            consumed += len(segment)
        return self._start(node)


def _child(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return key, value
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return item, item
    return None
