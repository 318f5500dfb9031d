"""Each rule declares its own typed options; the config schema's rules part is generated from them."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pm_pipeline.config import load_config
from pm_pipeline.errors import ConfigError
from pm_pipeline.rules import ALL_RULES
from pm_pipeline.rules.options import rules_schema
from pm_pipeline.rules.selection import select_rules

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8"))


def test_the_rules_part_of_the_config_schema_is_generated_from_the_rules() -> None:
    assert SCHEMA["properties"]["rules"] == rules_schema(ALL_RULES)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen-config-schema"), "--check"], check=False)
    assert done.returncode == 0, "run scripts/gen-config-schema"


def test_every_rule_code_can_be_configured_by_name_in_editors() -> None:
    assert set(SCHEMA["properties"]["rules"]["properties"]) == {"select", "ignore", *(r.code for r in ALL_RULES)}


def test_options_are_frozen_typed_values(tmp_path: Path) -> None:
    config = tmp_path / "pm-pipeline.yml"
    config.write_text("rules:\n  PM503:\n    required_for: [P1]\n  PM303:\n    max_days: 40\n", encoding="utf-8")
    rules = select_rules(load_config(config))
    options = rules.active["PM503"].options
    assert options.required_for == ("P1",) and rules.active["PM303"].options.max_days == 40
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.min_depth = 9


def test_an_unknown_option_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "pm-pipeline.yml"
    config.write_text("rules:\n  PM303:\n    weeks: 4\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key `weeks`"):
        load_config(config)


def test_a_window_too_large_to_compute_is_refused_by_the_schema(tmp_path: Path) -> None:
    config = tmp_path / "pm-pipeline.yml"
    config.write_text("rules:\n  PM402:\n    before_hours: 1e300\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="before_hours"):
        load_config(config)


def test_settings_are_read_only(tmp_path: Path) -> None:
    config = tmp_path / "pm-pipeline.yml"
    config.write_text("deadline_days:\n  P1:\n    high: 7\n", encoding="utf-8")
    loaded = load_config(config)
    with pytest.raises(TypeError):
        loaded.deadline_days["P1"]["high"] = 99  # type: ignore[index]


def test_no_rule_reads_another_section_of_the_settings() -> None:
    offenders = [path.name for path in (ROOT / "pm_pipeline" / "rules").glob("*.py")
                 if "context.config" in path.read_text(encoding="utf-8")]
    assert offenders == []
