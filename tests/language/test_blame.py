"""Focused behaviour tests for pm_pipeline.language.blame."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pm_pipeline.language.blame import KINDS, BlameMatch, find_blame


def kinds(text: str) -> set[str]:
    return {m.kind for m in find_blame(text)}


def test_handle_as_subject_of_harm_is_person_as_cause() -> None:
    assert kinds("@alice caused the outage.") == {"person-as-cause"}


def test_personal_name_pushing_untested_change_is_person_as_cause() -> None:
    assert "person-as-cause" in kinds("Bob pushed the change without testing it, which broke prod.")


def test_role_deleting_database_is_person_as_cause() -> None:
    assert kinds("The engineer deleted the database.") == {"person-as-cause"}


def test_named_team_as_cause_is_flagged() -> None:
    assert kinds("The payments team caused the incident.") == {"person-as-cause"}


def test_caused_by_a_person_is_flagged() -> None:
    assert kinds("The outage was caused by @dave running the cleanup script.") == {"person-as-cause"}


def test_system_subject_with_harm_verb_is_not_blame() -> None:
    assert find_blame("A race condition in the lease renewal caused two writers to hold the lock.") == []
    assert find_blame("The config change removed the only healthy upstream.") == []


def test_neutral_timeline_naming_people_is_not_blame() -> None:
    for text in (
        "@alice acknowledged the alert at 10:12.",
        "@bob rolled back the deploy.",
        "The on-call engineer paged the DBA.",
        "The DBA promoted the replica to primary at 23:40.",
        "@bob deleted the stuck pod and it was rescheduled.",
    ):
        assert find_blame(text) == [], text


def test_what_someone_knew_at_the_time_is_not_blame() -> None:
    assert find_blame("The engineer did not know the flag was shared.") == []


def test_human_should_have_is_counterfactual() -> None:
    assert kinds("@alice should have tested the migration on staging.") == {"counterfactual"}
    assert kinds("We should have rolled back immediately.") == {"counterfactual"}


def test_system_subject_with_should_have_is_not_blame() -> None:
    assert find_blame("The alert should have fired when the disk reached 90%.") == []


def test_system_subject_with_failed_to_is_not_blame() -> None:
    assert find_blame("The health check failed to detect the hung worker.") == []


def test_human_failed_to_is_counterfactual() -> None:
    assert kinds("The engineer failed to follow the runbook.") == {"counterfactual"}


def test_should_have_followed_by_a_noun_is_not_counterfactual() -> None:
    assert find_blame("The DBA should have access to the replica dashboards.") == []


def test_passive_should_have_been_is_not_counterfactual() -> None:
    assert find_blame("The change should have been caught by the canary.") == []


def test_if_only_is_counterfactual() -> None:
    assert "counterfactual" in kinds("If only the reviewer had looked at the diff.")


def test_conditional_with_human_subject_is_counterfactual() -> None:
    assert "counterfactual" in kinds("Had the on-call followed the policy, the outage would have been shorter.")


def test_conditional_with_system_subject_is_not_blame() -> None:
    assert find_blame("If the replica had been monitored, we would have seen the lag earlier.") == []


def test_judgement_words_are_flagged() -> None:
    assert kinds("This was a careless mistake.") == {"judgement"}
    assert "judgement" in kinds("The developer didn't bother to check the index.")
    assert "judgement" in kinds("The on-call ignored the disk space alerts.")


def test_system_that_ignored_something_is_not_judgement() -> None:
    assert find_blame("The cleanup job ignored the exit code of the snapshot step.") == []


def test_lazy_loading_is_not_judgement() -> None:
    assert find_blame("The lazy-loaded module crashed the worker.") == []


def test_human_error_as_cause_is_flagged() -> None:
    assert kinds("Root cause: human error.") == {"human-error"}
    assert kinds("This incident was due to operator error.") == {"human-error"}
    assert kinds("Classic PEBKAC.") == {"human-error"}


def test_negated_human_error_is_not_blame() -> None:
    assert find_blame("This was not human error; the tooling made the wrong host easy to target.") == []


def test_negated_judgement_is_not_blame() -> None:
    assert find_blame("No one was careless; the hostnames differed by one digit.") == []
    assert find_blame("Nobody ignored the alerts; they went to an unwatched channel.") == []


def test_user_errors_as_a_metric_are_not_blame() -> None:
    assert find_blame("User errors in the API response increased after the release.") == []


def test_fix_the_person_action_items_are_flagged() -> None:
    for text in (
        "Engineers need to be more careful.",
        "Bob needs to learn how the deploy pipeline works.",
        "Remind engineers to check the target host.",
        "Retrain @bob on change management.",
        "The on-call should pay more attention to the dashboards.",
    ):
        assert kinds(text) == {"fix-the-person"}, text


def test_past_tense_request_in_timeline_is_not_fix_the_person() -> None:
    assert find_blame("The on-call asked the DBA to promote the replica.") == []


@pytest.mark.parametrize("quote", ['"{}"', "'{}'", "`{}`"])
def test_quoted_phrases_are_not_blame(quote: str) -> None:
    text = "The draft said " + quote.format("human error caused this") + ", which we rewrote."
    assert find_blame(text) == []


def test_other_senses_of_blame_and_fail_are_not_findings() -> None:
    for text in (
        "We used git blame to find the commit.",
        "The database failed over to us-west-2.",
        "The team failed over the database to the standby.",
        "The deploy failed at the image pull step.",
        "This review follows our blameless process.",
    ):
        assert find_blame(text) == [], text


def test_offsets_point_at_the_phrase() -> None:
    text = "Timeline is fine.\n\nThen @alice caused the outage. Later it recovered."
    [match] = find_blame(text)
    assert text[match.start : match.end] == match.phrase
    assert match.phrase.startswith("@alice caused")


def test_offsets_survive_quoted_text_earlier_in_the_sentence() -> None:
    text = 'The ticket said "oops", and Bob broke prod.'
    [match] = find_blame(text)
    assert text[match.start : match.end] == "Bob broke"


def test_each_sentence_is_analysed_separately() -> None:
    text = "The alert fired. Someone should have noticed the certificate expiry."
    [match] = find_blame(text)
    assert match.kind == "counterfactual"
    assert match.start >= text.index("Someone")


def test_message_and_suggestion_are_filled_in() -> None:
    [match] = find_blame("@alice caused the outage.")
    assert "@alice caused" in match.message
    assert match.suggestion.startswith("Describe what the system allowed")


def test_empty_text_has_no_findings() -> None:
    assert find_blame("") == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("abcdeghilmnorstuwy @'\"`.,;:\n-")
            + ["Bob ", "the engineer ", "should have ", "failed to ", "human error ", "not ", "caused "]
        ),
        max_size=60,
    ).map("".join)
)
def test_any_text_gives_well_formed_matches(text: str) -> None:
    matches = find_blame(text)
    for m in matches:
        assert isinstance(m, BlameMatch)
        assert m.kind in KINDS
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.phrase
    assert [m.start for m in matches] == sorted(m.start for m in matches)


def test_running_git_blame_on_something_is_not_blame() -> None:
    assert find_blame("We ran git blame on the route map to find when the prefix changed.") == []


def test_possessive_owner_two_words_back_is_person_as_cause() -> None:
    assert kinds("@kenji's firewall change knocked out the BGP sessions.") == {"person-as-cause"}


# --- generalisation (eval2) ------------------------------------------------------


def test_harm_in_a_relative_clause_about_the_object_is_person_as_cause() -> None:
    assert kinds("Marta deployed a config that blackholed traffic to the EU edge.") == {"person-as-cause"}
    assert kinds("The DBA ran a vacuum full on the ledger table, which blocked writes for ten minutes.") == {
        "person-as-cause"
    }


def test_mild_removal_in_a_relative_clause_needs_a_wide_scope() -> None:
    assert kinds("Kai merged a patch that removed the limits from every worker in production.") == {"person-as-cause"}
    assert find_blame("Kai merged a patch that removed the unused feature flag.") == []


def test_remedy_in_a_relative_clause_is_not_blame() -> None:
    assert find_blame("Kai shipped a fix that resolved the crash loop in the worker pool.") == []


def test_hyphenated_role_handles_and_initial_surname_handles_are_people() -> None:
    assert kinds("engineer-2 ran the purge against the live cluster instead of the canary.") == {"person-as-cause"}
    assert kinds("At 10:02 mkowalski pushed the wrong certificate bundle to the edge.") == {"person-as-cause"}


def test_tool_names_are_not_initial_surname_handles() -> None:
    assert find_blame("rsync deleted the wrong directory because of a trailing slash.") == []


def test_support_agent_is_a_person_but_a_software_agent_is_not() -> None:
    assert kinds("A customer service rep accidentally deleted 40 customer accounts.") == {"person-as-cause"}
    assert find_blame("The monitoring agent accidentally deleted its own log directory.") == []


def test_hedged_omission_is_still_person_as_cause() -> None:
    assert kinds("It seems Lena might have skipped the canary step.") == {"person-as-cause"}


def test_contracted_and_adverbial_modal_perfects_are_counterfactual() -> None:
    assert kinds("The reviewer should've spotted the missing index.") == {"counterfactual"}
    assert kinds("Ops could certainly have drained the node first.") == {"counterfactual"}


def test_secret_committed_to_a_public_place_is_person_as_cause() -> None:
    assert kinds("An intern pushed the API token to a public gist.") == {"person-as-cause"}


def test_routine_deletion_of_stale_objects_is_not_blame() -> None:
    assert find_blame("We removed the orphaned DNS records from the old zone.") == []
    assert find_blame("Ops dropped the temporary tables as planned.") == []


def test_list_after_a_negated_lead_in_is_negated() -> None:
    assert find_blame("The review ruled out the following: operator error, sloppiness or negligence.") == []
    assert find_blame("We found no evidence of: human error, carelessness.") == []


def test_a_negated_lead_in_does_not_reach_a_full_clause_after_the_colon() -> None:
    assert kinds("We did not expect this: Bob deleted the production database.") == {"person-as-cause"}


def test_mentioning_the_term_human_error_is_not_asserting_it() -> None:
    assert find_blame("The so-called human error here was a console with no confirmation step.") == []


def test_third_person_and_future_fix_the_person_items_are_flagged() -> None:
    assert kinds("Ensure Dana double-checks her migrations before merging.") == {"fix-the-person"}
    assert kinds("Omar will be re-trained on the deploy tooling.") == {"fix-the-person"}


def test_a_phrase_denied_by_the_predicate_after_it_is_not_blame() -> None:
    assert find_blame("Operator error was ruled out by the review.") == []
    assert find_blame("Carelessness is not the explanation here.") == []
    assert kinds("Operator error was the trigger.") == {"human-error"}


def test_fault_of_a_person_named_after_the_phrase_is_person_as_cause() -> None:
    assert kinds("The data loss was the fault of the night-shift operator.") == {"person-as-cause"}
    assert find_blame("The data loss was the fault of the replication design.") == []


def test_a_roster_of_people_is_human() -> None:
    assert kinds("Remind the SRE rota to check the replica before failing over.") == {"fix-the-person"}
    assert find_blame("Remind the key rotation job to run before midnight.") == []


def test_circumstances_and_earlier_states_are_not_effects_of_the_action() -> None:
    assert find_blame("The on-call promoted the replica after the primary crashed.") == []
    assert find_blame("An engineer restarted the workers that had crashed overnight.") == []
    assert find_blame("Ops disabled the cron job that was purging all the customer records.") == []
    assert find_blame("We shipped 2.4, which contained the patch for the leak that caused last week's outage.") == []


def test_intended_effects_are_not_harm() -> None:
    assert find_blame("We ran the soak test that saturated the staging cluster, as intended.") == []


def test_incident_and_outage_as_names_are_not_consequences() -> None:
    assert find_blame("I updated the incident doc with the new timeline.") == []
    assert kinds("Bob restarted the primary, which led to a second outage.") == {"person-as-cause"}


def test_passive_with_a_person_as_agent_and_a_harm_cue_is_person_as_cause() -> None:
    assert kinds("The migration was applied by Noor without any review.") == {"person-as-cause"}
    assert kinds("The production bucket was deleted by an engineer.") == {"person-as-cause"}
    assert find_blame("The fix was deployed by Noor at 10:04 and resolved the errors.") == []
    assert find_blame("The release was approved by Maria after the canary passed.") == []


def test_destructive_command_run_by_hand_on_something_valuable_is_person_as_cause() -> None:
    assert kinds("The contractor ran DROP TABLE on the production ledger.") == {"person-as-cause"}
    assert find_blame("The DBA ran DROP TABLE on the scratch table as planned.") == []


def test_never_with_a_past_verb_is_an_omission_unless_by_design() -> None:
    assert kinds("The on-call never acknowledged the second page.") == {"person-as-cause"}
    assert find_blame("We never checked in the generated files, by design.") == []


def test_entering_a_wrong_value_is_person_as_cause() -> None:
    assert kinds("The operator typed the wrong hostname into the console.") == {"person-as-cause"}


def test_a_person_making_a_mistake_is_person_as_cause() -> None:
    assert kinds("The engineer made a typo in the hostname.") == {"person-as-cause"}
    assert find_blame("The parser made an error in the rounding.") == []


def test_anonymised_roles_with_a_label_are_people() -> None:
    assert kinds("Team C ran the purge script, resulting in the deletion of 40 tenants.") == {"person-as-cause"}
    assert find_blame("Engineer Y restored service by failing over at 10:40.") == []


def test_subject_before_an_appositive_is_found() -> None:
    assert kinds("Kim, the SRE on call, accidentally deleted the prod bucket.") == {"person-as-cause"}
    assert find_blame("Sven, the release manager, promoted build 812 at 14:00.") == []
    assert find_blame("At 14:00, after the page, accidentally restarted the database.") == []


def test_misreading_and_mistakes_made_by_a_person_are_flagged() -> None:
    assert kinds("I misread the graph and drained the healthy node.") == {"person-as-cause"}
    assert kinds("The typo was made by the on-call engineer.") == {"judgement"}
    assert kinds("Someone on the web team purged the CDN cache by accident.") == {"person-as-cause"}


def test_mitigation_steps_with_destructive_verbs_are_not_blame() -> None:
    assert find_blame("We disabled writes to the primary to stop the corruption from spreading.") == []
    assert find_blame("As a mitigation, we disabled the feature for all users.") == []
    assert find_blame("The DBA truncated the queue table to unblock the workers.") == []


def test_removing_the_bad_thing_is_remediation_but_shipping_it_is_harm() -> None:
    assert find_blame("The SRE removed the bad node from the pool.") == []
    assert find_blame("Responders deleted the poisoned cache keys at 12:10.") == []
    assert kinds("The SRE removed the bad node from the wrong cluster.") == {"person-as-cause"}
    assert kinds("Bob pushed a bad config to prod.") == {"person-as-cause"}


def test_a_purpose_that_is_not_mitigation_does_not_excuse_harm() -> None:
    assert kinds("To free up disk, Bob deleted the production database.") == {"person-as-cause"}


def test_statements_about_the_idea_of_human_error_are_not_claims() -> None:
    assert find_blame("Human error is inevitable, so recovery must be cheap.") == []
    assert find_blame("We treat operator error as a symptom.") == []
    assert find_blame("Blaming human error would miss the real problem.") == []
    assert kinds("Human error was the root cause.") == {"human-error"}


def test_a_relative_clause_without_who_after_the_subject_is_skipped() -> None:
    assert kinds("The contractor we hired dropped the production table.") == {"person-as-cause"}
    assert find_blame("The script we wrote deleted the production table.") == []
