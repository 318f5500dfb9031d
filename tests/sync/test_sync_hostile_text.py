"""Hostile YAML text against the fake GitHub: no stray notifications, no live links, no body growth."""

from __future__ import annotations

from typing import Any

from tests.sync.conftest import REPO, SyncHarness, action_item
from tests.sync.markdown_probe import live_links, live_mentions

LOUD = (
    "Ask @alice and @acme/sre-team to add the pool alert [runbook](https://evil.example/x) "
    "![pixel](https://evil.example/p.png) <img src=https://evil.example/i.png> `@in-code`"
)


def _notifying(harness: SyncHarness) -> list[tuple[str, list[str], str]]:
    """(request, mentions that notify, text) for every title, body and comment the runs sent.

    Like GitHub, an edited body notifies only mentions it did not have before."""
    found = []
    bodies: dict[str, str] = {}
    for record in harness.fake.requests:
        payload: Any = record.json() if record.method in ("POST", "PATCH") else None
        if not isinstance(payload, dict) or record.status >= 300:
            continue
        where = f"{record.method} {record.path}"
        if where == f"POST /repos/{REPO}/issues":
            number = str(len(bodies) + 1)
        else:
            number = record.path.split("/issues/")[1].split("/")[0]
        for name in ("title", "body"):
            if payload.get(name) is None:
                continue
            text = str(payload[name])
            before = (
                set(live_mentions(bodies.get(number, ""))) if name == "body" and record.method == "PATCH" else set()
            )
            found.append((where, [m for m in live_mentions(text) if m not in before], text))
            if name == "body" and not record.path.endswith("/comments"):
                bodies[number] = text
    return found


def test_yaml_text_notifies_nobody_but_the_owner_at_creation_and_links_nowhere(harness: SyncHarness) -> None:
    path = harness.write([action_item(1, action=LOUD, sponsor="@vp-eng"), action_item(2, action=LOUD)])
    text = path.read_text(encoding="utf-8").replace(
        "title: API service degradation", "title: '@ceo see [here](https://evil.example)' # API", 1
    )
    path.write_text(text, encoding="utf-8")
    assert harness.sync().code == 0
    harness.write(
        [
            action_item(1, action=LOUD + " v2", sponsor="@vp-eng"),
            action_item(2, action=LOUD, status="not-doing", reason="@bob says [no](https://evil.example)"),
        ]
    )
    assert harness.sync().code == 0
    written = _notifying(harness)
    creates = [text for where, _, text in written if where == f"POST /repos/{REPO}/issues" and "\n" in text]
    assert len(creates) == 2 and len(written) >= 7  # 2 creates (title, body), an edit, a comment, a close
    pinged = [(where, mentions) for where, mentions, _ in written if mentions]
    assert pinged == [(f"POST /repos/{REPO}/issues", ["@maria-lopez"])] * 2
    assert "`@ceo` see \\[here\\](https://evil.example)" in creates[0]
    targets = [target for _, _, text in written for _, target in live_links(text)]
    assert targets and not [target for target in targets if "evil.example" in target]
    assert not any("<img" in text for _, _, text in written)
    assert "`@vp-eng`" in creates[0]
    comment = harness.fake.comments(REPO, harness.issues()[1].number)[0].body
    assert "`@bob` says \\[no\\](https://evil.example)" in comment


def test_a_file_name_with_a_forged_end_marker_keeps_the_body_stable(harness: SyncHarness) -> None:
    harness.write([action_item(1)], name="2025-02-09-x\n<!-- pm-pipeline:end -->\n.yaml")
    first = harness.sync()
    assert first.code == 0, first.out + first.err
    (issue,) = harness.issues()
    body = issue.body
    assert body.count("<!-- pm-pipeline:end -->") == 1
    assert "%0A%3C%21--%20pm-pipeline%3Aend%20--%3E%0A.yaml" in body
    harness.fake.clear_log()
    again = harness.sync()
    assert again.code == 0 and harness.fake.write_count == 0
    assert issue.body == body


def test_the_plan_posted_on_a_pull_request_notifies_nobody(harness: SyncHarness) -> None:
    harness.write([action_item(1, action=LOUD), action_item(2)])
    harness.sync()
    original = harness.issues()[0]
    harness.fake.add_issue(REPO, "copied", original.body, labels=["post-mortem"], user="mallory")
    harness.write([action_item(1, action=LOUD + " now"),
                   action_item(2, status="not-doing", reason="@bob and @acme/leads said no")])
    plan = harness.run(apply=False, output_format="markdown")
    assert "ignored" in plan.out and "not planned" in plan.out
    assert live_mentions(plan.out) == [], plan.out
