"""This version's release: where the action lives and which commit its tag names.

`RELEASE_COMMIT` is written by `scripts/record-release` after the tag is created (a commit
cannot hold its own SHA); until then `init` pins the tag and says so.
"""

from __future__ import annotations

from pm_pipeline import __version__

ACTION_REPOSITORY = "pm-pipeline/pm-pipeline"
PACKAGE = "pm-pipeline"
RELEASE_TAG = f"v{__version__}"
RELEASE_COMMIT: str | None = "6a36dcd71d7864055b8b69b48c1d0c455a007419"
