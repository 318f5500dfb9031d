"""Where GitHub is and who we are there, read from the environment once, by the CLI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pm_pipeline.errors import UsageError

DEFAULT_API_URL = "https://api.github.com"
PR_EVENTS = ("pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment")
WRITE_INTERVAL_ENV = "PM_PIPELINE_WRITE_INTERVAL"
IDENTITY_ENV = "PM_PIPELINE_IDENTITY"
TRUSTED_ENV = "PM_PIPELINE_TRUSTED_AUTHORS"


@dataclass(frozen=True)
class GitHubContext:
    """The repository, API and token a run talks to, and where Actions wants its outputs."""

    repository: str | None = None
    api_url: str = DEFAULT_API_URL
    token: str | None = None
    event_name: str = ""
    in_actions: bool = False
    output_file: str | None = None
    summary_file: str | None = None
    write_interval: float = 1.0
    """Seconds between content writes (GitHub's secondary limits); tests set 0."""
    identity: str | None = None
    """The login the token writes as, when GET /user cannot tell (`$PM_PIPELINE_IDENTITY`)."""
    trusted_authors: tuple[str, ...] = ()
    """Earlier identities whose issues stay the tool's (`$PM_PIPELINE_TRUSTED_AUTHORS`, comma-separated)."""

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], repository: str | None = None, api_url: str | None = None
    ) -> GitHubContext:
        """The context for a run: options first (--repo, --api-url), then the variables Actions sets."""
        raw_interval = env.get(WRITE_INTERVAL_ENV, "1.0")
        try:
            interval = float(raw_interval)
        except ValueError:
            raise UsageError(f"${WRITE_INTERVAL_ENV}: `{raw_interval}` is not a number of seconds") from None
        repo = repository or env.get("GITHUB_REPOSITORY") or None
        if repo is not None and repo.count("/") != 1:
            raise UsageError(f"--repo: `{repo}` is not owner/name")
        return cls(
            repository=repo,
            api_url=(api_url or env.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/"),
            token=env.get("GITHUB_TOKEN") or None,
            event_name=env.get("GITHUB_EVENT_NAME", ""),
            in_actions=env.get("GITHUB_ACTIONS") == "true",
            output_file=env.get("GITHUB_OUTPUT") or None,
            summary_file=env.get("GITHUB_STEP_SUMMARY") or None,
            write_interval=interval,
            identity=env.get(IDENTITY_ENV, "").strip() or None,
            trusted_authors=tuple(a.strip() for a in env.get(TRUSTED_ENV, "").split(",") if a.strip()),
        )

    @property
    def on_pull_request(self) -> bool:
        return self.event_name in PR_EVENTS

    @property
    def online(self) -> bool:
        """A token and a repository: the tracker can be read."""
        return bool(self.token and self.repository)

    @property
    def web_url(self) -> str:
        """The web address for the API address: api.github.com -> github.com, GHES host/api/v3 -> host."""
        if self.api_url == DEFAULT_API_URL:
            return "https://github.com"
        return self.api_url.removesuffix("/api/v3")

    @property
    def repository_url(self) -> str | None:
        return f"{self.web_url}/{self.repository}" if self.repository else None
