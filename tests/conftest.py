import os

from hypothesis import settings

from tests.fakegithub.fixtures import fake_github  # noqa: F401

# CI replays the same examples every run (a red CI must be reproducible); locally Hypothesis
# keeps exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")
