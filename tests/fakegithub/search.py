"""A small subset of GitHub's issue search syntax: qualifiers, words and quoted phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Issue

_TOKEN = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)"|(\S+))')


@dataclass
class Query:
    repos: list[str] = field(default_factory=list)
    kind: str | None = None  # "issue" | "pr"
    state: str | None = None
    fields: set[str] = field(default_factory=set)
    labels: list[str] = field(default_factory=list)
    excluded_labels: list[str] = field(default_factory=list)
    author: str | None = None
    terms: list[str] = field(default_factory=list)


def parse(q: str) -> Query:
    query = Query()
    for neg, qual, quoted, bare in _TOKEN.findall(q):
        value = quoted if quoted or bare == "" else bare
        qual = qual.lower()
        if qual == "repo":
            query.repos.append(value.lower())
        elif qual in ("is", "type") and value.lower() in ("issue", "pr", "pull-request"):
            query.kind = "issue" if value.lower() == "issue" else "pr"
        elif qual in ("is", "state") and value.lower() in ("open", "closed"):
            query.state = value.lower()
        elif qual == "in":
            query.fields.update(v.strip().lower() for v in value.split(","))
        elif qual == "label":
            (query.excluded_labels if neg else query.labels).append(value.lower())
        elif qual == "author":
            query.author = value.lower()
        elif qual:
            continue
        else:
            query.terms.append(value.lower())
    return query


def matches(query: Query, issue: Issue) -> bool:
    if query.kind == "issue" and issue.is_pull_request:
        return False
    if query.kind == "pr" and not issue.is_pull_request:
        return False
    if query.state and issue.state != query.state:
        return False
    if query.author and issue.user.lower() != query.author:
        return False
    labels = issue.label_keys
    if any(lab not in labels for lab in query.labels):
        return False
    if any(lab in labels for lab in query.excluded_labels):
        return False
    fields = query.fields or {"title", "body", "comments"}
    haystack: list[str] = []
    if "title" in fields:
        haystack.append(issue.title)
    if "body" in fields:
        haystack.append(issue.body or "")
    if "comments" in fields:
        haystack.extend(c.body for c in issue.comments)
    text = "\n".join(haystack).lower()
    return all(term in text for term in query.terms)
