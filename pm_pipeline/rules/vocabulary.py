"""PM015: values that must come from a vocabulary pm-pipeline.yml defines."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from pm_pipeline.rules.base import Context, Document, Hit, Rule
from pm_pipeline.sourcemap import JsonPath


class UnknownVocabulary(Rule):
    """A severity, factor category or service that `pm-pipeline.yml` does not list.

    Checked: `severity` against `severities` (default P1-P4); each factor's
    `category` against `factor_categories` and each of `incident.services`
    against `services`, when the configuration lists them.

    ## Why it matters
    The site's indexes, charts and deadline windows group by these values: a
    `critical` next to `P1`, or `api` next to `api-gateway`, splits one group in
    two and falls outside every configured deadline window.

    ## Example
    ```yaml
    severity: critical
    ```

    ## Use instead
    ```yaml
    severity: P1
    ```
    or add the value to the list in `pm-pipeline.yml` when it is a new one.
    """

    code = "PM015"
    name = "unknown-vocabulary"
    needs = ()

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        vocabulary = context.vocabulary
        yield from _unknown(("severity",), doc.data.get("severity"), vocabulary.severities, "severities")
        factors = doc.data.get("contributing_factors", {}).get("factors", [])
        if vocabulary.factor_categories:
            for index, factor in enumerate(factors):
                path: JsonPath = ("contributing_factors", "factors", index, "category")
                yield from _unknown(path, factor.get("category"), vocabulary.factor_categories, "factor_categories")
        if vocabulary.services:
            for index, service in enumerate(doc.data.get("incident", {}).get("services", [])):
                yield from _unknown(("incident", "services", index), service, vocabulary.services, "services")


def _unknown(path: JsonPath, value: Any, allowed: tuple[str, ...], key: str) -> Iterator[Hit]:
    if not isinstance(value, str) or value in allowed:
        return
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    hint = f"did you mean `{close[0]}`? " if close else ""
    listed = ", ".join(allowed[:12]) + (", ..." if len(allowed) > 12 else "")
    yield Hit(path, f"`{value}` is not in `{key}` of pm-pipeline.yml ({listed}); {hint}use one of them or add it there")
