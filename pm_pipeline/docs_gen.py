"""Generated pages of the user guide: one page per rule, the rule index, the action reference.

A MkDocs hook (`hooks: [pm_pipeline/docs_gen.py]` in mkdocs.yml) adds them at build time, so the
rule pages always say what `pm-pipeline rules CODE` says and nothing generated is committed.
The page functions are pure; `on_files` is the only part that knows MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pm_pipeline.rules.base import Rule

GUIDE = "guide"
FAMILIES = {
    "PM0": "Input: the file itself",
    "PM1": "Blameless language",
    "PM2": "Action items",
    "PM3": "Process and SLA",
    "PM4": "Timeline",
    "PM5": "Analysis",
    "PM6": "Across reports",
}


def rule_path(rule: type[Rule]) -> str:
    return f"{GUIDE}/rules/{rule.code}.md"


def rule_page(rule: type[Rule]) -> str:
    from pm_pipeline.rules.docs import page_of

    return page_of(rule) + f"\nRun `pm-pipeline rules {rule.code}` to read this page in a terminal.\n"


def rules_index(rules: Iterable[type[Rule]]) -> str:
    from pm_pipeline.rules.docs import summary_of

    lines = [
        "# Rules",
        "",
        "Every finding names its rule. Errors fail the check; warnings annotate. Select or ignore rules",
        "by code or prefix in [pm-pipeline.yml](../configuration.md#rules), or silence one finding with",
        "`# pm: ignore CODE -- reason` on its line.",
    ]
    by_family: dict[str, list[type[Rule]]] = {}
    for rule in rules:
        by_family.setdefault(rule.code[:3], []).append(rule)
    for prefix, members in by_family.items():
        lines += [
            "",
            f"## {prefix}xx: {FAMILIES.get(prefix, 'Other')}",
            "",
            "| code | name | level | what it finds |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| [{rule.code}]({rule.code}.md) | {rule.name} | {rule.level.value} | {_cell(summary_of(rule))} |"
            for rule in members
        ]
    return "\n".join(lines) + "\n"


def action_reference(action: Mapping[str, Any]) -> str:
    """The inputs and outputs of action.yml as tables."""
    lines = [
        "# Action reference",
        "",
        f"{action['description']}",
        "",
        "```yaml",
        "- uses: pm-pipeline/pm-pipeline@<full commit sha> # vX.Y.Z",
        "  with:",
        "    command: check",
        "```",
        "",
        "## Inputs",
        "",
        "| input | default | what it does |",
        "|---|---|---|",
    ]
    for name, spec in action["inputs"].items():
        default = spec.get("default", "")
        shown = f"`{default}`" if default != "" else "(empty)"
        lines.append(f"| `{name}` | {_cell(shown)} | {_cell(spec['description'])} |")
    lines += ["", "## Outputs", "", "| output | what it holds |", "|---|---|"]
    lines += [f"| `{name}` | {_cell(spec['description'])} |" for name, spec in action["outputs"].items()]
    lines += [
        "",
        "Counts are `0` when the command does not produce them; paths are empty. Every run adds a",
        "section to the job summary, even when the command itself writes none.",
    ]
    return "\n".join(lines) + "\n"


def generated_pages(action: Mapping[str, Any] | None) -> dict[str, str]:
    """Every generated page, by its path under docs/."""
    from pm_pipeline.rules import ALL_RULES

    pages = {f"{GUIDE}/rules/index.md": rules_index(ALL_RULES)}
    pages.update({rule_path(rule): rule_page(rule) for rule in ALL_RULES})
    if action is not None:
        pages[f"{GUIDE}/action.md"] = action_reference(action)
    return pages


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def on_files(files: Any, config: Any) -> Any:
    """MkDocs hook: add the generated pages (action.yml is read from beside mkdocs.yml)."""
    import yaml
    from mkdocs.structure.files import File, InclusionLevel

    action_file = Path(config["config_file_path"]).parent / "action.yml"
    action = yaml.safe_load(action_file.read_text(encoding="utf-8")) if action_file.is_file() else None
    for path, content in generated_pages(action).items():
        # One page per rule is reached from the rules index; listing them all in the nav would
        # put 50 links into every page of the site.
        in_nav = not path.startswith(f"{GUIDE}/rules/PM")
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, path, content=content, inclusion=inclusion))
    return files
