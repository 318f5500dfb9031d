"""The real corpus is split by organisation, by a fixed rule, with labels that follow the guide."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

CORPUS = Path(__file__).parent / "corpus"
RESERVED = {"openstreetmap", "rust-lang", "posthog", "2i2c", "flutter", "dfds", "chia", "notional", "rotko", "torbox"}
BLAME_KINDS = {"person-cause", "counterfactual", "judgement", "human-error", "fix-the-person"}


def _part(org: str) -> str:
    return "holdout" if int(hashlib.sha256(org.encode()).hexdigest()[:8], 16) / 2**32 < 0.45 else "dev"


def _files() -> list[Path]:
    return sorted(CORPUS.glob("*/*/*.yaml"))


def test_every_organisation_sits_where_the_rule_puts_it_and_in_one_part_only() -> None:
    placed = {(path.parts[-3], path.parts[-2]) for path in _files()}
    assert placed and all(part == _part(org) for part, org in placed)
    organisations = {org for _, org in placed}
    holdout = {org for part, org in placed if part == "holdout"}
    assert len(holdout) / len(organisations) >= 0.30


def test_no_reserved_organisation_is_in_the_corpus() -> None:
    for path in _files():
        assert not any(name in path.parts[-2].lower() for name in RESERVED), path
        source = yaml.safe_load(path.read_text())["source"].lower()
        assert not any(f"/{name}" in source for name in RESERVED), path


def test_every_text_has_a_source_a_label_and_a_reason_when_positive() -> None:
    sentences = items = 0
    for path in _files():
        data = yaml.safe_load(path.read_text())
        assert data["source"].startswith("http") and data["kind"] in ("report", "guidance"), path
        for row in data.get("sentences") or []:
            assert row["text"].strip() and row["label"] in ("ok", "blame"), path
            if row["label"] == "blame":
                assert row["kind"] in BLAME_KINDS and row["reason"].strip(), (path, row["text"])
        for row in data.get("action_items") or []:
            assert row["text"].strip() and row["label"] in ("specific", "vague"), path
            if row["label"] == "vague":
                assert row["reason"].strip(), (path, row["text"])
        sentences += len(data.get("sentences") or [])
        items += len(data.get("action_items") or [])
    assert sentences >= 3000 and items >= 500
