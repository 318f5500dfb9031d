"""One module writes Actions outputs and the job summary; commands return results; the context is read once."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from pm_pipeline.actions_io import OUTPUTS, parse_outputs
from pm_pipeline.cli import cli
from pm_pipeline.github_context import GitHubContext
from tests.core.helpers import BUNDLED, DEMO_NOW

PACKAGE = Path(__file__).resolve().parents[2] / "pm_pipeline"


def test_only_actions_io_writes_outputs_and_summaries() -> None:
    readers, writers = [], []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(PACKAGE).as_posix()
        if re.search(r'"GITHUB_(OUTPUT|STEP_SUMMARY)"', text):
            readers.append(name)
        if re.search(r"open\([^)]*(output_file|summary_file|GITHUB_)", text) or re.search(r"_append\(", text):
            writers.append(name)
    assert sorted(readers) == ["action_entry.py", "github_context.py"]  # the entry: for an input error only
    assert writers == ["actions_io.py"]


def test_check_outputs_its_counts_and_sarif_path_from_its_result(tmp_path: Path) -> None:
    output, summary, sarif = tmp_path / "out", tmp_path / "summary", tmp_path / "r.sarif"
    env = {"GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)}
    result = CliRunner().invoke(cli, ["check", "--now", DEMO_NOW, "--format", "text", "--sarif-output", str(sarif),
                                      str(BUNDLED)], env=env)
    written = parse_outputs(output.read_text())
    assert result.exit_code == 0, result.output
    assert written == {"errors": "0", "warnings": "0", "sarif": str(sarif.resolve())}
    assert sarif.is_file() and summary.read_text().startswith("## Post-mortem check")


def test_the_action_gets_every_declared_output_even_when_the_command_stops(tmp_path: Path) -> None:
    from pm_pipeline import action_entry

    output = tmp_path / "out"
    code = action_entry.run({"PM_COMMAND": "plan", "GITHUB_REPOSITORY": "a/b", "GITHUB_OUTPUT": str(output),
                             "PM_CONFIG": str(tmp_path / "missing.yml")})
    assert code == 2
    assert list(parse_outputs(output.read_text())) == list(OUTPUTS)


def test_the_context_comes_from_options_then_the_environment() -> None:
    env = {"GITHUB_REPOSITORY": "o/r", "GITHUB_API_URL": "https://ghe.example/api/v3/", "GITHUB_TOKEN": "t",
           "GITHUB_EVENT_NAME": "pull_request", "PM_PIPELINE_WRITE_INTERVAL": "0"}
    github = GitHubContext.from_env(env)
    assert (github.repository, github.api_url, github.web_url) == ("o/r", "https://ghe.example/api/v3",
                                                                   "https://ghe.example")
    assert github.on_pull_request and github.online and github.write_interval == 0
    assert GitHubContext.from_env(env, "x/y").repository == "x/y"
    assert GitHubContext.from_env({}).web_url == "https://github.com"


def test_no_command_reads_the_environment_itself() -> None:
    offenders = [path.name for path in (PACKAGE / "commands").glob("*.py")
                 if "os.environ" in path.read_text(encoding="utf-8")]
    assert offenders == []
