"""`pm-pipeline plan` and `pm-pipeline sync`: read the YAML and the tracker, plan, apply, report.

Reads the YAML and the tracker, writes the snapshot; the environment comes in as a `GitHubContext`.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TextIO

from pm_pipeline.actions_io import annotation_warning
from pm_pipeline.config import Config, load_config
from pm_pipeline.errors import GitHubError, UsageError
from pm_pipeline.files import check_paths
from pm_pipeline.github_context import DEFAULT_API_URL, PR_EVENTS, GitHubContext
from pm_pipeline.model import PostMortem
from pm_pipeline.result import CommandResult
from pm_pipeline.rules.base import Context
from pm_pipeline.rules.selection import select_rules
from pm_pipeline.sync import render
from pm_pipeline.sync.desired import Links, desired_issues
from pm_pipeline.sync.observe import Observation, observe
from pm_pipeline.sync.plan import Plan, duplicates_of, make_plan, match_issues
from pm_pipeline.sync.snapshot import dump_snapshot, make_snapshot
from pm_pipeline.tracker.change import Outcome
from pm_pipeline.tracker.executor import execute
from pm_pipeline.tracker.markers import find_block
from pm_pipeline.tracker.policy import WriteBudget
from pm_pipeline.tracker.report import budget_warning
from pm_pipeline.tracker.store import IssueStore, Rejected, StopRun
from pm_pipeline.tracker.trust import NOBODY, Trust, UnknownIdentity, guard, resolve

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
    github: GitHubContext,
    store_factory: StoreFactory | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> CommandResult:
    out, err = out or sys.stdout, err or sys.stderr
    if apply and github.on_pull_request:
        raise UsageError(
            f"sync writes issues and refuses to run on a {github.event_name} event; "
            "use `pm-pipeline plan` on pull requests"
        )
    config = load_config(options.config_path)
    repo, api_url, token = github.repository, github.api_url, github.token
    max_writes = options.max_writes or config.sync.max_writes
    if max_writes < 1:
        raise UsageError("--max-writes must be at least 1")
    offline = not github.online
    if apply and offline:
        raise UsageError("sync needs $GITHUB_TOKEN and a repository (--repo or $GITHUB_REPOSITORY)")

    postmortems, complete = load_postmortems(options.paths, config, now, err)
    if not postmortems and not complete:
        message = "Nothing to plan: no post-mortem passes the schema (every file was skipped; see above).\n"
        err.write(message)
        return CommandResult(1, {}, message, "sync" if apply else "plan")
    links = Links(config.sync.site_url, f"{github.repository_url}/blob/{config.sync.branch}" if repo else None)
    desired = desired_issues(postmortems, config, links)

    store: IssueStore | None = None
    if offline:
        err.write("No $GITHUB_TOKEN or repository: planning offline against an empty tracker.\n")
        observation = Observation((), NOBODY)
        header = f"pm-pipeline plan (offline, {len(desired)} action items)"
    else:
        assert token is not None and repo is not None
        factory = store_factory or functools.partial(github_store, write_interval=github.write_interval)
        store = factory(repo, token, api_url, WriteBudget(max_writes))
        try:
            trust = identity(store, github)
            observation = observe(store, desired, config.sync.label, trust)
        except (StopRun, Rejected) as error:
            raise GitHubError(f"listing issues of {repo} failed: {error}") from None
        header = f"pm-pipeline plan for {repo} ({len(desired)} action items)"
    plan = make_plan(
        desired,
        observation.issues,
        trusted=observation.trusted,
        removed_label=config.sync.removed_label,
        complete=complete,
        label=config.sync.label,
    )
    if store is not None:
        _guard(observation, plan, apply, err, config.sync.label)
    out.write(render.FORMATS[options.output_format](plan, header))

    result: Outcome | None = None
    if apply:
        assert store is not None
        result = execute(plan.writes, store, dict(plan.matched))
        settle_duplicates(result, store, config.sync.label, observation.trusted)
        (err if options.output_format == "json" else out).write(render.result_text(result))
        warn(budget_warning(result), github, out, err, options.output_format)
    issues = result.issues if result is not None else plan.matched
    snapshot_path = options.snapshot or config.root / config.sync.snapshot
    snapshot = make_snapshot(desired, issues, plan.drift, now=now, repository=repo, offline=offline)
    if apply or options.snapshot is not None or github.output_file:
        _write(snapshot_path, dump_snapshot(snapshot))
    else:  # a local plan leaves the repository as it was unless asked
        err.write(f"No snapshot written (pass --snapshot {config.sync.snapshot} to write one for the site).\n")
    markdown = render.markdown(plan, header, "This sync" if result is not None else "Merging this")
    if result is not None:
        markdown += "\n```\n" + render.result_text(result) + "```\n"
    outputs = {name: str(value) for name, value in _counts(plan, result).items()}
    outputs["snapshot"] = str(snapshot_path.resolve())
    if github.output_file:  # the plan as a file, for a later step to post on the pull request
        plan_path = snapshot_path.with_name("pm-plan.md")
        _write(plan_path, markdown)
        outputs["plan"] = str(plan_path.resolve())
    return CommandResult(0 if result is None or result.ok else 1, outputs, markdown + "\n", "sync" if apply else "plan")


def settle_duplicates(result: Outcome, store: IssueStore, label: str, trusted: Trust) -> None:
    """After creating issues, list once more: another run started at the same time may have created
    the same items. The oldest issue of each item is kept; each run closes only the newer issues it
    created itself, so two runs never close (or comment on) the same issue. Whichever of two
    issues is newer was created after the older one existed, so its run sees both. What this
    misses, the next run's plan closes."""
    created = {change.key for change in result.done if change.action == "create"}
    if not created or result.stopped:
        return
    ours = {result.issues[key].number for key in created if key in result.issues}
    try:
        listed = store.list_issues(label)
    except (StopRun, Rejected):
        return
    kept, _ = match_issues(listed, trusted)
    result.issues.update({key: issue for key, issue in kept.items() if key in created})
    closes = [change for change in duplicates_of(listed, created, trusted) if getattr(change, "number", 0) in ours]
    if not closes:
        return
    more = execute(closes, store)
    result.done += more.done
    result.failed += more.failed
    result.writes += more.writes
    result.stopped, result.budget_spent, result.skipped = more.stopped, more.budget_spent, more.skipped
    result.left_writes = more.left_writes


def identity(store: IssueStore, github: GitHubContext) -> Trust:
    """Whose markers this run trusts (see `tracker.trust`); asks GET /user at most once."""
    return resolve(store, setting=github.identity, in_actions=github.in_actions, earlier=github.trusted_authors)


def warn(message: str | None, github: GitHubContext, out: TextIO, err: TextIO, output_format: str) -> None:
    """A `::warning` annotation in Actions (on stdout, where the runner reads workflow commands,
    unless stdout carries JSON), a `warning:` line on stderr elsewhere."""
    if not message:
        return
    if github.in_actions:
        (err if output_format == "json" else out).write(annotation_warning("pm-pipeline", message) + "\n")
    else:
        err.write(f"warning: {message}\n")


def _guard(observation: Observation, plan: Plan, apply: bool, err: TextIO, label: str) -> None:
    """Only labelled issues count: labelling needs triage access, so a stranger's issue with a copied
    marker (found by the search) cannot stop a run."""
    labelled = [issue for issue in observation.issues if issue.has_label(label)]
    keys = [block.key if (block := find_block(issue.body)) else None for issue in labelled]
    try:
        guard(observation.trusted, labelled, keys, (change.key for change in plan.of("create")))
    except UnknownIdentity as error:
        if apply:
            raise
        err.write(f"warning: {error}\n")


def load_postmortems(
    paths: tuple[Path, ...], config: Config, now: datetime, err: TextIO
) -> tuple[list[PostMortem], bool]:
    """Post-mortems that pass the schema (first file wins for a repeated id); complete=False if any failed."""
    report = check_paths(
        paths or (config.root / config.postmortems,), select_rules(config, ("PM0",)), Context(now, config)
    )
    failed = [file.path for file in report.files if file.postmortem is None]
    err.writelines(
        f"{path}: skipped, it cannot be read or does not pass the schema (run `pm-pipeline check {path}`)\n"
        for path in failed
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


def github_store(repo: str, token: str, api_url: str, budget: WriteBudget, write_interval: float = 1.0) -> IssueStore:
    from pm_pipeline.tracker.github import GitHubStore  # PyGithub costs ~200 ms: import on use

    return GitHubStore(repo, token, api_url=api_url, budget=budget, write_interval=write_interval)


def _counts(plan: Plan, result: Outcome | None) -> dict[str, int]:
    source: Plan | Outcome = plan if result is None else result
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


__all__ = ["DEFAULT_API_URL", "PR_EVENTS", "SyncOptions", "github_store", "load_postmortems", "run_plan"]
