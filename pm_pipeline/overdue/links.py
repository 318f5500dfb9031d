"""Where a post-mortem can be read: its YAML on the default branch of the repository."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from pm_pipeline.inert import url_path
from pm_pipeline.model import PostMortem


@dataclass(frozen=True)
class Links:
    repository_url: str | None = None
    branch: str = "main"

    def postmortem(self, pm: PostMortem) -> str | None:
        path = PurePosixPath(pm.source_path.replace("\\", "/"))
        if not self.repository_url or not pm.source_path or path.is_absolute():
            return None
        # Encoded: a file name with a newline, `)` or `<!--` must not end the link or forge a marker line.
        return f"{self.repository_url.rstrip('/')}/blob/{url_path(self.branch)}/{url_path(str(path))}"
