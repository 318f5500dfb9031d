"""The user guide builds strictly with the generated rule pages, and says what the code does."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pm_pipeline.config import load_config
from pm_pipeline.docs_gen import action_reference, generated_pages, rules_index
from pm_pipeline.rules import ALL_RULES

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide"
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())


@pytest.fixture(scope="module")
def built_guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mkdocs build --strict` of docs/guide with the docs_gen hook, as the site will build it."""
    work = tmp_path_factory.mktemp("guide")
    shutil.copytree(GUIDE, work / "docs" / "guide")
    (work / "docs" / "index.md").write_text("# Post-mortems\n\n[User guide](guide/index.md)\n")
    shutil.copy(ROOT / "action.yml", work / "action.yml")
    (work / "mkdocs.yml").write_text(
        "site_name: guide\ntheme: {name: material, font: false}\nplugins: [search]\n"
        f"hooks: [{ROOT / 'pm_pipeline' / 'docs_gen.py'}]\n"
    )
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=work,
                          capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""}, check=False)
    assert done.returncode == 0, done.stderr
    return work / "site"


def test_every_rule_has_a_built_page(built_guide: Path) -> None:
    missing = [rule.code for rule in ALL_RULES if not (built_guide / "guide/rules" / rule.code / "index.html").is_file()]
    assert missing == []


def test_rule_page_shows_the_rule_docstring(built_guide: Path) -> None:
    page = (built_guide / "guide/rules/PM201/index.html").read_text()
    assert "PM201 vague-action" in page and "Use instead" in page


def test_action_reference_lists_every_input_and_output(built_guide: Path) -> None:
    page = (built_guide / "guide/action/index.html").read_text()
    assert all(f"<code>{name}</code>" in page for name in [*ACTION["inputs"], *ACTION["outputs"]])


def test_no_generated_page_is_committed() -> None:
    committed = {str(path.relative_to(ROOT / "docs")) for path in (ROOT / "docs").rglob("*.md")}
    assert committed & set(generated_pages(ACTION)) == set()


def test_rules_index_groups_rules_by_family_and_links_each() -> None:
    index = rules_index(ALL_RULES)
    assert "## PM2xx: Action items" in index
    assert all(f"[{rule.code}]({rule.code}.md)" in index for rule in ALL_RULES)


def test_action_reference_escapes_pipes_in_descriptions() -> None:
    page = action_reference({"description": "d", "inputs": {"a": {"description": "x | y", "default": ""}},
                             "outputs": {}})
    assert "x \\| y" in page


def test_quick_start_reads_in_under_five_minutes() -> None:
    words = len(re.findall(r"\w+", (GUIDE / "quick-start.md").read_text()))
    assert words < 5 * 200  # 200 words a minute, code and tables included


def test_file_format_names_every_top_level_field() -> None:
    schema = json.loads((ROOT / "schemas" / "postmortem.schema.json").read_text())
    text = (GUIDE / "file-format.md").read_text()
    assert [name for name in schema["properties"] if f"`{name}`" not in text] == []


def test_configuration_names_every_setting() -> None:
    schema = json.loads((ROOT / "schemas" / "config.schema.json").read_text())
    text = (GUIDE / "configuration.md").read_text()
    names = [name for name, spec in schema["properties"].items()]
    names += [key for spec in schema["properties"].values() for key in spec.get("properties", {})]
    names += [key for definition in schema.get("$defs", {}).values() for key in definition.get("properties", {})]
    rule_options = [name for name in names if re.fullmatch(r"PM\d{3}", name)]  # each rule's page lists them
    assert rule_options and "(rules/index.md)" in text
    assert [name for name in set(names) - set(rule_options) if not re.search(rf"\b{re.escape(name)}\b", text)] == []


def test_configuration_examples_are_valid_config_files(tmp_path: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", (GUIDE / "configuration.md").read_text(), re.DOTALL)
    blocks = [block for block in blocks if yaml.safe_load(block) is not None]
    assert len(blocks) >= 2
    for number, block in enumerate(blocks):
        path = tmp_path / f"example-{number}.yml"
        path.write_text(block)
        load_config(path)
