"""GitHubStore: the IssueStore over GitHub's REST API. The only module that imports PyGithub.

PyGithub supplies authentication, the connection and its exceptions; requests go through its
Requester so that every page and every write gets our own retry policy and write budget, and
listing follows the `Link` headers GitHub sends. PyGithub's own retries are turned off
(`retry=0`): a create must never be retried blindly.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import github
import requests
from github import Auth, Github, GithubException

from pm_pipeline.tracker.policy import Failure, RetryPolicy, WriteBudget
from pm_pipeline.tracker.store import IssueComment, ObservedIssue, Rejected, UncertainWrite

DEFAULT_API_URL = "https://api.github.com"
PER_PAGE = 100
_NEXT = re.compile(r'<([^>]+)>;\s*rel="next"')
_EPOCH = datetime.fromtimestamp(0, UTC)  # GitHub always sends created_at; never the clock
_SECONDARY = ("secondary rate limit", "please retry your request again later", "abuse")


class GitHubStore:
    """Issues of one repository. `write_interval` spaces writes (GitHub asks for about one a second)."""

    def __init__(
        self,
        repository: str,
        token: str,
        *,
        api_url: str = DEFAULT_API_URL,
        budget: WriteBudget | None = None,
        retry: RetryPolicy | None = None,
        timeout: int = 15,
        write_interval: float = 1.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._repository = repository
        self._budget = budget or WriteBudget(50)
        self.retry = retry or RetryPolicy()
        self._clock = clock
        self._viewer: str | None | bool = False  # False: not asked yet
        client = Github(
            auth=Auth.Token(token),
            base_url=api_url.rstrip("/"),
            timeout=timeout,
            retry=0,
            per_page=PER_PAGE,
            seconds_between_requests=0,
            seconds_between_writes=write_interval,
        )
        self._requester = client.requester
        self._path = f"/repos/{repository}"
        self._assignable: dict[str, bool] = {}

    @property
    def repository(self) -> str | None:
        return self._repository

    @property
    def budget(self) -> WriteBudget:
        return self._budget

    # reads

    def viewer(self) -> str | None:
        if self._viewer is False:
            try:
                _, data = self._read("GET", "/user")
                self._viewer = str(data["login"])
            except Rejected:
                self._viewer = None  # installation tokens (Actions' GITHUB_TOKEN) may not read /user
        return self._viewer if isinstance(self._viewer, str) else None

    def get_issue(self, number: int) -> ObservedIssue:
        _, data = self._read("GET", f"{self._path}/issues/{number}")
        return _required(_issue(data))

    def list_issues(self, label: str) -> list[ObservedIssue]:
        params = {"labels": label, "state": "all", "sort": "created", "direction": "asc", "per_page": PER_PAGE}
        return [issue for item in self._pages(f"{self._path}/issues", params) if (issue := _issue(item))]

    def recent_issues(self, label: str) -> list[ObservedIssue]:
        params = {"labels": label, "state": "all", "sort": "created", "direction": "desc", "per_page": PER_PAGE}
        _, data = self._read("GET", f"{self._path}/issues", params)
        return [issue for item in data if (issue := _issue(item))]

    def search_body(self, phrase: str, without_label: str | None = None) -> list[ObservedIssue]:
        query = f'"{phrase}" repo:{self._repository} is:issue in:body'
        if without_label:
            query += f' -label:"{without_label}"'
        found: list[ObservedIssue] = []
        for page in self._page_bodies("/search/issues", {"q": query, "per_page": PER_PAGE}):
            found.extend(issue for item in page["items"] if (issue := _issue(item)))
        return found

    def can_assign(self, login: str) -> bool:
        if login not in self._assignable:
            try:
                self._read("GET", f"{self._path}/assignees/{_quote(login)}")
                self._assignable[login] = True
            except Rejected as error:
                # 404: not assignable. Anything else: let the create decide (it drops the assignee on 422).
                self._assignable[login] = error.status != 404
        return self._assignable[login]

    def pause(self, attempt: int) -> bool:
        if attempt > len(self.retry.settle):
            return False
        wait = self.retry.settle[attempt - 1]
        self.retry.slept.append(wait)
        self.retry.sleep(wait)
        return True

    def list_comments(self, number: int) -> list[IssueComment]:
        items = self._pages(f"{self._path}/issues/{number}/comments", {"per_page": PER_PAGE})
        return [_comment(item) for item in items]

    # writes

    def create_issue(self, title: str, body: str, labels: Sequence[str], assignees: Sequence[str]) -> ObservedIssue:
        payload = {"title": title, "body": body, "labels": list(labels), "assignees": list(assignees)}
        data = self._write("POST", f"{self._path}/issues", payload, idempotent=False)
        return _required(_issue(data))

    def edit_issue(
        self,
        number: int,
        *,
        title: str | None = None,
        body: str | None = None,
        state: str | None = None,
        state_reason: str | None = None,
    ) -> ObservedIssue:
        fields = {"title": title, "body": body, "state": state, "state_reason": state_reason}
        payload = {name: value for name, value in fields.items() if value is not None}
        return _required(_issue(self._write("PATCH", f"{self._path}/issues/{number}", payload)))

    def add_labels(self, number: int, labels: Sequence[str]) -> None:
        if labels:
            self._write("POST", f"{self._path}/issues/{number}/labels", {"labels": list(labels)})

    def remove_label(self, number: int, label: str) -> None:
        try:
            self._write("DELETE", f"{self._path}/issues/{number}/labels/{_quote(label)}")
        except Rejected as error:
            if error.status != 404:  # already gone, maybe by our own attempt before a dropped connection
                raise

    def create_comment(self, number: int, body: str) -> IssueComment:
        data = self._write("POST", f"{self._path}/issues/{number}/comments", {"body": body}, idempotent=False)
        return _comment(data)

    # plumbing

    def _read(self, verb: str, url: str, params: dict[str, Any] | None = None) -> tuple[dict[str, Any], Any]:
        return self.retry.run(lambda: self._request(verb, url, params), self._classify)

    def _write(self, verb: str, url: str, payload: dict[str, Any] | None = None, *, idempotent: bool = True) -> Any:
        self._budget.spend()
        if idempotent:
            return self.retry.run(lambda: self._request(verb, url, None, payload), self._classify)[1]
        return self.retry.run(lambda: self._uncertain(verb, url, payload), self._classify)[1]

    def _uncertain(self, verb: str, url: str, payload: dict[str, Any] | None) -> tuple[dict[str, Any], Any]:
        """A non-idempotent request: rate limits (the request was refused) may be retried; anything
        that might have been carried out becomes UncertainWrite for the caller to check."""
        try:
            return self._request(verb, url, None, payload)
        except Exception as error:
            failure = self._classify(error)
            if failure is not None and failure.kind in ("server", "connection"):
                raise UncertainWrite(f"{verb} {url}: {failure.message}; it may have been carried out") from error
            raise

    def _request(
        self, verb: str, url: str, params: dict[str, Any] | None = None, payload: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], Any]:
        try:
            headers, data = self._requester.requestJsonAndCheck(verb, url, parameters=params, input=payload)
        except GithubException as error:
            if self._classify(error) is None:
                raise _rejected(verb, url, error) from None
            raise
        return {key.lower(): value for key, value in (headers or {}).items()}, data

    def _pages(self, url: str, params: dict[str, Any]) -> Iterator[Any]:
        for page in self._page_bodies(url, params):
            yield from page

    def _page_bodies(self, url: str, params: dict[str, Any]) -> Iterator[Any]:
        next_url: str | None = url
        query: dict[str, Any] | None = params
        while next_url is not None:
            headers, data = self._read("GET", next_url, query)
            yield data
            found = _NEXT.search(str(headers.get("link", "")))
            next_url, query = (found.group(1), None) if found else (None, None)

    def _classify(self, error: Exception) -> Failure | None:
        if isinstance(error, requests.exceptions.RequestException):
            return Failure("connection", f"{type(error).__name__}: {error}")
        if not isinstance(error, GithubException):
            return None
        status = error.status
        headers = {key.lower(): value for key, value in (error.headers or {}).items()}
        message = _message(error)
        if status in (403, 429):
            if "retry-after" in headers:
                return Failure("secondary", f"secondary rate limit ({status})", _seconds(headers["retry-after"]))
            if headers.get("x-ratelimit-remaining") == "0":
                reset = _seconds(headers.get("x-ratelimit-reset", ""))
                wait = None if reset is None else max(0.0, reset - self._clock()) + 1
                return Failure("primary", "API rate limit exhausted", wait)
            if status == 429 or any(text in message.lower() for text in _SECONDARY):
                return Failure("secondary", f"secondary rate limit ({status})")
            return None
        if status >= 500:
            return Failure("server", f"GitHub answered {status}")
        return None


def _issue(data: dict[str, Any]) -> ObservedIssue | None:
    if "pull_request" in data:
        return None
    user = data.get("user") or {}
    return ObservedIssue(
        number=int(data["number"]),
        url=str(data.get("html_url") or data.get("url") or ""),
        title=str(data.get("title") or ""),
        body=str(data.get("body") or ""),
        state=str(data["state"]),
        state_reason=data.get("state_reason"),
        created_at=_timestamp(data.get("created_at")) or _EPOCH,
        closed_at=_timestamp(data.get("closed_at")),
        labels=tuple(str(label["name"]) for label in data.get("labels") or ()),
        assignees=tuple(str(user_["login"]) for user_ in data.get("assignees") or ()),
        author=str(user.get("login") or ""),
        author_is_bot=user.get("type") == "Bot",
    )


def _required(issue: ObservedIssue | None) -> ObservedIssue:
    if issue is None:
        raise Rejected("GitHub answered with a pull request where an issue was expected", 422)
    return issue


def _comment(data: dict[str, Any]) -> IssueComment:
    return IssueComment(
        int(data["id"]),
        str(data.get("body") or ""),
        str((data.get("user") or {}).get("login", "")),
        _timestamp(data.get("created_at")) or _EPOCH,
    )


def _timestamp(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).astimezone(UTC) if text else None


def _seconds(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _message(error: GithubException) -> str:
    data = error.data
    return str(data.get("message", "")) if isinstance(data, dict) else str(data or "")


def _rejected(verb: str, url: str, error: GithubException) -> Rejected:
    data = error.data if isinstance(error.data, dict) else {}
    fields = tuple(str(item.get("field", "")) for item in data.get("errors") or () if isinstance(item, dict))
    hint = " (check GITHUB_TOKEN)" if isinstance(error, github.BadCredentialsException) else ""
    return Rejected(f"{verb} {url}: GitHub answered {error.status}: {_message(error)}{hint}", error.status, fields)


def _quote(label: str) -> str:
    from urllib.parse import quote

    return quote(label, safe="")
