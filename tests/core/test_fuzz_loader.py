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
    checked = check_bytes("f.yaml", (text[:position] + garbage + text[position:]).encode(), RULES, CONTEXT)
    assert checked.postmortem is None or not any(f.is_error for f in checked.findings)
