"""A minimal urllib client for driving the fake in tests."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: Any


def call(
    base_url: str, method: str, path: str, body: Any = None, *, token: str | None = "t", timeout: float = 10
) -> Reply:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base_url + path, data=data, method=method)
    req.add_header("Accept", "application/vnd.github+json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            status, headers, raw = resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as err:
        status, headers, raw = err.code, dict(err.headers.items()), err.read()
    return Reply(status, {k.lower(): v for k, v in headers.items()}, json.loads(raw) if raw else None)
