"""Any schema-valid post-mortem, however odd its dates and statuses, gets findings, never an exception."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pm_pipeline.checker import check_bytes
from pm_pipeline.config import Config
from pm_pipeline.loader import load_yaml
from pm_pipeline.rules import RULES_BY_CODE
from pm_pipeline.rules.base import Context
from pm_pipeline.rules.selection import select_rules
from tests.rules.rulekit import BASE

RULES = select_rules(Config())
BASE_DATA = load_yaml("base", BASE.encode()).data
ORIGIN = datetime(2025, 2, 9, 10, tzinfo=UTC)

moments = st.integers(min_value=-400 * 24, max_value=400 * 24).map(lambda hours: ORIGIN + timedelta(hours=hours))
offsets = st.sampled_from(["Z", "+00:00", "+05:30", "-08:00"])
words = st.lists(st.sampled_from(list("abc @'\"#-:.?") + ["should have ", "human error ", "the engineer "]),
                 max_size=30).map("".join)


def stamp(moment: datetime, offset: str) -> str:
    if offset == "Z":
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.astimezone(datetime.fromisoformat("2025-01-01T00:00:00" + offset).tzinfo).isoformat()


@settings(max_examples=150, deadline=None)
@given(times=st.lists(st.tuples(moments, offsets), min_size=9, max_size=9),
       statuses=st.tuples(st.sampled_from(["draft", "in-review", "published"]),
                          st.lists(st.sampled_from(["open", "done", "not-doing"]), min_size=6, max_size=6)),
       owner=st.sampled_from(["TBD", "@acme/sre", "bob", "@priya-sre"]),
       text=words, done=st.booleans(), now=moments, whys=st.integers(min_value=0, max_value=5))
def test_rules_never_raise_and_findings_are_inside_the_file(times, statuses, owner, text, done, now, whys) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(json.dumps(BASE_DATA))
    incident = data["incident"]
    for key, (moment, offset) in zip(("started_at", "detected_at", "mitigated_at", "resolved_at"), times, strict=False):
        incident[key] = stamp(moment, offset)
    data["published_at"] = stamp(*times[4])
    for event, (moment, offset) in zip(data["timeline"], times[5:] * 2, strict=False):
        event["at"] = stamp(moment, offset)
    data["status"] = statuses[0]
    for item, status in zip(data["action_items"], statuses[1], strict=False):
        item["status"] = status
        item["owner"] = owner
    data["summary"] = "What happened, in a few words: " + text
    data["follow_up_review"]["done"] = done
    data["contributing_factors"]["five_whys"] = data["contributing_factors"]["five_whys"][:whys]
    raw = json.dumps(data, indent=1).encode()  # JSON is YAML
    checked = check_bytes("f.yaml", raw, RULES, Context(now, Config()))
    assert checked.postmortem is not None
    lines = raw.count(b"\n") + 1
    assert all(1 <= f.line <= lines and f.column >= 1 and f.code in RULES_BY_CODE for f in checked.findings)
