"""The fake's own contract: seeding, request log, Link headers, rate-limit headers, faults."""

from __future__ import annotations

import http.client
import json
import re
import time

import pytest

from .client import call
from .server import FakeGitHub


def _links(header: str) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', header)}


def test_middle_page_links_prev_next_last_first_keeping_the_query(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("o/r")
    for i in range(7):
        fake_github.add_issue("o/r", f"i{i}", labels=["pm"])
    reply = call(fake_github.base_url, "GET", "/repos/o/r/issues?labels=pm&per_page=2&page=2")
    links = _links(reply.headers["link"])
    base = f"{fake_github.base_url}/repos/o/r/issues?labels=pm&per_page=2&page="
    assert links == {"prev": base + "1", "next": base + "3", "last": base + "4", "first": base + "1"}
    assert [i["number"] for i in reply.body] == [5, 4]


def test_urls_follow_the_host_header_the_request_came_with(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("o/r")
    fake_github.add_issue("o/r", "x")
    conn = http.client.HTTPConnection("127.0.0.1", fake_github.port, timeout=5)
    conn.request("GET", "/api/v3/repos/o/r/issues/1",
                 headers={"Host": f"localhost:{fake_github.port}", "Authorization": "token t"})
    body = json.loads(conn.getresponse().read())
    conn.close()
    assert body["url"] == f"http://localhost:{fake_github.port}/api/v3/repos/o/r/issues/1"
    assert body["html_url"] == f"http://localhost:{fake_github.port}/o/r/issues/1"


def test_every_answer_carries_rate_limit_headers_and_spends_one(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("o/r")
    first = call(fake_github.base_url, "GET", "/repos/o/r")
    missing = call(fake_github.base_url, "GET", "/repos/o/none")
    anonymous = call(fake_github.base_url, "GET", "/repos/o/r", token=None)
    assert (first.headers["x-ratelimit-remaining"], missing.headers["x-ratelimit-remaining"]) == ("4999", "4998")
    assert missing.headers["x-ratelimit-used"] == "2"
    assert anonymous.status == 401
    assert anonymous.body["message"] == "Requires authentication"
    assert {"x-ratelimit-limit", "x-ratelimit-reset", "x-ratelimit-resource"} <= set(anonymous.headers)
    searched = call(fake_github.base_url, "GET", "/search/issues?q=x")
    assert (searched.headers["x-ratelimit-resource"], searched.headers["x-ratelimit-limit"]) == ("search", "30")


def test_request_log_records_method_path_query_status(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("o/r")
    call(fake_github.base_url, "POST", "/repos/o/r/issues", {"title": "t"})
    call(fake_github.base_url + "/api/v3", "GET", "/repos/o/r/issues?state=all")
    assert [tuple(r)[:4] for r in fake_github.requests] == [
        ("POST", "/repos/o/r/issues", {}, 201),
        ("GET", "/repos/o/r/issues", {"state": "all"}, 200),
    ]
    assert fake_github.requests[0].json() == {"title": "t"} and fake_github.requests[1].body == b""
    assert fake_github.write_count == 1


def test_listing_and_search_lag_hide_a_new_issue_from_the_next_reads(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("o/r")
    fake_github.listing_lag, fake_github.search_lag = 2, 1
    assert call(fake_github.base_url, "POST", "/repos/o/r/issues", {"title": "t", "body": "needle"}).status == 201
    lists = [len(call(fake_github.base_url, "GET", "/repos/o/r/issues").body) for _ in range(3)]
    searches = [call(fake_github.base_url, "GET", "/search/issues?q=needle").body["total_count"] for _ in range(2)]
    assert (lists, searches) == ([0, 0, 1], [0, 1])


def test_a_late_create_lands_after_the_client_gave_up(fake_github: FakeGitHub) -> None:
    import threading
    import urllib.error

    fake_github.add_repo("o/r")
    fake_github.inject("late-create", delay=0.6)
    gave_up = threading.Event()

    def impatient() -> None:
        with pytest.raises((TimeoutError, urllib.error.URLError)):
            call(fake_github.base_url, "POST", "/repos/o/r/issues", {"title": "t"}, timeout=0.2)
        gave_up.set()

    worker = threading.Thread(target=impatient)
    worker.start()
    assert gave_up.wait(2) and fake_github.issues("o/r") == []
    worker.join()
    deadline = time.monotonic() + 3
    while not fake_github.issues("o/r") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [it.title for it in fake_github.issues("o/r")] == ["t"]


def test_only_assignable_logins_can_be_assigned(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("o/r")
    fake_github.assignable = {"Alice"}
    assert call(fake_github.base_url, "GET", "/repos/o/r/assignees/alice").status == 204
    assert call(fake_github.base_url, "GET", "/repos/o/r/assignees/bob").status == 404
    refused = call(fake_github.base_url, "POST", "/repos/o/r/issues", {"title": "t", "assignees": ["bob"]})
    assert refused.status == 422 and refused.body["errors"][0]["field"] == "assignees"
    assert call(fake_github.base_url, "POST", "/repos/o/r/issues", {"title": "t", "assignees": ["alice"]}).status == 201


def test_seeded_state_is_visible_through_the_api_and_helpers(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("o/r")
    fake_github.add_issue("o/r", "t", "b", labels=["pm"], comments=["c1"], user="alice")
    fake_github.add_comment("o/r", 1, "c2")
    assert [c.body for c in fake_github.comments("o/r", 1)] == ["c1", "c2"]
    body = call(fake_github.base_url, "GET", "/repos/o/r/issues/1").body
    assert (body["comments"], body["user"]["login"], body["labels"][0]["name"]) == (2, "alice", "pm")


def test_unknown_fault_kind_is_rejected(fake_github: FakeGitHub) -> None:
    with pytest.raises(ValueError, match="unknown fault"):
        fake_github.inject("418")


def test_fault_matches_method_and_path_pattern_only(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("o/r")
    fake_github.inject("500", method="PATCH", path_pattern=r"/issues/\d+$")
    assert call(fake_github.base_url, "POST", "/repos/o/r/issues", {"title": "t"}).status == 201
    assert call(fake_github.base_url, "PATCH", "/repos/o/r/issues/1", {"title": "u"}).status == 500
    assert call(fake_github.base_url, "PATCH", "/repos/o/r/issues/1", {"title": "u"}).status == 200
