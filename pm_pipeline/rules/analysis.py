"""PM501-PM505: the analysis finds several factors, goes past people and notes its gaps."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pm_pipeline.findings import Level
from pm_pipeline.language.people import starts_with_person
from pm_pipeline.rules.base import Context, Document, Hit, Rule
from pm_pipeline.rules.options import option
from pm_pipeline.sourcemap import JsonPath

_HUMAN_ERROR = re.compile(r"\b(?:human|operator|user|engineer|manual)\s+(?:error|mistake|fault)s?\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!])\s+(?=[A-Z@\"'])")


def person_ending(text: str) -> int | None:
    """The offset of the person a sentence puts at its end of the chain, or None."""
    found = starts_with_person(text)  # the shared idea of a person (language.people)
    if found:
        return found.start
    lowered = text.lower()
    if "error" not in lowered and "mistake" not in lowered and "fault" not in lowered:
        return None
    error = _HUMAN_ERROR.search(text)
    return error.start() if error else None


@dataclass(frozen=True)
class FactorOptions:
    min_factors: int = option(2, "Fewest contributing factors.", minimum=1, maximum=100)


@dataclass(frozen=True)
class FiveWhysOptions:
    min_depth: int = option(3, "Fewest five-whys entries when five_whys is present.", minimum=1, maximum=100)
    required_for: tuple[str, ...] = option((), "Severities whose post-mortems must have five_whys.")


EVIDENCE_KINDS = ("logs", "metrics", "alerts", "traces", "runbook", "chat", "ticket", "other")


@dataclass(frozen=True)
class EvidenceOptions:
    expected_kinds: tuple[str, ...] = option(
        ("logs", "metrics", "alerts"),
        "Evidence kinds every post-mortem should have; a missing one needs a data_gaps entry.",
        choices=EVIDENCE_KINDS,
    )


class TooFewFactors(Rule):
    """`contributing_factors.factors` lists fewer than two factors.

    ## Why it matters
    Incidents in complex systems have several contributing causes: the trigger,
    and the conditions that let it cause harm and kept it undetected. A single
    "root cause" makes for a single action item, and the other conditions stay.

    ## Example
    ```yaml
    contributing_factors:
      factors:
        - category: deploy
          description: v2.3.0 shipped an unindexed query.
    ```

    ## Use instead
    ```yaml
    contributing_factors:
      factors:
        - category: testing
          description: Load tests never exercised the new query pattern.
        - category: monitoring
          description: Connection pool utilisation was not monitored.
    ```
    """

    code = "PM501"
    needs = (("contributing_factors", "factors"),)
    name = "too-few-factors"
    Options = FactorOptions

    def check(self, doc: Document, options: FactorOptions, context: Context) -> Iterator[Hit]:
        count = len(doc.postmortem.contributing_factors.factors)
        if count < options.min_factors:
            yield Hit(
                ("contributing_factors", "factors"),
                f"{count} contributing factor{'s' if count != 1 else ''}; list at least "
                f"{options.min_factors}: what triggered it, what let it spread, what kept it undetected",
                on_key=True,
            )


class StopsAtPerson(Rule):
    """The root cause, or the last answer of the five whys, ends at a person.

    Checked on the first sentence of `root_cause` and on the answer of the last
    `five_whys` entry (the text after its question mark): it is a finding when
    its subject is a person (a handle, "he", "someone", a role such as "the
    engineer" or "the on-call") or it names "human error" or "operator error".

    ## Why it matters
    "Why did it break? Because @dave forgot the index" ends the inquiry one step
    too early: why could a missing index reach production unnoticed? The useful
    answers, and the useful action items, are in the next why.

    ## Example
    ```yaml
    five_whys:
      - Why did the API return 5xx? Requests timed out waiting for a connection.
      - Why were the queries slow? They scanned the whole orders table.
      - Why was the index missing? Because the developer forgot to add it.
    ```

    ## Use instead
    ```yaml
      - Why was the index missing? The deploy pipeline has no query-plan check.
    ```
    """

    code = "PM502"
    needs = ()
    name = "stops-at-person"

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        root = doc.postmortem.root_cause
        lead = len(root) - len(root.lstrip())
        first = _SENTENCE_END.split(root[lead : lead + 400], maxsplit=1)[0]
        where = person_ending(first)
        if where is not None:
            yield self._hit(("root_cause",), lead + where, "the root cause")
        whys = doc.postmortem.contributing_factors.five_whys
        if whys:
            last = whys[-1]
            answer_at = last.rfind("?") + 1
            where = person_ending(last[answer_at:])
            if where is not None:
                yield self._hit(
                    ("contributing_factors", "five_whys", len(whys) - 1),
                    answer_at + where,
                    "the last answer of the five whys",
                )

    @staticmethod
    def _hit(path: JsonPath, offset: int, what: str) -> Hit:
        return Hit(
            path,
            f"{what} stops at a person; ask one more why: what made the action possible, and why did nothing catch it?",
            offset=offset,
        )


class ShallowFiveWhys(Rule):
    """The five whys stop after fewer answers than configured (3 by default).

    Five whys are optional unless the severity is listed in `required_for`
    (e.g. `required_for: [P1]`); when present, they need `min_depth` entries.

    ## Why it matters
    The first one or two whys restate the symptom. The systemic conditions, the
    ones worth an action item, show up from the third why on.

    ## Example
    ```yaml
    five_whys:
      - Why did the API return 5xx? Requests timed out waiting for a connection.
      - Why were no connections free? Slow queries held them.
    ```

    ## Use instead
    Keep asking until the answer is a condition the organisation can change:
    ```yaml
      - Why were the queries slow? They scanned the whole orders table.
      - Why was the index missing? The deploy pipeline has no query-plan check.
    ```
    """

    code = "PM503"
    needs = (("severity",), ("contributing_factors", "five_whys"))
    name = "shallow-five-whys"
    level = Level.WARNING
    Options = FiveWhysOptions

    def check(self, doc: Document, options: FiveWhysOptions, context: Context) -> Iterator[Hit]:
        pm = doc.postmortem
        depth = len(pm.contributing_factors.five_whys)
        minimum = options.min_depth
        if depth == 0 and pm.severity in options.required_for:
            yield Hit(
                ("contributing_factors",),
                f"{pm.severity} post-mortems need `five_whys` "
                f"(at least {minimum}); add them under contributing_factors",
                on_key=True,
            )
        elif 0 < depth < minimum:
            yield Hit(
                ("contributing_factors", "five_whys"),
                f"the five whys stop after {depth}; ask at least {minimum} whys, until the answer is a "
                "condition the organisation can change",
                on_key=True,
            )


class NoSystemicIssue(Rule):
    """`contributing_factors.systemic_issues` is missing or empty.

    ## Why it matters
    Systemic issues (no query-plan review, alerts only on total failure) are the
    organisation-wide conditions behind this incident's factors; they are what
    connects this incident to the next one, and what the dashboard tracks across
    incidents.

    ## Example
    ```yaml
    contributing_factors:
      factors: [...]
    ```

    ## Use instead
    ```yaml
    contributing_factors:
      factors: [...]
      systemic_issues:
        - Query plans are not reviewed before deploy.
    ```
    """

    code = "PM504"
    needs = (("contributing_factors", "systemic_issues"),)
    name = "no-systemic-issue"
    level = Level.WARNING

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        if not doc.postmortem.contributing_factors.systemic_issues:
            key_written = "systemic_issues" in doc.data["contributing_factors"]
            path: JsonPath = ("contributing_factors", "systemic_issues") if key_written else ("contributing_factors",)
            yield Hit(
                path,
                "no systemic issue named; add `systemic_issues:` with the organisation-wide "
                "conditions behind the factors",
                on_key=True,
            )


class UnnotedDataGap(Rule):
    """Logs, metrics or alerts are missing from `evidence`, and `data_gaps` does not say why.

    ## Why it matters
    The runbook asks for logs, metrics and alerts first. When one of them is not
    in the evidence, readers cannot tell whether it was not looked at or could
    not be had; `data_gaps` says which, and often points at an action item
    (a metric that was never exported).

    ## Example
    ```yaml
    evidence:
      - kind: logs
        description: public-api pod logs
    ```

    ## Use instead
    ```yaml
    evidence:
      - kind: logs
        description: public-api pod logs
    data_gaps:
      - No metrics: the pool was not instrumented, and no alert fired.
    ```
    """

    code = "PM505"
    needs = (("data_gaps",), ("evidence",))
    name = "unnoted-data-gap"
    level = Level.WARNING
    Options = EvidenceOptions

    def check(self, doc: Document, options: EvidenceOptions, context: Context) -> Iterator[Hit]:
        if doc.postmortem.data_gaps:
            return
        present = {item.kind for item in doc.postmortem.evidence}
        missing = [kind for kind in options.expected_kinds if kind not in present]
        if missing:
            path: JsonPath = ("evidence",) if "evidence" in doc.data else ("id",)
            yield Hit(
                path,
                f"no {', '.join(missing)} in `evidence` and no `data_gaps`; add the evidence, "
                "or say in `data_gaps` why it could not be collected",
                on_key=True,
            )
