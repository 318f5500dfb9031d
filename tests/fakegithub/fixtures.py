"""Pytest fixtures for the fake GitHub server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import FakeGitHub


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    """A running FakeGitHub on 127.0.0.1 (free port), shut down after the test.

    Teardown fails the test if a handler of the fake itself crashed (see FakeGitHub.errors)."""
    with FakeGitHub() as fake:
        yield fake
    assert not fake.errors, f"the fake GitHub crashed while serving: {fake.errors!r}"
