"""Every hostile input gives a located finding and exit 1, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.test_hostile_values import HOSTILE_VALUES, hostile_text

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
)

HOSTILE: dict[str, tuple[bytes, str, str]] = {
    "syntax": (b"title: [unclosed\n", "PM002", ":2:1:"),
    "duplicate-key": (b"id: a\ntitle: x\nid: b\n", "PM003", ":3:1:"),
    "python-tag": (b"title: !!python/object/apply:os.system ['id']\n", "PM004", ":1:8:"),
    "several-documents": (b"id: a\n---\nid: b\n", "PM005", ":2:1:"),
    "billion-laughs": (BILLION_LAUGHS.encode(), "PM006", ":"),
    "deep-flow-nesting": (b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "PM006", ":1:"),
    "deep-block-nesting": ("".join("  " * depth + f"k{depth}:\n" for depth in range(10_000)).encode(),
                           "PM006", ":"),
    "ten-megabytes": (b"summary: '" + b"x" * (10 * 1024 * 1024) + b"'\n", "PM006", ":1:1:"),
    "invalid-utf8": (b"title: \xff\xfe\n", "PM001", ":1:8:"),
    "unquoted-handle": (b"authors: [@bob]\n", "PM002", ":1:11:"),
    "sexagesimal-time": (b"summary: 10:05:23\n", "PM011", ":1:10:"),
    "yaml11-boolean": (b"title: no\n", "PM011", ":1:8:"),
    "recursive-alias": (b"a: &a [*a]\n", "PM006", ":"),
    "form-feed": (b"title: a\x0cb\n", "PM002", ":1:9:"),
    "nul-byte": (b"id: x\ntitle: ab\x00\n", "PM002", ":2:10:"),
    **{name: (hostile_text(name).encode(), "PM010", ":") for name in HOSTILE_VALUES},
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_gives_located_finding_without_traceback(name: str, tmp_path: Path) -> None:
    content, code, location = HOSTILE[name]
    target = tmp_path / f"{name}.yaml"
    target.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "pm_pipeline", "check", "--format", "text", str(target)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stdout.splitlines() if f" {code} " in line]
    assert lines, result.stdout
    assert lines[0].startswith(f"{target}{location}"), lines[0]


def test_one_bad_file_does_not_hide_findings_in_others(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"title: [unclosed\n")
    (tmp_path / "b.yaml").write_bytes(b"id: a\nid: b\n")
    result = subprocess.run(
        [sys.executable, "-m", "pm_pipeline", "check", "--format", "text", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert " PM002 " in result.stdout and " PM003 " in result.stdout
