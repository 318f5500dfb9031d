"""Where pages live and how they link: MkDocs' URL layout, anchors, and the only links we trust."""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import quote, urlsplit

DASHBOARD = "index.md"
ALL = "postmortems/index.md"
INDEXES = {
    "service": ("indexes/services.md", "By service"),
    "severity": ("indexes/severities.md", "By severity"),
    "owner": ("indexes/owners.md", "By owner"),
    "factor": ("indexes/factors.md", "By factor category"),
}
OVERDUE = ("indexes/overdue.md", "Overdue action items")
# One page per owner and per service, under these folders.
DETAIL_FOLDERS = {"owner": "owners", "service": "services"}


@functools.lru_cache(maxsize=8192)
def url_of(path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a source path, relative to the site root."""
    stem, _ = posixpath.splitext(path)
    if not directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        folder = posixpath.dirname(stem)
        return folder + "/" if folder else ""
    return stem + "/"


@functools.lru_cache(maxsize=8192)
def root_prefix(path: str, directory_urls: bool) -> str:
    """The `../` steps from the page made from `path` back to the site root."""
    here = url_of(path, directory_urls)
    folder = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    return "../" * folder.count("/") if folder != "/" else ""


def relative_url(from_path: str, to_path: str, directory_urls: bool, anchor: str = "") -> str:
    link = root_prefix(from_path, directory_urls) + url_of(to_path, directory_urls)
    return (link or "./") + (f"#{anchor}" if anchor else "")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def anchor_of(item_id: str) -> str:
    """The id of an action item's row on its post-mortem page."""
    return "item-" + slug(item_id)


def quote_path(path: str) -> str:
    """A repository path as a URL path: every character but letters, digits and `-._~/` percent-encoded."""
    return quote(path, safe="/")


def edit_link(base: str | None, yaml_path: str | None) -> str | None:
    """The "edit this file" URL: the base as configured, the file's path percent-encoded after it."""
    if not base or not yaml_path:
        return None
    return safe_link(base.rstrip("/") + "/" + quote_path(yaml_path.lstrip("/")))


def safe_link(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) address, else None: nothing else is ever linked."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"[\s\"'<>`]", url.strip()):
        return None
    return url.strip()


def pm_path(pm_id: str) -> str:
    return f"postmortems/{pm_id}.md"


def detail_path(kind: str, key: str) -> str:
    return f"{DETAIL_FOLDERS[kind]}/{slug(key)}.md"
