"""action.yml declares exactly what the entry script reads and writes; the install line is the script."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from pm_pipeline import action_entry
from pm_pipeline.action_entry import INPUTS, OUTPUTS, InputError, build, parse_outputs

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
STEPS = {step.get("id", step["name"]): step for step in ACTION["runs"]["steps"]}
INSTALL_LINE = '"$GITHUB_ACTION_PATH/scripts/action-install" install'
VALID = ROOT / "postmortems"


def test_declared_inputs_are_the_ones_the_entry_reads() -> None:
    assert list(ACTION["inputs"]) == list(INPUTS)


def test_each_input_reaches_the_entry_through_its_env_variable() -> None:
    env = STEPS["run"]["env"]
    assert {name: env[variable] for name, variable in INPUTS.items() if name != "github-token"} == {
        name: f"${{{{ inputs.{name} }}}}" for name in INPUTS if name != "github-token"
    }
    assert "inputs.github-token" in env["GITHUB_TOKEN"]


@pytest.mark.parametrize("command, gets_token", [("check", False), ("site", False), ("plan", True),
                                                 ("sync", True), ("overdue", True)])
def test_the_token_reaches_only_the_commands_that_call_github(command: str, gets_token: bool) -> None:
    from tests.action.localrunner import render

    value = render(STEPS["run"]["env"]["GITHUB_TOKEN"], {"inputs": {"command": command, "github-token": "t0k"}})
    assert (value == "t0k") is gets_token


def test_entry_reads_no_other_action_variable() -> None:
    source = Path(action_entry.__file__).read_text()
    read = set(re.findall(r'"(PM_[A-Z_]+)"', source)) - {action_entry.SNAPSHOT_ENV, action_entry.NOW_ENV}
    assert read == {variable for variable in INPUTS.values() if variable.startswith("PM_")}


def test_declared_outputs_are_the_ones_the_entry_writes() -> None:
    assert list(ACTION["outputs"]) == list(OUTPUTS)
    assert {name: spec["value"] for name, spec in ACTION["outputs"].items()} == {
        name: f"${{{{ steps.run.outputs.{name} }}}}" for name in OUTPUTS
    }


def test_a_check_run_writes_every_declared_output_and_a_summary(tmp_path: Path) -> None:
    output, summary = tmp_path / "output", tmp_path / "summary"
    env = {**os.environ, "PM_COMMAND": "check", "PM_PATH": str(VALID), "RUNNER_TEMP": str(tmp_path),
           "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": "true",
           "PM_NOW": "2025-03-01"}
    done = subprocess.run([sys.executable, "-m", "pm_pipeline.action_entry"], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=False)
    written = parse_outputs(output.read_text())
    assert list(written) == list(OUTPUTS), done.stderr
    assert written["sarif"] == str(tmp_path / "pm-pipeline.sarif") and Path(written["sarif"]).is_file()
    assert summary.read_text().startswith("## Post-mortem check")


def test_the_run_step_runs_the_entry_module_from_the_venv() -> None:
    assert STEPS["run"]["run"] == '"$PM_VENV/bin/python" -m pm_pipeline.action_entry'
    assert STEPS["run"]["env"]["PM_VENV"] == "${{ steps.prepare.outputs.venv }}"


def test_install_step_runs_the_install_script_only_when_the_venv_is_not_ready() -> None:
    install = STEPS["install"]
    assert install["run"] == INSTALL_LINE
    assert install["if"] == "steps.prepare.outputs.ready != 'true'"
    assert STEPS["cache"]["with"] == {
        "path": "${{ steps.prepare.outputs.venv }}",
        "key": "${{ steps.prepare.outputs.key }}",
    }
    assert os.access(ROOT / "scripts" / "action-install", os.X_OK)


def test_prepare_names_a_venv_and_a_key_that_follows_the_requirements(tmp_path: Path) -> None:
    output = tmp_path / "output"
    env = {"PATH": os.environ["PATH"], "GITHUB_ACTION_PATH": str(ROOT), "RUNNER_TEMP": str(tmp_path),
           "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64", "GITHUB_OUTPUT": str(output)}
    subprocess.run([str(ROOT / "scripts/action-install"), "prepare"], env=env, check=True)
    written = parse_outputs(output.read_text())
    assert written["venv"] == str(tmp_path / "pm-pipeline-venv") and written["ready"] == "false"
    assert re.fullmatch(r"pm-pipeline-venv-Linux-X64-py3\.\d+\.\d+-[0-9a-f]{16}", written["key"])


def _runtime_closure() -> dict[str, str]:
    """Every distribution pm-pipeline needs at run time on Linux (extras followed), with its version."""
    found: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    pending = [("pm-pipeline", "")]
    while pending:
        name, extra = pending.pop()
        dist = importlib.metadata.distribution(name)
        key = dist.metadata["Name"].lower().replace("_", "-")
        if (key, extra) in seen:
            continue
        seen.add((key, extra))
        found[key] = dist.version
        for line in dist.requires or []:
            requirement = Requirement(line)
            environment = {"extra": extra, "sys_platform": "linux", "platform_system": "Linux"}
            if requirement.marker is None or requirement.marker.evaluate(environment):
                pending += [(requirement.name, wanted) for wanted in ("", *requirement.extras)]
    found.pop("pm-pipeline")
    return found


def _lock(name: str) -> dict[str, tuple[str, frozenset[str]]]:
    """A pip-compile lock: package -> (exact version, its sha256 hashes)."""
    pins: dict[str, tuple[str, frozenset[str]]] = {}
    text = (ROOT / "requirements" / name).read_text().replace("\\\n", " ")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        requirement, *options = line.split()
        package, version = requirement.split("==")
        hashes = frozenset(option.removeprefix("--hash=sha256:") for option in options if option.startswith("--hash="))
        pins[package.lower().replace("_", "-")] = (version, hashes)
    return pins


def test_every_runtime_dependency_is_locked_at_the_installed_version() -> None:
    pins = {name: version for name, (version, _) in _lock("runtime.txt").items()}
    closure = _runtime_closure()
    assert {name: pins.get(name) for name in closure} == closure
    assert set(pins) - set(closure) <= {"setuptools", "colorama"}


def test_the_locks_satisfy_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime, test = _lock("runtime.txt"), _lock("test.txt")
    for line, lock in [(line, runtime) for line in project["dependencies"]] + [
        (line, test) for line in project["optional-dependencies"]["test"]
    ]:
        requirement = Requirement(line)
        name = requirement.name.lower().replace("_", "-")
        assert name in lock, f"{name} is not locked"
        assert requirement.specifier.contains(lock[name][0], prereleases=True), f"{name}=={lock[name][0]} misses {line}"


def test_every_pin_has_hashes_and_both_locks_agree() -> None:
    runtime, test = _lock("runtime.txt"), _lock("test.txt")
    assert all(hashes for _, hashes in [*runtime.values(), *test.values()])
    shared = set(runtime) & set(test)
    assert shared and {name: runtime[name] for name in shared} == {name: test[name] for name in shared}


def test_every_install_takes_the_lock_and_resolves_nothing() -> None:
    """Next month's newer releases cannot reach a fresh clone or the action: every pip install of
    the tests, the demo and the action reads a hashed lock with --no-deps, so nothing is resolved
    against the index (the pin tests above then compare the lock with pyproject.toml, never with
    the newest releases)."""
    installs = {}
    for name in ("setup-venv", "action-install"):
        lines = (ROOT / "scripts" / name).read_text().splitlines()
        installs[name] = [line for line in lines if re.search(r"\bpip\b.*\binstall\b|\binstall\b.*-r ", line)]
    for name, lines in installs.items():
        assert lines and all("--no-deps" in line for line in lines), (name, lines)
        locked = [line for line in lines if "-r " in line or "locks" in line]
        assert locked and all("--require-hashes" in line for line in locked), (name, lines)
    assert "requirements/runtime.txt" in (ROOT / "scripts" / "setup-venv").read_text()
    assert "requirements/test.txt" in (ROOT / "scripts" / "setup-venv").read_text()
    for script in ("test", "demo"):
        assert "scripts/setup-venv" in (ROOT / "scripts" / script).read_text(), script


@pytest.mark.parametrize(
    ("env", "verb", "applies"),
    [
        ({"PM_COMMAND": "plan"}, "plan", False),
        ({"PM_COMMAND": "sync", "PM_DRY_RUN": "true"}, "plan", False),
        ({"PM_COMMAND": "sync"}, "sync", False),
        ({"PM_COMMAND": "overdue"}, "overdue", True),
        ({"PM_COMMAND": "overdue", "PM_DRY_RUN": "true"}, "overdue", False),
    ],
)
def test_dry_run_only_plans(env: dict[str, str], verb: str, applies: bool) -> None:
    argv = build({**env, "GITHUB_REPOSITORY": "acme/app"}).argv
    assert argv[0] == verb and ("--apply" in argv) is applies


def test_sync_passes_options_but_never_the_token() -> None:
    argv = build({"PM_COMMAND": "sync", "PM_MAX_WRITES": "20", "PM_API_URL": "http://127.0.0.1:9",
                  "GITHUB_REPOSITORY": "acme/app", "GITHUB_TOKEN": "secret"}).argv
    assert "secret" not in argv
    assert argv[:3] == ("sync", "--repo", "acme/app")
    assert argv[argv.index("--max-writes") + 1] == "20" and argv[argv.index("--api-url") + 1] == "http://127.0.0.1:9"


def test_site_hands_an_existing_snapshot_to_the_plugin(tmp_path: Path) -> None:
    snapshot = tmp_path / "pm-status.json"
    assert build({"PM_COMMAND": "site"}, snapshot=snapshot).env == {"PM_PIPELINE_SNAPSHOT": str(snapshot)}
    assert build({"PM_COMMAND": "site"}).env == {}
    assert build({"PM_COMMAND": "site", "PM_NOW": "2025-03-01"}).env == {"PM_PIPELINE_NOW": "2025-03-01"}


def test_an_input_error_is_an_annotation_and_a_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary"
    env = {**os.environ, "PM_COMMAND": "deploy", "GITHUB_STEP_SUMMARY": str(summary)}
    done = subprocess.run([sys.executable, "-m", "pm_pipeline.action_entry"], env=env, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 2
    assert done.stdout.startswith("::error title=pm-pipeline action::command: `deploy` is not one of check")
    assert "Input error" in summary.read_text() and "Traceback" not in done.stderr


def test_the_entry_runs_the_cli_in_process_and_counts_nothing_itself() -> None:
    source = Path(action_entry.__file__).read_text()
    assert "subprocess" not in source and "RENAMED" not in source and "json" not in source
    assert "GITHUB_OUTPUT" not in source.replace('env.get("GITHUB_OUTPUT")', "")


def test_the_format_choices_come_from_the_cli() -> None:
    assert action_entry.formats("check") == ("auto", "text", "github", "json", "sarif")
    assert action_entry.formats("sync") == action_entry.formats("plan")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PM_COMMAND": "deploy"}, "command: `deploy`"),
        ({"PM_COMMAND": "check", "PM_FORMAT": "markdown"}, "format: `markdown`"),
        ({"PM_COMMAND": "sync", "PM_MAX_WRITES": "many", "GITHUB_REPOSITORY": "a/b"}, "max-writes: `many`"),
        ({"PM_COMMAND": "plan"}, "$GITHUB_REPOSITORY is not set"),
    ],
)
def test_bad_inputs_are_named_in_the_error(env: dict[str, str], message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        build(env)


def test_multi_line_outputs_round_trip() -> None:
    text = action_entry.format_outputs({"plan": "a\nb", "created": "3"})
    assert parse_outputs(text)["plan"] == "a\nb" and parse_outputs(text)["created"] == "3"


def test_a_second_use_in_the_same_job_reuses_the_installed_venv(tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"], "GITHUB_ACTION_PATH": str(ROOT), "RUNNER_TEMP": str(tmp_path),
           "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64", "GITHUB_OUTPUT": str(tmp_path / "output")}
    venv = tmp_path / "pm-pipeline-venv"
    (venv / "bin").mkdir(parents=True)
    pip_calls = tmp_path / "pip-calls"
    shim = venv / "bin" / "python"  # stands for a venv the cache restored: records pip, installs nothing
    shim.write_text(f'#!/bin/sh\necho "$@" >> {pip_calls}\n')
    shim.chmod(0o755)

    subprocess.run([str(ROOT / "scripts/action-install"), "install"], check=True,
                   env={**env, "PM_VENV": str(venv), "PM_CACHE_HIT": "true"})
    subprocess.run([str(ROOT / "scripts/action-install"), "prepare"], env=env, check=True)

    assert parse_outputs((tmp_path / "output").read_text())["ready"] == "true"
    (call,) = pip_calls.read_text().splitlines()
    assert call.startswith("-m pip") and "--no-deps" in call and call.endswith(str(ROOT))
