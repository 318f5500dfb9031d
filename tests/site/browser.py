"""Browser-test plumbing: serve a built site on 127.0.0.1, drive Debian's Chromium, refuse other hosts."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.site.site_helpers import REPO

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a request log per page load would bury the test output."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """The folder over HTTP on 127.0.0.1 (a free port), as a base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def guard(context: Any) -> list[str]:
    """Route every request of the context: anything not for 127.0.0.1 is aborted and recorded."""
    foreign: list[str] = []

    def local(url: str) -> bool:
        return url.startswith(("data:", "blob:", "about:")) or urlsplit(url).hostname == "127.0.0.1"

    def route(route: Any) -> None:
        if local(route.request.url):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    context.on("request", lambda request: None if local(request.url) or request.url in foreign
               else foreign.append(request.url))
    return foreign


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page that fails its test if any request leaves 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    foreign = guard(context)
    page = context.new_page()
    yield page
    context.close()
    assert foreign == [], f"requests left 127.0.0.1: {foreign}"


def search(page: Any, words: str) -> None:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(words, delay=20)


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
