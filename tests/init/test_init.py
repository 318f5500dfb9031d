"""`pm-pipeline init` in a fresh repository: what it writes, what a rerun keeps, and that it all works."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from click.testing import CliRunner

from pm_pipeline import __version__
from pm_pipeline.cli import cli
from pm_pipeline.schema import load_schema
from tests.init.helpers import ACTION, BIN, ROOT, SHA, clean_env, git, init_repo

WRITTEN = {
    "pm-pipeline.yml", "postmortems/2025-02-09-api-degradation.yaml", "mkdocs.yml", "docs/.gitkeep",
    ".pre-commit-config.yaml", "scripts/site", ".github/workflows/pr-check.yml", ".github/workflows/publish.yml",
    ".github/workflows/overdue.yml", ".pm-pipeline/postmortem.schema.json", ".pm-pipeline/config.schema.json",
    ".gitignore",
}


def test_init_writes_a_ready_repository(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    output = init_repo(repo)
    assert {line.split()[1] for line in output.splitlines() if line.startswith("wrote")} == WRITTEN
    for name in ("pr-check.yml", "publish.yml", "overdue.yml"):
        text = (repo / ".github" / "workflows" / name).read_text()
        assert "uses: ./" not in text
        ours = re.findall(rf"uses: {ACTION}@(\S+) # (\S+)", text)
        assert ours and set(ours) == {(SHA, f"v{__version__}")}, name
    assert f"rev: {SHA} # v{__version__}" in (repo / ".pre-commit-config.yaml").read_text()
    assert {"/site/", "/pm-status.json"} <= set((repo / ".gitignore").read_text().splitlines())
    assert (repo / "scripts" / "site").stat().st_mode & 0o111
    copied = json.loads((repo / ".pm-pipeline" / "postmortem.schema.json").read_text())
    assert copied == load_schema("postmortem.schema.json")
    example = (repo / "postmortems" / "2025-02-09-api-degradation.yaml").read_text()
    assert example.startswith("# yaml-language-server: $schema=../.pm-pipeline/postmortem.schema.json\n")
    config = (repo / "pm-pipeline.yml").read_text()
    assert config.startswith("# yaml-language-server: $schema=.pm-pipeline/config.schema.json\n")
    check = CliRunner().invoke(cli, ["check", "--format", "text", "--config", str(repo / "pm-pipeline.yml"),
                                     str(repo / "postmortems")])
    assert check.exit_code == 0, check.output


def test_rerun_never_overwrites_what_a_person_changed(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    init_repo(repo)
    (repo / "pm-pipeline.yml").write_text("severities: [SEV1, SEV2]\n")
    (repo / "postmortems" / "2025-02-09-api-degradation.yaml").unlink()
    (repo / ".gitignore").write_text("node_modules/\n")

    again = CliRunner().invoke(cli, ["init", str(repo), "--action-ref", SHA])

    assert again.exit_code == 0, again.output
    assert "left      pm-pipeline.yml: changed since init wrote it; kept as it is" in again.output
    assert "left      postmortems/2025-02-09-api-degradation.yaml: deleted since init wrote it" in again.output
    assert (repo / "pm-pipeline.yml").read_text() == "severities: [SEV1, SEV2]\n"
    assert not (repo / "postmortems" / "2025-02-09-api-degradation.yaml").exists()
    assert "unchanged .github/workflows/publish.yml" in again.output
    assert (repo / ".gitignore").read_text().startswith("node_modules/\n# pm-pipeline")
    third = CliRunner().invoke(cli, ["init", str(repo), "--action-ref", SHA])
    assert "left      pm-pipeline.yml: changed since init wrote it" in third.output, "the change is remembered"


def test_rerun_updates_what_nobody_changed_and_leaves_foreign_files(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    (repo / "docs").mkdir(parents=True)
    (repo / "mkdocs.yml").write_text("site_name: Ours\n")
    init_repo(repo)
    newer = "f" * 40
    again = CliRunner().invoke(cli, ["init", str(repo), "--action-ref", newer])
    assert "left      mkdocs.yml: exists and was not written by init; kept as it is" in again.output
    assert "updated   .github/workflows/publish.yml" in again.output
    assert f"{ACTION}@{newer}" in (repo / ".github" / "workflows" / "publish.yml").read_text()
    assert (repo / "mkdocs.yml").read_text() == "site_name: Ours\n"


def test_init_puts_the_example_in_the_configured_folder(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    repo.mkdir()
    (repo / "pm-pipeline.yml").write_text("postmortems: docs/incidents\n")
    init_repo(repo)
    example = repo / "docs" / "incidents" / "2025-02-09-api-degradation.yaml"
    first = example.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../.pm-pipeline/postmortem.schema.json"
    assert (example.parent / first.split("=", 1)[1]).resolve().is_file()
    assert not (repo / "postmortems").exists()


def test_check_notes_a_stale_schema_copy(tmp_path: Path, monkeypatch: object) -> None:
    repo = tmp_path / "team"
    init_repo(repo)
    (repo / ".pm-pipeline" / "postmortem.schema.json").write_text("{}\n")
    done = subprocess.run([str(BIN / "pm-pipeline"), "check", "--format", "text"], cwd=repo,
                          capture_output=True, text=True, env=clean_env(), check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert ".pm-pipeline/postmortem.schema.json is not the schema of pm-pipeline" in done.stderr
    CliRunner().invoke(cli, ["init", str(repo), "--action-ref", SHA])
    assert (repo / ".pm-pipeline" / "postmortem.schema.json").read_text() == "{}\n", "a changed copy is left"


def test_new_in_the_team_repository_points_its_modeline_at_the_copy(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    init_repo(repo)
    done = subprocess.run(
        [str(BIN / "pm-pipeline"), "new", "--title", "Search was slow", "--severity", "P3",
         "--started", "2025-04-02T08:00:00Z", "--resolved", "2025-04-02T09:00:00Z", "--author", "@li"],
        cwd=repo, capture_output=True, text=True, env=clean_env(), check=True,
    )
    written = repo / "postmortems" / "2025-04-02-search-was-slow.yaml"
    first = written.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../.pm-pipeline/postmortem.schema.json", done.stdout
    assert (written.parent / first.split("=", 1)[1]).resolve().is_file()


def test_new_without_init_writes_the_schema_copy_it_points_at(tmp_path: Path) -> None:
    repo = tmp_path / "bare"
    repo.mkdir()
    git(repo, "init", "-q")
    subprocess.run(
        [str(BIN / "pm-pipeline"), "new", "--title", "Disk full", "--severity", "P3",
         "--started", "2025-04-02T08:00:00Z", "--resolved", "2025-04-02T09:00:00Z", "--author", "@li"],
        cwd=repo, capture_output=True, text=True, env=clean_env(), check=True,
    )
    assert (repo / ".pm-pipeline" / "postmortem.schema.json").is_file()


def test_written_workflows_pass_zizmor_and_actionlint(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    init_repo(repo)
    zizmor = subprocess.run([str(BIN / "zizmor"), "--offline", "--format", "json", ".github/workflows/"],
                            cwd=repo, capture_output=True, text=True, check=False)
    assert (zizmor.returncode, json.loads(zizmor.stdout)) == (0, []), zizmor.stderr
    actionlint = subprocess.run([str(BIN / "actionlint"), "-no-color"], cwd=repo, capture_output=True, text=True,
                                check=False)
    assert (actionlint.returncode, actionlint.stdout) == (0, ""), actionlint.stderr


def test_site_builds_strict_without_materials_banner(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    init_repo(repo)
    done = subprocess.run(["scripts/site", "build", "--strict"], cwd=repo, capture_output=True, text=True,
                          env=clean_env(PM_PIPELINE_NOW="2026-11-27T12:00:00Z"), timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "end of life" not in done.stdout + done.stderr
    assert (repo / "site" / "index.html").is_file()
    assert "site/" in git(repo, "check-ignore", "site/index.html")


def test_quick_start_names_the_release_and_the_registry_package() -> None:
    guide = (ROOT / "docs" / "guide" / "quick-start.md").read_text()
    assert "pipx install pm-pipeline" in guide and "git+https" not in guide
    assert "pm-pipeline init" in guide
    assert shutil.which("git")
