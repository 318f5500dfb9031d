"""GitHub's official OpenAPI description (npm @octokit/openapi), installed on demand into a cache."""

from __future__ import annotations

import fcntl
import functools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

PACKAGE = "@octokit/openapi"
VERSION = "23.0.2"
SPEC_FILE = "api.github.com.json"
CACHE_DIR = Path(__file__).resolve().parents[1] / ".cache" / "openapi"


class SpecUnavailable(RuntimeError):
    """The OpenAPI description could not be installed; the contract tests fail with this reason."""


def spec_path(cache_dir: Path = CACHE_DIR) -> Path:
    """Path of api.github.com.json, installing the pinned npm package into cache_dir if missing.

    PM_GITHUB_OPENAPI_SPEC may point at an already downloaded spec file instead."""
    override = os.environ.get("PM_GITHUB_OPENAPI_SPEC")
    if override:
        return Path(override)
    generated = cache_dir / VERSION / "node_modules" / "@octokit" / "openapi" / "generated"
    target = generated / SPEC_FILE
    if target.is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    with open(cache_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.is_file():
            _npm_install(cache_dir / VERSION)
            _prune(generated)
    if not target.is_file():
        raise SpecUnavailable(f"npm installed {PACKAGE}@{VERSION} but {target} is missing")
    return target


def _npm_install(prefix: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise SpecUnavailable(f"npm is not on PATH; cannot install {PACKAGE}@{VERSION} (apt-get install npm)")
    cmd = [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--no-save",
           f"{PACKAGE}@{VERSION}"]
    prefix.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise SpecUnavailable(f"`{' '.join(cmd)}` failed ({done.returncode}):\n{done.stderr[-2000:]}")


def _prune(generated: Path) -> None:
    """Keep only the api.github.com description: the package also ships ~370 MB of GHES/GHEC variants."""
    for path in generated.glob("*.json"):
        if path.name != SPEC_FILE:
            path.unlink()


@functools.lru_cache(maxsize=1)
def load_spec() -> dict[str, Any]:
    with open(spec_path()) as fh:
        return json.load(fh)


def _template_regex(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template)) + "$")


@functools.lru_cache(maxsize=1)
def _operations() -> list[tuple[re.Pattern[str], str, dict[str, Any]]]:
    paths = load_spec()["paths"]
    ops = [(_template_regex(t), t, item) for t, item in paths.items()]
    # Literal segments beat parameters: prefer templates with fewer placeholders.
    ops.sort(key=lambda op: op[1].count("{"))
    return ops


def find_operation(method: str, path: str) -> tuple[str, dict[str, Any]]:
    """The (path template, operation object) that documents METHOD PATH."""
    for regex, template, item in _operations():
        if regex.match(path) and method.lower() in item:
            return template, item[method.lower()]
    raise KeyError(f"no operation for {method} {path} in the OpenAPI description")


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = _pointer(node["$ref"])
    return node


def _pointer(ref: str) -> dict[str, Any]:
    node: Any = load_spec()
    for part in ref.lstrip("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def response_spec(method: str, path: str, status: int) -> dict[str, Any]:
    template, op = find_operation(method, path)
    responses = op.get("responses", {})
    if str(status) not in responses:
        raise KeyError(f"{method} {template} does not document status {status} (documents {sorted(responses)})")
    return resolve(responses[str(status)])


def json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A self-contained JSON Schema (draft 4) for an OpenAPI 3.0 schema: refs collected, nullable mapped."""
    components: dict[str, Any] = {}
    pending = list(_refs(schema))
    while pending:
        name = pending.pop()
        if name in components:
            continue
        raw = load_spec()["components"]["schemas"][name]
        components[name] = _nullable(raw)
        pending.extend(_refs(raw))
    return {"allOf": [_nullable(schema)], "components": {"schemas": components}}


def _refs(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            found |= _refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= _refs(value)
    return found


def _nullable(node: Any) -> Any:
    if isinstance(node, list):
        return [_nullable(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _nullable(v) for k, v in node.items() if k not in ("nullable", "example", "examples")}
    if node.get("nullable") is True and "$ref" not in node:
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
            if "enum" in out:
                out["enum"] = [*out["enum"], None]
        else:
            out = {"anyOf": [{"type": "null"}, out]}
    return out


def undocumented_keys(instance: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """Paths of object keys in `instance` that its schema does not list (where it lists properties)."""
    schema = resolve(schema)
    parts = [schema, *(resolve(s) for key in ("allOf", "anyOf", "oneOf") for s in schema.get(key, []))]
    if isinstance(instance, dict):
        props: dict[str, Any] = {}
        for part in parts:
            props.update(part.get("properties", {}))
        open_ended = not props or any("additionalProperties" in part for part in parts)
        extra = [] if open_ended else [f"{where}.{k}" for k in instance if k not in props]
        for key, value in instance.items():
            if key in props:
                extra += undocumented_keys(value, props[key], f"{where}.{key}")
        return extra
    items = [part["items"] for part in parts if isinstance(part.get("items"), dict)]
    if isinstance(instance, list) and items:
        return [e for i, v in enumerate(instance) for e in undocumented_keys(v, items[0], f"{where}[{i}]")]
    return []
