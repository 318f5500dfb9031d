"""FakeGitHub: a stateful fake of the GitHub REST API served on 127.0.0.1 from a background thread."""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from . import routes
from .faults import PERFORMS_ACTION, Fault, FaultPlan
from .http import HttpError, Request, RequestRecord, Response
from .model import Comment, Issue, Label, Repo, utcnow
from .render import DOCS, Urls, error

GHES_PREFIX = "/api/v3"
READS = ("GET", "HEAD")
LIMITS = {"core": 5000, "search": 30, "graphql": 5000, "integration_manifest": 5000, "code_search": 10}
SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
    "If you reach out to GitHub Support for help, please include the request ID {rid}."
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeGitHub

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: injected resets and clients that hang up are expected; real crashes land in fake.errors."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the fake keeps its own request log (fake.requests)."""

    def setup(self) -> None:
        super().setup()
        # Headers and body go out as two writes; without NODELAY, Nagle and delayed ACKs add ~40 ms each.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _serve(self) -> None:
        self.server.fake._serve(self)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = do_HEAD = _serve

    def finish(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # the connection may already be reset on purpose
            super().finish()


class FakeGitHub:
    def __init__(self, *, login: str = "pm-bot") -> None:
        self.login = login
        self.user_forbidden = False  # GET /user answers 403, as for App and some fine-grained tokens
        self.now: Callable[[], datetime] = utcnow
        self.requests: list[RequestRecord] = []
        self.errors: list[BaseException] = []
        self.faults = FaultPlan()
        # Eventual consistency: an issue created through the API is missing from the next
        # `listing_lag` issue listings and the next `search_lag` searches.
        self.listing_lag = 0
        self.search_lag = 0
        # Logins that may be assigned issues (None: anyone), as GET /repos/{o}/{r}/assignees/{login} says.
        self.assignable: set[str] | None = None
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._repos: dict[str, Repo] = {}
        self._user_ids: dict[str, int] = {}
        self._next_id = 1000
        self._limits = {name: {"limit": n, "used": 0, "reset": int(time.time()) + 3600} for name, n in LIMITS.items()}
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # lifecycle

    def start(self) -> FakeGitHub:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-github", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "FakeGitHub not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ghes_base_url(self) -> str:
        return f"{self.base_url}{GHES_PREFIX}"

    # state: seeding and inspection

    def _new_id(self) -> int:
        with self._lock:
            self._next_id += 1
            return self._next_id

    def user_id(self, login: str) -> int:
        with self._lock:
            return self._user_ids.setdefault(login.lower(), 1 + len(self._user_ids))

    def add_repo(self, full_name: str, *, private: bool = False, default_branch: str = "main") -> Repo:
        owner, name = full_name.split("/")
        with self._lock:
            repo = Repo(self._new_id(), owner, name, self.now(), private=private, default_branch=default_branch)
            self._repos[full_name.lower()] = repo
            return repo

    def find_repo(self, full_name: str) -> Repo | None:
        with self._lock:
            return self._repos.get(full_name.lower())

    def repo(self, full_name: str) -> Repo:
        found = self.find_repo(full_name)
        if found is None:
            raise KeyError(f"no repo {full_name!r} in the fake")
        return found

    def all_repos(self) -> list[Repo]:
        with self._lock:
            return list(self._repos.values())

    def add_label(self, repo: str, name: str, *, color: str = "ededed", description: str | None = None) -> Label:
        r = self.repo(repo)
        with self._lock:
            existing = r.label(name)
            if existing is not None:
                return existing
            lab = Label(self._new_id(), name, color, description)
            r.labels[name.lower()] = lab
            return lab

    def ensure_labels(self, r: Repo, names: Iterable[str]) -> list[str]:
        """Canonical label names for `names`, creating unknown labels like GitHub does."""
        result: dict[str, str] = {}
        for name in names:
            lab = self.add_label(r.full_name, name)
            result.setdefault(lab.name.lower(), lab.name)
        return list(result.values())

    def create_issue(
        self,
        r: Repo,
        *,
        title: str,
        body: str | None,
        labels: Iterable[str] = (),
        assignees: Iterable[str] = (),
        user: str,
        is_pull_request: bool = False,
        created_at: datetime | None = None,
    ) -> Issue:
        with self._lock:
            stamp = created_at or self.now()
            it = Issue(
                id=self._new_id(), number=r.next_number(), title=title, body=body, user=user,
                created_at=stamp, updated_at=stamp, labels=self.ensure_labels(r, labels),
                assignees=routes.unique(list(assignees)), is_pull_request=is_pull_request,
            )
            r.issues[it.number] = it
            return it

    def add_issue(
        self,
        repo: str,
        title: str = "Untitled",
        body: str | None = None,
        *,
        labels: Iterable[str] = (),
        assignees: Iterable[str] = (),
        state: str = "open",
        state_reason: str | None = None,
        is_pull_request: bool = False,
        user: str = "human",
        created_at: datetime | None = None,
        updated_at: datetime | None = None,
        comments: Iterable[str] = (),
    ) -> Issue:
        r = self.repo(repo)
        with self._lock:
            it = self.create_issue(
                r, title=title, body=body, labels=labels, assignees=assignees, user=user,
                is_pull_request=is_pull_request, created_at=created_at,
            )
            for text in comments:
                self.create_comment(it, text, user=user)
            if state != "open" or state_reason:
                self.set_state(it, state, state_reason)
            it.updated_at = updated_at or it.updated_at
            return it

    def set_state(self, it: Issue, state: str | None, reason: str | None) -> None:
        """Apply a PATCH's state; like GitHub, state_reason is ignored unless state is given."""
        with self._lock:
            if state == "closed":
                if it.state != "closed":
                    it.state, it.closed_at, it.closed_by = "closed", self.now(), self.login
                it.state_reason = reason if reason not in (None, "reopened") else "completed"
            elif state == "open" and it.state == "closed":
                it.state, it.closed_at, it.closed_by = "open", None, None
                it.state_reason = "reopened"

    def edit_in_browser(self, repo: str, number: int, body: str) -> Issue:
        """A person saves `body` in the web UI: browsers send CRLF line ends, and GitHub keeps them."""
        it = self.issue(repo, number)
        with self._lock:
            it.body = body.replace("\r\n", "\n").replace("\n", "\r\n")
            it.updated_at = self.now()
        return it

    def add_comment(self, repo: str, number: int, body: str, *, user: str = "human") -> Comment:
        return self.create_comment(self.issue(repo, number), body, user=user)

    def create_comment(self, it: Issue, body: str, *, user: str) -> Comment:
        with self._lock:
            stamp = self.now()
            c = Comment(self._new_id(), body, user, stamp, stamp)
            it.comments.append(c)
            it.updated_at = stamp
            return c

    def issues(self, repo: str, *, pull_requests: bool = True) -> list[Issue]:
        r = self.repo(repo)
        with self._lock:
            return [it for _, it in sorted(r.issues.items()) if pull_requests or not it.is_pull_request]

    def issue(self, repo: str, number: int) -> Issue:
        return self.repo(repo).issues[number]

    def comments(self, repo: str, number: int) -> list[Comment]:
        return list(self.issue(repo, number).comments)

    def can_assign(self, login: str) -> bool:
        return self.assignable is None or login.lower() in {name.lower() for name in self.assignable}

    def listed(self, it: Issue, kind: str) -> bool:
        """Whether a listing (kind "list" or "search") shows the issue yet; counts the listing if not."""
        with self._lock:
            if it.hidden_reads.get(kind, 0) > 0:
                it.hidden_reads[kind] -= 1
                return False
            return True

    # request log

    @property
    def write_count(self) -> int:
        return sum(1 for rec in self.requests if rec.method not in READS)

    def requests_to(self, method: str, path_suffix: str = "") -> list[RequestRecord]:
        return [r for r in self.requests if r.method == method and r.path.endswith(path_suffix)]

    def clear_log(self) -> None:
        with self._lock:
            self.requests.clear()

    # faults and rate limits

    def inject(
        self,
        fault: str,
        *,
        method: str | None = "POST",
        path_pattern: str = r"/issues$",
        times: int = 1,
        after: int = 0,
        retry_after: int = 1,
        delay: float = 2.0,
        perform: bool | None = None,
    ) -> Fault:
        """Spoil the answer to the next `times` requests matching `method` (None: any) and
        `path_pattern` (re.search on the path without /api/v3 or query), after letting `after` pass."""
        act = fault in PERFORMS_ACTION if perform is None else perform
        return self.faults.add(Fault(fault, method, path_pattern, times, after, retry_after, delay, act))

    def clear_faults(self) -> None:
        self.faults.clear()

    def set_rate_limit(self, remaining: int, *, resource: str = "core", limit: int | None = None,
                       reset_in: int = 3600) -> None:
        with self._lock:
            bucket = self._limits[resource]
            bucket["limit"] = limit if limit is not None else bucket["limit"]
            bucket["used"] = max(0, bucket["limit"] - remaining)
            bucket["reset"] = int(time.time()) + reset_in

    def rate_limits(self) -> dict[str, dict[str, int]]:
        with self._lock:
            return {name: self._bucket(name) for name in self._limits}

    def _bucket(self, name: str) -> dict[str, int]:
        b = self._limits[name]
        if time.time() >= b["reset"]:
            b["used"], b["reset"] = 0, int(time.time()) + 3600
        return {"limit": b["limit"], "used": b["used"], "remaining": b["limit"] - b["used"], "reset": b["reset"]}

    def _rate_headers(self, name: str) -> dict[str, str]:
        b = self._bucket(name)
        return {
            "X-RateLimit-Limit": str(b["limit"]),
            "X-RateLimit-Remaining": str(b["remaining"]),
            "X-RateLimit-Reset": str(b["reset"]),
            "X-RateLimit-Used": str(b["used"]),
            "X-RateLimit-Resource": name,
        }

    # serving

    def _serve(self, h: _Handler) -> None:
        split = urlsplit(h.path)
        path, prefix = split.path, ""
        if path == GHES_PREFIX or path.startswith(GHES_PREFIX + "/"):
            path, prefix = path[len(GHES_PREFIX):] or "/", GHES_PREFIX
        length = int(h.headers.get("Content-Length") or 0)
        host = h.headers.get("Host") or f"127.0.0.1:{self.port}"
        req = Request(
            method=h.command, path=path.rstrip("/") or "/", query=dict(parse_qsl(split.query, keep_blank_values=True)),
            body=h.rfile.read(length) if length else b"", headers=dict(h.headers.items()),
            urls=Urls(api=f"http://{host}{prefix}", web=f"http://{host}", user_id=self.user_id),
        )
        resp, fault = self._answer(req)
        if fault is not None and fault.kind == "reset":
            self._log(req, 0)
            _reset_connection(h)
            return
        if fault is not None and fault.kind == "timeout":
            self._stopping.wait(fault.delay)
        self._log(req, resp.status)
        _write(h, resp)

    def _log(self, req: Request, status: int) -> None:
        with self._lock:
            self.requests.append(RequestRecord(req.method, req.path, req.query, status, req.body))

    def _answer(self, req: Request) -> tuple[Response, Fault | None]:
        resource = "search" if req.path.startswith("/search/") else "core"
        counted = req.path != "/rate_limit"
        rid = uuid.uuid4().hex[:20].upper()
        if not req.headers.get("Authorization"):
            return self._finish(Response(401, error("Requires authentication", 401)), resource, rid), None
        with self._lock:
            bucket = self._bucket(resource)
            if counted and bucket["remaining"] <= 0:
                return self._finish(_primary_exhausted(self.user_id(self.login)), resource, rid), None
            if counted:
                self._limits[resource]["used"] += 1
        fault = self.faults.take(req.method, req.path)
        if fault is not None and fault.kind == "late-create":
            self._stopping.wait(fault.delay)
        if fault is not None and not fault.perform:
            return self._finish(_fault_response(fault, self.user_id(self.login), rid), resource, rid), fault
        with self._lock:
            found = routes.resolve(req.method, req.path)
            try:
                resp = found[0](self, req, **found[1]) if found else Response(404, error("Not Found", 404))
            except HttpError as exc:
                resp = exc.response
            except Exception as exc:  # a bug in the fake: answer 500 and keep it for the test to see
                self.errors.append(exc)
                resp = Response(500, error("Server Error", 500))
            resp = self._finish(resp, resource, rid)
        if fault is not None and fault.kind == "502-after-create":
            resp = self._finish(_fault_response(fault, self.user_id(self.login), rid), resource, rid)
        return resp, fault

    def _finish(self, resp: Response, resource: str, rid: str) -> Response:
        headers = {**self._rate_headers(resource), "X-GitHub-Request-Id": rid,
                   "X-GitHub-Api-Version-Selected": "2022-11-28"}
        headers.update(resp.headers)
        if headers["X-RateLimit-Remaining"] == "0":
            headers["X-RateLimit-Used"] = headers["X-RateLimit-Limit"]
        resp.headers = headers
        return resp


def _primary_exhausted(user_id: int) -> Response:
    body = error(
        f"API rate limit exceeded for user ID {user_id}. If you reach out to GitHub Support for help, "
        "please include the request ID.", 403, documentation_url=f"{DOCS}/overview/rate-limits-for-the-rest-api",
    )
    return Response(403, body, {"X-RateLimit-Remaining": "0"})


def _fault_response(fault: Fault, user_id: int, rid: str) -> Response:
    kind = fault.kind
    if kind == "secondary-limit":
        body = {"message": SECONDARY_MESSAGE.format(rid=rid),
                "documentation_url": f"{DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}
        return Response(403, body, {"Retry-After": str(fault.retry_after)})
    if kind == "429":
        return Response(429, {"message": "Too Many Requests", "documentation_url": DOCS})
    if kind == "primary-exhausted":
        resp = _primary_exhausted(user_id)
        resp.headers["X-RateLimit-Reset"] = str(int(time.time()) + fault.retry_after)
        return resp
    status = 502 if kind == "502-after-create" else int(kind)
    message = {500: "Server Error", 502: "Server Error", 503: "Service Unavailable"}[status]
    return Response(status, {"message": message, "documentation_url": DOCS})


def _write(h: _Handler, resp: Response) -> None:
    payload = b"" if resp.body is None else json.dumps(resp.body).encode()
    try:
        h.send_response(resp.status)
        for name, value in resp.headers.items():
            h.send_header(name, value)
        if resp.status != 204:
            h.send_header("Content-Type", "application/json; charset=utf-8")
            h.send_header("Content-Length", str(len(payload)))
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(payload)
        h.wfile.flush()
    except OSError:
        h.close_connection = True


def _reset_connection(h: _Handler) -> None:
    with contextlib.suppress(OSError):  # the client may be gone already
        h.wfile.write(b"HTTP/1.1 2")
        h.wfile.flush()
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.connection.close()
    h.close_connection = True
