"""Issue 17's journey in one fresh, empty git repository, with the real command at each step:
init, new at the prompts, an editor over LSP, pre-commit on a first draft (two runs show all nine
mistakes), `mkdocs build --strict`, and the pull-request workflow replayed by the local runner."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.action.localrunner import LocalRunner
from tests.fakegithub import FakeGitHub
from tests.init.helpers import ACTION, BIN, SHA, clean_env, git
from tests.init.test_editor import SETTINGS, LspClient, server_command  # noqa: F401 (a fixture)
from tests.init.test_pre_commit import _commit, _local_hook_config

DRAFT = Path(__file__).with_name("first_draft.yaml")
REPOSITORY = "acme/payments"


def _pm(repo: Path, env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "pm-pipeline"), *args], cwd=repo, env=env, input=stdin, capture_output=True,
                          text=True, timeout=300, check=False)


def test_a_team_repository_from_nothing(tmp_path: Path, server_command: list[str],
                                        fake_github: FakeGitHub) -> None:
    repo = tmp_path / "payments"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PM_PIPELINE_NOW="2025-02-12T00:00:00Z")

    made = _pm(repo, env, "init", "--action-ref", SHA)
    assert made.returncode == 0 and "12 written" in made.stdout, made.stdout + made.stderr

    answers = "Search was slow\nP3\n2025-04-02T08:00\n2025-04-02T08:00Z\n2025-04-02T09:00Z\n@li\n"
    drafted = _pm(repo, env, "new", stdin=answers)
    assert drafted.returncode == 0 and "has no offset" in drafted.stdout + drafted.stderr, drafted.stdout
    skeleton = repo / "postmortems" / "2025-04-02-search-was-slow.yaml"

    editor = LspClient(server_command, repo)
    try:
        editor.request("initialize", {"processId": None, "rootUri": repo.as_uri(), "capabilities": {
            "workspace": {"configuration": True}}})
        editor.notify("initialized", {})
        editor.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
        text = skeleton.read_text().replace("severity: P3", "severity: [P3]")
        editor.notify("textDocument/didOpen", {"textDocument": {
            "uri": skeleton.as_uri(), "languageId": "yaml", "version": 1, "text": text}})
        (diagnostic,) = editor.diagnostics(skeleton.as_uri())
        assert text.splitlines()[diagnostic["range"]["start"]["line"]] == "severity: [P3]"
    finally:
        editor.close()

    (repo / ".pre-commit-config.yaml").write_text(_local_hook_config())
    git(repo, "add", "-A")
    example = "postmortems/2025-02-09-api-degradation.yaml"
    git(repo, "reset", "-q", str(skeleton.relative_to(repo)), example)
    git(repo, "commit", "-q", "--no-verify", "-m", "pm-pipeline init")
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo, env=env, check=True, capture_output=True)

    draft = repo / "postmortems" / "2025-02-10-orders-latency.yaml"
    draft.write_text(DRAFT.read_text().replace("PM-2025-02-09-api-degradation", "PM-2025-02-10-orders-latency"))
    git(repo, "add", str(draft.relative_to(repo)))
    first = _commit(repo, env, "First draft")
    assert first.returncode != 0 and "PM002" in first.stdout + first.stderr, first.stdout + first.stderr
    draft.write_text(draft.read_text().replace("owner: @bob", 'owner: "@bob"'))
    git(repo, "add", str(draft.relative_to(repo)))
    second = _commit(repo, env, "First draft, quoted")
    assert second.returncode != 0
    for code in ("PM010", "PM011", "PM101", "PM201", "PM401"):
        assert f" {code} " in second.stdout + second.stderr, (code, second.stdout + second.stderr)
    git(repo, "rm", "-q", "--cached", str(draft.relative_to(repo)))
    draft.unlink()
    skeleton.unlink()
    git(repo, "add", example)
    through_the_hook = _commit(repo, env, "The first post-mortem")
    assert through_the_hook.returncode == 0, through_the_hook.stdout + through_the_hook.stderr

    built = subprocess.run(["scripts/site", "build", "--strict"], cwd=repo, env=env, capture_output=True, text=True,
                           timeout=300, check=False)
    assert built.returncode == 0 and "end of life" not in built.stderr, built.stderr[-2000:]

    fake_github.add_repo(REPOSITORY)
    temp = tmp_path / "runner"
    temp.mkdir()
    event = {"pull_request": {"number": 1, "head": {"repo": {"full_name": REPOSITORY}}},
             "repository": {"full_name": REPOSITORY, "default_branch": "main"}}
    runner = LocalRunner(workspace=repo, temp=temp, event_name="pull_request", event=event, repository=REPOSITORY,
                         api_url=fake_github.base_url, action_name=ACTION,
                         machine_env={"PM_PIPELINE_NOW": "2025-02-12T00:00:00Z"})
    jobs = runner.run(repo / ".github" / "workflows" / "pr-check.yml")
    assert jobs["check"].status == "success", [step.log for step in jobs["check"].steps]
    assert jobs["check"].step("plan").outputs["created"] == "5"
