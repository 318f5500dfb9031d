"""The organisation-site workflow played locally: two team repositories checked out side by side, one site.

The local runner records `actions/checkout` steps instead of running them; the test makes the same
checkouts (clones of temporary team repositories into repos/<name>) and checks each step asked for
its repository, path and the read-only token, with no credentials kept.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.action.localrunner import LocalRunner
from tests.action.test_journeys import WORKFLOWS
from tests.fakegithub import FakeGitHub
from tests.insights.factories import Item, Report, report_yaml
from tests.insights.gitrepo import GitRepo

T0 = datetime(2025, 2, 9, 14, 0, tzinfo=UTC)
TEAMS = {
    "payments": Report("card-declines", T0, ("checkout",), ("capacity", "testing"), (Item("AI-001", "done"),)),
    "search": Report("index-lag", T0 + timedelta(days=9), ("search",), ("deploy", "config"), (Item("AI-001"),)),
}
MKDOCS_YML = """\
site_name: Acme post-mortems
theme: {name: material, font: false}
plugins:
  - search
  - postmortems:
      repositories:
        - {name: payments, path: repos/payments, url: "https://github.com/acme/payments"}
        - {name: search, path: repos/search, url: "https://github.com/acme/search"}
"""


def test_the_org_site_workflow_gathers_the_repositories_and_builds_one_site(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    org = GitRepo(tmp_path / "org")
    shutil.copytree(WORKFLOWS, org.root / ".github" / "workflows")
    (org.root / "docs").mkdir()
    (org.root / "docs" / "index.md").write_text("# Acme post-mortems\n")
    (org.root / "mkdocs.yml").write_text(MKDOCS_YML)
    org.commit({}, T0, "The organisation site")
    for name, report in TEAMS.items():
        team = GitRepo(tmp_path / name)
        team.commit({f"postmortems/{report.file_name}": report_yaml(report)}, T0 + timedelta(days=10))
        subprocess.run(["git", "clone", "-q", str(team.root), str(org.root / "repos" / name)], check=True)
    temp = tmp_path / "runner"
    temp.mkdir()
    runner = LocalRunner(
        workspace=org.root,
        temp=temp,
        event_name="workflow_dispatch",
        event={"repository": {"full_name": "acme/post-mortems", "default_branch": "main"}},
        repository="acme/post-mortems",
        api_url=fake_github.base_url,
        machine_env={"PM_PIPELINE_NOW": "2025-03-01T00:00:00Z"},
        secrets={"POSTMORTEMS_READ_TOKEN": "read-only-token"},
    )

    jobs = runner.run(WORKFLOWS / "org-site.yml")

    build = jobs["build"]
    assert build.status == "success", [step.log for step in build.steps]
    checkouts = [w for name, w in build.external if name == "actions/checkout"]
    assert [(c.get("repository"), c.get("path"), c.get("token")) for c in checkouts] == [
        (None, None, None),
        ("acme/payments", "repos/payments", "read-only-token"),
        ("acme/search", "repos/search", "read-only-token"),
    ]
    assert all(c["persist-credentials"] is False for c in checkouts)
    site = org.root / "site"
    overview = (site / "repositories" / "index.html").read_text()
    assert "https://github.com/acme/payments" in overview and "https://github.com/acme/search" in overview
    for name, report in TEAMS.items():
        markup = (site / "postmortems" / name / report.id / "index.html").read_text()
        assert f"https://github.com/acme/{name}/edit/main/postmortems/{report.file_name}" in markup
    (upload,) = [w for name, w in build.external if name == "actions/upload-pages-artifact"]
    assert upload["path"] == "site/"
    assert jobs["deploy"].status == "success"
    assert fake_github.write_count == 0
