"""Where each value of a YAML document came from, by JSON path."""

from __future__ import annotations

from dataclasses import dataclass, field

JsonPath = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column


@dataclass(frozen=True)
class ScalarSpan:
    """A string scalar's first character and style, to place offsets inside it."""

    line: int
    column: int
    end_line: int
    style: str | None  # None for plain, '"', "'", '|' or '>'


@dataclass
class SourceMap:
    values: dict[JsonPath, Position] = field(default_factory=dict)
    keys: dict[JsonPath, Position] = field(default_factory=dict)
    strings: dict[JsonPath, ScalarSpan] = field(default_factory=dict)
    plain_non_strings: dict[JsonPath, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def value_at(self, path: JsonPath) -> Position:
        """The position of the value at path, or of its nearest parent that exists."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def key_at(self, path: JsonPath) -> Position:
        return self.keys.get(path) or self.value_at(path)

    def offset_at(self, path: JsonPath, offset: int) -> Position:
        """The position of character `offset` of the string at path."""
        span = self.strings.get(path)
        if span is None:
            return self.value_at(path)
        if span.style in ("|", ">"):
            return self._offset_in_block(span, offset)
        if span.line == span.end_line:
            quote = 1 if span.style else 0
            return span.line, span.column + quote + offset
        return span.line, span.column

    def _offset_in_block(self, span: ScalarSpan, offset: int) -> Position:
        # A block scalar's content starts on the line after its indicator; each
        # content line maps to one source line (folding only joins them).
        first = span.line  # 0-based index of the first content line
        indent: int | None = None
        consumed = 0
        for index in range(first, len(self.lines)):
            source_line = self.lines[index]
            stripped = source_line.lstrip(" ")
            if not stripped.strip():
                consumed += 1
                continue
            if indent is None:
                indent = len(source_line) - len(stripped)
            elif len(source_line) - len(stripped) < indent:
                break
            content = source_line[indent:]
            if offset <= consumed + len(content):
                return index + 1, indent + 1 + (offset - consumed)
            consumed += len(content) + 1
        return span.line, span.column
