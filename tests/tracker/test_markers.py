"""The marker codec on what GitHub hands back after a person edits a body in the web UI."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from pm_pipeline.tracker.markers import (
    TierMarker,
    applied_line,
    Applied,
    begin_marker,
    find_block,
    same_text,
    set_reminded,
    splice,
)

KEY = "PM-2025-01-01-db/AI-001"
BLOCK = "\n".join([begin_marker(KEY), "**AI-001:** Add an alert", "", "| | |", "|---|---|", "| Owner | @a |",
                   applied_line(Applied("open", ("post-mortem",))), "<!-- pm-pipeline:end -->"])


def test_crlf_and_trailing_blanks_keep_the_identity() -> None:
    body = ("Notes\r\n\r\n" + BLOCK.replace("\n", "  \r\n") + "\r\nmore").replace("-->  \r\n", "--> \t\r\n")
    found = find_block(body)
    assert found is not None and found.key == KEY and found.applied.labels == ("post-mortem",)
    assert body[found.end :].lstrip("\r\n") == "more"


def test_text_typed_inside_the_block_is_kept_after_it() -> None:
    lines = BLOCK.split("\n")
    lines.insert(2, "Blocked on the vendor, see OPS-9.")
    body = "Before\n\n" + "\n".join(lines) + "\n\nAfter"
    new = splice(body, BLOCK.replace("Add an alert", "Add two alerts"))
    assert new.startswith("Before\n\n" + begin_marker(KEY)) and new.endswith("\n\nAfter")
    assert "Blocked on the vendor, see OPS-9." in new and "Add two alerts" in new
    assert splice(new, BLOCK.replace("Add an alert", "Add two alerts")) == new  # stable from then on


def test_splice_carries_the_overdue_jobs_reminded_line() -> None:
    marker = TierMarker(KEY, date(2025, 3, 4), 7)
    body = set_reminded("x\n\n" + BLOCK, marker)
    found = find_block(body)
    assert found is not None and found.reminded == marker
    respliced = find_block(splice(body, BLOCK))
    assert respliced is not None and respliced.reminded == marker
    assert set_reminded(body, marker) == body


def test_a_block_without_its_end_line_ends_at_its_last_marker() -> None:
    body = BLOCK.replace("\n<!-- pm-pipeline:end -->", "") + "\n\nA person's notes."
    found = find_block(body)
    assert found is not None and body[found.end :] == "\n\nA person's notes."


def test_a_key_that_is_not_an_item_key_is_not_a_block() -> None:
    assert find_block("<!-- pm-pipeline:begin key=../../etc -->\n<!-- pm-pipeline:end -->") is None


@given(st.text(alphabet=st.sampled_from("ab \n\r\t-<>!"), max_size=40), st.text(max_size=40))
def test_any_browser_edit_around_the_block_keeps_the_key(before: str, after: str) -> None:
    body = (before + "\n" + BLOCK + "\n" + after).replace("\r\n", "\n").replace("\n", "\r\n")
    found = find_block(body)
    assert found is not None and found.key == KEY
    assert same_text(splice(body, BLOCK), body) or BLOCK in splice(body, BLOCK)


def test_rewriting_a_block_with_a_new_kind_of_row_never_grows_the_body() -> None:
    block = BLOCK.replace("| Owner | @a |", "| Owner | @a |\n| Renamed from | `PM-2024-12-01-db/AI-009` |")
    body = "Mine.\n\n" + block
    for _ in range(3):
        body = splice(body, block)
    assert body == "Mine.\n\n" + block
