"""The insight pages (recurring incidents, deadline slips) and what post-mortem pages show of them.

Kept apart from `render` so the insight pages grow without touching the core pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pm_pipeline.site.insights import CHAIN_SHOWN, RECURRENCE, TOPICS_SHOWN, RecurrenceView, Topic
from pm_pipeline.site.slips_view import SLIPS, most_rescheduled, slips_by_team
from pm_pipeline.site.urls import anchor_of, pm_path, slug

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
        return [self.recurrence_page(), self.slips_page()]

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


def topic_anchor(topic: Topic) -> str:
    return "topic-" + slug(f"{topic.service or 'any'}-{topic.category or 'any'}")
