"""Desired issues: what each action item's GitHub issue should say. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from pm_pipeline.config import Config
from pm_pipeline.inert import inert_handle, inert_path, inert_text, quiet_mentions, url_path
from pm_pipeline.model import ActionItem, PostMortem
from pm_pipeline.tracker.markers import (
    END,
    SEARCH_PHRASE,
    Applied,
    applied_line,
    begin_marker,
    item_key,
)

TITLE_ACTION_MAX = 80
_DATE = re.compile(r"^PM-(\d{4}-\d{2}-\d{2})")
STATUS_STATE = {"open": ("open", None), "done": ("closed", "completed"), "not-doing": ("closed", "not_planned")}


@dataclass(frozen=True)
class Links:
    """Where the block links to: the site page and the YAML on the default branch."""

    site_url: str | None = None
    blob_base: str | None = None  # e.g. https://github.com/o/r/blob/main


@dataclass(frozen=True)
class DesiredIssue:
    key: str  # "<post-mortem id>/<action-item id>"
    postmortem_id: str
    title: str
    block: str
    labels: tuple[str, ...]
    assignees: tuple[str, ...]
    status: str  # the YAML status: open | done | not-doing
    reason: str | None = None
    owner: str = ""
    previous_keys: tuple[str, ...] = ()  # keys its issue may still carry (renamed_from), first wins

    @property
    def state(self) -> str:
        return STATUS_STATE[self.status][0]

    @property
    def state_reason(self) -> str | None:
        return STATUS_STATE[self.status][1]


def previous_keys(pm: PostMortem, item: ActionItem) -> tuple[str, ...]:
    """The keys this item's issue may carry from before a rename, most specific first.

    `renamed_from` on the item names its old id (`AI-003`, same post-mortem) or old key
    (`PM-.../AI-003`, moved from another post-mortem); `renamed_from` on the post-mortem names
    its old id, which every item keeps unless it says otherwise."""
    keys: list[str] = []
    old = item.renamed_from
    if old is not None:
        keys.append(old if "/" in old else item_key(pm.id, old))
        if "/" not in old and pm.renamed_from:
            keys.append(item_key(pm.renamed_from, old))
    if pm.renamed_from:
        keys.append(item_key(pm.renamed_from, item.id))
    own = item_key(pm.id, item.id)
    return tuple(key for key in dict.fromkeys(keys) if key != own)


def desired_issues(postmortems: Iterable[PostMortem], config: Config, links: Links) -> list[DesiredIssue]:
    """One desired issue per action item, in file order; a repeated key keeps its first item
    (`check` reports duplicate ids; a sync must never create two issues for one key).

    A previous key that is also some item's current key stays with that item: renaming never
    takes an issue from an item that still exists."""
    found: dict[str, DesiredIssue] = {}
    for pm in postmortems:
        for item in pm.action_items:
            if item_key(pm.id, item.id) not in found:
                found[item_key(pm.id, item.id)] = desired_issue(pm, item, config, links)
    current = set(found)
    return [
        replace(issue, previous_keys=tuple(key for key in issue.previous_keys if key not in current))
        for issue in found.values()
    ]


def desired_issue(pm: PostMortem, item: ActionItem, config: Config, links: Links) -> DesiredIssue:
    labels = tool_labels(item, config)
    key = item_key(pm.id, item.id)
    return DesiredIssue(
        key=key,
        postmortem_id=pm.id,
        title=issue_title(pm.id, item),
        block=render_block(key, pm, item, config, links, Applied(item.status, labels)),
        labels=labels,
        assignees=(item.owner.removeprefix("@"),) if "/" not in item.owner else (),
        status=item.status,
        reason=item.reason,
        owner=item.owner,
        previous_keys=previous_keys(pm, item),
    )


def creation_body(item: DesiredIssue) -> str:
    """The body of a new issue: the block, and below it the one mention the tool makes at creation
    (the owner). It is outside the block, so later runs never write it again."""
    if not item.owner:
        return item.block
    return f"{item.block}\n\n{item.owner}: this action item is yours (its owner in the post-mortem)."


def tool_labels(item: ActionItem, config: Config) -> tuple[str, ...]:
    names = [config.sync.label, f"{config.sync.priority_label_prefix}{item.priority}", *item.labels]
    return tuple(dict.fromkeys(names))


def issue_title(postmortem_id: str, item: ActionItem) -> str:
    found = _DATE.match(postmortem_id)
    prefix = f"PM-{found.group(1)}" if found else postmortem_id
    return f"[{prefix}] {item.id}: {quiet_mentions(shorten(item.action, TITLE_ACTION_MAX))}"


def shorten(text: str, limit: int) -> str:
    """One line of at most limit characters, cut at a word boundary with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def render_block(key: str, pm: PostMortem, item: ActionItem, config: Config, links: Links, applied: Applied) -> str:
    source = source_path(pm.source_path)
    page = f"{links.site_url.rstrip('/')}/postmortems/{pm.id}/" if links.site_url else None
    shown = inert_path(source)
    yaml_link = f"[{shown}]({links.blob_base}/{url_path(source)})" if links.blob_base else shown
    status = {"open": "open", "done": "done", "not-doing": "not doing"}[item.status]
    rows = [
        ("Post-mortem", f"[{_text(pm.title)}]({page})" if page else _text(pm.title)),
        ("Owner", inert_handle(item.owner)),
        ("Deadline", item.deadline.isoformat()),
        ("Priority", item.priority),
        ("Type", item.type),
        ("Sponsor", inert_handle(item.sponsor) if item.sponsor else "—"),
        ("Status", status + (f": {_text(item.reason)}" if item.reason and item.status == "not-doing" else "")),
        ("Source", yaml_link),
    ]
    lines = [
        begin_marker(key),
        f"**{item.id}:** {_text(item.action)}",
        "",
        "| | |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in rows),
        "",
        (f"<sub>{SEARCH_PHRASE} from `{pm.id}`: edit the YAML, not this block. Text outside it is yours.</sub>"),
        applied_line(applied),
        END,
    ]
    return "\n".join(lines)


def source_path(path: str) -> str:
    """The YAML's path as the repository shows it (relative, forward slashes)."""
    posix = PurePosixPath(path.replace("\\", "/"))
    parts = [part for part in posix.parts if part not in (".", "/")]
    return "/".join(parts)


def _text(value: str) -> str:
    """User text made inert (no mention, link, image or HTML) and unable to forge a marker."""
    return inert_text(value)
