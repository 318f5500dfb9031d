from __future__ import annotations

from pm_pipeline.site.plugin import toc_tokens
from pm_pipeline.site.render import Heading


def test_toc_nests_h3_under_the_h2_before_it() -> None:
    tokens = toc_tokens((Heading(2, "a", "A"), Heading(3, "b", "B"), Heading(2, "c", "C")))
    assert [(t["id"], [c["id"] for c in t["children"]]) for t in tokens] == [("a", ["b"]), ("c", [])]
