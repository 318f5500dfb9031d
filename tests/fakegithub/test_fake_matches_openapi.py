"""Every answer of the fake validates against GitHub's official OpenAPI description."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import jsonschema_rs
import pytest

from . import openapi
from .client import Reply, call
from .server import FakeGitHub

LINK_PART = re.compile(r'^<(http://127\.0\.0\.1:\d+(?:/api/v3)?/[^>]*[?&]page=\d+[^>]*)>; rel="(next|last|prev|first)"$')


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    try:
        return openapi.load_spec()
    except (openapi.SpecUnavailable, OSError) as exc:
        pytest.fail(f"GitHub's OpenAPI description ({openapi.PACKAGE}@{openapi.VERSION}) is unavailable: {exc}")


@pytest.fixture
def seeded(fake_github: FakeGitHub) -> FakeGitHub:
    fake = fake_github
    fake.add_repo("o/r")
    fake.assignable = {"alice", "al", "bob"}
    fake.add_label("o/r", "bug", color="d73a4a", description="Something isn't working")
    fake.add_issue("o/r", "Disk full", "Root cause: a quoted phrase here", labels=["bug", "pm"],
                   assignees=["alice"], comments=["first", "second"])
    fake.add_issue("o/r", "A pull request", "pr body", is_pull_request=True)
    fake.add_issue("o/r", "Old", "quoted phrase too", state="closed", state_reason="not_planned")
    return fake


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    status: int
    body: Any = None
    paginated: bool = False
    token: str | None = "t"
    fault: str | None = None


CASES = [
    Case("GET", "/repos/o/r", 200),
    Case("GET", "/repos/o/missing", 404),
    Case("GET", "/repos/o/r/issues?state=all&per_page=1&page=2", 200, paginated=True),
    Case("GET", "/repos/o/r/issues?state=bogus", 422),
    Case("GET", "/repos/o/r/issues/1", 200),
    Case("GET", "/repos/o/r/issues/2", 200),
    Case("GET", "/repos/o/r/issues/3", 200),
    Case("GET", "/repos/o/r/issues/999", 404),
    Case("POST", "/repos/o/r/issues", 201, {"title": "T", "body": "B", "labels": ["new"], "assignees": ["al"]}),
    Case("POST", "/repos/o/r/issues", 422, {"body": "no title"}),
    Case("POST", "/repos/o/r/issues", 422, {"title": "T", "assignees": ["nobody"]}),
    Case("POST", "/repos/o/r/issues", 201, {"title": "T"}, fault="late-create"),
    Case("POST", "/repos/o/r/issues", 403, {"title": "T"}, fault="secondary-limit"),
    Case("POST", "/repos/o/r/issues", 403, {"title": "T"}, fault="primary-exhausted"),
    Case("POST", "/repos/o/r/issues", 503, {"title": "T"}, fault="503"),
    Case("PATCH", "/repos/o/r/issues/1", 200, {"state": "closed", "state_reason": "not_planned"}),
    Case("PATCH", "/repos/o/r/issues/3", 200, {"state": "open", "labels": ["a", "b"], "assignees": []}),
    Case("PATCH", "/repos/o/r/issues/1", 422, {"state": "bogus"}),
    Case("PATCH", "/repos/o/r/issues/999", 404, {"title": "x"}),
    Case("GET", "/repos/o/r/issues/1/labels?per_page=1", 200, paginated=True),
    Case("POST", "/repos/o/r/issues/1/labels", 200, {"labels": ["x"]}),
    Case("PUT", "/repos/o/r/issues/1/labels", 200, {"labels": ["y"]}),
    Case("DELETE", "/repos/o/r/issues/1/labels/bug", 200),
    Case("DELETE", "/repos/o/r/issues/1/labels/nope", 404),
    Case("DELETE", "/repos/o/r/issues/1/labels", 204),
    Case("GET", "/repos/o/r/issues/1/comments?per_page=1", 200, paginated=True),
    Case("POST", "/repos/o/r/issues/1/comments", 201, {"body": "hi"}),
    Case("POST", "/repos/o/r/issues/1/comments", 422, {}),
    Case("POST", "/repos/o/r/issues/999/comments", 404, {"body": "hi"}),
    Case("GET", "/repos/o/r/labels?per_page=1", 200, paginated=True),
    Case("POST", "/repos/o/r/labels", 201, {"name": "sev1", "color": "ff0000", "description": "d"}),
    Case("POST", "/repos/o/r/labels", 422, {"name": "BUG"}),
    Case("GET", "/repos/o/r/labels/bug", 200),
    Case("GET", "/repos/o/r/labels/nope", 404),
    Case("POST", "/repos/o/r/issues/1/assignees", 201, {"assignees": ["bob"]}),
    Case("DELETE", "/repos/o/r/issues/1/assignees", 200, {"assignees": ["alice"]}),
    Case("GET", '/search/issues?q=repo:o/r+is:issue+in:body+%22quoted+phrase%22&per_page=1', 200, paginated=True),
    Case("GET", "/repos/o/r/assignees/alice", 204),
    Case("GET", "/repos/o/r/assignees/nobody", 404),
    Case("GET", "/search/issues", 422),
    Case("GET", "/search/issues?q=x", 401, token=None),
    Case("GET", "/rate_limit", 200),
    Case("GET", "/user", 200),
]


def _case_id(case: Case) -> str:
    return f"{case.method} {case.path} {case.status}{' ' + case.fault if case.fault else ''}"


def _validate(reply: Reply, method: str, path: str) -> list[str]:
    problems: list[str] = []
    documented = openapi.response_spec(method, path, reply.status)
    content = documented.get("content", {}).get("application/json")
    if content is None:
        if reply.body is not None:
            problems.append(f"spec documents no body for {reply.status}, fake sent {reply.body!r:.200}")
    else:
        schema = content["schema"]
        validator = jsonschema_rs.Draft4Validator(openapi.json_schema(schema), validate_formats=True, offline=True)
        problems += [f"{list(e.instance_path)}: {e.message[:300]}" for e in validator.iter_errors(reply.body)]
        problems += [f"undocumented field {key}" for key in openapi.undocumented_keys(reply.body, schema)]
    for name, header in documented.get("headers", {}).items():
        value = reply.headers.get(name.lower())
        if name.lower() == "link":
            continue
        if value is None:
            problems.append(f"missing documented header {name}")
        elif openapi.resolve(header).get("schema", {}).get("type") == "integer" and not value.isdigit():
            problems.append(f"header {name}={value!r} is not an integer")
    return problems


def _link_problems(reply: Reply, paginated: bool) -> list[str]:
    link = reply.headers.get("link")
    if not paginated:
        return [] if link is None else [f"unexpected Link header {link}"]
    if link is None:
        return ["missing Link header on a multi-page list"]
    return [f"malformed Link part {part!r}" for part in link.split(", ") if not LINK_PART.match(part)]


def _rate_problems(reply: Reply) -> list[str]:
    names = ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-used", "x-ratelimit-reset"]
    problems = [f"missing {n}" for n in names if not reply.headers.get(n, "").isdigit()]
    if reply.headers.get("x-ratelimit-resource") not in ("core", "search"):
        problems.append("missing x-ratelimit-resource")
    return problems


@pytest.mark.parametrize("prefix", ["", "/api/v3"], ids=["dotcom", "ghes"])
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_response_matches_openapi_schema_status_and_headers(
    spec: dict[str, Any], seeded: FakeGitHub, case: Case, prefix: str
) -> None:
    if case.fault:
        seeded.inject(case.fault, method=case.method, path_pattern=".", delay=0.05)
    reply = call(seeded.base_url + prefix, case.method, case.path, case.body, token=case.token)
    assert reply.status == case.status, reply.body
    path = case.path.split("?")[0]
    problems = _validate(reply, case.method, path) + _link_problems(reply, case.paginated) + _rate_problems(reply)
    if prefix and isinstance(reply.body, dict) and "url" in reply.body:
        assert "/api/v3/" in reply.body["url"]
    assert not problems, "\n".join(problems)


def test_spec_is_the_pinned_official_description(spec: dict[str, Any]) -> None:
    assert spec["info"]["version"] == openapi.VERSION
    assert spec["info"]["x-github-plan"] == "api.github.com"


def test_every_served_route_is_a_documented_operation(spec: dict[str, Any]) -> None:
    from .routes import ROUTES

    for method, pattern, _ in ROUTES:
        concrete = re.sub(r"\(\?P<\w+>\[\^/\]\+\)", "x", pattern.pattern.strip("^$"))
        template, _op = openapi.find_operation(method, concrete)
        assert template.count("{") == concrete.count("/x"), (method, template, concrete)


def test_fixture_cases_cover_every_served_route() -> None:
    from .routes import ROUTES, resolve

    covered = {found[0] for c in CASES if (found := resolve(c.method, c.path.split("?")[0]))}
    missing = [(method, pattern.pattern) for method, pattern, fn in ROUTES if fn not in covered]
    assert not missing


def test_schema_check_rejects_a_broken_issue(spec: dict[str, Any], seeded: FakeGitHub) -> None:
    reply = call(seeded.base_url, "GET", "/repos/o/r/issues/1")
    del reply.body["node_id"]
    reply.body["state_reason"] = "finished"
    reply.body["invented"] = 1
    problems = "\n".join(_validate(reply, "GET", "/repos/o/r/issues/1"))
    assert "node_id" in problems and "finished" in problems and "$.invented" in problems


def test_schema_check_rejects_an_undocumented_status(spec: dict[str, Any]) -> None:
    with pytest.raises(KeyError, match="does not document status 418"):
        openapi.response_spec("GET", "/repos/o/r/issues", 418)
