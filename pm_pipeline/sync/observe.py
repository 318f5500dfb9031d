"""Read the tracker once: the managed issues, plus one marker search when an item's issue is
missing from the list (a person removed the label), so that no duplicate is created."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pm_pipeline.sync.desired import DesiredIssue
from pm_pipeline.tracker.markers import SEARCH_PHRASE, find_block
from pm_pipeline.tracker.store import IssueStore, ObservedIssue
from pm_pipeline.tracker.trust import Trust


@dataclass(frozen=True)
class Observation:
    issues: tuple[ObservedIssue, ...]
    trusted: Trust
    searched: bool = False


def observe(store: IssueStore, desired: Sequence[DesiredIssue], label: str, trust: Trust) -> Observation:
    listed = store.list_issues(label)
    found = {block.key for issue in listed if (block := find_block(issue.body)) and trust(issue)}
    missing = [
        item
        for item in desired
        if item.state == "open" and item.key not in found and not found.intersection(item.previous_keys)
    ]
    if not missing:
        return Observation(tuple(listed), trust)
    numbers = {issue.number for issue in listed}
    # Only issues that lost the label can be missing from the listing: search for those alone, so a
    # first sync of many items costs one search request per run, not a page per 100 managed issues.
    found_extra = store.search_body(SEARCH_PHRASE, without_label=label)
    extra = [issue for issue in found_extra if issue.number not in numbers]
    return Observation(tuple(listed) + tuple(extra), trust, searched=True)
