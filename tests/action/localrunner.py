"""A small local stand-in for the GitHub Actions runner, enough to play our workflows.

It reads a workflow and our composite action as YAML and runs, in order, the `run:` steps of the
action (`uses: ./`) with the environment the runner would give them: `GITHUB_*` and `RUNNER_*`
variables, a fresh `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` file per step, `env:` blocks with
their `${{ }}` expressions evaluated. Other actions (checkout, cache, upload-sarif, pages) are
recorded with their evaluated `with:` and not run. The install step is replaced by a link to the
test's own environment, where pm-pipeline is already installed.

Expressions support what our YAML uses: contexts (github, inputs, steps, env, runner), string,
number and boolean literals, `==`, `!=`, `!`, `&&`, `||`, parentheses and the status functions.
Anything else raises, so a workflow that outgrows this runner fails its journey loudly.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
INSTALL_LINE = '"$GITHUB_ACTION_PATH/scripts/action-install" install'
ANNOTATION = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")
TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>\d+(?:\.\d+)?)|(?P<op>==|!=|&&|\|\||!|\(|\)|,)"
                   r"|(?P<name>[A-Za-z_][\w.-]*))")


class ExpressionError(Exception):
    """An expression this local runner does not understand."""


def evaluate(expression: str, contexts: Mapping[str, Any], status: str = "success") -> Any:
    tokens = _tokens(expression)
    value, rest = _or(tokens, contexts, status)
    if rest:
        raise ExpressionError(f"unexpected {rest[0]!r} in {expression!r}")
    return value


def render(text: Any, contexts: Mapping[str, Any]) -> Any:
    """A value with `${{ }}` templates replaced (a lone template keeps its type)."""
    if not isinstance(text, str) or "${{" not in text:
        return text
    whole = re.fullmatch(r"\$\{\{(.*?)\}\}", text.strip(), re.DOTALL)
    if whole:
        return evaluate(whole.group(1), contexts)
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: as_text(evaluate(m.group(1), contexts)), text)


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def condition(text: Any, contexts: Mapping[str, Any], status: str) -> bool:
    if text is None:
        return status == "success"
    source = str(text).strip()
    if source.startswith("${{") and source.endswith("}}"):
        source = source[3:-2]
    if not re.search(r"\b(success|failure|always|cancelled)\(", source):
        source = f"success() && ({source})"
    return bool(evaluate(source, contexts, status))


def _tokens(expression: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    while position < len(expression.rstrip()):
        match = TOKEN.match(expression, position)
        if not match or match.end() == position:
            raise ExpressionError(f"cannot read {expression[position:]!r}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def _or(tokens: list[tuple[str, str]], ctx: Mapping[str, Any], status: str) -> tuple[Any, list[tuple[str, str]]]:
    left, tokens = _and(tokens, ctx, status)
    while tokens and tokens[0] == ("op", "||"):
        right, tokens = _and(tokens[1:], ctx, status)
        left = left or right
    return left, tokens


def _and(tokens: list[tuple[str, str]], ctx: Mapping[str, Any], status: str) -> tuple[Any, list[tuple[str, str]]]:
    left, tokens = _compare(tokens, ctx, status)
    while tokens and tokens[0] == ("op", "&&"):
        right, tokens = _compare(tokens[1:], ctx, status)
        left = left and right
    return left, tokens


def _compare(tokens: list[tuple[str, str]], ctx: Mapping[str, Any], status: str) -> tuple[Any, list[tuple[str, str]]]:
    left, tokens = _unary(tokens, ctx, status)
    while tokens and tokens[0] in (("op", "=="), ("op", "!=")):
        operator = tokens[0][1]
        right, tokens = _unary(tokens[1:], ctx, status)
        left = _loose_equal(left, right) == (operator == "==")
    return left, tokens


def _unary(tokens: list[tuple[str, str]], ctx: Mapping[str, Any], status: str) -> tuple[Any, list[tuple[str, str]]]:
    if not tokens:
        raise ExpressionError("expression ends too early")
    kind, text = tokens[0]
    if (kind, text) == ("op", "!"):
        value, rest = _unary(tokens[1:], ctx, status)
        return not value, rest
    if (kind, text) == ("op", "("):
        value, rest = _or(tokens[1:], ctx, status)
        if not rest or rest[0] != ("op", ")"):
            raise ExpressionError("missing )")
        return value, rest[1:]
    if kind == "str":
        return text[1:-1].replace("''", "'"), tokens[1:]
    if kind == "num":
        return float(text), tokens[1:]
    if kind == "name":
        if text in ("true", "false"):
            return text == "true", tokens[1:]
        if text == "null":
            return None, tokens[1:]
        if len(tokens) > 2 and tokens[1] == ("op", "(") and tokens[2] == ("op", ")"):
            statuses = {"success": status == "success", "failure": status == "failure",
                        "always": True, "cancelled": False}
            if text not in statuses:
                raise ExpressionError(f"unknown function {text}()")
            return statuses[text], tokens[3:]
        return _lookup(text, ctx), tokens[1:]
    raise ExpressionError(f"unexpected {text!r}")


def _lookup(path: str, ctx: Mapping[str, Any]) -> Any:
    head, *rest = path.split(".")
    if head not in ctx:
        raise ExpressionError(f"unknown context {head}")
    value: Any = ctx[head]
    for part in rest:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _loose_equal(left: Any, right: Any) -> bool:
    if isinstance(left, str) and isinstance(right, str):
        return left.casefold() == right.casefold()
    return _number(left) == _number(right)


def _number(value: Any) -> float:
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(value) if str(value).strip() else 0.0
    except ValueError:
        return float("nan")


@dataclass
class Annotation:
    level: str
    file: str
    line: int
    title: str
    message: str


@dataclass
class StepResult:
    name: str
    outcome: str
    outputs: dict[str, str] = field(default_factory=dict)
    log: str = ""


@dataclass
class JobResult:
    job_id: str
    status: str
    steps: list[StepResult] = field(default_factory=list)
    summary: str = ""
    annotations: list[Annotation] = field(default_factory=list)
    external: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)

    def step(self, step_id: str) -> StepResult:
        return next(step for step in self.steps if step.name == step_id)


@dataclass
class LocalRunner:
    """Plays the jobs of one workflow for one event against a checked-out repository."""

    workspace: Path
    temp: Path
    event_name: str
    event: dict[str, Any]
    repository: str
    api_url: str
    ref_name: str = "main"
    token: str = "test-token"
    action_path: Path = ROOT
    action_name: str = ""
    """A pinned `uses: owner/repo@ref` played as the local action (workflows written by `pm-pipeline init`)."""
    machine_env: dict[str, str] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)

    def run(self, workflow_path: Path, inputs: Mapping[str, Any] | None = None) -> dict[str, JobResult]:
        workflow = yaml.safe_load(workflow_path.read_text())
        results: dict[str, JobResult] = {}
        for job_id, job in workflow["jobs"].items():
            needs = job.get("needs", [])
            needs = [needs] if isinstance(needs, str) else needs
            contexts = self._contexts(dict(inputs or {}))
            if any(results.get(need, JobResult(need, "skipped")).status != "success" for need in needs) or \
                    not condition(job.get("if"), contexts, "success"):
                results[job_id] = JobResult(job_id, "skipped")
                continue
            results[job_id] = self._job(job_id, job, contexts)
        return results

    def _contexts(self, inputs: dict[str, Any]) -> dict[str, Any]:
        github = {
            "token": self.token, "api_url": self.api_url, "repository": self.repository,
            "event_name": self.event_name, "event": self.event, "ref_name": self.ref_name,
            "ref": f"refs/heads/{self.ref_name}", "sha": _head(self.workspace), "workspace": str(self.workspace),
            "server_url": "https://github.com", "repository_owner": self.repository.split("/")[0],
        }
        runner = {"temp": str(self.temp), "os": "Linux", "arch": "X64"}
        return {"github": github, "inputs": inputs, "runner": runner, "env": {}, "steps": {}, "secrets": self.secrets}

    def _environment(self) -> dict[str, str]:
        event_path = self.temp / "event.json"
        event_path.write_text(json.dumps(self.event))
        return {
            "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8",
            "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_REPOSITORY": self.repository, "GITHUB_EVENT_NAME": self.event_name,
            "GITHUB_EVENT_PATH": str(event_path), "GITHUB_REF": f"refs/heads/{self.ref_name}",
            "GITHUB_REF_NAME": self.ref_name, "GITHUB_SHA": _head(self.workspace),
            "GITHUB_API_URL": self.api_url, "GITHUB_SERVER_URL": "https://github.com",
            "RUNNER_TEMP": str(self.temp), "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
            **self.machine_env,
        }

    def _job(self, job_id: str, job: Mapping[str, Any], contexts: dict[str, Any]) -> JobResult:
        result = JobResult(job_id, "success")
        for index, step in enumerate(job["steps"]):
            step_id = step.get("id", f"step{index}")
            if not condition(step.get("if"), contexts, result.status):
                result.steps.append(StepResult(step_id, "skipped"))
                continue
            uses = step.get("uses", "")
            with_ = {key: render(value, contexts) for key, value in step.get("with", {}).items()}
            if uses == "./" or (self.action_name and uses.split("@")[0] == self.action_name):
                outcome, outputs = self._action(with_, contexts, result)
            elif "run" in step:
                raise ExpressionError(f"{job_id}: this local runner plays only action steps, not `run:`")
            else:
                result.external.append((uses.split("@")[0], with_))
                outcome, outputs = "success", {}
            contexts["steps"][step_id] = {"outputs": outputs, "outcome": outcome}
            result.steps.append(StepResult(step_id, outcome, outputs))
            if outcome == "failure" and not step.get("continue-on-error"):
                result.status = "failure"
        return result

    def _action(self, with_: Mapping[str, Any], outer: Mapping[str, Any],
                result: JobResult) -> tuple[str, dict[str, str]]:
        action = yaml.safe_load((self.action_path / "action.yml").read_text())
        inputs = {name: as_text(render(spec.get("default", ""), outer)) for name, spec in action["inputs"].items()}
        unknown = set(with_) - set(inputs)
        if unknown:
            raise ExpressionError(f"inputs the action does not declare: {sorted(unknown)}")
        inputs.update({name: as_text(value) for name, value in with_.items()})
        contexts = {**outer, "inputs": inputs, "steps": {}}
        status = "success"
        for index, step in enumerate(action["runs"]["steps"]):
            step_id = step.get("id", f"step{index}")
            if not condition(step.get("if"), contexts, status):
                contexts["steps"][step_id] = {"outputs": {}, "outcome": "skipped"}
                continue
            if "uses" in step:
                result.external.append((step["uses"].split("@")[0], {k: render(v, contexts) for k, v in step["with"].items()}))
                contexts["steps"][step_id] = {"outputs": {}, "outcome": "success"}
                continue
            env = {key: as_text(render(value, contexts)) for key, value in step.get("env", {}).items()}
            if step_id == "install":
                if step["run"] != INSTALL_LINE:
                    raise ExpressionError(f"the install step runs {step['run']!r}, not {INSTALL_LINE!r}")
                _link_test_environment(Path(env["PM_VENV"]))
                contexts["steps"][step_id] = {"outputs": {}, "outcome": "success"}
                continue
            outcome, outputs = self._script(step["run"], env, result)
            contexts["steps"][step_id] = {"outputs": outputs, "outcome": outcome}
            if outcome == "failure":
                status = "failure"
                break
        outputs = {name: as_text(render(spec["value"], contexts)) for name, spec in action["outputs"].items()}
        return ("failure" if status == "failure" else "success"), outputs

    def _script(self, script: str, env: Mapping[str, str], result: JobResult) -> tuple[str, dict[str, str]]:
        output, summary = self.temp / "step-output", self.temp / "step-summary"
        output.write_text("")
        summary.write_text("")
        full_env = {**self._environment(), "GITHUB_ACTION_PATH": str(self.action_path),
                    "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary), **env}
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                              cwd=self.workspace, env=full_env, capture_output=True, text=True, check=False)
        result.commands.append(script)
        result.summary += summary.read_text()
        result.annotations += _annotations(done.stdout)
        from pm_pipeline.action_entry import parse_outputs

        outputs = parse_outputs(output.read_text())
        result.steps.append(StepResult(f"script:{script[:40]}", "success" if done.returncode == 0 else "failure",
                                       outputs, done.stdout + done.stderr))
        return ("success" if done.returncode == 0 else "failure"), outputs


def _annotations(stdout: str) -> list[Annotation]:
    found = []
    for line in stdout.splitlines():
        match = ANNOTATION.match(line)
        if match:
            props = dict(part.split("=", 1) for part in match.group("props").split(",") if "=" in part)
            found.append(Annotation(match.group(1), props.get("file", ""), int(props.get("line", "0")),
                                    props.get("title", ""), match.group("message")))
    return found


def _link_test_environment(venv: Path) -> None:
    """Stand in for the install step: the venv path leads to the environment running the tests."""
    if not venv.exists():
        venv.parent.mkdir(parents=True, exist_ok=True)
        venv.symlink_to(Path(sys.prefix), target_is_directory=True)


def _head(workspace: Path) -> str:
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=workspace, capture_output=True, text=True, check=False)
    return done.stdout.strip() or "0" * 40
