"""Count HTTP requests of `pm-pipeline overdue --apply` against the fake GitHub on a day that
changes nothing, with N managed issues of which half are overdue.

Seeds the steady state an earlier run leaves (labels, and the `reminded` tier line in each issue
block), runs once (it writes the digest), then measures the no-op rerun. Target for the no-op:
ceil(N/100) + 2 requests (the listing, GET /user, one spare) and 0 writes, whatever is overdue.
The peer is the previous design, which read the comments of every overdue issue on every run:
ceil(N/100) + 1 + N/2 requests (1,022 for N = 2,000, as measured before the change).

    python benchmarks/overdue_requests.py [N ...]
"""

from __future__ import annotations

import io
import math
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml

from pm_pipeline.cli import parse_now
from pm_pipeline.commands.overdue import OverdueOptions, run_overdue
from pm_pipeline.github_context import GitHubContext
from pm_pipeline.overdue.find import reached_tier
from pm_pipeline.settings import OverdueSettings
from pm_pipeline.tracker.github import GitHubStore
from pm_pipeline.tracker.markers import END, Applied, TierMarker, applied_line, begin_marker, with_reminded
from pm_pipeline.tracker.policy import RetryPolicy, WriteBudget
from pm_pipeline.tracker.store import IssueStore
from tests.fakegithub import FakeGitHub
from tests.overdue.conftest import DEMO, item

REPO = "acme/app"
TODAY = date(2025, 6, 1)
PER_FILE = 100


def seed(fake: FakeGitHub, folder: Path, total: int) -> None:
    template = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    tiers = OverdueSettings().tiers
    for start in range(0, total, PER_FILE):
        pm_id = f"PM-2025-01-01-bench-{start // PER_FILE:04d}"
        items = []
        for n in range(start, min(total, start + PER_FILE)):
            overdue = n % 2 == 0
            deadline = TODAY - timedelta(days=20 + n % 30) if overdue else TODAY + timedelta(days=60)
            ai = item(f"AI-{n % PER_FILE + 1:03d}", deadline.isoformat(), f"@owner-{n % 40}")
            items.append(ai)
            key = f"{pm_id}/{ai['id']}"
            tier = reached_tier((TODAY - deadline).days, tiers)
            block = "\n".join([begin_marker(key), f"**{ai['id']}:** {ai['action']}",
                               applied_line(Applied("open", ("post-mortem", "priority/medium"))), END])
            if tier is not None:
                block = with_reminded(block, TierMarker(key, deadline, tier))
            labels = ["post-mortem", "priority/medium"] + (["overdue"] if overdue else [])
            fake.add_issue(REPO, f"[bench] {key}", block, labels=labels, user=fake.login)
        data = dict(template, id=pm_id, action_items=items)
        (folder / f"{pm_id.removeprefix('PM-')}.yaml").write_text(yaml.safe_dump(data, sort_keys=False),
                                                                   encoding="utf-8")


def store(repo: str, token: str, api_url: str, budget: WriteBudget) -> IssueStore:
    return GitHubStore(repo, token, api_url=api_url, budget=budget, write_interval=0,
                       retry=RetryPolicy(sleep=lambda _: None))


def measure(total: int) -> tuple[int, int, int, float, bool]:
    with tempfile.TemporaryDirectory() as folder, FakeGitHub() as fake:
        root = Path(folder)
        fake.add_repo(REPO)
        (root / "postmortems").mkdir()
        seed(fake, root / "postmortems", total)
        config = root / "pm-pipeline.yml"
        config.write_text(f"sync:\n  max_writes: {total + 10}\n", encoding="utf-8")
        options = OverdueOptions((root / "postmortems",), REPO, fake.base_url, True, None, "json", config)
        github = GitHubContext.from_env({"GITHUB_TOKEN": "t"}, REPO, fake.base_url)
        now = parse_now(f"{TODAY.isoformat()}T06:00:00Z")
        run_overdue(options, now, github, io.StringIO(), io.StringIO(), store)  # writes the digest
        first_writes = fake.write_count
        fake.clear_log()
        started = time.perf_counter()
        code = run_overdue(options, now, github, io.StringIO(), io.StringIO(), store).exit_code
        seconds = time.perf_counter() - started
        comment_reads = sum(1 for r in fake.requests if r.path.endswith("/comments"))
        return code, len(fake.requests), fake.write_count, seconds, comment_reads == 0 and first_writes == 1


def main(sizes: list[int]) -> int:
    print(f"{'issues':>7} {'overdue':>7} {'exit':>4} {'requests':>8} {'writes':>6} {'target':>6} "
          f"{'peer (old)':>10} {'seconds':>7}")
    ok = True
    for total in sizes:
        code, requests, writes, seconds, no_comments = measure(total)
        target = math.ceil(total / 100) + 2
        peer = math.ceil(total / 100) + 1 + total // 2
        met = code == 0 and requests <= target and writes == 0 and no_comments
        ok &= met
        print(f"{total:>7} {total // 2:>7} {code:>4} {requests:>8} {writes:>6} {target:>6} {peer:>10} {seconds:>7.2f}"
              f"  {'met' if met else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main([int(arg) for arg in sys.argv[1:]] or [2000, 10000]))
