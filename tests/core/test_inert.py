"""User text written to GitHub notifies nobody and links nowhere (pm_pipeline.inert)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pm_pipeline.inert import inert_handle, inert_path, inert_text, quiet_mentions, split_code_spans, url_path
from tests.sync.markdown_probe import live_links, live_mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ask @alice", "ask `@alice`"),
        ("page @org/sre-team now", "page `@org/sre-team` now"),
        ("mail ops@example.com", "mail ops@example.com"),
        ("(@bob)", "(`@bob`)"),
        ("`@kept` as written", "`@kept` as written"),
        ("a ` b @c", "a \\` b `@c`"),
        ("[click](https://x.example)", "\\[click\\](https://x.example)"),
        ("![pixel](https://x.example/p.png)", "!\\[pixel\\](https://x.example/p.png)"),
        ("<img src=x> | cell", "&lt;img src=x&gt; \\| cell"),
        ("line\nbreak\n<!-- pm-pipeline:end -->", "line break &lt;!-- pm-pipeline:end --&gt;"),
    ],
)
def test_inert_text_examples(text: str, expected: str) -> None:
    assert inert_text(text) == expected


def test_mentions_links_and_images_are_all_neutralised() -> None:
    text = "@alice and @org/team, see [docs](https://x.example) and ![x](https://x.example/p.png) `@code`"
    out = inert_text(text)
    assert live_mentions(text) == ["@alice", "@org/team"] and len(live_links(text)) == 2
    assert live_mentions(out) == [] and live_links(out) == []


def test_code_spans_follow_commonmark_run_lengths() -> None:
    assert split_code_spans("a ``b ` c`` d `e") == [(False, "a "), (True, "``b ` c``"), (False, " d `e")]


def test_handles_and_paths() -> None:
    assert inert_handle("@vp-eng") == "`@vp-eng`"
    assert (
        inert_path("postmortems/a\n<!-- pm-pipeline:end -->\n.yaml")
        == "postmortems/a &lt;!-- pm-pipeline:end --&gt; .yaml"
    )
    assert url_path('postmortems/c"onfocus="x" a.yaml') == "postmortems/c%22onfocus%3D%22x%22%20a.yaml"


ALPHABET = st.sampled_from(list("@`[]()!<>|\\/ -_.a0Z\n") + ["@alice", "@org/team", "](http://x)", "``"])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_no_text_keeps_a_live_mention_a_link_or_a_tag(text: str) -> None:
    out = inert_text(text)
    assert live_mentions(out) == []
    assert live_links(out) == []
    assert "<" not in out and "\n" not in out


def test_quiet_mentions_reads_the_same_and_notifies_nobody() -> None:
    out = quiet_mentions("ask @alice and @org/team, mail ops@example.com <b>")
    assert out.replace("\u200b", "") == "ask @alice and @org/team, mail ops@example.com <b>"
    assert live_mentions(out) == []
