"""Count HTTP requests of `pm-pipeline sync` against the fake GitHub.

First sync of N action items (100 post-mortems of N/100 items), then a no-op resync.
Target for the no-op: ceil(N/100) + 1 requests and 0 writes.

    python benchmarks/sync_requests.py [N]
"""

from __future__ import annotations

import io
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pm_pipeline.cli import parse_now
from pm_pipeline.commands.sync import SyncOptions, run_plan
from pm_pipeline.github_context import GitHubContext
from pm_pipeline.tracker.github import GitHubStore
from pm_pipeline.tracker.policy import RetryPolicy, WriteBudget
from pm_pipeline.tracker.store import IssueStore
from tests.fakegithub import FakeGitHub
from tests.sync.conftest import action_item, postmortem_text


def main(total: int = 1000) -> int:
    per_pm = max(1, total // 100)
    with tempfile.TemporaryDirectory() as folder, FakeGitHub() as fake:
        root = Path(folder)
        fake.add_repo("o/r")
        (root / "postmortems").mkdir()
        for index in range(math.ceil(total / per_pm)):
            count = min(per_pm, total - index * per_pm)
            pm_id = f"PM-2025-01-01-bench-{index:04d}"
            text = postmortem_text([action_item(n) for n in range(1, count + 1)], pm_id)
            (root / "postmortems" / f"{pm_id}.yaml").write_text(text, encoding="utf-8")

        def store(repo: str, token: str, api_url: str, budget: WriteBudget) -> IssueStore:
            return GitHubStore(
                repo, token, api_url=api_url, budget=budget, write_interval=0, retry=RetryPolicy(sleep=lambda _: None)
            )

        env = {"GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "o/r", "GITHUB_API_URL": fake.base_url}
        options = SyncOptions(paths=(root / "postmortems",), max_writes=total + 10, snapshot=root / "s.json")
        rows = []
        for name in ("first sync", "no-op resync"):
            fake.clear_log()
            started = time.perf_counter()
            github = GitHubContext.from_env(env)
            code = run_plan(
                options, parse_now(None), apply=True, github=github, store_factory=store, out=io.StringIO(),
                err=io.StringIO(),
            ).exit_code
            seconds = time.perf_counter() - started
            reads = len(fake.requests) - fake.write_count
            rows.append((name, code, len(fake.requests), reads, fake.write_count, seconds))
        target = math.ceil(total / 100) + 1
        print(f"{total} action items, {len(fake.issues('o/r'))} issues on the fake")
        print(f"{'run':<14} {'exit':>4} {'requests':>8} {'reads':>6} {'writes':>6} {'seconds':>8}")
        for name, code, requests, reads, writes, seconds in rows:
            print(f"{name:<14} {code:>4} {requests:>8} {reads:>6} {writes:>6} {seconds:>8.2f}")
        noop = rows[1]
        met = noop[2] <= target and noop[4] == 0
        print(f"no-op target: <= {target} requests, 0 writes -> {'met' if met else 'MISSED'}")
        return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
