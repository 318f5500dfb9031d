"""The scheduled follow-up job: find what is overdue, plan labels, comments and the digest.

Everything here is pure: it plans `Change` values that `tracker.executor` carries out;
`pm_pipeline.commands.overdue` reads GitHub once, plans and executes.
"""

from pm_pipeline.overdue.digest import GITHUB_BODY_LIMIT, normalise_body, render_digest
from pm_pipeline.overdue.find import (
    Agenda,
    IssueState,
    LateDraft,
    ReviewDue,
    TrackedItem,
    find_overdue,
    reached_tier,
)
from pm_pipeline.overdue.links import Links
from pm_pipeline.overdue.plan import (
    AddLabel,
    Change,
    CreateDigest,
    ObservedDigest,
    Plan,
    PostComment,
    RemoveLabel,
    UpdateDigest,
    make_plan,
)
from pm_pipeline.tracker.markers import (
    DIGEST_MARKER,
    TierMarker,
    is_digest,
    parse_tier_markers,
)

__all__ = [
    "DIGEST_MARKER",
    "GITHUB_BODY_LIMIT",
    "AddLabel",
    "Agenda",
    "Change",
    "CreateDigest",
    "IssueState",
    "LateDraft",
    "Links",
    "ObservedDigest",
    "Plan",
    "PostComment",
    "RemoveLabel",
    "ReviewDue",
    "TierMarker",
    "TrackedItem",
    "UpdateDigest",
    "find_overdue",
    "is_digest",
    "make_plan",
    "normalise_body",
    "parse_tier_markers",
    "reached_tier",
    "render_digest",
]
