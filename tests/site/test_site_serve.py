"""`mkdocs serve` rebuilds when a post-mortem YAML file changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.site.site_helpers import NOW, demo_data, write_project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode())
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_a_yaml_file_changes(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", [demo_data()])
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PM_PIPELINE_NOW": NOW.isoformat()}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
                               "-f", str(root / "mkdocs.yml")], cwd=root, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    page = f"http://127.0.0.1:{port}/postmortems/PM-2025-02-09-api-degradation/"
    try:
        assert wait_for(page, "API service degradation"), "the site was not served"
        source = root / "postmortems" / "2025-02-09-api-degradation.yaml"
        source.write_text(source.read_text().replace("API service degradation", "Orders API degradation"))
        assert wait_for(page, "Orders API degradation"), "the page did not change after the YAML did"
    finally:
        server.terminate()
        server.wait(timeout=10)
