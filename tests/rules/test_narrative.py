from pm_pipeline.loader import load_yaml
from pm_pipeline.rules.narrative import narrative_fields
from tests.rules.rulekit import BASE, edit


def test_narrative_fields_cover_prose_and_skip_handles_and_actors() -> None:
    text = edit(BASE, ("    labels: [ci]\n", "    labels: [ci]\n    reason: Covered by the k6 suite.\n"))
    paths = {path for path, _ in narrative_fields(load_yaml("f", text.encode()).data)}
    for expected in [("title",), ("summary",), ("root_cause",), ("impact", "description"), ("timeline", 3, "event"),
                     ("contributing_factors", "immediate_causes", 0), ("contributing_factors", "factors", 1, "description"),
                     ("contributing_factors", "systemic_issues", 1), ("contributing_factors", "five_whys", 4),
                     ("action_items", 0, "action"), ("action_items", 2, "reason"), ("data_gaps", 0),
                     ("what_went_well", 1), ("what_went_wrong", 0), ("where_we_got_lucky", 0), ("lessons_learned", 0),
                     ("follow_up_review", "notes")]:
        assert expected in paths, expected
    assert not any(part in ("actor", "owner", "sponsor", "authors", "reviewers", "evidence", "id")
                   for path in paths for part in path)
