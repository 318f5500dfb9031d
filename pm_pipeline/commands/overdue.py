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

from pm_pipeline.commands.sync import github_store, load_postmortems
from pm_pipeline.config import Config, load_config
from pm_pipeline.errors import GitHubError, UsageError
from pm_pipeline.github_context import GitHubContext
from pm_pipeline.history_file import read_slips
from pm_pipeline.model import PostMortem
from pm_pipeline.overdue.find import Agenda, IssueState, find_overdue
from pm_pipeline.overdue.links import Links
from pm_pipeline.overdue.markers import is_digest, parse_tier_markers
from pm_pipeline.overdue.outcome import Outcome
from pm_pipeline.overdue.plan import ObservedDigest, Plan, make_plan
from pm_pipeline.overdue.report import REPORTERS, counts
from pm_pipeline.overdue.slips import Rescheduled, pick_rescheduled
from pm_pipeline.result import CommandResult
from pm_pipeline.sync.block import find_block
from pm_pipeline.sync.store import (
    IssueStore,
    ObservedIssue,
    Rejected,
    StopRun,
    WriteBudget,
)

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
        plan = plan_follow_up(postmortems, store, now, config, links, complete=complete)
    except (StopRun, Rejected) as error:
        raise GitHubError(f"reading issues of {repo} failed: {error}") from None
    outcome = _apply(plan, store) if options.apply and store is not None else None
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
) -> Plan:
    """Observe the tracker once (plus comments of items that may need one) and plan. No writes."""
    listed = store.list_issues(config.sync.label) if store is not None else []
    trusted = _trust(store, listed)
    issues = _issue_states(listed, trusted)
    agenda = find_overdue(postmortems, issues, now, config, complete=complete)
    if store is not None and agenda.needing_comments():
        viewer = store.viewer()
        for key in agenda.needing_comments():
            state = issues[key]
            comments = [
                c.body
                for c in store.list_comments(state.number)
                if viewer is None or c.author.lower() == viewer.lower()
            ]
            issues[key] = replace(state, markers=parse_tier_markers(comments), markers_known=True)
        agenda = find_overdue(postmortems, issues, now, config, complete=complete)
    agenda = replace(agenda, rescheduled=_rescheduled(config, agenda))
    digest = _digest(listed, trusted)
    return make_plan(
        agenda, digest, config.overdue, links, digest_labels=(config.sync.label,), digest_known=store is not None
    )


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


def _trust(store: IssueStore | None, listed: list[ObservedIssue]) -> Callable[[ObservedIssue], bool]:
    if store is None or not listed:
        return lambda issue: False
    from pm_pipeline.sync.observe import trust_rule

    return trust_rule(store.viewer())


def _issue_states(listed: list[ObservedIssue], trusted: Callable[[ObservedIssue], bool]) -> dict[str, IssueState]:
    """The oldest trusted issue per item key, as sync matches them."""
    states: dict[str, IssueState] = {}
    for issue in sorted(listed, key=lambda issue: (issue.created_at, issue.number)):
        block = find_block(issue.body)
        if block is None or block.key in states or not trusted(issue):
            continue
        states[block.key] = IssueState(
            issue.number, block.key, issue.state, frozenset(issue.labels), issue.url, markers_known=False
        )
    return states


def _digest(listed: list[ObservedIssue], trusted: Callable[[ObservedIssue], bool]) -> ObservedDigest | None:
    found = [issue for issue in listed if is_digest(issue.body) and trusted(issue)]
    if not found:
        return None
    issue = min(found, key=lambda issue: (issue.state != "open", issue.number))
    return ObservedDigest(issue.number, issue.title, issue.body, issue.state, issue.url)


def _apply(plan: Plan, store: IssueStore) -> Outcome:
    from pm_pipeline.overdue.apply import apply_plan

    return apply_plan(plan, store)
