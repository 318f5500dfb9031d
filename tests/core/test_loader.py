import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pm_pipeline.loader import _PLAIN_TYPES, _WORDS, _implicit_tag, load_yaml
from tests.core.helpers import line_of, valid_text


def codes(raw: bytes) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in load_yaml("f.yaml", raw).findings]


def test_valid_file_has_no_findings_and_keeps_timestamps_as_strings() -> None:
    loaded = load_yaml("f.yaml", valid_text().encode())
    assert loaded.findings == []
    assert loaded.data["incident"]["started_at"] == "2025-02-09T10:05:23Z"
    assert loaded.data["action_items"][0]["deadline"] == "2025-02-21"


def test_every_value_keeps_its_line_and_column() -> None:
    text = valid_text()
    loaded = load_yaml("f.yaml", text.encode())
    line = line_of(text, "deadline: 2025-03-07")
    assert loaded.source.value_at(("action_items", 2, "deadline")) == (line, 15)
    assert loaded.source.key_at(("action_items", 2, "deadline")) == (line, 5)


def test_missing_path_falls_back_to_nearest_parent() -> None:
    text = valid_text()
    loaded = load_yaml("f.yaml", text.encode())
    assert loaded.source.value_at(("action_items", 2, "nonexistent")) == loaded.source.value_at(("action_items", 2))


def test_duplicate_key_is_reported_on_the_second_key() -> None:
    assert codes(b"a: 1\nb: 2\na: 3\n") == [("PM003", 3, 1)]


def test_unquoted_handle_explains_quoting() -> None:
    findings = load_yaml("f.yaml", b"owner: @bob\n").findings
    assert [(f.code, f.line, f.column) for f in findings] == [("PM002", 1, 8)]
    assert '"@bob"' in findings[0].message


def test_python_tag_is_never_constructed() -> None:
    loaded = load_yaml("f.yaml", b"a: !!python/object/apply:os.system ['touch /tmp/pwned']\n")
    assert [f.code for f in loaded.findings] == ["PM004"]
    assert loaded.data == {"a": []}  # a placeholder, not the result of os.system


def test_custom_tag_is_rejected() -> None:
    assert codes(b"a: !secret x\n") == [("PM004", 1, 4)]


def test_second_document_is_reported_where_it_starts() -> None:
    assert codes(b"a: 1\n---\nb: 2\n") == [("PM005", 2, 1)]


def test_merge_key_is_rejected() -> None:
    assert codes(b"base: &b {x: 1}\nc:\n  <<: *b\n") == [("PM007", 3, 3)]


def test_invalid_utf8_is_located() -> None:
    assert codes(b"a: 1\nb: caf\xe9\n") == [("PM001", 2, 7)]


def test_tab_indentation_is_explained() -> None:
    findings = load_yaml("f.yaml", b"a:\n\tb: 1\n").findings
    assert findings[0].code == "PM002" and "tabs" in findings[0].message


def test_empty_file_has_no_data_and_no_finding_of_its_own() -> None:
    loaded = load_yaml("f.yaml", b"# nothing\n")
    assert loaded.data is None and loaded.findings == []


def test_yaml_11_plain_values_are_remembered_for_messages() -> None:
    loaded = load_yaml("f.yaml", b"t: 10:05:23\nn: no\nq: 'no'\n")
    assert loaded.data == {"t": 36323, "n": False, "q": "no"}
    assert [loaded.source.plain_text_at((key,)) for key in "tnq"] == ["10:05:23", "no", None]


def test_offset_inside_block_scalar_points_at_its_line() -> None:
    text = "summary: |\n  first line\n  second line with @bob\n"
    loaded = load_yaml("f.yaml", text.encode())
    offset = loaded.data["summary"].index("@bob")
    assert loaded.source.offset_at(("summary",), offset) == (3, 20)


def test_offset_inside_single_line_quoted_scalar() -> None:
    loaded = load_yaml("f.yaml", b'summary: "x @bob"\n')
    assert loaded.source.offset_at(("summary",), 2) == (1, 13)


SCALAR_ALPHABET = st.sampled_from(list("yesnotruefalsYESNOTRUFAL~0123456789+-._:xe") + ["inf", "nan", "Inf", "NaN"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(SCALAR_ALPHABET, max_size=8).map("".join) | st.sampled_from(sorted(_WORDS)))
def test_plain_scalars_are_typed_as_pyyaml_types_them(value: str) -> None:
    expected = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    ours = _implicit_tag(value)
    assert ours == (expected if expected in _PLAIN_TYPES else None)
