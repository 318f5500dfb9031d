"""`pm-pipeline import` on real public post-mortems from 12 organisations, stored verbatim.

Each report is in tests/adopt/data/real/<organisation>/ with a `.source.yaml` sidecar (URL at the
commit it was read from, licence). The expected numbers of action items and timeline events were
counted by hand from the Markdown, not from the importer's output:

- action items: the entries of the report's action-item sections, headings or bold labels
  (`**Actions planned:**`) wherever they stand (a list item with its nested details is one item; a
  subsection that holds only prose is one item, its heading; a label in the singular,
  `**Action taken:**`, is one item), "[x]" boxes, "Completed as of ..." and items under "Actions
  taken" counted as done; a report without such a section has the items of a list that a
  paragraph announces as future work ("Going forward, we will do the following ...:"), else none;
- timeline events: the entries of its timeline section (table rows, bullets, lines) that carry a
  time, a date, an unknown time ("X: ...", "22:XX"), or stand under a heading that carries the time
  (the prose under "### 4:27") or the date (a bullet under "### 2021-04-15"); nested details are
  part of the event above them; the intro lines ("All times in PST") are not events.

Three of the reports (COG-UK 20210416, Cosmos Hub 0326, Hachyderm 2022-12-18) were a held-out
sample: imported once before any change made for them (see docs/guide/adopting.md for the numbers).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pm_pipeline.cli import cli

REAL = Path(__file__).parent / "data" / "real"

# path under data/real, action items, of which done, timeline events
EXPECTED = [
    ("cog-uk-dipi/20210305_blankbiosample.md", 6, 4, 11),
    ("cog-uk-dipi/20220420_foel_prod_listener_failure.md", 3, 2, 10),
    ("cog-uk-dipi/20210416_iontorrentqc.md", 4, 4, 14),
    ("mybinder/2018-01-18-reddit-hug.md", 6, 0, 25),
    ("mybinder/2018-03-26-no-space-left.md", 6, 3, 3),
    ("cosmos-hub/2025-0207_upgrade.md", 6, 0, 19),
    ("cosmos-hub/2025-0127_block_times.md", 4, 0, 4),
    ("cosmos-hub/2025-0326_v23stack.md", 6, 0, 31),
    ("hachyderm/2022-12-13-root-filesystem-full.md", 3, 0, 16),
    ("hachyderm/2023-02-27-tls-media.md", 4, 0, 5),
    ("hachyderm/2022-12-18-unexpected-growth-and-unknown-media-caching.md", 3, 0, 22),
    ("mezo/2025-03-12-matsnet-halt.md", 6, 0, 6),
    ("polar/2026-06-12.mdx", 8, 0, 18),
    ("sourcegraph/extensibility_repo_name_log.md", 7, 1, 0),
    ("sourcegraph/330_incident_retro.md", 9, 0, 0),
    ("wire/2023-01-04_website_outage.md", 0, 0, 6),
    ("go-ethereum/2021-08-22-split-postmortem.md", 0, 0, 4),
    ("optimism/2022-02-02-inflation-vuln.md", 16, 6, 17),
    ("optimism/2023-04-26-transaction-delays.md", 2, 0, 0),
    ("metakgp/2020-11-03-emails-not-sent-mail-remove-from-googlegroup.md", 0, 0, 0),
    ("n0-computer/relay-down-a-post-mortem.mdx", 0, 0, 0),
]
NOW = "2026-12-04"


def _import(tmp_path: Path, name: str) -> tuple[int, str, dict[str, object], str]:
    tmp_path.mkdir(exist_ok=True)
    source = tmp_path / Path(name).name
    shutil.copy(REAL / name, source)
    result = CliRunner().invoke(cli, ["import", "--now", NOW, "--out", str(tmp_path / "pm"), str(source)])
    [path] = (tmp_path / "pm").glob("*.yaml")
    return result.exit_code, result.output, yaml.safe_load(path.read_text()), path.read_text()


def _in_order(text: str, source: str) -> bool:
    """Every word of text occurs in source, in the same order: copied, never rephrased (list
    markers aside: nested details are joined to their item as "- " lines)."""
    markers = {"-", "*", "+"}
    words = iter(word.strip("\"'") for word in source.split() if word not in markers)
    return all(any(word.strip("\"'") == seen for seen in words) for word in text.split() if word not in markers)


def test_the_corpus_has_ten_organisations_each_report_with_its_source_and_licence() -> None:
    reports = sorted(p for p in REAL.rglob("*") if p.suffix in (".md", ".mdx"))
    assert [str(p.relative_to(REAL)) for p in reports] == sorted(name for name, *_ in EXPECTED)
    organisations = set()
    for report in reports:
        sidecar = yaml.safe_load(report.with_name(report.name + ".source.yaml").read_text())
        assert sidecar["source"].startswith("https://github.com/") and sidecar["licence"]
        organisations.add(sidecar["organisation"])
    assert len(organisations) >= 10


@pytest.mark.parametrize(("name", "actions", "done", "events"), EXPECTED, ids=[name for name, *_ in EXPECTED])
def test_a_real_report_imports_its_action_items_and_timeline_verbatim(
    tmp_path: Path, name: str, actions: int, done: int, events: int
) -> None:
    code, output, data, text = _import(tmp_path, name)
    source = (REAL / name).read_text()
    assert code == 0 and "Traceback" not in output
    assert not re.search(r" PM0\d\d ", output), output  # the result passes the schema
    items, timeline = data["action_items"], data["timeline"]
    assert isinstance(items, list) and isinstance(timeline, list)
    assert len(items) == actions
    assert sum(item["status"] == "done" for item in items) == done
    real_events = [e for e in timeline if not e["event"].startswith("TODO: the original report has no timeline")]
    assert len(real_events) == events
    for text_value in [*(i["action"] for i in items), *(e["event"] for e in real_events), data["summary"]]:
        assert text_value.startswith("TODO") or _in_order(text_value, source), text_value
    assert "# imported: guessed" in text
    assert f"{actions} action items, {events if events else 1} timeline events" in output


def test_times_dates_and_zones_are_read_as_written(tmp_path: Path) -> None:
    _, _, reddit, _ = _import(tmp_path / "a", "mybinder/2018-01-18-reddit-hug.md")
    assert isinstance(reddit["timeline"], list)
    assert reddit["timeline"][0]["at"] == "2018-01-18T12:19:00Z"  # "### 2018-01-18 4:19", all times in PST
    assert reddit["timeline"][-1]["event"].startswith("After testing several repositories by hand")
    _, _, cosmos, _ = _import(tmp_path / "b", "cosmos-hub/2025-0207_upgrade.md")
    assert cosmos["id"] == "PM-2025-02-07-v22-0-1-patch-upgrade"  # "Date: 2025-Feb-07", not "Feb 7 1506 UTC"
    assert isinstance(cosmos["timeline"], list)
    assert [e["at"] for e in cosmos["timeline"][:2]] == ["2025-02-07T15:06:00Z", "2025-02-07T19:36:00Z"]
    assert cosmos["timeline"][-1]["at"] == "2025-02-10T15:41:00Z"  # "Feb 10 1541 UTC: ..."
    _, _, wire, _ = _import(tmp_path / "c", "wire/2023-01-04_website_outage.md")
    assert wire["id"].startswith("PM-2023-01-04-")  # the incident's date, not "Last updated: 2023-01-19"
    _, _, tls, text = _import(tmp_path / "e", "hachyderm/2023-02-27-tls-media.md")
    assert isinstance(tls["timeline"], list) and tls["timeline"][0]["at"] == "2023-02-28T01:52:00Z"  # "Feb 28th"
    assert "the year 2023 is the report's" in text
    _, _, optimism, text = _import(tmp_path / "d", "optimism/2022-02-02-inflation-vuln.md")
    assert isinstance(optimism["timeline"], list)
    unknown = optimism["timeline"][1]  # "- 2022-02-02 X: saurik messaged ..."
    assert unknown["at"] == optimism["timeline"][0]["at"] and "the time is given as `X`" in text


def test_what_is_not_mapped_is_kept_in_notes_and_named_on_stderr(tmp_path: Path) -> None:
    _, output, data, _ = _import(tmp_path, "hachyderm/2022-12-13-root-filesystem-full.md")
    notes = data["notes"]
    assert isinstance(notes, list)
    kept = "\n".join(note["text"] for note in notes)
    assert "Cron scheduled to remove postgres archive greater than 5 days." in kept  # prose under an item
    assert "pg_archivecleanup" in kept  # the code block under it
    assert "All events are documented in" in kept  # the timeline's intro line
    assert "not mapped: section '2) Alerts configured `@dma`' kept in notes" in output
    assert "We need global architecture" in data["root_cause"]  # a subsection of the root cause stays in it
    items = data["action_items"]
    assert isinstance(items, list)
    assert [(i["action"], i["owner"]) for i in items][0] == ("Cron cleanup scheduled `@malte_j`", "@malte-j")


def test_an_imported_real_archive_is_adopted_with_a_baseline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = []
    for name, *_ in EXPECTED:
        sources.append(tmp_path / "md" / name)
        sources[-1].parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REAL / name, sources[-1])
    monkeypatch.chdir(tmp_path)
    run = CliRunner()
    imported = run.invoke(cli, ["import", "--now", NOW, *map(str, sources)])
    assert imported.exit_code == 0 and len(list((tmp_path / "postmortems").glob("*.yaml"))) == len(EXPECTED)
    check = ["check", "--now", NOW, "--format", "text"]
    assert run.invoke(cli, check).exit_code == 1
    assert run.invoke(cli, [*check, "--write-baseline"]).exit_code == 0
    result = run.invoke(cli, check)
    assert result.exit_code == 0 and "baselined" in result.output, result.output
    path = next((tmp_path / "postmortems").glob("*matsnet*.yaml"))
    text = path.read_text()
    assert "\nlessons_learned:" not in text and "Chain halts at block" in text
    # edits elsewhere in the file (a comment on top, a timeline event reworded) keep every entry valid
    path.write_text("# reviewed in the adoption pull request\n" + text.replace("Chain halts", "The chain halts"))
    result = run.invoke(cli, check)
    assert result.exit_code == 0 and "PM093" not in result.output, result.output
    path.write_text(path.read_text() + "lessons_learned:\n- The on-call engineer was careless.\n")
    result = run.invoke(cli, check)
    assert result.exit_code == 1 and " PM1" in result.output and path.name in result.output


def test_an_imported_real_archive_exports_every_action_item(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = []
    for name, *_ in EXPECTED:
        sources.append(tmp_path / "md" / name)
        sources[-1].parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REAL / name, sources[-1])
    monkeypatch.chdir(tmp_path)
    run = CliRunner()
    assert run.invoke(cli, ["import", "--now", NOW, *map(str, sources)]).exit_code == 0
    result = run.invoke(cli, ["export", "--now", NOW, "--out", "out"])
    assert result.exit_code == 0, result.output
    expected = {}
    for path in (tmp_path / "postmortems").glob("*.yaml"):
        data = yaml.safe_load(path.read_text())
        expected.update({f"{data['id']}/{item['id']}": item["action"] for item in data["action_items"]})
    assert len(expected) == sum(actions for _, actions, *_ in EXPECTED)
    with (tmp_path / "out" / "action_items.csv").open(newline="", encoding="utf-8") as stream:
        from_csv = {row["key"]: row["action"] for row in csv.DictReader(stream)}
    document = json.loads((tmp_path / "out" / "postmortems.json").read_text(encoding="utf-8"))
    from_json = {row["key"]: row["action"] for row in document["action_items"]}
    assert from_csv == from_json == expected
    assert len(document["incidents"]) == len(EXPECTED)


def test_an_mdx_report_takes_its_title_and_date_from_its_export_and_drops_the_code(tmp_path: Path) -> None:
    _, _, data, text = _import(tmp_path, "n0-computer/relay-down-a-post-mortem.mdx")
    assert data["title"] == "Relay outage: A post-mortem" and data["id"].startswith("PM-2024-11-19-")
    assert "BlogPostLayout" not in text and "import " not in str(data.get("notes"))
    notes = data["notes"]
    assert isinstance(notes, list) and any("Relay-ted thoughts" in note["heading"] for note in notes)
