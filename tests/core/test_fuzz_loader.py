"""Random YAML never crashes the loader or the check pipeline."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from pm_pipeline.checker import check_bytes
from pm_pipeline.config import Config
from pm_pipeline.rules.base import Context
from pm_pipeline.rules.selection import select_rules
from tests.core.helpers import valid_text

RULES = select_rules(Config())
CONTEXT = Context(datetime(2026, 11, 27, tzinfo=UTC), Config())
YAML_ALPHABET = st.sampled_from(list(":-[]{}&*!|>'\"%@`#,? \n\t") + list("abc019") + ["\u00e9", "\ufeff"])


@settings(max_examples=300, deadline=None)
@given(st.text(YAML_ALPHABET, max_size=200))
def test_random_yaml_text_never_raises(text: str) -> None:
    checked = check_bytes("f.yaml", text.encode("utf-8", "surrogatepass"), RULES, CONTEXT)
    assert all(f.line >= 1 and f.column >= 1 for f in checked.findings)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_raise(raw: bytes) -> None:
    check_bytes("f.yaml", raw, RULES, CONTEXT)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=4000), st.text(YAML_ALPHABET, min_size=1, max_size=8))
def test_a_corrupted_valid_postmortem_never_raises(position: int, garbage: str) -> None:
    text = valid_text()
    position = min(position, len(text))
    corrupted = text[:position] + garbage + text[position:]
    checked = check_bytes("f.yaml", corrupted.encode(), RULES, CONTEXT)
    # A corruption can leave a valid post-mortem whose content now breaks a rule (a `#` that turns
    # `published_at` into a comment is PM306), so errors are fine; every finding must be located.
    lines = corrupted.count("\n") + 2
    assert all(1 <= f.line <= lines and f.column >= 1 for f in checked.findings)


TIMESTAMP_FIELDS = ("started_at: 2025-02-09T10:05:23Z", "resolved_at: 2025-02-09T11:40:00Z",
                    "  - at: 2025-02-09T10:05:23Z")
EDGE_MOMENTS = st.sampled_from(["0000-01-01T00:00:00Z", "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00",
                                "2016-12-31T23:59:60Z", "9999-12-31T23:59:59Z", "1899-12-31T23:59:59Z",
                                "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00"])


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(TIMESTAMP_FIELDS), EDGE_MOMENTS)
def test_a_timestamp_at_the_edge_of_the_calendar_is_a_finding(field: str, moment: str) -> None:
    text = valid_text()
    edited = text.replace(field, field.rsplit(" ", 1)[0] + " " + moment, 1)
    checked = check_bytes("f.yaml", edited.encode(), RULES, CONTEXT)
    assert any(f.code == "PM010" for f in checked.findings) and checked.postmortem is None


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.integers(min_value=20, max_value=6000).map(lambda digits: "9" * digits),
                 st.integers(min_value=17, max_value=6000).map(lambda digits: "0x" + "f" * digits),
                 st.sampled_from([".inf", "-.inf", ".nan", ".NaN", "1e400", "-1e999"])))
def test_an_unusable_number_is_a_finding(number: str) -> None:
    edited = valid_text().replace("failed_requests: 40000", f"failed_requests: {number}", 1)
    checked = check_bytes("f.yaml", edited.encode(), RULES, CONTEXT)
    assert [f.code for f in checked.findings] == ["PM010"]
