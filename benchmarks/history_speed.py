"""`pm-pipeline history` on a generated repository: 1,000 reports, 10,000 commits.

The repository is written with `git fast-import` (seconds, not the minutes 10,000 `git commit`
calls take): one commit adding each report (from benchmarks/generate.py), then edits that move a
deadline (60%), hand an item to another owner (20%) or mark one done (20%), one file per commit.
Timed as whole processes, alternating, median of --runs:

- `pm-pipeline history --format json` (one `git log --raw`, one `git cat-file --batch`, parse every revision);
- peer 1, the floor: `git log -p --reverse -- postmortems/` (git alone, one pass, no parsing);
- peer 2, the naive way: `git log -p -- FILE` once per file (1,000 processes, no parsing), timed once
  (each process walks the whole history: it takes minutes).

    python -m benchmarks.history_speed [--reports 1000] [--commits 10000] [--runs 3] [--out benchmarks/out/history]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.generate import postmortem_yaml

_DEADLINE = re.compile(r"^    deadline: (\d{4}-\d{2}-\d{2})$")
_OWNER = re.compile(r'^    owner: ".*"$')
_OPEN = "    status: open"
PEOPLE = ["@maria-lopez", "@chen-wei", "@priya-sre", "@sam-k", "@alex-db", "@noor-h"]


def _edit(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    roll = rng.random()
    if roll < 0.6:
        spots = [i for i, line in enumerate(lines) if _DEADLINE.match(line)]
        i = rng.choice(spots)
        moved = date.fromisoformat(lines[i][-10:]) + timedelta(days=rng.randint(3, 21))
        lines[i] = f"    deadline: {moved}"
    elif roll < 0.8:
        spots = [i for i, line in enumerate(lines) if _OWNER.match(line)]
        lines[rng.choice(spots)] = f'    owner: "{rng.choice(PEOPLE)}"'
    else:
        spots = [i for i, line in enumerate(lines) if line == _OPEN]
        if spots:
            i = rng.choice(spots)
            lines[i] = "    status: done\n    evidence: https://github.com/example/infra/pull/2"
    return "\n".join(lines)


def make_repository(root: Path, reports: int, commits: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    texts: dict[str, str] = {}
    chunks: list[bytes] = []
    moment = 1_700_000_000
    mark = 0

    def commit(path: str, text: str) -> None:
        nonlocal mark, moment
        data = text.encode()
        mark += 1
        chunks.append(b"blob\nmark :%d\ndata %d\n%s\n" % (mark, len(data), data))
        blob = mark
        mark += 1
        moment += rng.randint(60, 7200)
        message = f"Edit {path}".encode()
        chunks.append(
            b"commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.com> %d +0000\ndata %d\n%s\n"
            % (mark, moment, len(message), message)
            + b"M 100644 :%d %s\n" % (blob, path.encode())
        )

    for index in range(reports):
        name, text = postmortem_yaml(index, rng)
        path = f"postmortems/{name}"
        texts[path] = text
        commit(path, text)
    paths = sorted(texts)
    for _ in range(commits - reports):
        path = rng.choice(paths)
        texts[path] = _edit(texts[path], rng)
        commit(path, texts[path])
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(chunks), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)


def _time(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _per_file(root: Path) -> float:
    start = time.perf_counter()
    for path in sorted((root / "postmortems").glob("*.yaml")):
        subprocess.run(["git", "log", "-p", "--", str(path.relative_to(root))], cwd=root, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/history"))
    parser.add_argument("--reuse", action="store_true", help="Keep the repository --out already holds.")
    args = parser.parse_args()
    started = time.perf_counter()
    if not (args.reuse and (args.out / ".git").is_dir()):
        shutil.rmtree(args.out, ignore_errors=True)
        make_repository(args.out, args.reports, args.commits)
    count = subprocess.run(["git", "rev-list", "--count", "main"], cwd=args.out, capture_output=True, text=True)
    print(f"repository: {args.reports} reports, {count.stdout.strip()} commits ({time.perf_counter() - started:.1f} s)")
    ours = [sys.executable, "-m", "pm_pipeline", "history", "--format", "json"]
    floor = ["git", "log", "-p", "--reverse", "--", "postmortems/"]
    times: dict[str, list[float]] = {"history": [], "git log -p (one pass)": [], "git log -p per file": []}
    for _ in range(args.runs):
        times["history"].append(_time(ours, args.out))
        times["git log -p (one pass)"].append(_time(floor, args.out))
    times["git log -p per file"].append(_per_file(args.out))
    base = statistics.median(times["history"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:28} {median:7.2f} s   history / this = {base / median:5.2f}")


if __name__ == "__main__":
    main()
