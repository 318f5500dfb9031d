"""In-file suppressions: `# pm: ignore PM201 -- why`, on the finding's line or alone on the line above.

A suppression on a line that starts a multi-line value (a `|` or `>` block, or a
plain or quoted string continued on more-indented lines) covers the whole value.
A suppression needs a reason; one without a reason suppresses nothing. Unknown
codes and suppressions that silence nothing are findings themselves (PM090-PM092).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from pm_pipeline.findings import Finding, Level

_DIRECTIVE = re.compile(r"(?:^|\s)(?P<mark>#\s*pm:\s*ignore\b)(?P<body>.*)$")
_CODE = re.compile(r"[^\s,]+")
_KEY_VALUE = re.compile(
    r"^(?P<indent>[ \t]*(?:-[ \t]+)*)(?P<key>[^\s#:][^#:]*?:)?[ \t]*(?P<value>[^\s#][^#]*)?(?:#.*)?$"
)
UNUSED, NO_REASON, UNKNOWN = "PM090", "PM091", "PM092"
SUPPRESSION_CODES = frozenset((UNUSED, NO_REASON, UNKNOWN))


@dataclass
class Suppression:
    line: int
    column: int
    codes: tuple[str, ...]
    reason: str
    lines: range
    used: set[str] = field(default_factory=set)


def parse_suppressions(lines: list[str]) -> list[Suppression]:
    """Every `# pm: ignore` comment, with the lines it covers."""
    found: list[Suppression] = []
    if "pm:" not in "\n".join(lines):  # one C-level scan instead of a Python loop, for the usual file
        return found
    for index, text in enumerate(lines):
        if "pm:" not in text:
            continue
        match = _DIRECTIVE.search(text)
        if match is None or text.count('"', 0, match.start("mark")) % 2:
            continue  # no directive, or a `#` inside a double-quoted string
        codes_text, _, reason = match["body"].partition("--")
        alone = not text[: match.start("mark")].strip()
        target = index + 1 if alone else index  # 0-based line the directive is about
        found.append(
            Suppression(
                line=index + 1,
                column=match.start("mark") + 1,
                codes=tuple(code.upper() for code in _CODE.findall(codes_text)),
                reason=reason.strip(),
                lines=range(target + 1, _value_end(lines, target) + 1),
            )
        )
    return found


def _value_end(lines: list[str], index: int) -> int:
    """The 1-based last line of a value starting on line `index` (0-based) that continues below it."""
    if index >= len(lines):
        return index
    match = _KEY_VALUE.match(lines[index])
    if match is None or not match["value"]:
        return index + 1  # a mapping or list opener: cover only its own line
    # Continuation lines are indented deeper than the key, or than the `-` of a bare list item.
    indent = len(match["indent"]) if match["key"] else len(match["indent"].rstrip()) - 1
    last = index
    for below in range(index + 1, len(lines)):
        text = lines[below]
        if not text.strip():
            continue
        if len(text) - len(text.lstrip(" ")) <= indent:
            break
        last = below
    return last + 1


def apply_suppressions(
    path: str,
    lines: list[str],
    findings: Iterable[Finding],
    *,
    known: Collection[str],
    active: Collection[str],
    rules_ran: bool,
) -> list[Finding]:
    """The findings left after suppressions, plus findings about the suppressions themselves."""
    findings = list(findings)
    suppressions = parse_suppressions(lines)
    if not suppressions:
        return findings
    problems: list[Finding] = []
    usable: list[Suppression] = []
    for suppression in suppressions:
        problems += _check_directive(path, suppression, known)
        if suppression.reason:
            usable.append(suppression)
    kept = [finding for finding in findings if not _suppress(finding, usable)]
    if rules_ran:
        for suppression in usable:
            for code in suppression.codes:
                if code in known and code in active and code not in suppression.used:
                    problems.append(
                        Finding(
                            path,
                            suppression.line,
                            suppression.column,
                            UNUSED,
                            Level.WARNING,
                            f"`# pm: ignore {code}` suppresses nothing on line {suppression.lines.start}; remove it",
                        )
                    )
    return kept + problems


def _check_directive(path: str, suppression: Suppression, known: Collection[str]) -> Iterable[Finding]:
    where = (path, suppression.line, suppression.column)
    if not suppression.codes:
        yield Finding(
            *where,
            UNKNOWN,
            Level.ERROR,
            "`# pm: ignore` names no code; name the codes to silence, e.g. `# pm: ignore PM201 -- why`",
        )
    for code in suppression.codes:
        if code not in known or code in SUPPRESSION_CODES:
            yield Finding(
                *where,
                UNKNOWN,
                Level.ERROR,
                f"`{code}` is not a rule code that can be suppressed; `pm-pipeline rules` lists them",
            )
    if not suppression.reason:
        yield Finding(
            *where,
            NO_REASON,
            Level.ERROR,
            "a suppression needs a reason after ` -- `, e.g. `# pm: ignore PM201 -- quoting the "
            "vendor's runbook title`; without one it suppresses nothing",
        )


def _suppress(finding: Finding, suppressions: list[Suppression]) -> bool:
    for suppression in suppressions:
        if finding.line in suppression.lines and finding.code in suppression.codes:
            suppression.used.add(finding.code)
            return True
    return False
