"""What a rule is: a code, a level, options with defaults and a check() generator."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from pm_pipeline.findings import Level
from pm_pipeline.model import PostMortem
from pm_pipeline.process import ProcessPolicy
from pm_pipeline.rules.options import NoOptions
from pm_pipeline.settings import Config, Vocabulary
from pm_pipeline.sourcemap import JsonPath, SourceMap


@dataclass(frozen=True)
class Document:
    """One schema-valid post-mortem with what a rule needs to place its findings."""

    path: str
    postmortem: PostMortem
    data: dict[str, Any]
    source: SourceMap
    shared: dict[str, Any] = field(default_factory=dict, compare=False)
    """What several rules derive from the document once (e.g. the blame matches)."""


@dataclass(frozen=True)
class Context:
    """What rules may know besides the document: the clock, the settings, and what the change touches.

    `changed` holds the resolved paths of the files the change touches (named on the command
    line, or changed since `--changed-from`). A clock rule's finding on any other file is a
    reminder: time passing must not fail a pipeline for a file nobody edited.
    """

    now: datetime
    config: Config
    """For the pipeline (rule selection); rules read `process` and their own options, never a section."""
    changed: frozenset[str] = frozenset()

    @cached_property
    def process(self) -> ProcessPolicy:
        """The publishing SLA, draft escalation and deadline windows that rules share with overdue and the site."""
        return self.config.process

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The severities, factor categories and services pm-pipeline.yml allows."""
        return self.config.vocabulary

    def is_changed(self, path: str) -> bool:
        return str(Path(path).resolve()) in self.changed


@dataclass(frozen=True)
class Hit:
    """A rule's finding before it has a line: the JSON path of the value it is about.

    `offset` points inside a string value; `on_key` places it on the key instead;
    `level` overrides the rule's level (for escalation).
    """

    path: JsonPath
    message: str
    offset: int | None = None
    on_key: bool = False
    level: Level | None = None


class Rule:
    """Base of every rule. The subclass docstring is the rule's documentation page."""

    code: ClassVar[str]
    name: ClassVar[str]
    level: ClassVar[Level] = Level.ERROR
    Options: ClassVar[type[Any]] = NoOptions
    """A frozen dataclass of the rule's options (`rules.options.option` fields); check() gets one."""
    reads_clock: ClassVar[bool] = False
    """True when the finding exists only because time passed (it reads `context.now`)."""
    needs: ClassVar[tuple[JsonPath, ...] | None] = None
    """The fields its findings depend on, for a file that failed the schema: the rule still runs
    there, and a finding is kept unless one of these fields (or the value it is on) was rejected.
    `ANY` stands for every index of a list, `ITEM` for the item the finding is on. None: the rule
    runs only on a schema-valid file."""

    def check(self, doc: Document, options: Any, context: Context) -> Iterator[Hit]:
        return iter(())


ANY = "*"
"""In `Rule.needs`: every item of the list."""
ITEM = "<item>"
"""In `Rule.needs`: the item of the list the finding is on (other items do not matter)."""


def depends_on(rule: type[Rule] | Rule, hit: JsonPath, replaced: list[JsonPath]) -> bool:
    """True when a finding of `rule` at `hit` may rest on a value that was replaced by a stand-in."""
    if rule.needs is None:
        return bool(replaced)
    for bad in replaced:
        if hit[: len(bad)] == bad:
            return True
        if any(_overlaps(need, bad, hit) for need in rule.needs):
            return True
    return False


def _overlaps(need: JsonPath, bad: JsonPath, hit: JsonPath) -> bool:
    for index in range(min(len(need), len(bad))):
        wanted, part = need[index], bad[index]
        if wanted in (ANY, ITEM) and isinstance(part, int):
            same_list = len(hit) > index and hit[:index] == bad[:index]
            if wanted == ITEM and same_list and hit[index] != part:
                return False
            continue
        if wanted != part:
            return False
    return True


class InputRule(Rule):
    """A code the loader or the schema check reports; it has no check() of its own."""


def strings(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """Every string in a loaded document, with its path, in document order (for rules that read all text alike).

    A loop over an explicit stack: a string deep in the document costs one step, not one
    generator hop per level.
    """
    stack: list[tuple[JsonPath, Any]] = [(path, value)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, str):
            yield where, node
        elif isinstance(node, dict):
            stack.extend(((*where, key), item) for key, item in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend(((*where, index), node[index]) for index in range(len(node) - 1, -1, -1))


def source_text(doc: Document) -> str:
    """The document's source as one string, joined once per document.

    For rules that can rule a whole file out with a substring test before walking its values;
    a value can only hold what its source holds, spelled out or as a backslash escape.
    """
    text: str | None = doc.shared.get("source_text")
    if text is None:
        text = doc.shared["source_text"] = "\n".join(doc.source.lines)
    return text


def document_strings(doc: Document) -> list[tuple[JsonPath, str]]:
    """``strings(doc.data)``, walked once per document for every rule that reads all text."""
    found: list[tuple[JsonPath, str]] | None = doc.shared.get("strings")
    if found is None:
        found = doc.shared["strings"] = list(strings(doc.data))
    return found
