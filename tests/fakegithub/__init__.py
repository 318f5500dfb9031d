"""A stateful fake of the GitHub REST API for tests.

    def test_sync(fake_github):            # fixture from tests/fakegithub/fixtures.py
        fake_github.add_repo("o/r")
        fake_github.add_issue("o/r", "existing", labels=["pm"])
        fake_github.inject("502-after-create")
        gh = github.Github(auth=github.Auth.Token("t"), base_url=fake_github.base_url, retry=None)
        ...
        assert fake_github.write_count == 1

Responses are checked against GitHub's OpenAPI description by test_fake_matches_openapi.py.
"""

from .faults import KINDS as FAULT_KINDS
from .faults import Fault
from .http import RequestRecord
from .server import FakeGitHub

__all__ = ["FAULT_KINDS", "FakeGitHub", "Fault", "RequestRecord"]
