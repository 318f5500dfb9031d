"""Issue 10 item 2: a write budget that runs out is progress. A 1,000-item first sync with the
default budget exits 0 on every run until it converges, each run saying what is left."""

from __future__ import annotations

from pathlib import Path

from tests.sync.conftest import SyncHarness, action_item


def test_a_thousand_item_first_sync_exits_0_on_every_run_until_it_converges(harness: SyncHarness) -> None:
    for n in range(10):
        harness.write([action_item(i) for i in range(1, 101)], pm_id=f"PM-2025-02-{n + 10:02d}-budget")
    summary = harness.root / "summary.md"
    env = harness.env(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    runs = []
    while True:
        summary.write_text("", encoding="utf-8")
        run = harness.sync(env=env)
        runs.append(run.code)
        assert run.code == 0, run.err
        if "Stopped early" not in run.out:
            break
        left = 1000 - len(harness.issues())
        assert f"::warning title=pm-pipeline::write budget spent: {left} change(s) left" in run.out
        assert f"about {-(-left // 50)} more run(s)" in Path(summary).read_text(encoding="utf-8")
        assert len(runs) < 30
    assert len(runs) == 20 and len(harness.issues()) == 1000  # 20 runs of 50 creates
    harness.fake.clear_log()
    assert harness.sync(env=env).code == 0 and harness.fake.write_count == 0
