"""The write budget and the retry policy, without any HTTP."""

from __future__ import annotations

import pytest

from pm_pipeline.tracker.policy import Failure, RetryPolicy, WriteBudget
from pm_pipeline.tracker.store import BudgetExhausted, RateLimited, ServerFailing


def test_the_budget_counts_writes_and_refuses_the_one_past_its_limit() -> None:
    budget = WriteBudget(2)
    budget.spend()
    budget.spend()
    assert budget.remaining == 0
    with pytest.raises(BudgetExhausted, match="write budget of 2 spent"):
        budget.spend()


def test_retries_back_off_and_give_up_with_the_right_kind_of_stop() -> None:
    slept: list[float] = []
    policy = RetryPolicy(sleep=slept.append)
    calls = iter([ValueError("502"), ValueError("502"), "ok"])

    def call() -> str:
        value = next(calls)
        if isinstance(value, Exception):
            raise value
        return value

    assert policy.run(call, lambda _: Failure("server", "GitHub answered 502")) == "ok"
    assert slept == [2.0, 4.0]
    with pytest.raises(ServerFailing, match="gave up after 4 attempts"):
        RetryPolicy(sleep=slept.append).run(lambda: (_ for _ in ()).throw(ValueError()),
                                            lambda _: Failure("server", "502"))
    with pytest.raises(RateLimited, match="gave up"):
        RetryPolicy(sleep=slept.append).run(lambda: (_ for _ in ()).throw(ValueError()),
                                            lambda _: Failure("secondary", "429", 1.0))


def test_a_primary_limit_is_waited_out_only_when_its_reset_is_near() -> None:
    policy = RetryPolicy(sleep=lambda _: None)
    assert policy.delay(Failure("primary", "exhausted", 30.0), 1) == 30.0
    with pytest.raises(RateLimited, match="resets in 600 s"):
        policy.delay(Failure("primary", "exhausted", 600.0), 1)
    assert policy.delay(Failure("secondary", "429"), 1) == 60.0  # no Retry-After: a minute
    assert policy.delay(Failure("secondary", "429", 5.0), 1) == 5.0


def test_an_error_the_store_does_not_classify_is_raised_at_once() -> None:
    with pytest.raises(KeyError):
        RetryPolicy(sleep=lambda _: None).run(lambda: {}["x"], lambda _: None)
