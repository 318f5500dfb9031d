"""Site build time: the plugin against plain `mkdocs build` of the same pages as Markdown files.

For each size, generates post-mortems, then times whole `mkdocs build` processes
(Material, search on), alternating the two projects, and prints medians and ratios.
Targets: plugin <= 1.2x plain; plugin at 1,000 <= 11x plugin at 100.

    python benchmarks/site_build.py [--sizes 100 1000] [--runs 3] [--out benchmarks/out/site]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate  # noqa: E402
from pm_pipeline.files import check_paths  # noqa: E402
from pm_pipeline.config import Config  # noqa: E402
from pm_pipeline.rules.base import Context  # noqa: E402
from pm_pipeline.rules.selection import select_rules  # noqa: E402
from pm_pipeline.site.render import ALL, INDEXES, OVERDUE, SiteInput, SiteOptions, build_site, make_environment  # noqa: E402
from pm_pipeline.site.status import StatusSource, track  # noqa: E402

NOW = datetime(2025, 6, 1, tzinfo=UTC)
THEME = "theme: {name: material, font: false, features: [search.highlight]}\n"
NAV = (
    "nav:\n  - Dashboard: index.md\n  - Post-mortems:\n    - All post-mortems: "
    + ALL
    + "\n"
    + f"    - {OVERDUE[1]}: {OVERDUE[0]}\n"
    + "".join(f"    - {title}: {path}\n" for path, title in INDEXES.values())
)


def plugin_project(root: Path, n: int) -> Path:
    generate(n, root / "postmortems", seed=n)
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(f"site_name: Bench\n{THEME}plugins: [search, postmortems]\n")
    return root


def plain_project(root: Path, postmortems_dir: Path) -> Path:
    """The same pages and files the plugin makes, written into docs/, with the same nav, CSS and script."""
    config = Config()
    report = check_paths([postmortems_dir], select_rules(config), Context(NOW, config))
    postmortems = report.postmortems
    site = SiteInput(postmortems, track(postmortems, None, NOW), StatusSource("yaml"), NOW)
    env = make_environment()
    docs = root / "docs"
    pages, assets = build_site(site, SiteOptions(), env)
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    files = [(a.path, a.content) for a in assets] + [
        (f"assets/pm-pipeline/{name}", env.loader.get_source(env, name)[0] if env.loader else "")
        for name in ("pm.css", "pm.js")
    ]
    for path, content in files:
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        f"site_name: Bench\n{THEME}plugins: [search]\nextra_css: [assets/pm-pipeline/pm.css]\n"
        "extra_javascript: [assets/pm-pipeline/pm.js]\n"
        f"not_in_nav: |\n  /postmortems/PM-*.md\n  /owners/*.md\n  /services/*.md\n{NAV}"
    )
    return root


def build_seconds(root: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PM_PIPELINE_NOW": NOW.isoformat()}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {root}:\n{result.stderr}")
    return elapsed


def html_megabytes(root: Path) -> float:
    return sum(p.stat().st_size for p in (root / "site").rglob("*.html")) / 1e6


def largest_page(root: Path) -> tuple[str, int]:
    sizes = {str(p.relative_to(root / "site")): p.stat().st_size for p in (root / "site").rglob("*.html")}
    name = max(sizes, key=sizes.__getitem__)
    return name, sizes[name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/site"))
    args = parser.parse_args()
    results: dict[int, dict[str, Any]] = {}
    for n in args.sizes:
        base = args.out.resolve() / str(n)
        shutil.rmtree(base, ignore_errors=True)
        plugin = plugin_project(base / "plugin", n)
        plain = plain_project(base / "plain", plugin / "postmortems")
        times: dict[str, list[float]] = {"plugin": [], "plain": []}
        for _ in range(args.runs):
            times["plain"].append(build_seconds(plain))
            times["plugin"].append(build_seconds(plugin))
        medians = {kind: statistics.median(values) for kind, values in times.items()}
        results[n] = {
            "runs": times,
            "median": medians,
            "ratio": medians["plugin"] / medians["plain"],
            "html_mb": {"plugin": html_megabytes(plugin), "plain": html_megabytes(plain)},
            "largest_page": largest_page(plugin),
            "search_index_bytes": (plugin / "site/search/search_index.json").stat().st_size,
        }
        print(
            f"{n:>6} post-mortems: plugin {medians['plugin']:6.2f} s   plain Markdown {medians['plain']:6.2f} s   "
            f"ratio {results[n]['ratio']:.2f}x   HTML {results[n]['html_mb']['plugin']:.1f} MB   "
            f"largest page {results[n]['largest_page'][1] / 1e3:.0f} KB ({results[n]['largest_page'][0]})   "
            f"search index {results[n]['search_index_bytes'] / 1e6:.2f} MB",
            flush=True,
        )
    sizes = sorted(results)
    if len(sizes) >= 2:
        growth = results[sizes[-1]]["median"]["plugin"] / results[sizes[0]]["median"]["plugin"]
        print(f"plugin growth {sizes[0]} -> {sizes[-1]}: {growth:.2f}x (target <= {sizes[-1] / sizes[0] * 1.1:.0f}x)")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
