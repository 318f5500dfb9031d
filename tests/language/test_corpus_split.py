"""The real corpus is split by organisation, by a fixed rule, with labels that follow the guide."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).parent / "corpus"
RESERVED = {"openstreetmap", "rust-lang", "posthog", "2i2c", "flutter", "dfds", "chia", "notional", "rotko", "torbox"}
BLAME_KINDS = {"person-cause", "counterfactual", "judgement", "human-error", "fix-the-person"}


def _part(org: str) -> str:
    return "holdout" if int(hashlib.sha256(org.encode()).hexdigest()[:8], 16) / 2**32 < 0.45 else "dev"


def _files(*parts: str) -> list[Path]:
    found = sorted(CORPUS.glob("*/*/*.yaml"))
    return [path for path in found if not parts or path.parts[-3] in parts]


def _site(source: str) -> str:
    """The repository (github.com/owner/name) or the host a source URL points at."""
    rest = source.split("://", 1)[-1].lower()
    pieces = rest.split("/")
    return "/".join(pieces[:3]) if pieces[0] == "github.com" else pieces[0].removeprefix("www.")


def test_every_organisation_sits_where_the_rule_puts_it_and_in_one_part_only() -> None:
    placed = {(path.parts[-3], path.parts[-2]) for path in _files("dev", "holdout")}
    assert placed and all(part == _part(org) for part, org in placed)
    organisations = {org for _, org in placed}
    holdout = {org for part, org in placed if part == "holdout"}
    assert len(holdout) / len(organisations) >= 0.30


# Each later holdout was collected after the earlier sets had been scored: nothing in it may have
# been seen before (no organisation, by slug or name, and no source repository or site).
LATER_HOLDOUTS = [
    ("holdout2", ("dev", "holdout"), 12),
    ("holdout3", ("dev", "holdout", "holdout2"), 30),
    ("holdout4", ("dev", "holdout", "holdout2", "holdout3"), 50),
]


@pytest.mark.parametrize(("part", "before", "organisations"), LATER_HOLDOUTS)
def test_a_later_holdout_shares_no_organisation_or_source_with_earlier_sets(
    part: str, before: tuple[str, ...], organisations: int
) -> None:
    earlier = [yaml.safe_load(path.read_text()) | {"slug": path.parts[-2]} for path in _files(*before)]
    later = [yaml.safe_load(path.read_text()) | {"slug": path.parts[-2]} for path in _files(part)]
    assert later
    slugs = {data["slug"] for data in earlier}
    names = {data["organisation"].strip().lower() for data in earlier}
    sites = {_site(data["source"]) for data in earlier}
    for data in later:
        assert data["slug"] not in slugs and data["organisation"].strip().lower() not in names, data["slug"]
        assert _site(data["source"]) not in sites, data["source"]
    assert len({data["slug"] for data in later}) >= organisations


def test_the_newest_holdout_holds_at_least_30_percent_of_the_organisations() -> None:
    slugs = {(path.parts[-3], path.parts[-2]) for path in _files()}
    newest = {org for part, org in slugs if part == "holdout4"}
    assert len(newest) / len({org for _, org in slugs}) >= 0.30


def test_no_reserved_organisation_is_in_the_corpus() -> None:
    for path in _files():
        assert not any(name in path.parts[-2].lower() for name in RESERVED), path
        source = yaml.safe_load(path.read_text())["source"].lower()
        assert not any(f"/{name}" in source for name in RESERVED), path


def _sentence_ok(row: dict[str, str]) -> bool:
    if row["label"] == "blame":
        return bool(row["text"].strip() and row["kind"] in BLAME_KINDS and row["reason"].strip())
    return bool(row["text"].strip() and row["label"] == "ok")


def _item_ok(row: dict[str, str]) -> bool:
    if row["label"] == "vague":
        return bool(row["text"].strip() and row["reason"].strip())
    return bool(row["text"].strip() and row["label"] == "specific")


def _check_labels(paths: list[Path]) -> tuple[int, int]:
    """Counts of sentences and items; a failure names the file and the row number, never a text."""
    sentences = items = 0
    for path in paths:
        data = yaml.safe_load(path.read_text())
        assert data["source"].startswith("http") and data["kind"] in ("report", "guidance"), path
        rows = data.get("sentences") or []
        bad = [n for n, row in enumerate(rows) if not _sentence_ok(row)]
        assert bad == [], (path, "sentences", bad)
        actions = data.get("action_items") or []
        bad = [n for n, row in enumerate(actions) if not _item_ok(row)]
        assert bad == [], (path, "action_items", bad)
        sentences += len(rows)
        items += len(actions)
    return sentences, items


def test_every_text_has_a_source_a_label_and_a_reason_when_positive() -> None:
    sentences, items = _check_labels(_files("dev", "holdout"))
    assert sentences >= 3000 and items >= 500


def test_the_later_holdouts_follow_the_same_label_format() -> None:
    sentences, items = _check_labels(_files("holdout2"))
    assert sentences >= 1200 and items >= 200
    sentences, items = _check_labels(_files("holdout3"))
    assert sentences >= 1000 and items >= 100
    sentences, items = _check_labels(_files("holdout4"))
    assert sentences >= 1000 and items >= 100
