"""Whose markers count: exactly the identity the tool writes as.

A marker (the block of an issue body, a tier marker in a comment) is trusted only on an issue or
comment whose author is the identity pm-pipeline writes as, plus any earlier identities the
operator lists (after moving from one token to another). The identity comes from, in order:

1. `PM_PIPELINE_IDENTITY` (the login the token writes as, e.g. `my-app[bot]` for a GitHub App);
2. `GET /user` (personal tokens);
3. inside GitHub Actions, when `GET /user` is refused: `github-actions[bot]`, the author of
   every write made with the workflow's `GITHUB_TOKEN`.

When none applies the identity is unknown; `guard` then stops a run before its first write if
any issue carries a marker, rather than guess and create duplicates. It also stops a run that
would create issues while every marker-bearing issue was opened by someone else (the token
changed): both cases name the authors found and the setting that resolves it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pm_pipeline.errors import GitHubError
from pm_pipeline.github_context import IDENTITY_ENV, TRUSTED_ENV
from pm_pipeline.tracker.store import IssueComment, IssueStore, ObservedIssue

ACTIONS_BOT = "github-actions[bot]"


class UnknownIdentity(GitHubError):
    """The run cannot tell which issues pm-pipeline wrote; it stopped before writing."""

    exit_code = 2


@dataclass(frozen=True)
class Trust:
    """The logins whose markers count; `identity` is the one this run writes as (None: unknown)."""

    identity: str | None = None
    earlier: frozenset[str] = frozenset()
    source: str = "unknown"

    @property
    def authors(self) -> frozenset[str]:
        named = {self.identity} if self.identity else set()
        return frozenset(login.lower() for login in named | self.earlier)

    def __call__(self, issue: ObservedIssue) -> bool:
        return issue.author.lower() in self.authors

    def comment(self, comment: IssueComment) -> bool:
        return comment.author.lower() in self.authors


NOBODY = Trust()


def resolve(store: IssueStore, *, setting: str | None, in_actions: bool, earlier: Iterable[str] = ()) -> Trust:
    """The identity of this run (see the module docstring for the order)."""
    extra = frozenset(login.strip().lower() for login in earlier if login.strip())
    if setting:
        return Trust(setting.strip(), extra, IDENTITY_ENV)
    viewer = store.viewer()
    if viewer:
        return Trust(viewer, extra, "GET /user")
    if in_actions:
        return Trust(ACTIONS_BOT, extra, "GitHub Actions")
    return Trust(None, extra, "unknown")


def guard(
    trust: Trust, issues: Iterable[ObservedIssue], keys: Iterable[str | None], will_create: Iterable[str]
) -> None:
    """Raise UnknownIdentity before any write when trusting `trust` could create duplicates.

    keys: the marker key of each issue (None when it has none), in the order of `issues`."""
    marked = [(issue, key) for issue, key in zip(issues, keys, strict=True) if key]
    if not marked:
        return
    authors = sorted({issue.author for issue, _ in marked})
    if trust.identity is None:
        raise UnknownIdentity(
            f"cannot tell which issues pm-pipeline opened: GET /user was refused and {len(marked)} issue(s) "
            f"carry pm-pipeline markers (opened by {', '.join('@' + a for a in authors)}). Set "
            f"{IDENTITY_ENV} to the login this token writes as; nothing was written"
        )
    if any(trust(issue) for issue, _ in marked):
        return
    creating = set(will_create)
    clash = sorted({key for issue, key in marked if key in creating})
    if clash:
        raise UnknownIdentity(
            f"{len(marked)} issue(s) carry pm-pipeline markers but none was opened by @{trust.identity} "
            f"(the identity this run writes as, from {trust.source}); they were opened by "
            f"{', '.join('@' + a for a in authors)}. If pm-pipeline opened them with another token, list those "
            f"logins in {TRUSTED_ENV}; nothing was written (it would have duplicated {clash[0]}"
            f"{f' and {len(clash) - 1} more' if len(clash) > 1 else ''})"
        )
