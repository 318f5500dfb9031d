"""What `pm-pipeline init` writes into a team's repository, as text: pure (the edge reads the package files).

The workflows are this repository's own (`.github/workflows/`, shipped in the package), with
`uses: ./` replaced by the action pinned to this version's release. The schemas are copied to
`.pm-pipeline/`, where the modeline of every post-mortem points, so editors find them offline.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import PurePosixPath

from pm_pipeline import __version__
from pm_pipeline.release import ACTION_REPOSITORY, RELEASE_COMMIT, RELEASE_TAG

SCHEMA_DIR = ".pm-pipeline"
MANIFEST = f"{SCHEMA_DIR}/manifest.json"
POSTMORTEM_SCHEMA = f"{SCHEMA_DIR}/postmortem.schema.json"
CONFIG_SCHEMA = f"{SCHEMA_DIR}/config.schema.json"
WORKFLOWS = ("pr-check.yml", "publish.yml", "overdue.yml")
EXAMPLE_NAME = "2025-02-09-api-degradation.yaml"
GITIGNORE_LINES = ("/site/", "/pm-status.json", "/pm-status.md")
MKDOCS_BANNER_ENV = "NO_MKDOCS_2_WARNING"
_COPY_NOTE = re.compile(r"^# Copy into .*\n(?:# .*\n)*?# `uses: .*\n", re.MULTILINE)


def default_action_ref() -> str:
    """The commit of this version's release tag when it was recorded at release time, else the tag."""
    return RELEASE_COMMIT or RELEASE_TAG


Packaged = Callable[..., str]
"""Reads a file shipped in the package by its parts (`"schemas", "config.schema.json"`): the edge's job."""


def schema_texts(packaged: Packaged) -> dict[str, str]:
    return {
        POSTMORTEM_SCHEMA: packaged("schemas", "postmortem.schema.json"),
        CONFIG_SCHEMA: packaged("schemas", "config.schema.json"),
    }


def starter_files(packaged: Packaged, action_ref: str, postmortems: str = "postmortems") -> dict[str, str]:
    """Every file init writes, by path relative to the repository root (the manifest aside).

    `postmortems`: the folder of pm-pipeline.yml, when the repository has one already."""
    folder = PurePosixPath(postmortems)
    files = {
        "pm-pipeline.yml": CONFIG,
        str(folder / EXAMPLE_NAME): example_postmortem(packaged, posixpath.relpath(POSTMORTEM_SCHEMA, str(folder))),
        "mkdocs.yml": MKDOCS,
        "docs/.gitkeep": "",
        ".pre-commit-config.yaml": pre_commit_config(action_ref),
        "scripts/site": SITE_SCRIPT,
        **{f".github/workflows/{name}": workflow(packaged, name, action_ref) for name in WORKFLOWS},
        **schema_texts(packaged),
    }
    return files


def example_postmortem(packaged: Packaged, schema_ref: str = f"../{POSTMORTEM_SCHEMA}") -> str:
    text = packaged("starter", "example.yaml")
    first, _, rest = text.partition("\n")
    return f"# yaml-language-server: $schema={schema_ref}\n{rest}" if "$schema=" in first else text


def workflow(packaged: Packaged, name: str, action_ref: str) -> str:
    """This repository's workflow, with the action pinned: `uses: owner/repo@<sha> # v1.2.3`."""
    text = packaged("starter", "workflows", name)
    comment = f"# {RELEASE_TAG}" if action_ref != RELEASE_TAG else "# pin to the tag's commit SHA"
    pinned = f"uses: {ACTION_REPOSITORY}@{action_ref} {comment}"
    text = re.sub(r"uses: \./(?=\s*$)", pinned, text, flags=re.MULTILINE)
    note = f"# Written by `pm-pipeline init` {__version__}: the action pinned to release {RELEASE_TAG}.\n"
    return _COPY_NOTE.sub(note, text, count=1)


def pre_commit_config(action_ref: str) -> str:
    return f"""\
# Checks the staged post-mortems before each commit: `pip install pre-commit && pre-commit install`.
# Warnings are printed even when the hook passes.
repos:
  - repo: https://github.com/{ACTION_REPOSITORY}
    rev: {action_ref} # {RELEASE_TAG}
    hooks:
      - id: pm-pipeline-check
"""


def gitignore_additions(existing: str) -> list[str]:
    present = {line.strip() for line in existing.splitlines()}
    return [line for line in GITIGNORE_LINES if line not in present and line.lstrip("/") not in present]


CONFIG = f"""\
# yaml-language-server: $schema={CONFIG_SCHEMA}
# pm-pipeline settings; every key is optional. Reference: the user guide's Configuration page.
postmortems: postmortems
severities: [P1, P2, P3, P4]  # worst first; `severity:` must be one of these (PM015)
publish_sla_hours: 48
# Uncomment to check every factor's category and every incident's services (PM015):
# factor_categories: [monitoring, testing, runbook, capacity, deploy, dependency]
# services: [api-gateway, orders-db]
sync:
  branch: main
"""

MKDOCS = f"""\
# The post-mortem site: `scripts/site` to preview it, `scripts/site build --strict` to build it.
# Material prints an end-of-life banner about MkDocs 2 on every run (material/templates/__init__.py);
# {MKDOCS_BANNER_ENV}=1 silences it: scripts/site and the pm-pipeline action set it.
site_name: Post-mortems
docs_dir: docs
theme:
  name: material
  font: false  # no Google Fonts: the site loads nothing from other hosts
plugins:
  - search
  - postmortems:
      snapshot: !ENV [PM_PIPELINE_SNAPSHOT, pm-status.json]  # issue status from the last sync, if any
"""

SITE_SCRIPT = f"""\
#!/bin/sh
# Preview the post-mortem site (`scripts/site`), or build it (`scripts/site build --strict`).
# {MKDOCS_BANNER_ENV}=1 keeps Material's end-of-life banner about MkDocs 2 quiet.
{MKDOCS_BANNER_ENV}=1
export {MKDOCS_BANNER_ENV}
if [ "$#" -eq 0 ]; then
  set -- serve
fi
exec mkdocs "$@"
"""
