"""Time `pm-pipeline check` against check-jsonschema and a bare libyaml parse, same files, same run.

Usage: python -m benchmarks.check_speed [--files 1000] [--runs 3]
Needs the bench extra: scripts/setup-venv bench
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate

ROOT = Path(__file__).resolve().parents[1]
BARE_PARSE = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as handle:\n"
    "        yaml.load(handle.read(), Loader=yaml.CSafeLoader)\n"
)


def timed(command: list[str], runs: int) -> float:
    """Median wall time of the whole process, in seconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as scratch:
        files = [str(p) for p in generate(args.files, Path(scratch) / "postmortems")]
        check = [str(bindir / "pm-pipeline"), "check", "--format", "text", "--now", "2026-11-27", *files]
        peer = [str(bindir / "check-jsonschema"), "--schemafile", str(ROOT / "schemas/postmortem.schema.json"), *files]
        bare = [sys.executable, "-c", BARE_PARSE, *files]
        serial = [*check[:2], "--jobs", "1", *check[2:]]
        one = [str(bindir / "pm-pipeline"), "check", "--format", "text", "--now", "2026-11-27", files[0]]
        if not shutil.which(peer[0]):
            print("check-jsonschema is missing: run scripts/setup-venv bench", file=sys.stderr)
            return 2
        results = {
            "pm-pipeline check": timed(check, args.runs),
            "pm-pipeline check --jobs 1": timed(serial, args.runs),
            "check-jsonschema": timed(peer, args.runs),
            "bare yaml.load (CSafeLoader)": timed(bare, args.runs),
            "pm-pipeline check, one file": timed(one, max(args.runs, 5)),
        }
    for name, seconds in results.items():
        print(f"{name:<32} {seconds:7.2f} s")
    versus_peer = results["pm-pipeline check"] / results["check-jsonschema"]
    versus_parse = results["pm-pipeline check"] / results["bare yaml.load (CSafeLoader)"]
    print(f"\n{args.files} files: check / check-jsonschema = {versus_peer:.3f} (target <= 0.05)")
    print(f"{args.files} files: check / bare parse       = {versus_parse:.2f} (target <= 1.3)")
    print(f"one file: {results['pm-pipeline check, one file']:.3f} s (target <= 0.3 s)")
    single = results["pm-pipeline check --jobs 1"]
    print(
        f"one process (--jobs 1): {single / results['check-jsonschema']:.3f} of check-jsonschema, "
        f"{single / results['bare yaml.load (CSafeLoader)']:.2f} of the bare parse"
    )
    met = versus_peer <= 0.05 and versus_parse <= 1.3 and results["pm-pipeline check, one file"] <= 0.3
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
