"""Word classes for judging action items: what kind of verb leads the item, and which words say nothing.

The lists are about English, not about any corpus: verbs of direction
("improve"), of exploration ("consider"), of investigation ("investigate"),
of ongoing attention ("monitor"), of amount ("reduce"), and nouns and
adjectives that name no particular thing ("monitoring", "issues", "proper").
"""

from __future__ import annotations

# A direction, not a change: vague unless the item gives a number, identifier or end state.
DIRECTION_VERBS: frozenset[str] = frozenset(
    """
    improve enhance better strengthen optimize optimise minimize minimise maximize maximise
    streamline boost bolster refine revamp rethink mature stabilize stabilise gain
    reinforce prioritize prioritise emphasize emphasise invest foster promote encourage cultivate nurture
    modernize modernise focus spend supercharge turbocharge beef
    """.split()
)
# Verbs that produce a deliverable: with them a compound of common nouns names a thing
# ("Document config change procedure", "Added config validation").
DELIVERABLE_VERBS: frozenset[str] = frozenset(
    """
    add implement write document create build introduce set setup publish draft define design
    automate script configure enable install deploy update link institute establish
    """.split()
)
# Talking with others: vague unless it serves a named change, a number or a date.
TALK_VERBS: frozenset[str] = frozenset("coordinate communicate discuss sync align".split())
# Thinking about a change rather than making one: vague unless a deliverable is joined to it.
EXPLORE_VERBS: frozenset[str] = frozenset("consider discuss explore brainstorm revisit ponder".split())
# Investigation: specific when it names what is investigated ("Investigate Vitess for sharding").
INVESTIGATE_VERBS: frozenset[str] = frozenset(
    """
    investigate research evaluate assess analyze analyse audit review diagnose study examine
    check identify determine understand figure look find
    """.split()
)
# Ongoing attention without an end state.
ONGOING_VERBS: frozenset[str] = frozenset("monitor watch continue".split())
# Moving a value: specific when the object names what moves, vague when it does not.
QUANTITY_VERBS: frozenset[str] = frozenset(
    "reduce increase decrease lower raise limit shorten lengthen tighten loosen cut scale expand".split()
)
# Verbs that make or change something: judged by whether the object names anything.
CONCRETE_VERBS: frozenset[str] = frozenset(
    """
    add implement fix write document create update set setup enable disable deploy migrate
    upgrade downgrade move switch transition remove delete drop replace rotate revoke pin
    configure build introduce establish institute ensure prevent make publish release roll patch merge
    ship install uninstall rename split combine automate script schedule alert page notify
    block reject require enforce validate verify test run restart rebuild reindex backfill
    deprecate retire archive convert restrict allow grant store cache shard replicate
    standardize standardise define design draft propose plan share train hire assign
    separate isolate include extend change adjust tune rewrite refactor harden handle
    communicate coordinate do put suggest recommend keep follow track avoid need
    provide send open close file record log report
    clean clarify address use adopt apply bump backport revert redeploy reconfigure repartition resize reboot
    develop mark host onboard take work learn conduct perform revise decide sync align get obtain simplify
    start begin began begun act respond react escalate spread hold cross-train link teach coach upskill mentor
    route redirect batch throttle dedupe deduplicate aggregate suppress filter silence mute
    """.split()
)

# Nouns that name no particular thing, system or document.
GENERIC_NOUNS: frozenset[str] = frozenset(
    """
    monitoring alerting alert alerts observability visibility tests test testing logging logs log
    dashboards dashboard docs documentation doc safeguards safeguard guardrails guardrail
    retries retry metrics checks check coverage process processes procedure procedures
    things thing stuff issue issues problem problems bug bugs everything something anything
    code config configuration configurations infrastructure infra system systems service services
    resources permissions dependencies servers server runbook runbooks playbook playbooks steps step
    situation options option alternatives performance reliability resiliency resilience stability
    quality security capacity planning ownership culture errors error handling improvements
    improvement flakiness tooling tools fix fixes changes change place work team teams approach
    strategy strategies suite suites measures measure incidents incident outage outages failure
    failures recurrence recurrences way ways solution solutions mitigation mitigations
    possibilities possibility communication communications coordination collaboration practices
    practice operations ops cases case meetings meeting noise risk risks toil pairing reviews
    review validation optimizations optimization management maintenance training knowledge
    deployments deployment releases release cadence frequency mechanism mechanisms area areas
    aspects aspect environment environments parts part pieces piece setup level levels events
    event future time regressions regression gaps gap details detail expectations expectation
    controls control policies policy efforts effort capabilities capability features feature
    handling support backup backups back-up back-ups uptime downtime availability plan plans
    investigation investigations stakeholders debt tech technical findings results learnings lessons notes
    status updates db dbs database databases assumption assumptions health
    occurring happening recurring occur happen recur on-call oncall posture
    scenario scenarios threshold thresholds role roles responsibility responsibilities path paths
    escalation escalations follow-up followup discussion discussions conversation conversations mess
    importance analysis analyses awareness understanding attention focus emphasis
    deploy deploys developers developer days weeks months class classes type types platform stack architecture
    codebase redundancy guide guides lack recovery impact detection response blast radius post posts blog
    vendor vendors partner partners provider providers
    engineers engineer people staff everyone everybody folks humans automation rca mttr mttd mtta
    postmortem postmortems post-mortem post-mortems retro retros retrospective retrospectives
    """.split()
)
# Adjectives, adverbs and quantifiers that name no particular thing.
GENERIC_MODIFIERS: frozenset[str] = frozenset(
    """
    more better some proper properly flaky old manual relevant overall general various several any
    all other additional further new similar such future proactive regular regularly appropriate
    adequate sufficient robust resilient reliable stable secure safer faster easier simpler
    stronger clearer quicker good great best possible potential necessary needed needs existing
    current our their internal external extra few many much less smaller bigger larger
    original same these those kind sort whole entire overall continuous continuously
    correct sooner later still generally general again also quickly gracefully often frequently
    sure deeper earlier kinds catch missing exhaustive comprehensive thorough much
    underlying broader systemic fundamental next elsewhere long-term short-term permanent full hard permanently
    actionable visible aware informed familiar widely coming forward underway progress ongoing still
    """.split()
)
# Function words, auxiliaries and filler.
STOPWORDS: frozenset[str] = frozenset(
    """
    a an the to of for in on at by with from into onto and or but so as our we us
    it its this that these those be is are was were will should must can could would
    there here when then than up out about via per each every all any some no not
    do does did done have has had get gets got set been being being let i you they them
    what which who how why where whether if like such one ourselves itself
    don't doesn't won't isn't aren't didn't can't never
    among before after during across between within without against over under through around whenever
    """.split()
)
# Comparative adverbs that make a clause a direction: "Communicate better", "more gracefully".
DIRECTION_ADVERBS: frozenset[str] = frozenset(
    """
    better gracefully often quickly frequently carefully smoothly reliably safely robust thoroughly closely rigorously
    faster quicker sooner earlier
    """.split()
)
