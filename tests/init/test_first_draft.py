"""The nine first-draft mistakes of issue 17 are all reported in two runs: YAML syntax, then the rest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from pm_pipeline.cli import cli

DRAFT = Path(__file__).with_name("first_draft.yaml")
NOW = "2025-02-10T00:00:00Z"


def _check(path: Path) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--now", NOW, str(path)])
    assert result.exit_code == 1, result.output
    findings: list[dict[str, object]] = json.loads(result.output)["findings"]
    return findings


def _codes_by_line(findings: list[dict[str, object]]) -> set[tuple[object, object]]:
    return {(f["line"], f["code"]) for f in findings}


def test_nine_first_draft_mistakes_in_two_runs(tmp_path: Path) -> None:
    target = tmp_path / "2025-02-09-api-degradation.yaml"
    shutil.copy(DRAFT, target)
    first = _check(target)
    assert [(f["line"], f["code"]) for f in first] == [(61, "PM002")]  # the unquoted @bob stops the file

    target.write_text(DRAFT.read_text().replace("owner: @bob", 'owner: "@bob"'))
    second = _codes_by_line(_check(target))
    expected = {
        (10, "PM010"),  # started_at without an offset
        (33, "PM011"),  # bare 10:05:23
        (60, "PM201"),  # Improve monitoring
        (16, "PM101"),  # Bob forgot to add the index
        (68, "PM010"),  # ownr
        (69, "PM010"),  # 16/02/2025
        (73, "PM010"),  # no priority
        (40, "PM401"),  # timeline out of order
    }
    assert expected <= second, sorted(second)


def test_no_finding_rests_on_a_rejected_value(tmp_path: Path) -> None:
    target = tmp_path / "2025-02-09-api-degradation.yaml"
    target.write_text(DRAFT.read_text().replace("owner: @bob", 'owner: "@bob"'))
    findings = _check(target)
    lines = [(f["line"], f["code"]) for f in findings]
    assert len(lines) == len(set(lines)), "a value is reported twice"
    # started_at was rejected: no rule that compares incident times may speak
    assert not {code for _, code in lines} & {"PM402", "PM404", "PM405", "PM406", "PM202", "PM303"}
    # AI-003 has no priority: nothing about its priority or deadline window
    assert not [f for f in findings if f["line"] in range(71, 78) and f["code"] != "PM010"]


def test_bare_time_advice_is_the_full_timestamp(tmp_path: Path) -> None:
    target = tmp_path / "2025-02-09-api-degradation.yaml"
    target.write_text(DRAFT.read_text().replace("owner: @bob", 'owner: "@bob"'))
    (pm011,) = [f for f in _check(target) if f["code"] == "PM011"]
    message = str(pm011["message"])
    assert "2025-02-09T10:05:23Z" in message and "quote it" not in message


def test_a_time_without_offset_gets_its_own_value_back_with_z(tmp_path: Path) -> None:
    target = tmp_path / "2025-02-09-api-degradation.yaml"
    target.write_text(DRAFT.read_text().replace("owner: @bob", 'owner: "@bob"'))
    (started,) = [f for f in _check(target) if f["line"] == 10]
    assert "write 2025-02-09T10:05:23Z if it is UTC" in str(started["message"])


def test_a_day_first_date_gets_its_iso_form(tmp_path: Path) -> None:
    target = tmp_path / "2025-02-09-api-degradation.yaml"
    target.write_text(DRAFT.read_text().replace("owner: @bob", 'owner: "@bob"'))
    (deadline,) = [f for f in _check(target) if f["line"] == 69]
    assert str(deadline["message"]).endswith("write YYYY-MM-DD, here 2025-02-16")
