"""A repository with post-mortems on disk and its issues in the fake GitHub, for follow-up runs."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
import yaml

from pm_pipeline.cli import parse_now
from pm_pipeline.actions_io import publish
from pm_pipeline.commands.overdue import OverdueOptions, run_overdue
from pm_pipeline.github_context import GitHubContext
from pm_pipeline.loader import load_yaml
from pm_pipeline.tracker.github import GitHubStore
from pm_pipeline.tracker.policy import RetryPolicy, WriteBudget
from pm_pipeline.tracker.store import IssueStore
from tests.fakegithub import FakeGitHub
from tests.fakegithub.model import Issue

REPO = "acme/app"
PM_ID = "PM-2025-02-09-api-degradation"
DEMO = Path(__file__).parents[2] / "postmortems" / "2025-02-09-api-degradation.yaml"
BOT = "github-actions[bot]"


def fast_store(repo: str, token: str, api_url: str, budget: WriteBudget) -> IssueStore:
    """The real GitHub store, without the one-second spacing of writes and with instant retries."""
    return GitHubStore(repo, token, api_url=api_url, budget=budget,
                       retry=RetryPolicy(sleep=lambda seconds: None), write_interval=0)


class World:
    """Post-mortem files under `root`, issues in `fake`; `run(day)` is one scheduled follow-up run."""

    def __init__(self, root: Path, fake: FakeGitHub) -> None:
        self.root = root
        self.fake = fake
        self.folder = root / "postmortems"
        self.folder.mkdir()
        self.config_path = root / "pm-pipeline.yml"
        self.config_path.write_text("sync:\n  max_writes: 500\n", encoding="utf-8")
        self.template = load_yaml(str(DEMO), DEMO.read_bytes()).data
        self.last_report: dict[str, Any] = {}
        self.last_code = 0

    def write(self, items: list[dict[str, Any]], **fields: Any) -> Path:
        data = deepcopy(self.template)
        data.update(fields)
        data["action_items"] = items
        path = self.folder / f"{data['id'].removeprefix('PM-')}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return path

    def sync(self, max_writes: int = 500) -> None:
        """Create and update the issues with the sync command's own code, as a push to main would."""
        from pm_pipeline.commands.sync import SyncOptions, run_plan

        options = SyncOptions((self.folder,), "json", max_writes, self.root / "pm-status.json", self.config_path, REPO,
                              self.fake.base_url)
        out, err = io.StringIO(), io.StringIO()
        code = run_plan(options, parse_now("2025-02-10"), apply=True, github=GitHubContext.from_env(
            {"GITHUB_TOKEN": "token", "GITHUB_ACTIONS": "true"}, REPO, self.fake.base_url), store_factory=fast_store, out=out, err=err).exit_code
        assert code == 0, err.getvalue()

    def run(self, day: str, *, apply: bool = True, max_writes: int | None = None,
            environ: dict[str, str] | None = None) -> dict[str, Any]:
        """One run at 06:00 UTC of `day`; returns the JSON report and keeps the exit code."""
        out, err = io.StringIO(), io.StringIO()
        options = OverdueOptions((self.folder,), REPO, self.fake.base_url, apply, max_writes, "json",
                                 self.config_path)
        env = {"GITHUB_TOKEN": "token", "GITHUB_ACTIONS": "true", **(environ or {})}
        github = GitHubContext.from_env(env, REPO, self.fake.base_url)
        result = run_overdue(options, parse_now(f"{day}T06:00:00"), github, out, err, fast_store)
        publish(result, github)  # as the CLI does after every command
        self.last_code = result.exit_code
        self.last_err = err.getvalue()
        self.last_report = json.loads(out.getvalue())
        return self.last_report

    def issue(self, item_id: str, pm_id: str = PM_ID) -> Issue:
        marker = f"<!-- pm-pipeline:begin key={pm_id}/{item_id} -->"
        (found,) = [it for it in self.fake.issues(REPO) if marker in (it.body or "")]
        return found

    def labels(self, item_id: str) -> set[str]:
        return {label for label in self.issue(item_id).labels if label in ("overdue", "due-soon")}

    def markers(self, item_id: str) -> list[str]:
        """The tier markers on an item's issue, in posting order, as `deadline/tier`."""
        import re

        found = []
        for comment in self.fake.comments(REPO, self.issue(item_id).number):
            found += [f"{m[1]}/{m[2]}" for m in re.finditer(r"deadline=(\S+) tier=(\d+)", comment.body)]
        return found

    def digests(self) -> list[Issue]:
        return [it for it in self.fake.issues(REPO) if "<!-- pm-pipeline:digest -->" in (it.body or "")]

    def writes_during(self, day: str, **kwargs: Any) -> int:
        before = self.fake.write_count
        self.run(day, **kwargs)
        return self.fake.write_count - before


def item(item_id: str, deadline: str, owner: str = "@alice", priority: str = "medium", *,
         status: str = "open", sponsor: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item_id, "action": f"Add db_pool_wait_seconds alert number {item_id[-3:]} to the public-api dashboard",
        "owner": owner, "deadline": deadline, "priority": priority, "type": "detect", "status": status,
    }
    if sponsor:
        data["sponsor"] = sponsor
    if status == "done":
        data["evidence"] = "https://github.com/acme/app/pull/1"
    return data


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    # Actions' GITHUB_TOKEN acts as github-actions[bot]; sync trusts markers on bot-authored issues.
    with FakeGitHub(login=BOT) as server:
        server.add_repo(REPO)
        yield server


@pytest.fixture
def world(tmp_path: Path, fake: FakeGitHub) -> World:
    return World(tmp_path, fake)
