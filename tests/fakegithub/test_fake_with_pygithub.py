"""Real PyGithub against the fake: paging, writes, search, faults and rate limits behave like GitHub."""

from __future__ import annotations

import time

import github
import pytest
import requests
from github import Auth, Github, GithubException, RateLimitExceededException, UnknownObjectException

from .server import FakeGitHub


def client(fake: FakeGitHub, base_url: str | None = None, **kwargs: object) -> Github:
    opts: dict[str, object] = {
        "retry": None, "per_page": 100, "seconds_between_requests": None, "seconds_between_writes": None, **kwargs
    }
    return Github(auth=Auth.Token("t"), base_url=base_url or fake.base_url, **opts)  # type: ignore[arg-type]


@pytest.fixture
def fake(fake_github: FakeGitHub) -> FakeGitHub:
    fake_github.add_repo("o/r")
    return fake_github


def test_pygithub_version_is_the_one_these_tests_were_written_for() -> None:
    from importlib.metadata import version

    assert version("PyGithub").split(".")[0] == "2"
    assert github.Consts.DEFAULT_PER_PAGE == 30


@pytest.mark.parametrize("ghes", [False, True], ids=["dotcom", "ghes"])
def test_listing_250_issues_takes_3_requests_following_link_headers(fake: FakeGitHub, ghes: bool) -> None:
    gh = client(fake, fake.ghes_base_url if ghes else None)
    repo = gh.get_repo("o/r")
    for i in range(250):
        fake.add_issue("o/r", f"item {i}", is_pull_request=i % 50 == 0)
    fake.clear_log()

    numbers = [it.number for it in repo.get_issues(state="all")]

    assert numbers == list(range(250, 0, -1))
    listed = fake.requests_to("GET", "/repos/o/r/issues")
    assert len(listed) == 3
    assert [r.query.get("page") for r in listed] == [None, "2", "3"]
    assert all(r.query["per_page"] == "100" and r.query["state"] == "all" for r in listed)


def test_total_count_reads_the_last_link(fake: FakeGitHub) -> None:
    for i in range(7):
        fake.add_issue("o/r", f"item {i}")
    assert client(fake, lazy=True).get_repo("o/r").get_issues().totalCount == 7


def test_creating_issues_through_pygithub_creates_labels_and_counts_writes(fake: FakeGitHub) -> None:
    repo = client(fake).get_repo("o/r")
    created = [repo.create_issue(f"AI-{i}", body="from post-mortem", labels=["pm", "sev2"]) for i in range(3)]

    assert [i.number for i in created] == [1, 2, 3]
    assert [i.title for i in fake.issues("o/r")] == ["AI-0", "AI-1", "AI-2"]
    assert sorted(lab.name for lab in repo.get_labels()) == ["pm", "sev2"]
    assert created[0].user.login == fake.login
    assert fake.write_count == 3


def test_pull_requests_come_back_in_the_issue_list(fake: FakeGitHub) -> None:
    fake.add_issue("o/r", "an issue")
    fake.add_issue("o/r", "a PR", is_pull_request=True)
    listed = {i.title: i for i in client(fake, lazy=True).get_repo("o/r").get_issues()}
    assert listed["a PR"].pull_request is not None
    assert listed["a PR"].pull_request.html_url.endswith("/o/r/pull/2")
    assert listed["an issue"].raw_data.get("pull_request") is None


def test_list_filters_by_state_labels_and_since(fake: FakeGitHub) -> None:
    fake.add_issue("o/r", "both", labels=["pm", "sev1"])
    fake.add_issue("o/r", "one", labels=["pm"])
    fake.add_issue("o/r", "closed", labels=["pm", "sev1"], state="closed")
    repo = client(fake, lazy=True).get_repo("o/r")
    pm, sev1 = repo.get_label("pm"), repo.get_label("SEV1")

    assert [i.title for i in repo.get_issues(labels=[pm, sev1])] == ["both"]
    assert [i.title for i in repo.get_issues(state="all", labels=[sev1])] == ["closed", "both"]
    assert [i.title for i in repo.get_issues(state="closed")] == ["closed"]
    future = fake.now().replace(year=fake.now().year + 1)
    assert list(repo.get_issues(since=future)) == []


def test_edit_close_reopen_and_state_reason(fake: FakeGitHub) -> None:
    fake.add_issue("o/r", "t", "b")
    issue = client(fake).get_repo("o/r").get_issue(1)

    issue.edit(title="t2", body="b2", state="closed", state_reason="not_planned")
    assert (issue.title, issue.body, issue.state, issue.state_reason) == ("t2", "b2", "closed", "not_planned")
    assert issue.closed_at is not None
    issue.edit(state="open")
    assert (issue.state, issue.state_reason, issue.closed_at) == ("open", "reopened", None)
    stored = fake.issue("o/r", 1)
    assert (stored.title, stored.state) == ("t2", "open")


def test_validation_errors_surface_as_422(fake: FakeGitHub) -> None:
    fake.add_issue("o/r", "t")
    issue = client(fake).get_repo("o/r").get_issue(1)
    with pytest.raises(GithubException) as err:
        issue.edit(state="finished")
    assert err.value.status == 422
    assert err.value.data["errors"][0]["field"] == "state"


def test_issue_labels_add_set_remove_and_clear(fake: FakeGitHub) -> None:
    fake.add_issue("o/r", "t", labels=["pm"])
    issue = client(fake).get_repo("o/r").get_issue(1)

    issue.add_to_labels("sev1", "Owner:sre")
    assert [lab.name for lab in issue.get_labels()] == ["pm", "sev1", "Owner:sre"]
    issue.remove_from_labels("sev1")
    assert fake.issue("o/r", 1).labels == ["pm", "Owner:sre"]
    issue.set_labels("done")
    assert fake.issue("o/r", 1).labels == ["done"]
    with pytest.raises(GithubException) as err:
        issue.remove_from_labels("absent")
    assert err.value.status == 404
    issue.delete_labels()
    assert fake.issue("o/r", 1).labels == []


def test_comments_and_assignees(fake: FakeGitHub) -> None:
    fake.add_issue("o/r", "t")
    issue = client(fake, per_page=2).get_repo("o/r").get_issue(1)
    for i in range(5):
        issue.create_comment(f"update {i}")
    fake.clear_log()

    assert [c.body for c in issue.get_comments()] == [f"update {i}" for i in range(5)]
    assert len(fake.requests_to("GET", "/comments")) == 3
    assert [c.body for c in fake.comments("o/r", 1)][-1] == "update 4"
    issue.add_to_assignees("alice", "bob")
    issue.remove_from_assignees("alice")
    assert [a.login for a in issue.assignees] == ["bob"]
    assert fake.issue("o/r", 1).assignees == ["bob"]


def test_search_by_repo_type_body_and_quoted_phrase(fake: FakeGitHub) -> None:
    fake.add_repo("o/other")
    fake.add_issue("o/r", "match", "pm-id: INC-42 action 1")
    fake.add_issue("o/r", "title only INC-42", "nothing")
    fake.add_issue("o/r", "a PR", "pm-id: INC-42 action 1", is_pull_request=True)
    fake.add_issue("o/other", "elsewhere", "pm-id: INC-42 action 1")
    fake.add_issue("o/r", "near miss", "pm-id: INC-42 and action 1")

    found = client(fake).search_issues('repo:o/r is:issue in:body "pm-id: INC-42 action 1"')

    assert found.totalCount == 1
    assert [i.title for i in found] == ["match"]
    assert fake.requests_to("GET", "/search/issues")[-1].status == 200


def test_missing_objects_raise_unknown_object(fake: FakeGitHub) -> None:
    with pytest.raises(UnknownObjectException):
        client(fake).get_repo("o/nope")
    with pytest.raises(UnknownObjectException):
        client(fake).get_repo("o/r").get_issue(99)


def test_requests_without_a_token_get_401(fake: FakeGitHub) -> None:
    with pytest.raises(GithubException) as err:
        Github(base_url=fake.base_url, retry=None).get_repo("o/r")
    assert err.value.status == 401


def test_rate_limit_headers_reach_pygithub(fake: FakeGitHub) -> None:
    gh = client(fake)
    gh.get_repo("o/r")
    gh.get_repo("o/r")
    assert gh.rate_limiting == (4998, 5000)
    assert gh.rate_limiting_resettime > time.time()
    overview = gh.get_rate_limit()
    assert overview.resources.core.remaining == 4998
    assert overview.resources.search.limit == 30
    _ = gh.search_issues("repo:o/r x").totalCount  # one search request
    assert gh.get_rate_limit().resources.search.remaining == 29


def test_502_after_create_creates_the_issue_but_reports_failure(fake: FakeGitHub) -> None:
    fault = fake.inject("502-after-create")
    with pytest.raises(GithubException) as err:
        client(fake).get_repo("o/r").create_issue("AI-1")
    assert err.value.status == 502
    assert [i.title for i in fake.issues("o/r")] == ["AI-1"]
    assert fault.hits == 1


@pytest.mark.parametrize("kind,status", [("500", 500), ("502", 502), ("503", 503), ("429", 429)])
def test_plain_server_errors_do_not_create(fake: FakeGitHub, kind: str, status: int) -> None:
    fake.inject(kind)
    repo = client(fake).get_repo("o/r")
    with pytest.raises(GithubException) as err:
        repo.create_issue("AI-1")
    assert err.value.status == status
    assert not isinstance(err.value, RateLimitExceededException)
    assert "retry-after" not in err.value.headers
    assert fake.issues("o/r") == []
    assert repo.create_issue("AI-1").number == 1


def test_secondary_rate_limit_is_403_with_retry_after(fake: FakeGitHub) -> None:
    fake.inject("secondary-limit", retry_after=7)
    with pytest.raises(RateLimitExceededException) as err:
        client(fake).get_repo("o/r").create_issue("AI-1")
    assert err.value.status == 403
    assert err.value.headers["retry-after"] == "7"
    assert err.value.data["message"].startswith("You have exceeded a secondary rate limit")
    assert fake.issues("o/r") == []


def test_primary_rate_limit_exhausted_is_403_with_zero_remaining(fake: FakeGitHub) -> None:
    fake.inject("primary-exhausted", method=None, path_pattern=r"/issues")
    with pytest.raises(RateLimitExceededException) as err:
        client(fake, lazy=True).get_repo("o/r").get_issues().get_page(0)
    assert err.value.status == 403
    assert err.value.headers["x-ratelimit-remaining"] == "0"
    assert int(err.value.headers["x-ratelimit-reset"]) >= time.time()
    assert err.value.data["message"].startswith("API rate limit exceeded for")


def test_global_rate_limit_of_zero_blocks_everything_but_rate_limit(fake: FakeGitHub) -> None:
    fake.set_rate_limit(0)
    gh = client(fake)
    with pytest.raises(RateLimitExceededException):
        gh.get_repo("o/r")
    assert gh.rate_limiting[0] == 0
    assert gh.get_rate_limit().resources.core.remaining == 0
    fake.set_rate_limit(10)
    assert gh.get_repo("o/r").full_name == "o/r"
    assert gh.rate_limiting == (9, 5000)


def test_connection_reset_is_a_requests_connection_error_after_the_write(fake: FakeGitHub) -> None:
    fake.inject("reset")
    with pytest.raises(requests.exceptions.ConnectionError):
        client(fake).get_repo("o/r").create_issue("AI-1")
    assert [i.title for i in fake.issues("o/r")] == ["AI-1"]


def test_timeout_performs_the_write_then_answers_too_late(fake: FakeGitHub) -> None:
    fake.inject("timeout", delay=1.3)
    repo = client(fake, timeout=1).get_repo("o/r")
    with pytest.raises(requests.exceptions.ReadTimeout):
        repo.create_issue("AI-1")
    assert [i.title for i in fake.issues("o/r")] == ["AI-1"]


def test_fault_after_and_times_pick_which_requests_fail(fake: FakeGitHub) -> None:
    fault = fake.inject("503", after=1, times=2)
    repo = client(fake).get_repo("o/r")
    outcomes = []
    for i in range(4):
        try:
            outcomes.append(repo.create_issue(f"AI-{i}").number)
        except GithubException as exc:
            outcomes.append(exc.status)
    assert outcomes == [1, 503, 503, 2]
    assert (fault.seen, fault.hits) == (3, 2)


def test_pygithub_default_retry_honours_retry_after_on_secondary_limit(fake: FakeGitHub) -> None:
    fake.inject("secondary-limit", retry_after=1)
    gh = Github(auth=Auth.Token("t"), base_url=fake.base_url, seconds_between_writes=None)
    start = time.monotonic()
    issue = gh.get_repo("o/r").create_issue("AI-1")
    assert issue.number == 1
    assert time.monotonic() - start >= 1
    assert [r.status for r in fake.requests_to("POST", "/issues")] == [403, 201]


def test_state_reason_is_ignored_unless_state_is_given(fake: FakeGitHub) -> None:
    fake.add_issue("o/r", "t")
    issue = client(fake).get_repo("o/r").get_issue(1)
    issue.edit(state_reason="not_planned")
    assert (issue.state, issue.state_reason) == ("open", None)
    issue.edit(state="closed")
    issue.edit(state="closed", state_reason="duplicate")
    assert (issue.state, issue.state_reason) == ("closed", "duplicate")
    assert fake.errors == []
