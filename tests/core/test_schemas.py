"""The schemas are complete, self-consistent and shipped with the package."""

from __future__ import annotations

from typing import Any

import jsonschema

from pm_pipeline.schema import CONFIG, POSTMORTEM, load_schema


def properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every (dotted path, property schema) reachable through properties and items."""
    defs = schema["$defs"]
    found: list[tuple[str, dict[str, Any]]] = []

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        return {**defs[node["$ref"].rsplit("/", 1)[1]], **node} if "$ref" in node else node

    def walk(node: dict[str, Any], path: str) -> None:
        node = resolve(node)
        for name, child in node.get("properties", {}).items():
            found.append((f"{path}.{name}", resolve(child)))
            walk(child, f"{path}.{name}")
        if isinstance(node.get("items"), dict):
            walk(node["items"], f"{path}[]")

    walk(schema, "")
    return found


def test_every_property_has_a_description_and_examples() -> None:
    missing = [path for path, node in properties(load_schema(POSTMORTEM))
               if "description" not in node or "examples" not in node]
    assert missing == []


def test_every_example_is_valid_for_its_property() -> None:
    schema = load_schema(POSTMORTEM)
    for _path, node in properties(schema):
        sub = {**node, "$defs": schema["$defs"]}
        for example in node["examples"]:
            jsonschema.Draft202012Validator(sub, format_checker=jsonschema.FormatChecker()).validate(example)


def test_schemas_are_valid_draft_2020_12() -> None:
    for name in (POSTMORTEM, CONFIG):
        jsonschema.Draft202012Validator.check_schema(load_schema(name))
