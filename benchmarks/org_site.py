"""The organisation site: 50 repositories of 100 reports each (5,000), against the same 5,000 in one repository.

Each repository is a folder as the workflow's checkout leaves it (`repos/<name>/postmortems/`, from
benchmarks/generate.py with its own seed). The organisation project lists them in the plugin's
`repositories` option; the peer is one repository's site with all 5,000 files in one folder. Whole
`mkdocs build` processes (Material, search on), alternating, median of --runs.

    python -m benchmarks.org_site [--repositories 50] [--per-repository 100] [--runs 1] [--out benchmarks/out/org]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generate import generate

THEME = "theme: {name: material, font: false, features: [search.highlight]}\n"


def make_projects(out: Path, repositories: int, per_repository: int) -> tuple[Path, Path]:
    org, single = out / "org", out / "single"
    for root in (org, single):
        (root / "docs").mkdir(parents=True)
    listed = []
    for index in range(repositories):
        name = f"team-{index:02d}"
        paths = generate(per_repository, org / "repos" / name / "postmortems", seed=1000 + index)
        for path in paths:
            # the same reports in one folder; the index keeps ids apart across repositories
            text = path.read_text().replace("-incident-", f"-team{index:02d}-incident-", 1)
            (single / "postmortems").mkdir(exist_ok=True)
            (single / "postmortems" / f"{path.stem}-{index:02d}.yaml").write_text(text)
        listed.append(f"        - {{name: {name}, path: repos/{name}, url: 'https://github.com/acme/{name}'}}\n")
    plugin = "plugins:\n  - search\n  - postmortems:\n      repositories:\n" + "".join(listed)
    (org / "mkdocs.yml").write_text(f"site_name: Org\n{THEME}{plugin}")
    (single / "mkdocs.yml").write_text(f"site_name: One\n{THEME}plugins: [search, postmortems]\n")
    return org, single


def build(root: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PM_PIPELINE_NOW": "2025-06-01T00:00:00Z"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env, check=True)
    elapsed = time.perf_counter() - start
    built = sum(1 for _ in (root / "site" / "postmortems").rglob("index.html"))
    print(f"{root.name}: {built:,} post-mortem pages")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repositories", type=int, default=50)
    parser.add_argument("--per-repository", type=int, default=100)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/org"))
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    org, single = make_projects(args.out, args.repositories, args.per_repository)
    times: dict[str, list[float]] = {"organisation site": [], "one repository": []}
    for _ in range(args.runs):
        times["organisation site"].append(build(org))
        times["one repository"].append(build(single))
    total = args.repositories * args.per_repository
    base = statistics.median(times["one repository"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:20} {total:,} reports  {median:7.1f} s  ratio to one repository {median / base:4.2f}")
    pages = sum(1 for _ in (org / "site").rglob("*.html"))
    size = sum(p.stat().st_size for p in (org / "site").rglob("*.html"))
    print(f"organisation site: {pages:,} pages, {size / 1e6:.0f} MB of HTML")


if __name__ == "__main__":
    main()
