"""JSON shapes of GitHub REST resources, with URLs built from the server's own address."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from .model import Comment, Issue, Label, Repo, iso

DOCS = "https://docs.github.com/rest"


def node_id(kind: str, ident: int) -> str:
    return base64.b64encode(f"0{len(kind)}:{kind}{ident}".encode()).decode()


@dataclass(frozen=True)
class Urls:
    api: str
    web: str
    user_id: Callable[[str], int]


def user(u: Urls, login: str) -> dict[str, Any]:
    api = f"{u.api}/users/{login}"
    uid = u.user_id(login)
    return {
        "login": login,
        "id": uid,
        "node_id": node_id("User", uid),
        "avatar_url": f"{u.web}/avatars/u/{uid}?v=4",
        "gravatar_id": "",
        "url": api,
        "html_url": f"{u.web}/{login}",
        "followers_url": f"{api}/followers",
        "following_url": f"{api}/following{{/other_user}}",
        "gists_url": f"{api}/gists{{/gist_id}}",
        "starred_url": f"{api}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{api}/subscriptions",
        "organizations_url": f"{api}/orgs",
        "repos_url": f"{api}/repos",
        "events_url": f"{api}/events{{/privacy}}",
        "received_events_url": f"{api}/received_events",
        "type": "Bot" if login.endswith("[bot]") else "User",
        "user_view_type": "public",
        "site_admin": False,
    }


def label(u: Urls, repo: Repo, lab: Label) -> dict[str, Any]:
    return {
        "id": lab.id,
        "node_id": node_id("Label", lab.id),
        "url": f"{u.api}/repos/{repo.full_name}/labels/{quote(lab.name, safe='')}",
        "name": lab.name,
        "color": lab.color,
        "default": lab.default,
        "description": lab.description,
    }


def _reactions(url: str) -> dict[str, Any]:
    counts = dict.fromkeys(["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"], 0)
    return {"url": f"{url}/reactions", "total_count": 0, **counts}


def author_association(repo: Repo, login: str) -> str:
    return "OWNER" if login.lower() == repo.owner.lower() else "NONE"


def issue(u: Urls, repo: Repo, it: Issue) -> dict[str, Any]:
    base = f"{u.api}/repos/{repo.full_name}"
    url = f"{base}/issues/{it.number}"
    kind = "pull" if it.is_pull_request else "issues"
    assignees = [user(u, a) for a in it.assignees]
    data: dict[str, Any] = {
        "url": url,
        "repository_url": base,
        "labels_url": f"{url}/labels{{/name}}",
        "comments_url": f"{url}/comments",
        "events_url": f"{url}/events",
        "html_url": f"{u.web}/{repo.full_name}/{kind}/{it.number}",
        "id": it.id,
        "node_id": node_id("PullRequest" if it.is_pull_request else "Issue", it.id),
        "number": it.number,
        "title": it.title,
        "user": user(u, it.user),
        "labels": [label(u, repo, lab) for name in it.labels if (lab := repo.label(name))],
        "state": it.state,
        "locked": it.locked,
        "assignee": assignees[0] if assignees else None,
        "assignees": assignees,
        "milestone": None,
        "comments": len(it.comments),
        "created_at": iso(it.created_at),
        "updated_at": iso(it.updated_at),
        "closed_at": iso(it.closed_at),
        "author_association": author_association(repo, it.user),
        "type": None,
        "active_lock_reason": None,
        "body": it.body,
        "closed_by": user(u, it.closed_by) if it.closed_by and it.state == "closed" else None,
        "reactions": _reactions(url),
        "timeline_url": f"{url}/timeline",
        "performed_via_github_app": None,
        "state_reason": it.state_reason,
    }
    if it.is_pull_request:
        pull = f"{base}/pulls/{it.number}"
        html = data["html_url"]
        data["draft"] = False
        data["pull_request"] = {
            "url": pull,
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "merged_at": None,
        }
    return data


def search_item(u: Urls, repo: Repo, it: Issue) -> dict[str, Any]:
    data = issue(u, repo, it)
    del data["closed_by"]  # not part of issue-search-result-item
    data["score"] = 1.0
    return data


def comment(u: Urls, repo: Repo, it: Issue, c: Comment) -> dict[str, Any]:
    url = f"{u.api}/repos/{repo.full_name}/issues/comments/{c.id}"
    kind = "pull" if it.is_pull_request else "issues"
    return {
        "url": url,
        "html_url": f"{u.web}/{repo.full_name}/{kind}/{it.number}#issuecomment-{c.id}",
        "issue_url": f"{u.api}/repos/{repo.full_name}/issues/{it.number}",
        "id": c.id,
        "node_id": node_id("IssueComment", c.id),
        "user": user(u, c.user),
        "created_at": iso(c.created_at),
        "updated_at": iso(c.updated_at),
        "body": c.body,
        "author_association": author_association(repo, c.user),
        "reactions": _reactions(url),
        "performed_via_github_app": None,
    }


_REPO_TEMPLATES = {
    "archive_url": "{archive_format}{/ref}",
    "assignees_url": "assignees{/user}",
    "blobs_url": "git/blobs{/sha}",
    "branches_url": "branches{/branch}",
    "collaborators_url": "collaborators{/collaborator}",
    "comments_url": "comments{/number}",
    "commits_url": "commits{/sha}",
    "compare_url": "compare/{base}...{head}",
    "contents_url": "contents/{+path}",
    "contributors_url": "contributors",
    "deployments_url": "deployments",
    "downloads_url": "downloads",
    "events_url": "events",
    "forks_url": "forks",
    "git_commits_url": "git/commits{/sha}",
    "git_refs_url": "git/refs{/sha}",
    "git_tags_url": "git/tags{/sha}",
    "hooks_url": "hooks",
    "issue_comment_url": "issues/comments{/number}",
    "issue_events_url": "issues/events{/number}",
    "issues_url": "issues{/number}",
    "keys_url": "keys{/key_id}",
    "labels_url": "labels{/name}",
    "languages_url": "languages",
    "merges_url": "merges",
    "milestones_url": "milestones{/number}",
    "notifications_url": "notifications{?since,all,participating}",
    "pulls_url": "pulls{/number}",
    "releases_url": "releases{/id}",
    "stargazers_url": "stargazers",
    "statuses_url": "statuses/{sha}",
    "subscribers_url": "subscribers",
    "subscription_url": "subscription",
    "tags_url": "tags",
    "teams_url": "teams",
    "trees_url": "git/trees{/sha}",
}


def repository(u: Urls, repo: Repo, open_issues: int) -> dict[str, Any]:
    api = f"{u.api}/repos/{repo.full_name}"
    html = f"{u.web}/{repo.full_name}"
    host = u.web.split("://", 1)[-1]
    stamp = iso(repo.created_at)
    data: dict[str, Any] = {
        "id": repo.id,
        "node_id": node_id("Repository", repo.id),
        "name": repo.name,
        "full_name": repo.full_name,
        "private": repo.private,
        "owner": user(u, repo.owner),
        "html_url": html,
        "description": None,
        "fork": False,
        "url": api,
    }
    data.update({key: f"{api}/{suffix}" for key, suffix in _REPO_TEMPLATES.items()})
    data.update({
        "created_at": stamp,
        "updated_at": stamp,
        "pushed_at": stamp,
        "git_url": f"git://{host}/{repo.full_name}.git",
        "ssh_url": f"git@{host}:{repo.full_name}.git",
        "clone_url": f"{html}.git",
        "svn_url": html,
        "homepage": None,
        "size": 0,
        "stargazers_count": 0,
        "watchers_count": 0,
        "language": None,
        "has_issues": True,
        "has_projects": True,
        "has_downloads": True,
        "has_wiki": True,
        "has_pages": False,
        "has_discussions": False,
        "forks_count": 0,
        "mirror_url": None,
        "archived": False,
        "disabled": False,
        "open_issues_count": open_issues,
        "license": None,
        "allow_forking": True,
        "is_template": False,
        "web_commit_signoff_required": False,
        "topics": [],
        "visibility": "private" if repo.private else "public",
        "forks": 0,
        "open_issues": open_issues,
        "watchers": 0,
        "default_branch": repo.default_branch,
        "permissions": {"admin": True, "maintain": True, "push": True, "triage": True, "pull": True},
        "network_count": 0,
        "subscribers_count": 0,
    })
    return data


def error(message: str, status: int, **extra: Any) -> dict[str, Any]:
    """basic-error for most statuses; validation-error (no "status" member in the spec) for 422."""
    body: dict[str, Any] = {"message": message, "documentation_url": DOCS, **extra}
    if status != 422:
        body["status"] = str(status)
    return body
