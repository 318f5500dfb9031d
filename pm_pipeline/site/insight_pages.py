"""The insight pages (recurring incidents, deadline slips) and what post-mortem pages show of them.

Kept apart from `render` so the insight pages grow without touching the core pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pm_pipeline.model import PostMortem
from pm_pipeline.site.insights import CHAIN_SHOWN, RECURRENCE, TOPICS_SHOWN, RecurrenceView, Topic
from pm_pipeline.site.slips_view import SLIPS, most_rescheduled, slips_by_team
from pm_pipeline.site.urls import anchor_of, pm_path, slug

REPOSITORIES = ("repositories/index.md", "Repositories")

if TYPE_CHECKING:
    from pm_pipeline.site.render import Page, _Renderer


class InsightPages:
    def __init__(self, renderer: _Renderer) -> None:
        self.renderer = renderer
        site, options = renderer.site, renderer.options
        self.recurrence = RecurrenceView(site.postmortems, site.tracked, options.recurrence)

    def context(self) -> dict[str, Any]:
        """What recurring.html (included in every post-mortem page) needs."""
        return {"recurrence": self.recurrence, "recurrence_path": RECURRENCE[0], "pm_path": pm_path}

    def pages(self) -> list[Page]:
        pages = [self.recurrence_page(), self.slips_page()]
        if self.renderer.site.origins:
            pages += [self.repositories_page(), *(self.repository_page(name) for name in self.repositories)]
        return pages

    def edit_url(self, pm: PostMortem) -> str | None:
        """On an organisation site, the post-mortem's YAML in its own repository."""
        origin = self.renderer.site.origins.get(pm.id)
        return origin.edit_url if origin is not None else None

    @property
    def repositories(self) -> dict[str, list[PostMortem]]:
        """Repository name -> its post-mortems, newest first (organisation site)."""
        origins = self.renderer.site.origins
        grouped: dict[str, list[PostMortem]] = {}
        for pm in self.renderer.model.postmortems:
            grouped.setdefault(origins[pm.id].repository.name, []).append(pm)
        return dict(sorted(grouped.items()))

    def repositories_page(self) -> Page:
        renderer = self.renderer
        origins = renderer.site.origins
        rows = []
        for name, postmortems in self.repositories.items():
            items = [t for pm in postmortems for t in renderer.model.items_of(pm)]
            rows.append((name, repository_path(name), origins[postmortems[0].id].repository, postmortems, items))
        return renderer.render(
            "org_repositories.html", REPOSITORIES[0], REPOSITORIES[1], hide=("toc",), searchable=False, rows=rows
        )

    def repository_page(self, name: str) -> Page:
        postmortems = self.repositories[name]
        repository = self.renderer.site.origins[postmortems[0].id].repository
        return self.renderer.render(
            "org_repository.html",
            repository_path(name),
            name,
            hide=("toc",),
            searchable=False,
            repository=repository,
            postmortems=postmortems,
            items=[t for pm in postmortems for t in self.renderer.model.items_of(pm)],
        )

    def recurrence_page(self) -> Page:
        """Services and categories that failed again after their fixes were closed."""
        return self.renderer.render(
            "recurrence.html",
            RECURRENCE[0],
            RECURRENCE[1],
            hide=("toc",),
            searchable=False,
            topics=self.recurrence.topics(),
            topic_anchor=topic_anchor,
            topics_shown=TOPICS_SHOWN,
            chain_shown=CHAIN_SHOWN,
            anchor_of=anchor_of,
            **self.context(),
        )

    def slips_page(self) -> Page:
        """Deadline and owner changes per team, and the most rescheduled items (from the history file)."""
        renderer = self.renderer
        slips = renderer.site.slips
        return renderer.render(
            "slips.html",
            SLIPS[0],
            SLIPS[1],
            hide=("toc",),
            searchable=False,
            slips=slips,
            by_team=slips_by_team(slips, renderer.model.team) if slips is not None else [],
            most=most_rescheduled(slips) if slips is not None else [],
            known={p.id for p in renderer.model.postmortems},
            history_file=renderer.options.history_file,
            anchor_of=anchor_of,
            pm_path=pm_path,
        )


def repository_path(name: str) -> str:
    return f"repositories/{name}.md"


def topic_anchor(topic: Topic) -> str:
    return "topic-" + slug(f"{topic.service or 'any'}-{topic.category or 'any'}")
