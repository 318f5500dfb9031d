"""Whose markers count: the identity the tool writes as, learnt in a fixed order."""

from __future__ import annotations

import pytest

from pm_pipeline.tracker.markers import begin_marker
from pm_pipeline.tracker.trust import Trust, UnknownIdentity, guard, resolve
from tests.tracker.memory import MemoryStore

KEY = "PM-2025-01-01-db/AI-001"


def test_identity_order_setting_then_user_then_actions_then_unknown() -> None:
    assert resolve(MemoryStore(), setting="app[bot]", in_actions=True).identity == "app[bot]"
    assert resolve(MemoryStore(), setting=None, in_actions=True).identity == "pm-bot"
    assert resolve(MemoryStore(login=None), setting=None, in_actions=True).identity == "github-actions[bot]"
    assert resolve(MemoryStore(login=None), setting=None, in_actions=False).identity is None


def test_only_the_identity_and_listed_earlier_ones_are_trusted() -> None:
    store = MemoryStore()
    mine, bot, person = store.add("x"), store.add("x", author="other-app[bot]"), store.add("x", author="Mallory")
    trust = Trust("PM-BOT", frozenset({"mallory"}))
    assert trust(mine) and not trust(bot) and trust(person)


def test_guard_stops_an_unknown_identity_only_when_markers_exist() -> None:
    store = MemoryStore()
    guard(Trust(), [], [], [KEY])  # an empty tracker: nothing to duplicate
    issue = store.add(begin_marker(KEY))
    with pytest.raises(UnknownIdentity, match="GET /user was refused"):
        guard(Trust(), [issue], [KEY], [])


def test_guard_stops_a_changed_identity_before_it_duplicates() -> None:
    store = MemoryStore()
    issue = store.add(begin_marker(KEY), author="old-bot")
    guard(Trust("pm-bot"), [issue], [KEY], [])  # nothing to create: nothing to duplicate
    with pytest.raises(UnknownIdentity, match="none was opened by @pm-bot"):
        guard(Trust("pm-bot"), [issue], [KEY], [KEY])
    guard(Trust("pm-bot", frozenset({"old-bot"})), [issue], [KEY], [KEY])
