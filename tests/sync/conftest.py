"""Fixtures for the sync tests: post-mortem files in a temporary repository and runs of the real
plan/sync command code against the fake GitHub (PyGithub over HTTP on 127.0.0.1)."""

from __future__ import annotations

import copy
import io
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from pm_pipeline.cli import parse_now
from pm_pipeline.actions_io import publish
from pm_pipeline.commands.sync import SyncOptions, run_plan
from pm_pipeline.github_context import GitHubContext
from pm_pipeline.tracker.github import GitHubStore
from pm_pipeline.tracker.policy import RetryPolicy, WriteBudget
from pm_pipeline.tracker.store import IssueStore
from tests.fakegithub import FakeGitHub

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "postmortems" / "2025-02-09-api-degradation.yaml"
REPO = "o/r"
PM_ID = "PM-2025-02-09-api-degradation"
NOW = "2025-03-01T12:00:00Z"


def action_item(number: int, **changes: Any) -> dict[str, Any]:
    item = {
        "id": f"AI-{number:03d}",
        "action": f"Add an alert on orders-db pool wait time above 100 ms, item {number}",
        "owner": "@maria-lopez",
        "deadline": "2025-03-01",
        "priority": "high",
        "type": "detect",
        "sponsor": "@vp-eng",
        "status": "open",
    }
    item.update(changes)
    return item


def postmortem_text(items: list[dict[str, Any]], pm_id: str = PM_ID) -> str:
    """The demo post-mortem with another id and these action items (the rest is left as written)."""
    lines = DEMO.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("action_items:"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:1].isalpha())
    head = [f"id: {pm_id}\n" if line.startswith("id:") else line for line in lines[:start]]
    items_text = yaml.safe_dump({"action_items": copy.deepcopy(items)}, sort_keys=False, allow_unicode=True)
    return "".join(head) + items_text + "".join(lines[end:])


@dataclass
class Run:
    code: int
    out: str
    err: str
    snapshot: dict[str, Any]


@dataclass
class SyncHarness:
    """A repository folder with post-mortems, and the fake GitHub its issues live in."""

    fake: FakeGitHub
    root: Path
    sleeps: list[float] = field(default_factory=list)
    timeout: int = 1
    settle: tuple[float, ...] | None = None  # looks after an uncertain create (None: the default)
    real_sleep: bool = False  # wait for real (a fault that lands later), not only record the waits

    def write(self, items: list[dict[str, Any]], pm_id: str = PM_ID, name: str | None = None) -> Path:
        path = self.root / "postmortems" / (name or f"{pm_id.removeprefix('PM-')}.yaml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(postmortem_text(items, pm_id), encoding="utf-8")
        return path

    def store(self, repo: str, token: str, api_url: str, budget: WriteBudget) -> IssueStore:
        sleep = self._sleep_for_real if self.real_sleep else self.sleeps.append
        retry = RetryPolicy(sleep=sleep) if self.settle is None else RetryPolicy(sleep=sleep, settle=self.settle)
        return GitHubStore(repo, token, api_url=api_url, budget=budget, retry=retry,
                           timeout=self.timeout, write_interval=0)

    def _sleep_for_real(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        time.sleep(seconds)

    def env(self, **extra: str) -> dict[str, str]:
        return {"GITHUB_TOKEN": "test-token", "GITHUB_REPOSITORY": REPO, "GITHUB_API_URL": self.fake.base_url, **extra}

    def run(self, *, apply: bool = True, output_format: str = "text", max_writes: int | None = None,
            env: dict[str, str] | None = None, snapshot_name: str = "pm-status.json") -> Run:
        out, err = io.StringIO(), io.StringIO()
        snapshot = self.root / snapshot_name
        options = SyncOptions(output_format=output_format, max_writes=max_writes, snapshot=snapshot)
        github = GitHubContext.from_env(self.env() if env is None else env)
        result = run_plan(options, parse_now(NOW), apply=apply, github=github, store_factory=self.store, out=out, err=err)
        publish(result, github)  # as the CLI does after every command
        code = result.exit_code
        return Run(code, out.getvalue(), err.getvalue(), json.loads(snapshot.read_text(encoding="utf-8")))

    def sync(self, **kwargs: Any) -> Run:
        return self.run(apply=True, **kwargs)

    def issues(self) -> list[Any]:
        return self.fake.issues(REPO, pull_requests=False)

    def by_key(self) -> dict[str, list[Any]]:
        found: dict[str, list[Any]] = {}
        for issue in self.issues():
            for line in (issue.body or "").splitlines():
                if line.startswith("<!-- pm-pipeline:begin key="):
                    found.setdefault(line.split("key=")[1].split(" ")[0], []).append(issue)
        return found


@pytest.fixture
def harness(fake_github: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SyncHarness:
    monkeypatch.chdir(tmp_path)
    fake_github.add_repo(REPO)
    return SyncHarness(fake_github, tmp_path)
