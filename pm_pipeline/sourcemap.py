"""Where each value of a YAML document came from, by JSON path.

Positions are looked up on demand in the composed node tree, which lives only
as long as one file is being checked: recording every position up front would
cost more than parsing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

JsonPath = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column


def _start(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


@dataclass
class SourceMap:
    root: yaml.Node | None = None
    lines: list[str] = field(default_factory=list)

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
        return _start(node) if node is not None else (1, 1)

    def key_at(self, path: JsonPath) -> Position:
        key, node, depth = self._find(path)
        if depth == len(path) and key is not None:
            return _start(key)
        return _start(node) if node is not None else (1, 1)

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
            return _start(node)
        if node.style in ("|", ">"):
            return self._offset_in_block(node, offset)
        if node.start_mark.line == node.end_mark.line:
            line, column = _start(node)
            return line, column + (1 if node.style else 0) + offset
        return self._offset_in_flow(node, offset)

    def _offset_in_block(self, node: yaml.ScalarNode, offset: int) -> Position:
        # A block scalar's content starts on the line after its indicator; each
        # content line maps to one source line (folding only joins them).
        indent: int | None = None
        consumed = 0
        for index in range(node.start_mark.line + 1, node.end_mark.line + 1):
            if index >= len(self.lines):
                break
            source_line = self.lines[index]
            stripped = source_line.lstrip(" ")
            if not stripped.strip():
                consumed += 1
                continue
            if indent is None:
                indent = len(source_line) - len(stripped)
            content = source_line[indent:]
            if offset <= consumed + len(content):
                return index + 1, indent + 1 + (offset - consumed)
            consumed += len(content) + 1
        return _start(node)

    def _offset_in_flow(self, node: yaml.ScalarNode, offset: int) -> Position:
        # A plain or quoted scalar over several lines: each line break between
        # text folds to one space, k empty lines fold to k newlines.
        quote = 1 if node.style else 0
        first, last = node.start_mark.line, node.end_mark.line
        if last >= len(self.lines):
            return _start(node)
        consumed, pending = 0, 0
        for index in range(first, last + 1):
            source_line = self.lines[index]
            start = (
                node.start_mark.column + quote if index == first else len(source_line) - len(source_line.lstrip(" \t"))
            )
            end = node.end_mark.column - quote if index == last else len(source_line.rstrip())
            segment = source_line[start:end]
            if (node.style == '"' and "\\" in segment) or (node.style == "'" and "''" in segment):
                return _start(node)  # escapes change lengths: keep the value's start
            if index != first:
                if not segment.strip():
                    pending += 1
                    continue
                consumed += max(pending, 1)
                pending = 0
            if offset <= consumed + len(segment):
                return index + 1, start + 1 + max(offset - consumed, 0)
            consumed += len(segment)
        return _start(node)


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
