"""pre-commit in a repository made by `init`: a bad post-mortem cannot be committed; warnings show on a pass.

The hook is this repository's `.pre-commit-hooks.yaml` entry, run as a local `system` hook (the
tests reach no package index, and pm-pipeline is installed in the test environment already).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from tests.init.helpers import BIN, ROOT, clean_env, git, init_repo

DRAFT = Path(__file__).with_name("first_draft.yaml")
EXAMPLE = "postmortems/2025-02-09-api-degradation.yaml"


def _local_hook_config() -> str:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    local = {**hook, "language": "system"}
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}, sort_keys=False)


def _commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-m", message],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_commit_of_a_bad_file_is_stopped_and_warnings_show_on_a_pass(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    init_repo(repo)
    assert "id: pm-pipeline-check" in (repo / ".pre-commit-config.yaml").read_text()
    (repo / ".pre-commit-config.yaml").write_text(_local_hook_config())
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PM_PIPELINE_NOW="2025-02-12T00:00:00Z")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "pm-pipeline init")
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo, env=env, check=True, capture_output=True)

    bad = repo / "postmortems" / "2025-02-10-orders-latency.yaml"
    bad.write_text(DRAFT.read_text().replace("PM-2025-02-09-api-degradation", "PM-2025-02-10-orders-latency"))
    git(repo, "add", "-A")
    stopped = _commit(repo, env, "Add a first draft")

    assert stopped.returncode != 0
    assert "PM002" in stopped.stdout + stopped.stderr and "quote it" in stopped.stdout + stopped.stderr
    assert "2025-02-10-orders-latency.yaml" not in git(repo, "ls-tree", "-r", "--name-only", "HEAD")

    git(repo, "rm", "-q", "--cached", str(bad.relative_to(repo)))
    bad.unlink()
    example = repo / EXAMPLE
    example.write_text(example.read_text().replace(
        "  systemic_issues:\n    - Query plans are not reviewed before deploy.\n"
        "    - Database alerts fire only on total failure, not on saturation.\n", "", 1))
    git(repo, "add", "-A")
    passed = _commit(repo, env, "Drop the systemic issues")

    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "PM504" in passed.stdout + passed.stderr, "a warning must show when the hook passes"
