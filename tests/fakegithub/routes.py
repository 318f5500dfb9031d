"""Endpoint handlers: each takes the fake, the request and path parameters, returns a Response."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from . import render, search
from .http import HttpError, Request, Response, not_found, not_supplied, paginate, validation_failed
from .model import Issue, Repo, parse_iso

if TYPE_CHECKING:
    from .server import FakeGitHub

Handler = Callable[..., Response]
ROUTES: list[tuple[str, re.Pattern[str], Handler]] = []

STATE_REASONS = ("completed", "not_planned", "duplicate", "reopened")
_PARAM = re.compile(r"\{(\w+)\}")


def route(method: str, template: str) -> Callable[[Handler], Handler]:
    pattern = _PARAM.sub(lambda m: f"(?P<{m.group(1)}>[^/]+)", template)

    def register(fn: Handler) -> Handler:
        ROUTES.append((method, re.compile(f"^{pattern}$"), fn))
        return fn

    return register


def json_body(req: Request) -> Any:
    if not req.body.strip():
        return {}
    try:
        return json.loads(req.body)
    except ValueError:
        raise HttpError(400, "Problems parsing JSON") from None


def json_object(req: Request) -> dict[str, Any]:
    data = json_body(req)
    if not isinstance(data, dict):
        raise HttpError(400, "Problems parsing JSON")
    return data


def label_names(values: Any) -> list[str]:
    if isinstance(values, dict):
        values = values.get("labels", [])
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        raise validation_failed("Label", "labels", "invalid")
    names = [v.get("name", "") if isinstance(v, dict) else str(v) for v in values]
    return [n for n in names if n.strip()]


def _repo(fake: FakeGitHub, owner: str, repo: str) -> Repo:
    found = fake.find_repo(f"{unquote(owner)}/{unquote(repo)}")
    if found is None:
        raise not_found()
    return found


def _issue(fake: FakeGitHub, owner: str, repo: str, issue_number: str) -> tuple[Repo, Issue]:
    r = _repo(fake, owner, repo)
    it = r.issues.get(int(issue_number)) if issue_number.isdigit() else None
    if it is None:
        raise not_found()
    return r, it


def _issue_response(fake: FakeGitHub, req: Request, r: Repo, it: Issue, status: int = 200) -> Response:
    return Response(status, render.issue(req.urls, r, it))


def _since(req: Request, resource: str) -> datetime:
    try:
        return parse_iso(req.query["since"])
    except ValueError:
        raise validation_failed(resource, "since", "invalid", value=req.query["since"]) from None


def _check_choice(req: Request, name: str, choices: tuple[str, ...], default: str, resource: str) -> str:
    value = req.query.get(name, default)
    if value not in choices:
        raise validation_failed(resource, name, "invalid", value=value)
    return value


@route("GET", "/user")
def get_authenticated_user(fake: FakeGitHub, req: Request) -> Response:
    """The token's user; an installation token (a `[bot]` login, as in Actions) may not ask."""
    if fake.login.endswith("[bot]") or fake.user_forbidden:
        raise HttpError(403, "Resource not accessible by integration")
    profile = {"name": None, "company": None, "blog": "", "location": None, "email": None, "hireable": None,
               "bio": None, "public_repos": 0, "public_gists": 0, "followers": 0, "following": 0,
               "created_at": "2020-01-01T00:00:00Z", "updated_at": "2020-01-01T00:00:00Z"}
    return Response(200, {**render.user(req.urls, fake.login), **profile})


@route("GET", "/rate_limit")
def get_rate_limit(fake: FakeGitHub, req: Request) -> Response:
    resources = fake.rate_limits()
    return Response(200, {"resources": resources, "rate": resources["core"]})


@route("GET", "/repos/{owner}/{repo}")
def get_repo(fake: FakeGitHub, req: Request, owner: str, repo: str) -> Response:
    r = _repo(fake, owner, repo)
    open_count = sum(1 for it in r.issues.values() if it.state == "open" and not it.is_pull_request)
    return Response(200, render.repository(req.urls, r, open_count))


@route("GET", "/repos/{owner}/{repo}/issues")
def list_issues(fake: FakeGitHub, req: Request, owner: str, repo: str) -> Response:
    r = _repo(fake, owner, repo)
    state = _check_choice(req, "state", ("open", "closed", "all"), "open", "Issue")
    sort = _check_choice(req, "sort", ("created", "updated", "comments"), "created", "Issue")
    direction = _check_choice(req, "direction", ("asc", "desc"), "desc", "Issue")
    wanted = [n.strip().lower() for n in req.query.get("labels", "").split(",") if n.strip()]
    since = _since(req, "Issue") if req.query.get("since") else None
    creator = req.query.get("creator", "").lower()
    assignee = req.query.get("assignee", "")

    def keep(it: Issue) -> bool:
        if state != "all" and it.state != state:
            return False
        if any(w not in it.label_keys for w in wanted):
            return False
        if since is not None and it.updated_at < since:
            return False
        if creator and it.user.lower() != creator:
            return False
        if assignee == "none" and it.assignees:
            return False
        if assignee == "*" and not it.assignees:
            return False
        if assignee not in ("", "none", "*") and assignee.lower() not in {a.lower() for a in it.assignees}:
            return False
        return True

    def key(it: Issue) -> tuple[Any, int]:
        primary = {"created": it.created_at, "updated": it.updated_at, "comments": len(it.comments)}[sort]
        return primary, it.number

    shown = [it for it in r.issues.values() if keep(it) and fake.listed(it, "list")]
    items = sorted(shown, key=key, reverse=direction == "desc")
    page, headers = paginate(req, items)
    return Response(200, [render.issue(req.urls, r, it) for it in page], headers)


@route("POST", "/repos/{owner}/{repo}/issues")
def create_issue(fake: FakeGitHub, req: Request, owner: str, repo: str) -> Response:
    r = _repo(fake, owner, repo)
    data = json_object(req)
    title = data.get("title")
    if title is None or str(title).strip() == "":
        raise not_supplied("title") if title is None else validation_failed("Issue", "title", "missing_field")
    assignees = list(data.get("assignees") or [])
    if data.get("assignee"):
        assignees.insert(0, data["assignee"])
    for login in assignees:
        if not fake.can_assign(str(login)):
            raise validation_failed("Issue", "assignees", "invalid", value=str(login))
    it = fake.create_issue(
        r, title=str(title), body=data.get("body"), labels=label_names(data.get("labels") or []),
        assignees=assignees, user=fake.login,
    )
    it.hidden_reads = {"list": fake.listing_lag, "search": fake.search_lag}
    resp = _issue_response(fake, req, r, it, 201)
    resp.headers["Location"] = resp.body["url"]
    return resp


@route("GET", "/repos/{owner}/{repo}/issues/{issue_number}")
def get_issue(fake: FakeGitHub, req: Request, owner: str, repo: str, issue_number: str) -> Response:
    r, it = _issue(fake, owner, repo, issue_number)
    return _issue_response(fake, req, r, it)


@route("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}")
def update_issue(fake: FakeGitHub, req: Request, owner: str, repo: str, issue_number: str) -> Response:
    r, it = _issue(fake, owner, repo, issue_number)
    data = json_object(req)
    state = data.get("state")
    if state is not None and state not in ("open", "closed"):
        raise validation_failed("Issue", "state", "invalid", value=state)
    reason = data.get("state_reason")
    if reason is not None and reason not in STATE_REASONS:
        raise validation_failed("Issue", "state_reason", "invalid", value=reason)
    if "title" in data:
        if not data["title"] or not str(data["title"]).strip():
            raise validation_failed("Issue", "title", "missing_field")
        it.title = str(data["title"])
    if "body" in data:
        it.body = data["body"]
    if "labels" in data:
        it.labels = fake.ensure_labels(r, label_names(data["labels"] or []))
    if "assignees" in data:
        it.assignees = unique(data["assignees"] or [])
    elif "assignee" in data:
        it.assignees = [data["assignee"]] if data["assignee"] else []
    fake.set_state(it, state, reason)
    it.updated_at = fake.now()
    return _issue_response(fake, req, r, it)


def unique(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for v in values:
        seen.setdefault(str(v).lower(), str(v))
    return list(seen.values())


def _issue_labels(req: Request, r: Repo, it: Issue) -> list[dict[str, Any]]:
    return [render.label(req.urls, r, lab) for name in it.labels if (lab := r.label(name))]


@route("GET", "/repos/{owner}/{repo}/issues/{issue_number}/labels")
def list_issue_labels(fake: FakeGitHub, req: Request, owner: str, repo: str, issue_number: str) -> Response:
    r, it = _issue(fake, owner, repo, issue_number)
    page, headers = paginate(req, _issue_labels(req, r, it))
    return Response(200, page, headers)


@route("POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels")
def add_issue_labels(fake: FakeGitHub, req: Request, owner: str, repo: str, issue_number: str) -> Response:
    r, it = _issue(fake, owner, repo, issue_number)
    names = label_names(json_body(req))
    it.labels = fake.ensure_labels(r, it.labels + names)
    it.updated_at = fake.now()
    return Response(200, _issue_labels(req, r, it))


@route("PUT", "/repos/{owner}/{repo}/issues/{issue_number}/labels")
def set_issue_labels(fake: FakeGitHub, req: Request, owner: str, repo: str, issue_number: str) -> Response:
    r, it = _issue(fake, owner, repo, issue_number)
    it.labels = fake.ensure_labels(r, label_names(json_body(req)))
    it.updated_at = fake.now()
    return Response(200, _issue_labels(req, r, it))


@route("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels")
def clear_issue_labels(fake: FakeGitHub, req: Request, owner: str, repo: str, issue_number: str) -> Response:
    _, it = _issue(fake, owner, repo, issue_number)
    it.labels = []
    it.updated_at = fake.now()
    return Response(204)


@route("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}")
def remove_issue_label(
    fake: FakeGitHub, req: Request, owner: str, repo: str, issue_number: str, name: str
) -> Response:
    r, it = _issue(fake, owner, repo, issue_number)
    target = unquote(name).lower()
    if target not in it.label_keys:
        raise HttpError(404, "Label does not exist")
    it.labels = [n for n in it.labels if n.lower() != target]
    it.updated_at = fake.now()
    return Response(200, _issue_labels(req, r, it))


@route("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments")
def list_comments(fake: FakeGitHub, req: Request, owner: str, repo: str, issue_number: str) -> Response:
    r, it = _issue(fake, owner, repo, issue_number)
    comments = it.comments
    if req.query.get("since"):
        since = _since(req, "IssueComment")
        comments = [c for c in comments if c.updated_at >= since]
    page, headers = paginate(req, comments)
    return Response(200, [render.comment(req.urls, r, it, c) for c in page], headers)


@route("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments")
def create_comment(fake: FakeGitHub, req: Request, owner: str, repo: str, issue_number: str) -> Response:
    r, it = _issue(fake, owner, repo, issue_number)
    data = json_object(req)
    if "body" not in data:
        raise not_supplied("body")
    if not str(data["body"] or "").strip():
        raise validation_failed("IssueComment", "body", "missing_field")
    c = fake.create_comment(it, str(data["body"]), user=fake.login)
    body = render.comment(req.urls, r, it, c)
    return Response(201, body, {"Location": body["url"]})


@route("GET", "/repos/{owner}/{repo}/labels")
def list_labels(fake: FakeGitHub, req: Request, owner: str, repo: str) -> Response:
    r = _repo(fake, owner, repo)
    page, headers = paginate(req, sorted(r.labels.values(), key=lambda lab: lab.name.lower()))
    return Response(200, [render.label(req.urls, r, lab) for lab in page], headers)


@route("POST", "/repos/{owner}/{repo}/labels")
def create_label(fake: FakeGitHub, req: Request, owner: str, repo: str) -> Response:
    r = _repo(fake, owner, repo)
    data = json_object(req)
    name = str(data.get("name") or "").strip()
    if not name:
        raise not_supplied("name") if "name" not in data else validation_failed("Label", "name", "missing_field")
    color = str(data.get("color") or "ededed").lstrip("#")
    if not re.fullmatch(r"[0-9a-fA-F]{6}", color):
        raise validation_failed("Label", "color", "invalid")
    if r.label(name) is not None:
        raise validation_failed("Label", "name", "already_exists")
    lab = fake.add_label(r.full_name, name, color=color.lower(), description=data.get("description"))
    body = render.label(req.urls, r, lab)
    return Response(201, body, {"Location": body["url"]})


@route("GET", "/repos/{owner}/{repo}/labels/{name}")
def get_label(fake: FakeGitHub, req: Request, owner: str, repo: str, name: str) -> Response:
    r = _repo(fake, owner, repo)
    lab = r.label(unquote(name))
    if lab is None:
        raise not_found()
    return Response(200, render.label(req.urls, r, lab))


def _assignee_logins(req: Request) -> list[str]:
    data = json_object(req)
    logins = data.get("assignees", [])
    return [logins] if isinstance(logins, str) else [str(v) for v in logins]


@route("POST", "/repos/{owner}/{repo}/issues/{issue_number}/assignees")
def add_assignees(fake: FakeGitHub, req: Request, owner: str, repo: str, issue_number: str) -> Response:
    r, it = _issue(fake, owner, repo, issue_number)
    it.assignees = unique(it.assignees + _assignee_logins(req))[:10]
    it.updated_at = fake.now()
    return _issue_response(fake, req, r, it, 201)


@route("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/assignees")
def remove_assignees(fake: FakeGitHub, req: Request, owner: str, repo: str, issue_number: str) -> Response:
    r, it = _issue(fake, owner, repo, issue_number)
    gone = {login.lower() for login in _assignee_logins(req)}
    it.assignees = [a for a in it.assignees if a.lower() not in gone]
    it.updated_at = fake.now()
    return _issue_response(fake, req, r, it)


@route("GET", "/repos/{owner}/{repo}/assignees/{assignee}")
def check_assignee(fake: FakeGitHub, req: Request, owner: str, repo: str, assignee: str) -> Response:
    _repo(fake, owner, repo)
    if not fake.can_assign(assignee):
        raise not_found()
    return Response(204)


@route("GET", "/search/issues")
def search_issues(fake: FakeGitHub, req: Request) -> Response:
    q = req.query.get("q", "")
    if not q.strip():
        raise validation_failed("Search", "q", "missing")
    sort = req.query.get("sort", "")
    order = _check_choice(req, "order", ("asc", "desc"), "desc", "Search")
    query = search.parse(q)
    repos = [r for r in fake.all_repos() if not query.repos or r.full_name.lower() in query.repos]
    hits = [(r, it) for r in repos for it in r.issues.values() if search.matches(query, it)]
    hits = [(r, it) for r, it in hits if fake.listed(it, "search")]

    def key(pair: tuple[Repo, Issue]) -> tuple[Any, int]:
        it = pair[1]
        primary = {"created": it.created_at, "updated": it.updated_at, "comments": len(it.comments)}.get(sort, 0)
        return primary, it.id

    hits.sort(key=key, reverse=order == "desc")
    page, headers = paginate(req, hits[:1000])
    items = [render.search_item(req.urls, r, it) for r, it in page]
    body = {"total_count": len(hits), "incomplete_results": False, "search_type": "lexical", "items": items}
    return Response(200, body, headers)


def resolve(method: str, path: str) -> tuple[Handler, dict[str, str]] | None:
    for verb, pattern, fn in ROUTES:
        m = pattern.match(path)
        if m and verb == method:
            return fn, m.groupdict()
    return None


