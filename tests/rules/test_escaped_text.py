"""PM014 and PM307 rule a file out by its source text; a backslash escape must not hide a value from them."""

from __future__ import annotations

from tests.rules.rulekit import BASE, check_text, edit, line_of


def test_a_bidi_control_written_as_an_escape_is_still_found() -> None:
    title = "title: API service degradation from database connection pool exhaustion"
    text = edit(BASE, (title, 'title: "API service degradation \\u202Etuo-llor"'))
    assert text.isascii()
    assert ("PM014", line_of(text, "tuo-llor")) in [(f.code, f.line) for f in check_text(text)]


def test_a_placeholder_spelled_with_escapes_is_still_found() -> None:
    text = edit(BASE, ("services: [public-api, orders-db]", 'services: [public-api, "\\x54\\x42D-db"]'))
    assert "TBD" not in text.upper()
    assert ("PM307", line_of(text, "-db\"]")) in [(f.code, f.line) for f in check_text(text)]


def test_plain_ascii_text_without_markers_gets_neither_finding() -> None:
    codes = {f.code for f in check_text(BASE)}
    assert not codes & {"PM014", "PM307"}
