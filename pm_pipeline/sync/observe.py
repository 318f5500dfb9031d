"""Read the tracker once: the managed issues, plus one marker search when an item's issue is
missing from the list (a person removed the label), so that no duplicate is created."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pm_pipeline.sync.block import SEARCH_PHRASE, find_block
from pm_pipeline.sync.desired import DesiredIssue
from pm_pipeline.sync.plan import Trust
from pm_pipeline.sync.store import IssueStore, ObservedIssue


@dataclass(frozen=True)
class Observation:
    issues: tuple[ObservedIssue, ...]
    trusted: Trust
    searched: bool = False


def trust_rule(viewer: str | None) -> Trust:
    """A marker counts only on an issue the tool can have created: one opened by the token's user
    or by a bot account (Actions' GITHUB_TOKEN and App tokens write as `<app>[bot]`, and may not
    ask who they are). People cannot open issues as a bot, so a marker a person copies into an
    issue is never trusted; moving between a personal token and GITHUB_TOKEN keeps the issues."""

    def trusted(issue: ObservedIssue) -> bool:
        return issue.author_is_bot or (viewer is not None and issue.author.lower() == viewer.lower())

    return trusted


def observe(store: IssueStore, desired: Sequence[DesiredIssue], label: str) -> Observation:
    listed = store.list_issues(label)
    trusted = trust_rule(store.viewer()) if listed or desired else trust_rule(None)
    found = {block.key for issue in listed if (block := find_block(issue.body)) and trusted(issue)}
    missing = [
        item
        for item in desired
        if item.state == "open" and item.key not in found and not found.intersection(item.previous_keys)
    ]
    if not missing:
        return Observation(tuple(listed), trusted)
    numbers = {issue.number for issue in listed}
    extra = [issue for issue in store.search_body(SEARCH_PHRASE) if issue.number not in numbers]
    return Observation(tuple(listed) + tuple(extra), trusted, searched=True)
