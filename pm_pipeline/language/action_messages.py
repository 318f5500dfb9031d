"""What PM201 says about a vague action item: why it is vague, and a rewrite pattern, per kind of vagueness."""

from __future__ import annotations

__all__ = ["REASONS", "SUGGESTIONS"]

SUGGESTIONS: dict[str, str] = {
    "placeholder": ("Replace the placeholder with the change itself, e.g. 'Add index on orders.user_id (OPS-123)'."),
    "person": (
        "Change a tool, default or check instead, e.g. 'Make scripts/cleanup.sh refuse to run when "
        "the target host is a primary'."
    ),
    "explore": (
        "Say what the exploration produces, e.g. 'Compare Vitess and Citus for sharding orders-db "
        "and record the choice in an ADR'."
    ),
    "investigate": (
        "Name what is investigated and what it produces, e.g. 'Find why orders-db replication lags "
        "during backups and record the cause in OPS-123'."
    ),
    "ongoing": (
        "Replace ongoing attention with a change that has an end state, e.g. 'Alert when "
        "checkout-api 5xx rate > 2% for 5 min'."
    ),
    "quantity": ("Give the target value and where it applies, e.g. 'Reduce the DNS TTL for api.example.com to 60 s'."),
    "monitoring": (
        "Say what is measured, on which system and when it alerts, e.g. 'Alert when p99 latency of "
        "checkout-api > 500 ms for 5 min'."
    ),
    "tests": (
        "Name the behaviour under test and where it runs, e.g. 'Add an integration test that kills "
        "the leader and asserts failover within 30 s'."
    ),
    "direction": (
        "Name the component and a checkable end state, e.g. 'Add a 2 s timeout and circuit breaker "
        "to cart-service calls to pricing-service'."
    ),
    "cadence": (
        "Give the cadence and the record each round leaves, e.g. 'Audit TLS certificate expiry dates "
        "quarterly and log the result in OPS-123'."
    ),
    "knowledge": (
        "Name the training, document or exercise and when it happens, e.g. 'Run a helm rollback "
        "drill with every on-call engineer by 2025-06-30'."
    ),
    "commitment": (
        "State the change the work will deliver and when, e.g. 'Disable CGI on www and mirrors "
        "by 2025-06-30 (OPS-123)'."
    ),
    "fragment": (
        "Make each list entry a whole action, e.g. 'Publish planned maintenance on the status page "
        "48 h ahead' rather than a heading or a continuation."
    ),
    "quality": (
        "Say what the quality means in checkable terms, e.g. 'Add PACT contract tests for every "
        "endpoint orders-api calls on billing-api'."
    ),
    "generic": (
        "Name the system, the concrete change and how to verify it, e.g. 'Enable deletion "
        "protection on the orders RDS instance'."
    ),
}
REASONS: dict[str, str] = {
    "placeholder": ("is a placeholder, not an action: nobody can start or finish it"),
    "person": ("relies on people being more careful, which does not stop the failure from recurring"),
    "explore": ("explores options but names no decision, design or document it produces"),
    "investigate": ("is an investigation that names nothing to investigate"),
    "ongoing": ("asks for ongoing attention rather than a change with an end state"),
    "quantity": ("says which way to move a value but not what or to which target"),
    "monitoring": ("names no metric, threshold or system"),
    "tests": ("names no test, code path or failure mode to cover"),
    "direction": ("states a direction (better, more, improve) but not the change or a number to check it by"),
    "cadence": ("asks for regular work but gives no cadence, so nobody can tell whether it is happening"),
    "knowledge": ("asks people to know more but names no training, document or exercise that would show it"),
    "commitment": (
        "reports effort or an intention (looking at, working on, plans) but no change that is done at a known point"
    ),
    "fragment": ("is a heading or a piece of a list, not an action someone can finish"),
    "quality": ("asks for a quality (comprehensive, adequate, more accurate) without saying what would show it"),
    "generic": ("names no system, component, document or end state, so there is no way to tell when it is done"),
}
