"""The registry of rules: a literal list, no discovery."""

from __future__ import annotations

from pm_pipeline.rules.base import Rule
from pm_pipeline.rules.input import INPUT_RULES

ALL_RULES: tuple[type[Rule], ...] = (*INPUT_RULES,)

RULES_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in ALL_RULES}
