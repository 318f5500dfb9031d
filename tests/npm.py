"""npm packages the tests need (contract data, tools), installed once into tests/.cache/<name>/<version>."""

from __future__ import annotations

import fcntl
import shutil
import subprocess
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"


class NpmUnavailable(RuntimeError):
    """The package could not be installed; the test fails with this reason."""


def npm_package(name: str, version: str, marker: str) -> Path:
    """The installed package's folder (node_modules/<name>), installing name@version if `marker` is missing in it."""
    prefix = CACHE / name.replace("/", "+") / version
    folder = prefix / "node_modules" / name
    if (folder / marker).exists():
        return folder
    prefix.mkdir(parents=True, exist_ok=True)
    with open(prefix / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / marker).exists():
            npm = shutil.which("npm")
            if npm is None:
                raise NpmUnavailable(f"npm is not on PATH; cannot install {name}@{version} (apt-get install npm)")
            cmd = [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--no-save", f"{name}@{version}"]
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
            if done.returncode != 0:
                raise NpmUnavailable(f"`{' '.join(cmd)}` failed ({done.returncode}):\n{done.stderr[-2000:]}")
    if not (folder / marker).exists():
        raise NpmUnavailable(f"npm installed {name}@{version} but {folder / marker} is missing")
    return folder
