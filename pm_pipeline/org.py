"""One site across repositories: each repository's post-mortems under its own name. Pure.

The organisation site's `mkdocs.yml` lists the repositories (the plugin's `repositories` option);
a workflow checks each one out (read-only token) into its `path`. Every post-mortem id becomes
`<repository>/<id>`, so ids may repeat across repositories, pages land under
`postmortems/<repository>/`, and each page links back to the YAML in its own repository.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pm_pipeline.errors import ConfigError
from pm_pipeline.model import PostMortem
from pm_pipeline.site.status import Snapshot
from pm_pipeline.site.urls import quote_path, safe_link

REPOSITORY_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,62}")


@dataclass(frozen=True)
class Repository:
    name: str
    path: str
    url: str | None = None
    branch: str = "main"

    def link(self, kind: str, relative: str) -> str | None:
        """`blob` (view) or `edit` URL of a file of this repository, when its URL is known."""
        if not self.url:
            return None
        return safe_link(f"{self.url.rstrip('/')}/{kind}/{quote_path(self.branch)}/{quote_path(relative)}")


@dataclass(frozen=True)
class Origin:
    """Where one post-mortem of the organisation site comes from."""

    repository: Repository
    yaml_path: str
    """Relative to its repository."""

    @property
    def edit_url(self) -> str | None:
        return self.repository.link("edit", self.yaml_path)


@dataclass(frozen=True)
class Part:
    """One repository's valid post-mortems, their snapshot, and each one's YAML path in the repository."""

    repository: Repository
    postmortems: Sequence[PostMortem]
    snapshot: Snapshot | None
    yaml_paths: Mapping[str, str]


def parse_repositories(raw: Any) -> list[Repository]:
    """The plugin's `repositories` option: a list of {name, path, url, branch}; names unique and URL-safe."""
    if not isinstance(raw, list):
        raise ConfigError("repositories: a list of {name, path, url, branch}")
    found: list[Repository] = []
    for index, entry in enumerate(raw):
        where = f"repositories[{index}]"
        if not isinstance(entry, dict) or set(entry) - {"name", "path", "url", "branch"}:
            raise ConfigError(f"{where}: a mapping with name, path and optionally url and branch")
        name, path = entry.get("name"), entry.get("path", entry.get("name"))
        if not isinstance(name, str) or not REPOSITORY_NAME.fullmatch(name):
            raise ConfigError(f"{where}.name: lower-case letters, digits, `.`, `_` and `-` (it is part of URLs)")
        if any(repo.name == name for repo in found):
            raise ConfigError(f"{where}.name: `{name}` is listed twice")
        url = entry.get("url")
        if url is not None and (not isinstance(url, str) or safe_link(url) is None):
            raise ConfigError(f"{where}.url: an http(s) URL of the repository")
        if not isinstance(path, str) or path.startswith("/") or ".." in path.split("/"):
            raise ConfigError(f"{where}.path: a folder inside the site's repository (its checkout)")
        found.append(Repository(name, path, url, str(entry.get("branch", "main"))))
    return found


def merge(parts: Sequence[Part]) -> tuple[list[PostMortem], Snapshot | None, dict[str, Origin]]:
    """All post-mortems with repository-prefixed ids, one snapshot for all, and where each came from."""
    postmortems: list[PostMortem] = []
    origins: dict[str, Origin] = {}
    issues = {}
    taken = []
    for part in parts:
        name = part.repository.name
        for pm in part.postmortems:
            renamed = replace(pm, id=f"{name}/{pm.id}")
            postmortems.append(renamed)
            origins[renamed.id] = Origin(part.repository, part.yaml_paths.get(pm.id, ""))
        if part.snapshot is not None:
            issues.update({(f"{name}/{pm_id}", item): status for (pm_id, item), status in part.snapshot.issues.items()})
            if part.snapshot.taken_at is not None:
                taken.append(part.snapshot.taken_at)
    snapshot = Snapshot(min(taken) if taken else None, issues) if issues else None
    return postmortems, snapshot, origins
