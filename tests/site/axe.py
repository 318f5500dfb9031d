"""axe-core (npm), installed on demand into tests/.cache like the OpenAPI description, run in a Playwright page."""

from __future__ import annotations

import fcntl
import shutil
import subprocess
from pathlib import Path
from typing import Any

PACKAGE = "axe-core"
VERSION = "4.14.1"
CACHE_DIR = Path(__file__).resolve().parents[1] / ".cache" / "axe-core"
# WCAG 2.2 AA and what it builds on; best-practice rules are left out (they are not the standard).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class AxeUnavailable(RuntimeError):
    """axe-core could not be installed; the accessibility tests fail with this reason."""


def axe_script(cache_dir: Path = CACHE_DIR) -> str:
    target = cache_dir / VERSION / "node_modules" / PACKAGE / "axe.min.js"
    if not target.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        with open(cache_dir / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not target.is_file():
                _npm_install(cache_dir / VERSION)
    if not target.is_file():
        raise AxeUnavailable(f"npm installed {PACKAGE}@{VERSION} but {target} is missing")
    return target.read_text(encoding="utf-8")


def _npm_install(prefix: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise AxeUnavailable(f"npm is not on PATH; cannot install {PACKAGE}@{VERSION} (apt-get install npm)")
    cmd = [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--no-save", f"{PACKAGE}@{VERSION}"]
    prefix.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise AxeUnavailable(f"`{' '.join(cmd)}` failed ({done.returncode}):\n{done.stderr[-2000:]}")


def violations(page: Any, script: str) -> list[str]:
    """axe's WCAG 2.2 AA violations on the loaded page, one line per rule and node."""
    page.add_script_tag(content=script)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')[:160]!r}"
        for v in result["violations"]
        for node in v["nodes"]
    ]
