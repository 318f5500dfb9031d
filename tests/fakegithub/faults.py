"""Fault injection: rules that replace or spoil the fake's answer to matching requests."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

KINDS = (
    "502-after-create",
    "secondary-limit",
    "429",
    "primary-exhausted",
    "reset",
    "timeout",
    "late-create",
    "500",
    "502",
    "503",
)

# Kinds where the fake performs the requested action before spoiling the answer.
# "timeout" answers `delay` seconds after doing the work; "late-create" does the work only after
# `delay` seconds (a client that gave up earlier cannot find it by looking at once), then answers.
PERFORMS_ACTION = {"502-after-create", "reset", "timeout", "late-create"}


@dataclass
class Fault:
    kind: str
    method: str | None
    path_pattern: str
    times: int
    after: int
    retry_after: int
    delay: float
    perform: bool
    seen: int = 0
    hits: int = 0
    _regex: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault {self.kind!r}; choose one of {KINDS}")
        self._regex = re.compile(self.path_pattern)

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method.upper() == method) and bool(self._regex.search(path))

    @property
    def exhausted(self) -> bool:
        return self.hits >= self.times


class FaultPlan:
    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, method: str, path: str) -> Fault | None:
        """The first live fault matching this request, counting it as seen (and hit when it fires)."""
        with self._lock:
            for fault in self._faults:
                if fault.exhausted or not fault.matches(method, path):
                    continue
                fault.seen += 1
                if fault.seen <= fault.after:
                    continue
                fault.hits += 1
                return fault
        return None
