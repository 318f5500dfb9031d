"""`pm-pipeline plan` and `pm-pipeline sync`: read the YAML and the tracker, plan, apply, report.

The only place of the sync that reads the environment, the disk and the clock.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TextIO

from pm_pipeline.files import check_paths
from pm_pipeline.config import Config, load_config
from pm_pipeline.errors import GitHubError, UsageError
from pm_pipeline.model import PostMortem
from pm_pipeline.rules.base import Context
from pm_pipeline.rules.selection import select_rules
from pm_pipeline.sync import render
from pm_pipeline.sync.apply import ApplyResult, apply_plan
from pm_pipeline.sync.desired import Links, desired_issues
from pm_pipeline.sync.observe import Observation, observe, trust_rule
from pm_pipeline.sync.plan import Plan, make_plan
from pm_pipeline.sync.snapshot import dump_snapshot, make_snapshot
from pm_pipeline.sync.store import IssueStore, Rejected, StopRun, WriteBudget

DEFAULT_API_URL = "https://api.github.com"
PR_EVENTS = ("pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment")
StoreFactory = Callable[[str, str, str, WriteBudget], IssueStore]


@dataclass(frozen=True)
class SyncOptions:
    paths: tuple[Path, ...] = ()
    output_format: str = "text"
    max_writes: int | None = None
    snapshot: Path | None = None
    config_path: Path | None = None
    repo: str | None = None
    api_url: str | None = None


def run_plan(
    options: SyncOptions,
    now: datetime,
    *,
    apply: bool,
    env: Mapping[str, str] | None = None,
    store_factory: StoreFactory | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    env = os.environ if env is None else env
    out, err = out or sys.stdout, err or sys.stderr
    if apply and env.get("GITHUB_EVENT_NAME") in PR_EVENTS:
        raise UsageError(
            f"sync writes issues and refuses to run on a {env['GITHUB_EVENT_NAME']} event; "
            "use `pm-pipeline plan` on pull requests"
        )
    config = load_config(options.config_path)
    repo = options.repo or env.get("GITHUB_REPOSITORY") or None
    api_url = (options.api_url or env.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/")
    token = env.get("GITHUB_TOKEN") or None
    max_writes = options.max_writes or config.sync.max_writes
    if max_writes < 1:
        raise UsageError("--max-writes must be at least 1")
    if repo is not None and repo.count("/") != 1:
        raise UsageError(f"--repo: `{repo}` is not owner/name")
    offline = not (token and repo)
    if apply and offline:
        raise UsageError("sync needs $GITHUB_TOKEN and a repository (--repo or $GITHUB_REPOSITORY)")

    postmortems, complete = load_postmortems(options.paths, config, now, err)
    links = Links(config.sync.site_url, f"{web_url(api_url)}/{repo}/blob/{config.sync.branch}" if repo else None)
    desired = desired_issues(postmortems, config, links)
    known = None if complete else {pm.id for pm in postmortems}

    store: IssueStore | None = None
    if offline:
        err.write("No $GITHUB_TOKEN or repository: planning offline against an empty tracker.\n")
        observation = Observation((), trust_rule(None))
        header = f"pm-pipeline plan (offline, {len(desired)} action items)"
    else:
        assert token is not None and repo is not None
        factory = store_factory or github_store
        store = factory(repo, token, api_url, WriteBudget(max_writes))
        try:
            observation = observe(store, desired, config.sync.label)
        except (StopRun, Rejected) as error:
            raise GitHubError(f"listing issues of {repo} failed: {error}") from None
        header = f"pm-pipeline plan for {repo} ({len(desired)} action items)"
    plan = make_plan(
        desired,
        observation.issues,
        trusted=observation.trusted,
        removed_label=config.sync.removed_label,
        known_postmortems=known,
    )
    out.write(render.FORMATS[options.output_format](plan, header))

    result: ApplyResult | None = None
    if apply:
        assert store is not None
        result = apply_plan(plan, store, label=config.sync.label, trusted=observation.trusted)
        (err if options.output_format == "json" else out).write(render.result_text(result))
    issues = result.issues if result is not None else plan.matched
    snapshot_path = options.snapshot or config.root / config.sync.snapshot
    snapshot = make_snapshot(desired, issues, plan.drift, now=now, repository=repo, offline=offline)
    _write(snapshot_path, dump_snapshot(snapshot))
    _report_to_actions(env, plan, result, header, snapshot_path)
    return 0 if result is None or result.ok else 1


def web_url(api_url: str) -> str:
    """The web address for an API address: api.github.com -> github.com, GHES host/api/v3 -> host."""
    if api_url.rstrip("/") == DEFAULT_API_URL:
        return "https://github.com"
    return api_url.rstrip("/").removesuffix("/api/v3")


def load_postmortems(
    paths: tuple[Path, ...], config: Config, now: datetime, err: TextIO
) -> tuple[list[PostMortem], bool]:
    """Post-mortems that pass the schema (first file wins for a repeated id); complete=False if any failed."""
    report = check_paths(
        paths or (config.root / config.postmortems,), select_rules(config, ("PM0",)), Context(now, config)
    )
    failed = [file.path for file in report.files if file.postmortem is None]
    err.writelines(
        f"{path}: skipped, it does not pass the schema (run `pm-pipeline check {path}`)\n" for path in failed
    )
    chosen: dict[str, PostMortem] = {}
    for pm in report.postmortems:
        chosen.setdefault(pm.id, replace(pm, source_path=_repo_path(pm.source_path, config.root)))
    return list(chosen.values()), not failed


def _repo_path(path: str, root: Path) -> str:
    candidate = Path(path).resolve()
    for base in (root.resolve(), Path.cwd()):
        if candidate.is_relative_to(base):
            return candidate.relative_to(base).as_posix()
    return Path(path).as_posix()


def github_store(repo: str, token: str, api_url: str, budget: WriteBudget) -> IssueStore:
    from pm_pipeline.sync.github_store import (
        GitHubStore,  # PyGithub costs ~200 ms: import on use
    )

    raw = os.environ.get("PM_PIPELINE_WRITE_INTERVAL", "1.0")
    try:
        interval = float(raw)
    except ValueError:
        raise UsageError(f"$PM_PIPELINE_WRITE_INTERVAL: `{raw}` is not a number of seconds") from None
    return GitHubStore(repo, token, api_url=api_url, budget=budget, write_interval=interval)


def _report_to_actions(
    env: Mapping[str, str], plan: Plan, result: ApplyResult | None, header: str, snapshot_path: Path
) -> None:
    markdown = render.markdown(plan, header, "This sync" if result is not None else "Merging this")
    if result is not None:
        markdown += "\n```\n" + render.result_text(result) + "```\n"
    if env.get("GITHUB_OUTPUT"):
        plan_path = snapshot_path.with_name("pm-plan.md")
        _write(plan_path, markdown)
        counts = _counts(plan, result)
        lines = [f"{name}={value}" for name, value in counts.items()]
        lines += [f"plan-path={plan_path}", f"snapshot-path={snapshot_path}"]
        with open(env["GITHUB_OUTPUT"], "a", encoding="utf-8") as stream:
            stream.write("\n".join(lines) + "\n")
    if env.get("GITHUB_STEP_SUMMARY"):
        with open(env["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as stream:
            stream.write(markdown + "\n")


def _counts(plan: Plan, result: ApplyResult | None) -> dict[str, int]:
    source: Plan | ApplyResult = plan if result is None else result
    return {
        "created": source.count("create"),
        "updated": source.count("update"),
        "closed": source.count("close"),
        "unchanged": plan.unchanged,
        "drift": plan.count("drift"),
    }


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")

__all__ = ["SyncOptions", "github_store", "load_postmortems", "run_plan", "web_url"]
