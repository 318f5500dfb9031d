"""The check pipeline, pure: bytes -> load -> schema -> model -> rules -> findings.

Finding and reading the files is `files`, the disk edge."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from pm_pipeline.findings import Finding, Level
from pm_pipeline.loader import cyclic_gc_paused, load_yaml
from pm_pipeline.model import PostMortem, build_postmortem, moment_problems
from pm_pipeline.recurrence import Record, record_of
from pm_pipeline.repair import repaired
from pm_pipeline.rules import RULES_BY_CODE
from pm_pipeline.rules.base import Context, Document, Hit, depends_on
from pm_pipeline.rules.selection import ActiveRule, RuleSet
from pm_pipeline.schema import POSTMORTEM, dotted_path, invalid_paths, load_schema, validate
from pm_pipeline.sourcemap import JsonPath, SourceMap
from pm_pipeline.suppressions import apply_suppressions

RECURRENCE_CODE = "PM601"


@dataclass
class CheckedFile:
    """One file's findings, and its model when the file was valid enough to build one."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    postmortem: PostMortem | None = None
    postmortem_id: str | None = None
    id_position: tuple[int, int] = (1, 1)
    record: Record | None = None
    """What the cross-report check (recurrence) needs; kept when the model is dropped."""
    mentions_cross_codes: bool = False
    """The text names a PM6xx code (a suppression the cross-report pass must judge)."""


@dataclass
class Report:
    files: list[CheckedFile]
    extra: list[Finding] = field(default_factory=list)
    """Findings about no post-mortem (a stale baseline entry)."""
    baselined: int = 0
    """Findings held back because the baseline records them."""

    @property
    def findings(self) -> list[Finding]:
        return sorted([*(finding for file in self.files for finding in file.findings), *self.extra])

    def count(self, level: Level) -> int:
        return sum(1 for finding in self.findings if finding.level is level)

    @property
    def postmortems(self) -> list[PostMortem]:
        return [file.postmortem for file in self.files if file.postmortem is not None]


def check_bytes(name: str, raw: bytes, rules: RuleSet, context: Context) -> CheckedFile:
    with cyclic_gc_paused():
        return _check_loaded(name, raw, rules, context)


def _check_loaded(name: str, raw: bytes, rules: RuleSet, context: Context) -> CheckedFile:
    loaded = load_yaml(name, raw)
    checked = CheckedFile(name, loaded.findings, mentions_cross_codes=b"PM6" in raw)
    if loaded.data is None and not loaded.findings:
        checked.findings = [
            Finding(name, 1, 1, "PM010", Level.ERROR, "the file is empty; start from `pm-pipeline new`")
        ]
    if loaded.data is not None and not loaded.findings:
        problems = validate(POSTMORTEM, name, loaded.data, loaded.source)
        moments = _moment_findings(name, loaded.data, loaded.source, {f.line for f in problems})
        checked.findings = [*problems, *moments]
        if not checked.findings:
            checked.postmortem = build_postmortem(loaded.data, name)
            checked.postmortem_id = checked.postmortem.id
            checked.id_position = loaded.source.value_at(("id",))
            document = Document(name, checked.postmortem, loaded.data, loaded.source)
            checked.findings = list(_run_rules(document, rules.document_rules, context))
            if RECURRENCE_CODE in rules.active:
                checked.record = record_of(checked.postmortem, _record_positions(checked.postmortem, loaded.source))
        else:
            checked.findings += _lenient_rules(name, loaded.data, loaded.source, rules, context)
    checked.findings = apply_suppressions(
        name,
        loaded.source.lines,
        checked.findings,
        known=RULES_BY_CODE,
        active=rules.per_file,
        rules_ran=checked.postmortem is not None,
    )
    checked.findings = _apply_levels(checked.findings, rules)
    return checked


def _record_positions(pm: PostMortem, source: SourceMap) -> dict[str, tuple[int, int]]:
    """Where a recurrence finding goes: each category's first factor, else the services."""
    positions = {"": source.value_at(("incident", "services"))}
    for index, factor in enumerate(pm.contributing_factors.factors):
        if factor.category not in positions:
            positions[factor.category] = source.value_at(("contributing_factors", "factors", index, "category"))
    return positions


def _moment_findings(name: str, data: Any, source: SourceMap, reported: set[int]) -> list[Finding]:
    if not isinstance(data, dict):
        return []
    found = []
    for path, message in moment_problems(data):
        position = source.value_at(path)
        if position[0] not in reported:
            found.append(Finding(name, *position, "PM010", Level.ERROR, f"{dotted_path(path)}: {message}"))
    return found


def _invalid(data: Any) -> list[JsonPath]:
    paths = invalid_paths(POSTMORTEM, data)
    if isinstance(data, dict):
        paths += [path for path, _ in moment_problems(data)]
    return paths


def _lenient_rules(name: str, data: Any, source: SourceMap, rules: RuleSet, context: Context) -> list[Finding]:
    """The findings of the rules that do not depend on a value the schema rejected (see `repair`)."""
    made = repaired(data, _invalid(data), _invalid, load_schema(POSTMORTEM))
    if made is None:
        return []
    whole, replaced = made
    try:
        postmortem = build_postmortem(whole, name)
    except (KeyError, TypeError, ValueError):
        return []
    document = Document(name, postmortem, whole, source)
    usable = [active for active in rules.document_rules if active.rule.needs is not None]
    return list(_run_rules(document, usable, context, replaced))


def _run_rules(
    document: Document, active_rules: list[ActiveRule], context: Context, replaced: list[JsonPath] | None = None
) -> Iterator[Finding]:
    changed = context.is_changed(document.path)
    for active in active_rules:
        for hit in active.rule.check(document, active.options, context):
            if replaced and depends_on(active.rule, hit.path, replaced):
                continue
            line, column = _place(hit, document.source)
            level = hit.level or active.level
            if active.rule.reads_clock and not changed:
                level = Level.REMINDER
            yield Finding(document.path, line, column, active.rule.code, level, hit.message)


def _place(hit: Hit, source: SourceMap) -> tuple[int, int]:
    if hit.on_key:
        return source.key_at(hit.path)
    if hit.offset is not None:
        return source.offset_at(hit.path, hit.offset)
    return source.value_at(hit.path)


def _apply_levels(findings: list[Finding], rules: RuleSet) -> list[Finding]:
    """Drop findings of codes that are off; loader and schema findings take their configured level."""
    kept = []
    for finding in findings:
        level = rules.level_of(finding.code)
        if level is None:
            continue
        if rules.is_input(finding.code):
            finding = replace(finding, level=level)
        kept.append(finding)
    return sorted(kept)


def report_duplicate_ids(files: list[CheckedFile], rules: RuleSet) -> None:
    level = rules.level_of("PM009")
    if level is None:
        return
    first_seen: dict[str, str] = {}
    for file in files:
        pm_id = file.postmortem_id
        if pm_id is None:
            continue
        if pm_id in first_seen:
            file.findings.append(
                Finding(
                    file.path, *file.id_position, "PM009", level, f"id `{pm_id}` is already used by {first_seen[pm_id]}"
                )
            )
        else:
            first_seen[pm_id] = file.path
