"""A Markdown report as a tree of sections holding paragraphs, lists, tables and code blocks.

Only the block structure post-mortems use; inline Markdown is kept as written (verbatim).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
FENCE = re.compile(r"^\s{0,3}(```|~~~)")
ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[([ xX])\]\s+)?(.*)$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
BOLD_LABEL = re.compile(r"^(\*\*|__)(?P<label>[^*_:\n]{2,60}?)\s*(?::\1|\1\s*:)\s*(?P<rest>.*)$")


@dataclass
class ListItem:
    text: str
    checked: bool | None = None  # None: no [ ] box; True: [x]
    depth: int = 0


@dataclass
class Block:
    kind: str  # paragraph | list | table | code
    text: str = ""
    lines: list[str] = field(default_factory=list)  # a paragraph's lines as written
    items: list[ListItem] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def fenced(block: Block) -> str:
    """A code block as written: its opening line (with the language), its text, its fence."""
    opening, fence = (block.lines + ["```", "```"])[:2]
    return f"{opening}\n{block.text}\n{fence}"


@dataclass
class Section:
    title: str
    level: int
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    pseudo: bool = False  # a bold label that stands for a heading

    def walk(self) -> list[Section]:
        return [self, *(s for child in self.children for s in child.walk())]

    def text(self) -> str:
        """The section's own prose (paragraphs and list items), verbatim, blank-line separated."""
        parts = []
        for block in self.blocks:
            if block.kind == "paragraph":
                parts.append(block.text)
            elif block.kind == "list":
                parts.extend(item.text for item in block.items)
            elif block.kind == "table":
                parts.extend(" | ".join(row) for row in block.rows)
        return "\n\n".join(part for part in parts if part.strip())


@dataclass
class Document:
    front_matter: dict[str, Any]
    root: Section  # level 0: the text before the first heading, then every heading below it


def parse(text: str, is_heading: Callable[[str], bool] = lambda label: False) -> Document:
    """The report's sections. A paragraph that starts with a bold label (`**Actions planned:**`)
    for which `is_heading` is true opens a section under the heading above it, as writers mean it."""
    text = HTML_COMMENT.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    front, text = _front_matter(text)
    esm, text = _mdx_head(text)
    front = {**esm, **front}
    root = Section("", 0)
    stack = [root]
    lines = text.split("\n")
    index = 0
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            stripped = [line.strip() for line in paragraph]
            label = BOLD_LABEL.match(stripped[0])
            if label and is_heading(label["label"]):
                paragraph.clear()
                while stack[-1].pseudo:
                    stack.pop()
                section = Section(label["label"].strip(), stack[-1].level + 1, pseudo=True)
                stack[-1].children.append(section)
                stack.append(section)
                stripped = [line for line in [label["rest"].strip(), *stripped[1:]] if line]
                if not stripped:
                    return
            stack[-1].blocks.append(Block("paragraph", " ".join(stripped), lines=stripped))
            paragraph.clear()

    def open_section(title: str, level: int) -> None:
        flush()
        while stack[-1].level >= level or stack[-1].pseudo:
            stack.pop()
        section = Section(title.strip().strip("*_").strip(), level)
        stack[-1].children.append(section)
        stack.append(section)

    while index < len(lines):
        line = lines[index]
        if FENCE.match(line):
            flush()
            fence = FENCE.match(line)[1]  # type: ignore[index]
            body = []
            index += 1
            while index < len(lines) and not lines[index].strip().startswith(fence):
                body.append(lines[index])
                index += 1
            stack[-1].blocks.append(Block("code", "\n".join(body), lines=[line.strip(), fence]))
            index += 1
            continue
        heading = ATX.match(line)
        if heading:
            open_section(heading[2], len(heading[1]))
            index += 1
            continue
        if (
            paragraph == []
            and line.strip()
            and index + 1 < len(lines)
            and SETEXT.match(lines[index + 1])
            and not ITEM.match(line)
            and "|" not in line
        ):
            open_section(line, 1 if lines[index + 1].strip().startswith("=") else 2)
            index += 2
            continue
        if "|" in line and index + 1 < len(lines) and TABLE_RULE.match(lines[index + 1]):
            flush()
            header = _cells(line)
            rows = []
            index += 2
            while index < len(lines) and "|" in lines[index] and lines[index].strip():
                rows.append(_cells(lines[index]))
                index += 1
            stack[-1].blocks.append(Block("table", header=header, rows=rows))
            continue
        item = ITEM.match(line)
        if item and not TABLE_RULE.match(line):
            flush()
            block = stack[-1].blocks[-1] if stack[-1].blocks and stack[-1].blocks[-1].kind == "list" else None
            if block is None:
                block = Block("list")
                stack[-1].blocks.append(block)
            checked = None if item[2] is None else item[2].lower() == "x"
            texts = [item[3].strip()]
            index += 1
            while index < len(lines) and lines[index].strip() and not ITEM.match(lines[index]) \
                    and not ATX.match(lines[index]) and lines[index].startswith((" ", "\t")):  # fmt: skip
                texts.append(lines[index].strip())
                index += 1
            block.items.append(ListItem(" ".join(texts), checked, len(item[1].expandtabs(4)) // 2))
            continue
        if not line.strip():
            flush()
        else:
            paragraph.append(line)
        index += 1
    flush()
    return Document(front, root)


def _cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", body)]


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    try:
        data = yaml.safe_load(text[4:end])
    except yaml.YAMLError:
        return {}, text
    rest = text[end + 4 :].split("\n", 1)
    return (data if isinstance(data, dict) else {}), (rest[1] if len(rest) > 1 else "")


ESM = re.compile(r"^(?:import\s|export\s+(?:const|let|var|default|function|async)\b)")
ESM_VALUE = re.compile(r"""^\s*(\w+)\s*:\s*(?:'([^'\n]*)'|"([^"\n]*)")\s*,?\s*$""")


def _mdx_head(text: str) -> tuple[dict[str, str], str]:
    """MDX's `import`/`export` statements before the prose, dropped; the string values of an
    exported object (`export const post = { date: '2024-11-19', title: '...' }`) kept as metadata."""
    lines = text.split("\n")
    index, depth = 0, 0
    meta: dict[str, str] = {}
    while index < len(lines):
        line = lines[index]
        if depth == 0 and not ESM.match(line) and line.strip():
            break
        value = ESM_VALUE.match(line) if depth == 1 else None
        if value:
            meta.setdefault(value[1].lower(), value[2] if value[2] is not None else value[3])
        depth = max(0, depth + line.count("{") + line.count("(") - line.count("}") - line.count(")"))
        index += 1
    if index == 0:
        return {}, text
    return meta, "\n".join(lines[index:])
