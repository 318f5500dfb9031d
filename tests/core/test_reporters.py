"""Annotation escaping and SARIF validity."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from pm_pipeline.checker import CheckedFile, Report
from pm_pipeline.findings import Finding, Level
from pm_pipeline.reporters import github, sarif

CACHE = Path(__file__).resolve().parents[1] / ".cache" / "sarif"
SARIF_PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0"


def report_of(*findings: Finding) -> Report:
    return Report([CheckedFile(findings[0].path, list(findings))])


def test_annotation_message_escapes_percent_and_newlines() -> None:
    assert github.escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"


def test_annotation_properties_also_escape_colon_and_comma() -> None:
    assert github.escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_annotation_line_is_well_formed() -> None:
    out = io.StringIO()
    finding = Finding("pm/a,b.yaml", 3, 5, "PM003", Level.WARNING, "first\nsecond: 100%")
    github.report(report_of(finding), out)
    assert "::warning file=pm/a%2Cb.yaml,line=3,col=5,title=PM003::first%0Asecond: 100%25\n" in out.getvalue()


def sarif_schema() -> dict[str, object]:
    """The official SARIF 2.1.0 schema, from an npm package that ships it."""
    schema_file = CACHE / "node_modules" / "@microsoft" / "jest-sarif" / "lib" / "schemas" / "sarif-2.1.0-rtm.5.json"
    if not schema_file.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to fetch the SARIF 2.1.0 schema")
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(CACHE), SARIF_PACKAGE],
                       check=True, timeout=300)
    loaded: dict[str, object] = json.loads(schema_file.read_text(encoding="utf-8"))
    return loaded


def test_sarif_output_validates_against_the_sarif_schema() -> None:
    findings = [
        Finding("postmortems/a.yaml", 3, 5, "PM003", Level.ERROR, "duplicate key"),
        Finding("postmortems/b.yaml", 1, 1, "PM010", Level.WARNING, "schema"),
    ]
    document = sarif.build(Report([CheckedFile(f.path, [f]) for f in findings]))
    jsonschema.validate(document, sarif_schema())
    results = document["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["PM003", "PM010"]
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 5}
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert rules[results[0]["ruleIndex"]]["id"] == "PM003"
