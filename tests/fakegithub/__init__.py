"""A stateful fake of the GitHub REST API for tests (see server.FakeGitHub)."""

from .faults import KINDS as FAULT_KINDS
from .faults import Fault
from .http import RequestRecord
from .server import FakeGitHub

__all__ = ["FAULT_KINDS", "FakeGitHub", "Fault", "RequestRecord"]
