"""`pm-pipeline overdue`: read the post-mortems and the managed issues, plan the follow-up, report,
and with --apply carry the plan out through the same store, budget and retries as sync."""

from __future__ import annotations

import functools
import io
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TextIO

from pm_pipeline.commands.sync import github_store, identity, load_postmortems, warn
from pm_pipeline.config import Config, load_config
from pm_pipeline.errors import GitHubError, UsageError
from pm_pipeline.github_context import GitHubContext
from pm_pipeline.history_file import read_slips
from pm_pipeline.model import PostMortem
from pm_pipeline.overdue.find import Agenda, IssueState, find_overdue
from pm_pipeline.overdue.links import Links
from pm_pipeline.overdue.plan import ObservedDigest, Plan, make_plan
from pm_pipeline.overdue.report import REPORTERS, counts
from pm_pipeline.overdue.slips import Rescheduled, pick_rescheduled
from pm_pipeline.result import CommandResult
from pm_pipeline.tracker.change import Outcome
from pm_pipeline.tracker.executor import execute
from pm_pipeline.tracker.markers import find_block, is_digest
from pm_pipeline.tracker.policy import WriteBudget
from pm_pipeline.tracker.report import budget_warning
from pm_pipeline.tracker.store import IssueStore, ObservedIssue, Rejected, StopRun
from pm_pipeline.tracker.trust import NOBODY, Trust, guard

StoreFactory = Callable[[str, str, str, WriteBudget], IssueStore]


@dataclass(frozen=True)
class OverdueOptions:
    paths: tuple[Path, ...] = ()
    repo: str | None = None
    api_url: str | None = None
    apply: bool = False
    max_writes: int | None = None
    output_format: str = "text"
    config_path: Path | None = None


def run_overdue(
    options: OverdueOptions,
    now: datetime,
    github: GitHubContext,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
    make_store: StoreFactory | None = None,
) -> CommandResult:
    config = load_config(options.config_path)
    repo, api_url, token = github.repository, github.api_url, github.token
    max_writes = options.max_writes or config.sync.max_writes
    _check_options(options, github, max_writes)
    postmortems, complete = load_postmortems(options.paths, config, now, stderr)
    store = None
    if repo and token:
        factory = make_store or functools.partial(github_store, write_interval=github.write_interval)
        store = factory(repo, token, api_url, WriteBudget(max_writes))
    else:
        stderr.write("No $GITHUB_TOKEN or repository: reporting from the YAML alone.\n")
    links = Links(github.repository_url, config.sync.branch)
    try:
        trust = identity(store, github) if store is not None else NOBODY
        plan, listed = plan_follow_up(postmortems, store, now, config, links, complete=complete, trust=trust)
    except (StopRun, Rejected) as error:
        raise GitHubError(f"reading issues of {repo} failed: {error}") from None
    outcome: Outcome | None = None
    keys = [block.key if (block := find_block(issue.body)) else None for issue in listed]
    if options.apply and store is not None:
        # Every marker-bearing issue counts as one the run could duplicate (its digest, its view of
        # what was posted): stop before writing when none of them is the tool's own.
        guard(trust, listed, keys, [key for key in keys if key])
        outcome = execute(plan.changes, store)
        warn(budget_warning(outcome), github, stdout, stderr, options.output_format)
    elif store is not None and trust.identity is None and any(keys):
        stderr.write("warning: GET /user was refused, so no issue counts as pm-pipeline's: set PM_PIPELINE_IDENTITY\n")
    REPORTERS[options.output_format](plan, outcome, stdout)
    numbers = counts(plan, outcome)
    outputs = {name: str(numbers[name]) for name in ("overdue", "due-soon", "comments")}
    summary = io.StringIO()
    REPORTERS["markdown"](plan, outcome, summary)
    return CommandResult(0 if outcome is None or outcome.ok else 1, outputs, summary.getvalue(), "overdue")


def plan_follow_up(
    postmortems: Sequence[PostMortem],
    store: IssueStore | None,
    now: datetime,
    config: Config,
    links: Links,
    *,
    complete: bool = True,
    trust: Trust = NOBODY,
) -> tuple[Plan, list[ObservedIssue]]:
    """Observe the tracker with one listing (the tier state is in each issue's block) and plan.
    No writes, no comment reads."""
    listed = store.list_issues(config.sync.label) if store is not None else []
    issues = _issue_states(listed, trust)
    agenda = find_overdue(postmortems, issues, now, config, complete=complete)
    agenda = replace(agenda, rescheduled=_rescheduled(config, agenda))
    digest = _digest(listed, trust)
    plan = make_plan(
        agenda,
        digest,
        config.overdue,
        links,
        digest_labels=(config.sync.label,),
        digest_known=store is not None,
        trust=trust,
    )
    return plan, listed


def _rescheduled(config: Config, agenda: Agenda) -> tuple[Rescheduled, ...]:
    """Open items moved more than history.digest_moves times, from the history file when there is one."""
    slips, problem = read_slips(config)
    if problem:
        sys.stderr.write(f"{problem}; the digest has no rescheduled items\n")
    found = (Rescheduled(s.key, s.deadline_changes, s.first_deadline, s.deadline) for s in slips or ())
    return pick_rescheduled(found, (t.key for t in agenda.items if t.item.is_open), config.history.digest_moves)


def _check_options(options: OverdueOptions, github: GitHubContext, max_writes: int) -> None:
    if options.apply and github.on_pull_request:
        raise UsageError(
            f"overdue --apply refused on a {github.event_name} event: follow-up writes run only from the "
            "default branch; drop --apply to report"
        )
    if max_writes < 1:
        raise UsageError("--max-writes must be at least 1")
    if options.apply and not github.online:
        raise UsageError("overdue --apply needs $GITHUB_TOKEN and a repository (--repo or $GITHUB_REPOSITORY)")


def _issue_states(listed: list[ObservedIssue], trusted: Callable[[ObservedIssue], bool]) -> dict[str, IssueState]:
    """The oldest trusted issue per item key, as sync matches them."""
    states: dict[str, IssueState] = {}
    for issue in sorted(listed, key=lambda issue: (issue.created_at, issue.number)):
        block = find_block(issue.body)
        if block is None or block.key in states or not trusted(issue):
            continue
        reminded = frozenset({block.reminded} if block.reminded is not None else ())
        states[block.key] = IssueState(
            issue.number, block.key, issue.state, frozenset(issue.labels), issue.url, reminded
        )
    return states


def _digest(listed: list[ObservedIssue], trusted: Callable[[ObservedIssue], bool]) -> ObservedDigest | None:
    found = [issue for issue in listed if is_digest(issue.body) and trusted(issue)]
    if not found:
        return None
    issue = min(found, key=lambda issue: (issue.state != "open", issue.number))
    return ObservedDigest(issue.number, issue.title, issue.body, issue.state, issue.url)
