"""The registry of rules: a literal list, no discovery."""

from __future__ import annotations

from pm_pipeline.rules import (
    action_items,
    analysis,
    blame,
    deadlines,
    follow_up,
    hidden_text,
    incident_times,
    owners,
    placeholders,
    publishing,
    timeline,
    vocabulary,
)
from pm_pipeline.rules.base import Rule
from pm_pipeline.rules.baseline import BASELINE_RULES
from pm_pipeline.rules.input import INPUT_RULES
from pm_pipeline.rules.recurrence import CROSS_REPORT_RULES
from pm_pipeline.rules.suppression import SUPPRESSION_RULES
from pm_pipeline.rules.vague_action import VagueAction

ALL_RULES: tuple[type[Rule], ...] = (
    *INPUT_RULES,
    *SUPPRESSION_RULES,
    *BASELINE_RULES,
    hidden_text.BidiControl,
    vocabulary.UnknownVocabulary,
    blame.PersonAsCause,
    blame.Counterfactual,
    blame.Judgement,
    blame.HumanError,
    blame.FixThePerson,
    VagueAction,
    owners.PlaceholderOwner,
    owners.TeamOwner,
    deadlines.DeadlineBeforePublication,
    deadlines.DeadlineOutsideWindow,
    action_items.DuplicateActionId,
    action_items.HighPriorityWithoutSponsor,
    action_items.NotDoingWithoutReason,
    action_items.DoneWithoutEvidence,
    publishing.LatePublication,
    publishing.OverdueDraft,
    follow_up.FollowUpReviewTiming,
    follow_up.FollowUpReviewMissed,
    publishing.PublishedWithoutReviewers,
    publishing.PublishedWithoutDate,
    placeholders.PlaceholderText,
    timeline.TimelineOrder,
    timeline.EventOutsideIncident,
    timeline.NotUtc,
    incident_times.DetectedBeforeStarted,
    incident_times.ResolvedBeforeDetected,
    incident_times.MitigatedOutsideIncident,
    timeline.IncompleteTimeline,
    analysis.TooFewFactors,
    analysis.StopsAtPerson,
    analysis.ShallowFiveWhys,
    analysis.NoSystemicIssue,
    analysis.UnnotedDataGap,
    *CROSS_REPORT_RULES,
)

RULES_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in ALL_RULES}
