"""PM1xx: blameless language, one rule per kind of blame the language engine finds."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from pm_pipeline.findings import Level
from pm_pipeline.language.blame import BlameMatch, find_blame
from pm_pipeline.rules.base import Context, Document, Hit, Rule
from pm_pipeline.rules.narrative import narrative_fields
from pm_pipeline.sourcemap import JsonPath

Located = tuple[JsonPath, BlameMatch]


def blame_in(doc: Document) -> tuple[Located, ...]:
    """Every blame match in the document's narrative fields: five rules, one pass over the text."""
    if "blame" not in doc.shared:
        doc.shared["blame"] = tuple(
            (path, match) for path, text in narrative_fields(doc.data) for match in find_blame(text)
        )
    matches: tuple[Located, ...] = doc.shared["blame"]
    return matches


class BlameRule(Rule):
    """Base of the PM1xx rules: report the engine's matches of one kind where they are."""

    kind: ClassVar[str]
    needs = ()

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        for path, match in blame_in(doc):
            if match.kind == self.kind:
                # Strong evidence is the rule's own level (an error); weak evidence a warning.
                level = None if match.strong else Level.WARNING
                yield Hit(path, f"{match.message} {match.suggestion.rstrip('.')}.", offset=match.start, level=level)


class PersonAsCause(BlameRule):
    """A person is written as the cause of the failure ("@alice caused the outage").

    Checked in every narrative field (title, summary, root cause, impact, timeline
    events, factors, five whys, action items, lessons, data gaps, follow-up notes),
    never in `actor`, `owner` or other handle fields. A person (a handle, a first
    name with or without `@`, a role such as "the engineer" or "an operator",
    "someone", a named team) as the subject of a harmful act, a mistake or an
    omission is reported ("Bob restarted the node with the wrong binary", "the
    developer forgot to add the index"); a neutral account of who did what ("@alice
    acknowledged the alert at 10:12", "@bob rolled back the bad deploy"), remedies,
    negations ("this was not caused by the on-call") and "we" are not: hindsight about
    the team's own decisions is how a report explains itself.

    ## Levels (all PM1xx rules)
    Strong evidence is an error. Weak evidence is a warning: the writer about
    themself ("I"), "the user" (often a customer), "the team" alone, a quotation of
    three words or more (the writer may be quoting to reject it; shorter quotes are
    terms and are ignored), a judgement word with no person near it, an act the
    sentence goes on to explain ("... because the page went to e-mail"), an action
    merely followed by harm.

    ## Why it matters
    Naming a person as the cause ends the analysis where it should start: why did
    a normal action lead to an outage, and why did nothing catch it? People who
    expect to be blamed stop reporting what they saw, and the next incident is
    investigated with less information.

    ## Example
    ```yaml
    summary: >
      @bob caused the outage by running the migration on the primary.
    ```

    ## Use instead
    ```yaml
    summary: >
      A schema migration ran against the primary database because the migration
      tool defaults to the primary and asks for no confirmation.
    ```
    """

    code = "PM101"
    name = "person-as-cause"
    kind = "person-as-cause"


class Counterfactual(BlameRule):
    """A hindsight counterfactual about a person ("should have checked", "had the operator read the alert").

    Only people are judged this way: "the alert should have fired" describes a system
    and is not a finding; nor is "we should have had a runbook" or "if we had added the
    alert earlier, we would have caught it" (the team's hindsight about its own
    decisions), nor what reached a person ("the on-call should have received a page").
    An omission stated as fact ("Bob failed to check ...") is PM101.

    ## Why it matters
    "Should have" is written with knowledge nobody had during the incident. It
    judges a decision instead of explaining why the decision made sense at the
    time, which is where the fixable gaps (missing signals, unclear runbooks) are.

    ## Example
    ```yaml
    root_cause: >
      The on-call engineer should have checked the replica lag before failing over.
    ```

    ## Use instead
    ```yaml
    root_cause: >
      Replica lag was not shown on the failover dashboard, and the failover runbook
      did not mention it.
    ```
    """

    code = "PM102"
    name = "counterfactual"
    kind = "counterfactual"


class Judgement(BlameRule):
    """A judgement of a person's character or effort ("careless", "negligent", "ignored the alert").

    ## Why it matters
    Words like careless, sloppy or lazy describe how the writer feels about a
    person, not what happened. They make the report a verdict and hide the
    conditions (alert fatigue, unclear ownership, time pressure) that shaped what
    people did.

    ## Example
    ```yaml
    what_went_wrong:
      - The on-call was careless and ignored the disk-space warnings.
    ```

    ## Use instead
    ```yaml
    what_went_wrong:
      - The disk-space warning fired 14 times in two hours into a channel nobody owned.
    ```
    """

    code = "PM103"
    name = "judgement"
    kind = "judgement"


class HumanError(BlameRule):
    """ "Human error" or "operator error" given as a cause.

    Negated or quoted uses ("this was not human error") are not findings.

    ## Why it matters
    Human error is where an investigation starts, not where it ends: every system
    run by people will see mistakes. The useful question is why the mistake was
    possible and why nothing caught it before customers did.

    ## Example
    ```yaml
    root_cause: The outage was due to human error during the DNS change.
    ```

    ## Use instead
    ```yaml
    root_cause: >
      The DNS change was applied by hand in the registrar's console, which has no
      review step and no way to preview the resulting zone.
    ```
    """

    code = "PM104"
    name = "human-error"
    kind = "human-error"


class FixThePerson(BlameRule):
    """A remedy that asks people to try harder ("be more careful", "X needs to learn ...").

    ## Why it matters
    Reminders, trainings and "double-check" instructions fade within weeks, and
    the next person in the same situation meets the same trap. Durable fixes
    change the system: a guardrail, an automation, a check that fails loudly.

    ## Example
    ```yaml
    action_items:
      - id: AI-001
        action: Engineers must be more careful when running migrations
    ```

    ## Use instead
    ```yaml
    action_items:
      - id: AI-001
        action: Make the migration tool refuse to run against the primary without --confirm-primary
    ```
    """

    code = "PM105"
    name = "fix-the-person"
    kind = "fix-the-person"


BLAME_RULES: tuple[type[BlameRule], ...] = (PersonAsCause, Counterfactual, Judgement, HumanError, FixThePerson)
