from __future__ import annotations

from datetime import date

from pm_pipeline.tracker.markers import TierMarker, parse_tier_markers


def test_rendered_marker_parses_back_to_itself() -> None:
    marker = TierMarker("PM-2025-02-09-api/AI-002", date(2025, 2, 28), 7)
    assert marker.render() == "<!-- pm-pipeline:overdue key=PM-2025-02-09-api/AI-002 deadline=2025-02-28 tier=7 -->"
    assert parse_tier_markers([f"text\n{marker.render()}\nmore"]) == {marker}


def test_malformed_markers_and_impossible_dates_are_ignored() -> None:
    texts = ["<!-- pm-pipeline:overdue key=PM/AI deadline=2025-02-30 tier=0 -->",
             "<!-- pm-pipeline:overdue key=PM/AI tier=0 -->", "", "pm-pipeline:overdue"]
    assert parse_tier_markers(texts) == frozenset()
