"""Every rule's docstring is its documentation page, shown by `pm-pipeline rules CODE`."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import jsonschema
import pytest

from pm_pipeline.rules.options import option_defaults
from click.testing import CliRunner

from pm_pipeline.cli import cli
from pm_pipeline.rules import ALL_RULES, RULES_BY_CODE
from pm_pipeline.rules.base import InputRule, Rule
from pm_pipeline.rules.docs import summary_of

DOCUMENT_RULES = [rule for rule in ALL_RULES if not issubclass(rule, InputRule)]
CONFIG_SCHEMA = json.loads((Path(__file__).parents[2] / "schemas" / "config.schema.json").read_text())


@pytest.mark.parametrize("rule", DOCUMENT_RULES, ids=lambda rule: rule.code)
def test_document_rule_docstring_has_every_section(rule: type[Rule]) -> None:
    doc = inspect.cleandoc(rule.__doc__ or "")
    assert summary_of(rule) and not summary_of(rule).startswith("#")
    for section in ("## Why it matters", "## Example", "## Use instead"):
        assert section in doc, f"{rule.code} lacks {section}"
    assert doc.index("## Why it matters") < doc.index("## Example") < doc.index("## Use instead")


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if issubclass(r, InputRule)], ids=lambda rule: rule.code)
def test_input_rule_docstring_says_why_and_what_instead(rule: type[Rule]) -> None:
    doc = inspect.cleandoc(rule.__doc__ or "")
    assert "## Why it matters" in doc and "## Use instead" in doc


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in ALL_RULES]
    names = [rule.name for rule in ALL_RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    assert all(re.fullmatch(r"PM[0-6][0-9]{2}", code) for code in codes)
    assert all(re.fullmatch(r"[a-z][a-z0-9-]+", name) for name in names)


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if option_defaults(r.Options)], ids=lambda rule: rule.code)
def test_rule_defaults_are_valid_config(rule: type[Rule]) -> None:
    defaults = option_defaults(rule.Options)
    jsonschema.validate({"rules": {rule.code: {"level": rule.level.value, **defaults}}}, CONFIG_SCHEMA)


def test_rules_command_prints_the_page_with_options() -> None:
    result = CliRunner().invoke(cli, ["rules", "pm303"])
    assert result.exit_code == 0
    assert result.output.startswith("# PM303 follow-up-review-timing\n\nLevel: warning")
    assert "## Why it matters" in result.output and "- `max_days`: default `35`" in result.output


def test_rules_command_lists_every_rule() -> None:
    result = CliRunner().invoke(cli, ["rules"])
    assert [line.split()[0] for line in result.output.splitlines()] == list(RULES_BY_CODE)


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if option_defaults(r.Options)], ids=lambda rule: rule.code)
def test_config_schema_documents_each_option_with_its_default(rule: type[Rule]) -> None:
    entry = CONFIG_SCHEMA["properties"]["rules"]["properties"][rule.code]
    options = {key: value for key, value in entry["properties"].items() if key != "level"}
    assert entry["additionalProperties"] is False
    assert {key: value["default"] for key, value in options.items()} == option_defaults(rule.Options)


def test_option_of_the_wrong_type_is_a_config_error(tmp_path: Path) -> None:
    from pm_pipeline.config import load_config
    from pm_pipeline.errors import ConfigError

    config = tmp_path / "pm-pipeline.yml"
    config.write_text("rules:\n  PM303:\n    max_days: five weeks\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="max_days|five weeks"):
        load_config(config)
