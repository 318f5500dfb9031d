"""PM090-PM092: problems with `# pm: ignore` comments, reported by pm_pipeline.suppressions."""

from __future__ import annotations

from pm_pipeline.findings import Level
from pm_pipeline.rules.base import InputRule


class UnusedSuppression(InputRule):
    """A `# pm: ignore CODE -- reason` comment that silences nothing.

    ## How suppressions work
    A finding is silenced by a YAML comment on its line, or alone on the line
    directly above it, naming the codes and a reason after ` -- `:

    ```yaml
    # pm: ignore PM201 -- umbrella item for the epic; the specific steps are AI-002 to AI-005
    action: Improve monitoring
    owner: "@maria"  # pm: ignore PM203, PM202 -- the SRE rota owns this by charter
    ```

    On a line that starts a multi-line value (a `>` or `|` block, or a string
    continued on more-indented lines), the comment covers the whole value. A code
    that is not selected in this run is not reported as unused.

    ## Why it matters
    A suppression outlives the problem it was for; left behind, it silently hides
    the next real finding on that line.

    ## Example
    ```yaml
    # pm: ignore PM201 -- vendor wording
    action: Alert when orders-db p95 query time exceeds 500 ms for 5 minutes
    ```

    ## Use instead
    Remove the comment, or the codes in it that no longer fire.
    """

    code = "PM090"
    name = "unused-suppression"
    level = Level.WARNING


class SuppressionWithoutReason(InputRule):
    """A `# pm: ignore` comment without a reason after ` -- `; it suppresses nothing.

    ## Why it matters
    A suppression is a decision that a finding does not apply. Without the why,
    reviewers cannot judge it and nobody can tell later whether it still holds.

    ## Example
    ```yaml
    summary: >  # pm: ignore PM101
    ```

    ## Use instead
    ```yaml
    summary: >  # pm: ignore PM101 -- quotes the customer's complaint verbatim
    ```
    """

    code = "PM091"
    name = "suppression-without-reason"


class UnknownSuppressionCode(InputRule):
    """A `# pm: ignore` comment names a code that is no rule (or no code at all).

    The suppression codes PM090-PM092 themselves cannot be suppressed.

    ## Why it matters
    A typo (`PM21` for `PM201`) silences nothing while looking as if it did.

    ## Example
    ```yaml
    action: Follow the vendor's guide  # pm: ignore PM2010 -- vendor wording
    ```

    ## Use instead
    `# pm: ignore PM201 -- vendor wording`; `pm-pipeline rules` lists the codes.
    """

    code = "PM092"
    name = "unknown-suppression-code"


SUPPRESSION_RULES: tuple[type[InputRule], ...] = (UnusedSuppression, SuppressionWithoutReason, UnknownSuppressionCode)
