"""The shape STYLE.md asks for, checked on the source: small modules, I/O only at the edges,
the action runs the CLI in-process, one executor for sync and overdue."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "pm_pipeline"
MAX_LINES = 400

# The edges: the CLI (with the command layer and the one writer of Actions outputs), the
# config/file edge, the GitHub store and the MkDocs plugin. Nothing else touches the
# environment, the clock or the disk.
EDGES = (
    "__main__.py",
    "cli.py",
    "action_entry.py",
    "actions_io.py",
    "commands/",
    "config.py",
    "files.py",
    "vcs.py",
    "scaffold.py",
    "docs_gen.py",
    "schema.py",
    "tracker/github.py",
    "site/plugin.py",
)
IO = re.compile(
    r"\bos\.environ\b|\bos\.getenv\b|\bdatetime\.now\b|\bdate\.today\b|\btime\.time\(|(?<![\w.])open\(|"
    r"\.(read_text|write_text|read_bytes|write_bytes|mkdir|iterdir|rglob|unlink|rmdir|touch)\(|"
    r"\bos\.(walk|scandir|listdir|remove)\b|\bshutil\.|\bsubprocess\b"
)


def _modules() -> list[tuple[str, str]]:
    return sorted(
        (path.relative_to(PACKAGE).as_posix(), path.read_text(encoding="utf-8")) for path in PACKAGE.rglob("*.py")
    )


def test_no_module_is_over_400_lines() -> None:
    long = {name: text.count("\n") for name, text in _modules() if text.count("\n") > MAX_LINES}
    assert long == {}


def test_environment_clock_and_disk_are_touched_only_at_the_edges() -> None:
    found = []
    for name, text in _modules():
        if name.startswith(EDGES):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            code = line.split("#", 1)[0]
            if IO.search(code) and not code.lstrip().startswith(('"', "'")):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == []


def test_the_grep_finds_what_it_is_meant_to_find() -> None:
    for bad in (
        "x = os.environ['A']",
        "now = datetime.now(UTC)",
        "with open(p) as f:",
        "p.read_text()",
        "subprocess.run(['git'])",
        "p.mkdir()",
    ):
        assert IO.search(bad), bad
    for fine in ("item.is_open", "reopen(x)", "self.opened", "timestamp"):
        assert not IO.search(fine), fine


def test_the_action_runs_the_cli_in_process() -> None:
    assert "subprocess" not in (PACKAGE / "action_entry.py").read_text(encoding="utf-8")


def test_sync_and_overdue_share_one_executor() -> None:
    sources = dict(_modules())
    for command in ("commands/sync.py", "commands/overdue.py"):
        assert "from pm_pipeline.tracker.executor import execute" in sources[command]
    writers = [name for name, text in sources.items() if re.search(r"^def (apply_plan|execute)\b", text, re.M)]
    assert writers == ["tracker/executor.py"]


def test_the_readme_names_every_module() -> None:
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    missing = [
        name
        for name, _ in _modules()
        if name not in ("__init__.py", "__main__.py", "commands/__init__.py") and f"| `{name}` |" not in readme
    ]
    assert missing == [], "add a line to README's 'How it is built' table for each"
