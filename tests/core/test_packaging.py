"""The built wheel carries what the installed package reads: schemas, templates, the plugin entry point."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.core.helpers import ROOT


def test_wheel_ships_schemas_templates_and_entry_points(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = tmp_path.glob("pm_pipeline-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    for schema in ("postmortem.schema.json", "config.schema.json"):
        assert f"pm_pipeline/schemas/{schema}" in names
        assert archive_bytes(wheel, f"pm_pipeline/schemas/{schema}") == (ROOT / "schemas" / schema).read_bytes()
    assert {"pm_pipeline/site/templates/postmortem.html", "pm_pipeline/site/templates/pm.css"} <= names
    starter = {f"pm_pipeline/starter/workflows/{name}.yml" for name in ("pr-check", "publish", "overdue")}
    assert starter | {"pm_pipeline/starter/example.yaml"} <= names, "what `pm-pipeline init` writes"
    assert "postmortems = pm_pipeline.site.plugin:PostmortemsPlugin" in entry_points
    assert "pm-pipeline = pm_pipeline.cli:main" in entry_points


def archive_bytes(wheel: Path, name: str) -> bytes:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(name)
