"""Typed rule options: each rule declares a frozen dataclass; the config schema's rules part comes from them.

    @dataclass(frozen=True)
    class TimingOptions:
        min_days: int = option(21, "Earliest follow-up review, in days.", minimum=0, maximum=3650)

`rules_schema()` is the `rules` object of `schemas/config.schema.json`; `scripts/gen-config-schema`
writes it there and a test proves the file and the rules agree.
"""

from __future__ import annotations

import dataclasses
import inspect
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pm_pipeline.errors import ConfigError


@dataclass(frozen=True)
class NoOptions:
    """A rule without options."""


def option(
    default: Any,
    description: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    choices: tuple[str, ...] | None = None,
) -> Any:
    """A dataclass field with what its schema needs (description, bounds, allowed values)."""
    meta = {"description": description, "minimum": minimum, "maximum": maximum, "choices": choices}
    return dataclasses.field(default=default, metadata=meta)


def option_defaults(options_type: type[Any]) -> dict[str, Any]:
    """Option name -> default, as JSON would show it (lists for tuples)."""
    return {field.name: _as_json(field.default) for field in dataclasses.fields(options_type)}


def make_options(options_type: type[Any], values: Mapping[str, Any], where: str) -> Any:
    """The rule's options from pm-pipeline.yml values (already schema-checked); unknown names are an error."""
    names = [field.name for field in dataclasses.fields(options_type)]
    unknown = sorted(set(values) - set(names))
    if unknown:
        known = ", ".join(sorted(names)) or "none"
        raise ConfigError(f"pm-pipeline.yml: {where}: unknown option {unknown[0]!r} (known: {known})")
    converted = {name: tuple(value) if isinstance(value, list) else value for name, value in values.items()}
    return options_type(**converted)


def options_schema(options_type: type[Any]) -> dict[str, Any]:
    """The JSON Schema properties of one rule's options."""
    hints = typing.get_type_hints(options_type)
    return {field.name: _field_schema(field, hints[field.name]) for field in dataclasses.fields(options_type)}


def rules_schema(rules: tuple[type[Any], ...]) -> dict[str, Any]:
    """The `rules` object of the config schema, from the rules' own declarations."""
    properties: dict[str, Any] = {
        "select": {"type": "array", "items": {"$ref": "#/$defs/code_prefix"}},
        "ignore": {"type": "array", "items": {"$ref": "#/$defs/code_prefix"}},
    }
    for rule in rules:
        summary = inspect.cleandoc(rule.__doc__ or "").split("\n", 1)[0]
        properties[rule.code] = {
            "description": f"{rule.name}: {summary}",
            "type": "object",
            "additionalProperties": False,
            "properties": {"level": {"$ref": "#/$defs/rule_level"}, **options_schema(rule.Options)},
        }
    return {
        "description": (
            "Which rules run and how. select and ignore take codes or prefixes (PM1, PM201); "
            "a code key sets that rule's level and options."
        ),
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "patternProperties": {
            "^PM[0-9]{3}$": {"type": "object", "properties": {"level": {"$ref": "#/$defs/rule_level"}}}
        },
    }


def _field_schema(field: dataclasses.Field[Any], hint: Any) -> dict[str, Any]:
    meta = field.metadata
    schema: dict[str, Any] = {"description": meta["description"], **_type_schema(hint, meta)}
    schema["default"] = _as_json(field.default)
    return schema


def _type_schema(hint: Any, meta: Mapping[str, Any]) -> dict[str, Any]:
    bounds = {key: meta[key] for key in ("minimum", "maximum") if meta.get(key) is not None}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer", **bounds}
    if hint is float:
        return {"type": "number", **bounds}
    if hint is str:
        return {"type": "string", "minLength": 1}
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        if meta.get("choices"):
            return {"type": "array", "items": {"enum": list(meta["choices"])}}
        return {"type": "array", "items": _type_schema(item, {})}
    if isinstance(hint, types.UnionType):
        raise TypeError(f"option type {hint} has no schema; use one type with a default")
    raise TypeError(f"option type {hint} has no schema")


def _as_json(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
