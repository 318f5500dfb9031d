"""SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`)."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any, TextIO

from pm_pipeline import __version__
from pm_pipeline.checker import Report
from pm_pipeline.findings import Level
from pm_pipeline.rules import ALL_RULES
from pm_pipeline.rules.docs import summary_of

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.REMINDER: "note"}
INFORMATION_URI = "https://github.com/pm-pipeline/pm-pipeline"


def report(result: Report, out: TextIO) -> None:
    json.dump(build(result), out, indent=2)
    out.write("\n")


def build(result: Report) -> dict[str, Any]:
    index = {rule.code: position for position, rule in enumerate(ALL_RULES)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pm-pipeline",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(rule) for rule in ALL_RULES],
                    }
                },
                "results": [
                    {
                        "ruleId": f.code,
                        "ruleIndex": index[f.code],
                        "level": SARIF_LEVEL[f.level],
                        "message": {"text": f.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": Path(f.path).as_posix()},
                                    "region": {"startLine": f.line, "startColumn": f.column},
                                }
                            }
                        ],
                    }
                    for f in result.findings
                ],
            }
        ],
    }


def _help(rule: Any) -> str:
    """The docstring without its four-space indentation, which Markdown would show as code blocks."""
    return inspect.cleandoc(rule.__doc__ or "")


def _rule(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary_of(rule)},
        "fullDescription": {"text": summary_of(rule)},
        "help": {"text": _help(rule), "markdown": _help(rule)},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.level]},
    }
