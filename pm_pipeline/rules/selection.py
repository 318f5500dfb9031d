"""Which rules run, at which level and with which options (pm-pipeline.yml + CLI)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pm_pipeline.errors import ConfigError
from pm_pipeline.findings import Level
from pm_pipeline.rules import ALL_RULES, RULES_BY_CODE
from pm_pipeline.rules.base import InputRule, Rule
from pm_pipeline.rules.options import make_options
from pm_pipeline.rules.recurrence import CrossReportRule
from pm_pipeline.settings import Config


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    level: Level
    options: Any


@dataclass(frozen=True)
class RuleSet:
    active: dict[str, ActiveRule]

    @property
    def document_rules(self) -> list[ActiveRule]:
        return [active for active in self.active.values() if not isinstance(active.rule, InputRule)]

    @cached_property
    def per_file(self) -> frozenset[str]:
        """Active codes one file's check can find; suppressions of the cross-report ones are judged later."""
        return frozenset(code for code, active in self.active.items() if not isinstance(active.rule, CrossReportRule))

    def is_input(self, code: str) -> bool:
        return isinstance(self.active[code].rule, InputRule)

    def level_of(self, code: str) -> Level | None:
        """The configured level of an enabled code, None when it is off or not selected."""
        active = self.active.get(code)
        return active.level if active else None


def select_rules(config: Config, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> RuleSet:
    settings = config.rules
    chosen = tuple(select) or tuple(settings.get("select", ())) or ("PM",)
    skipped = tuple(ignore) + tuple(settings.get("ignore", ()))
    for code in settings:
        if code not in ("select", "ignore") and code not in RULES_BY_CODE:
            raise ConfigError(f"pm-pipeline.yml: rules.{code}: no such rule")
    active: dict[str, ActiveRule] = {}
    for rule_class in ALL_RULES:
        code = rule_class.code
        if not code.startswith(chosen) or (skipped and code.startswith(skipped)):
            continue
        own = dict(settings.get(code, {}))
        level_name = own.pop("level", rule_class.level.value)
        options = make_options(rule_class.Options, own, f"rules.{code}")
        if level_name == "off":
            continue
        active[code] = ActiveRule(rule_class(), Level(level_name), options)
    return RuleSet(active)
