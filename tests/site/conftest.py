"""Fixtures for the site tests (helpers live in site_helpers.py)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.site.site_helpers import cache_outage_data, demo_data, mkdocs_build, write_project


@pytest.fixture
def demo() -> dict[str, Any]:
    return demo_data()


@pytest.fixture
def cache_outage() -> dict[str, Any]:
    return cache_outage_data()


@pytest.fixture
def build_project(tmp_path: Path) -> Callable[..., tuple[Path, subprocess.CompletedProcess[str]]]:
    def build(postmortems: list[dict[str, Any]], strict: bool = True, extra_config: str = "",
              raw_files: dict[str, str] | None = None) -> tuple[Path, subprocess.CompletedProcess[str]]:
        root = write_project(tmp_path / "project", postmortems, extra_config, raw_files)
        return root / "site", mkdocs_build(root, strict)

    return build
