"""Pytest fixtures for the fake GitHub server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import FakeGitHub


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    """A running FakeGitHub on 127.0.0.1 (free port), shut down after the test."""
    with FakeGitHub() as fake:
        yield fake
