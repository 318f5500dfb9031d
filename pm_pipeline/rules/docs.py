"""A rule's documentation page, from its docstring."""

from __future__ import annotations

import inspect
import json

from pm_pipeline.rules.base import Rule
from pm_pipeline.rules.options import options_schema


def summary_of(rule: type[Rule]) -> str:
    return inspect.cleandoc(rule.__doc__ or "").split("\n", 1)[0]


def page_of(rule: type[Rule]) -> str:
    """The full page: heading, level, docstring and options with defaults."""
    body = inspect.cleandoc(rule.__doc__ or "")
    parts = [f"# {rule.code} {rule.name}", "", f"Level: {rule.level.value}", "", body]
    options = options_schema(rule.Options)
    if options:
        parts += ["", "## Options (pm-pipeline.yml, under rules." + rule.code + ")", ""]
        parts += [
            f"- `{key}`: default `{json.dumps(spec['default'])}`. {spec['description']}"
            for key, spec in options.items()
        ]
    return "\n".join(parts) + "\n"
