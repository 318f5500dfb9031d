"""The imported post-mortem as YAML text, with `# imported: guessed ...` on every guessed value."""

from __future__ import annotations

from typing import Any

import yaml

from pm_pipeline.importer.mapping import Imported
from pm_pipeline.loader import load_yaml


class _Dumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks, handles quoted (an unquoted @ is a YAML error)."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and not any(line != line.rstrip() for line in value.splitlines()):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if value.startswith("@") else None)


_Dumper.add_representer(str, _text)


def to_yaml(imported: Imported, source: str, modeline: str | None = None) -> str:
    body = yaml.dump(imported.data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    lines = body.splitlines()
    loaded = load_yaml("imported.yaml", body.encode())
    for path, why in sorted(imported.guesses.items(), key=lambda pair: -_line(loaded, pair[0])):
        number = _line(loaded, path)
        if 0 < number <= len(lines):
            row = lines[number - 1]
            comment = f"# imported: guessed, {why}"
            if not _fits_on_row(row, imported.data, path):
                indent = len(row) - len(row.lstrip())
                lines.insert(number - 1, " " * indent + comment)
            else:
                lines[number - 1] = f"{row}  {comment}"
    head = [modeline] if modeline else []
    head.append(f"# imported by `pm-pipeline import` from {source}; text copied verbatim. Review every guess.")
    return "\n".join([*head, *lines]) + "\n"


def _line(loaded: Any, path: tuple[str | int, ...]) -> int:
    try:
        line: int = loaded.source.key_at(path)[0] if isinstance(path[-1], str) else loaded.source.value_at(path)[0]
    except (KeyError, IndexError, TypeError, ValueError):
        return 0
    return line


def _fits_on_row(row: str, data: Any, path: tuple[str | int, ...]) -> bool:
    """True if the value is written whole on its row, so a comment after it stays valid YAML
    (a long plain scalar folds onto the next lines, and a comment there would break it)."""
    value = data
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return False
    if isinstance(value, dict | list):
        return False
    text = row.strip()
    text = text[2:] if text.startswith("- ") else text
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    return bool(loaded == value or (isinstance(loaded, dict) and list(loaded.values()) == [value]))
