"""`pm-pipeline overdue`: read the post-mortems and the managed issues, plan the follow-up, report,
and with --apply carry the plan out through the same store, budget and retries as sync."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from pm_pipeline.checker import check_paths
from pm_pipeline.config import Config, load_config
from pm_pipeline.errors import UsageError
from pm_pipeline.model import PostMortem
from pm_pipeline.overdue.find import IssueState, find_overdue
from pm_pipeline.overdue.links import Links
from pm_pipeline.overdue.markers import is_digest, parse_tier_markers
from pm_pipeline.overdue.outcome import Outcome
from pm_pipeline.overdue.plan import ObservedDigest, Plan, make_plan
from pm_pipeline.overdue.report import REPORTERS, counts
from pm_pipeline.rules.base import Context
from pm_pipeline.rules.selection import select_rules
from pm_pipeline.sync.block import find_block
from pm_pipeline.sync.store import IssueStore, ObservedIssue

DEFAULT_API_URL = "https://api.github.com"
PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target")
StoreFactory = Callable[[str, str, str, int], IssueStore]


@dataclass(frozen=True)
class OverdueOptions:
    paths: tuple[Path, ...] = ()
    repo: str | None = None
    api_url: str = DEFAULT_API_URL
    apply: bool = False
    max_writes: int | None = None
    output_format: str = "text"
    config_path: Path | None = None


def run_overdue(options: OverdueOptions, now: datetime, environ: Mapping[str, str],
                stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr,
                make_store: StoreFactory | None = None) -> int:
    config = load_config(options.config_path)
    repo = options.repo or environ.get("GITHUB_REPOSITORY") or None
    token = environ.get("GITHUB_TOKEN") or None
    if options.apply:
        _check_may_write(repo, token, environ)
    postmortems, broken = _load(options.paths, config, now)
    stderr.writelines(f"pm-pipeline: {path} has errors (run `pm-pipeline check`); its items are left alone\n"
                      for path in broken)
    store = None
    if repo and token:
        budget = options.max_writes or config.sync.max_writes
        store = (make_store or _github_store)(repo, token, options.api_url, budget)
    elif not options.apply:
        stderr.write("pm-pipeline: no repository or GITHUB_TOKEN: reporting from the YAML alone\n")
    plan = plan_follow_up(postmortems, store, now, config, _links(repo, options.api_url, environ, config),
                          complete=not broken)
    outcome = _apply(plan, store) if options.apply and store is not None else None
    REPORTERS[options.output_format](plan, outcome, stdout)
    _write_outputs(plan, outcome, environ)
    return 0 if outcome is None or outcome.ok else 1


def plan_follow_up(postmortems: Sequence[PostMortem], store: IssueStore | None, now: datetime,
                   config: Config, links: Links, *, complete: bool = True) -> Plan:
    """Observe the tracker once (plus comments of items that may need one) and plan. No writes."""
    listed = store.list_issues(config.sync.label) if store is not None else []
    trusted = _trust(store, listed)
    issues = _issue_states(listed, trusted)
    if not complete:
        loaded = {pm.id for pm in postmortems}
        issues = {key: state for key, state in issues.items() if key.split("/")[0] in loaded}
    agenda = find_overdue(postmortems, issues, now, config)
    if store is not None and agenda.needing_comments():
        viewer = store.viewer()
        for number in agenda.needing_comments():
            key = next(key for key, state in issues.items() if state.number == number)
            comments = [c.body for c in store.list_comments(number)
                        if viewer is None or c.author.lower() == viewer.lower()]
            issues[key] = IssueState(number, key, issues[key].state, issues[key].labels, issues[key].url,
                                     parse_tier_markers(comments))
        agenda = find_overdue(postmortems, issues, now, config)
    digest = _digest(listed, trusted)
    return make_plan(agenda, digest, config.overdue, links, digest_labels=(config.sync.label,),
                     digest_known=store is not None)


def _check_may_write(repo: str | None, token: str | None, environ: Mapping[str, str]) -> None:
    event = environ.get("GITHUB_EVENT_NAME", "")
    if event in PULL_REQUEST_EVENTS:
        raise UsageError(f"--apply refused on a {event} event: follow-up writes run only from the default branch")
    if not repo:
        raise UsageError("--apply needs --repo OWNER/NAME (or $GITHUB_REPOSITORY)")
    if not token:
        raise UsageError("--apply needs a token in $GITHUB_TOKEN")


def _load(paths: tuple[Path, ...], config: Config, now: datetime) -> tuple[list[PostMortem], list[str]]:
    rules = select_rules(config, ("PM0",), ())
    report = check_paths(paths or (config.root / config.postmortems,), rules, Context(now, config))
    seen: dict[str, PostMortem] = {}
    for pm in report.postmortems:
        seen.setdefault(pm.id, pm)
    broken = [file.path for file in report.files if file.postmortem is None]
    return [_relative(pm, config.root) for pm in seen.values()], broken


def _relative(pm: PostMortem, root: Path) -> PostMortem:
    from dataclasses import replace

    try:
        path = Path(pm.source_path).resolve().relative_to(root.resolve())
    except ValueError:
        return pm
    return replace(pm, source_path=path.as_posix())


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
        states[block.key] = IssueState(issue.number, block.key, issue.state, frozenset(issue.labels), issue.url,
                                       markers_known=False)
    return states


def _digest(listed: list[ObservedIssue], trusted: Callable[[ObservedIssue], bool]) -> ObservedDigest | None:
    found = [issue for issue in listed if is_digest(issue.body) and trusted(issue)]
    if not found:
        return None
    issue = min(found, key=lambda issue: (issue.state != "open", issue.number))
    return ObservedDigest(issue.number, issue.title, issue.body, issue.state, issue.url)


def _links(repo: str | None, api_url: str, environ: Mapping[str, str], config: Config) -> Links:
    if not repo:
        return Links()
    server = environ.get("GITHUB_SERVER_URL") or _web_url(api_url)
    return Links(f"{server.rstrip('/')}/{repo}", config.sync.branch)


def _web_url(api_url: str) -> str:
    url = api_url.rstrip("/")
    if url == DEFAULT_API_URL:
        return "https://github.com"
    return url.removesuffix("/api/v3")


def _apply(plan: Plan, store: IssueStore) -> Outcome:
    from pm_pipeline.overdue.apply import apply_plan

    return apply_plan(plan, store)


def _github_store(repo: str, token: str, api_url: str, max_writes: int) -> IssueStore:
    from pm_pipeline.sync.github_store import GitHubStore
    from pm_pipeline.sync.store import WriteBudget

    return GitHubStore(repo, token, api_url=api_url, budget=WriteBudget(max_writes))


def _write_outputs(plan: Plan, outcome: Outcome | None, environ: Mapping[str, str]) -> None:
    numbers = counts(plan, outcome)
    output = environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as stream:
            stream.writelines(f"{name}={numbers[name]}\n" for name in ("overdue", "due-soon", "comments"))
    summary = environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as stream:
            REPORTERS["markdown"](plan, outcome, stream)
