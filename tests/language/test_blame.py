"""Behaviour of the blame engine (pm_pipeline.language.blame), family by family.

Cases follow tests/language/corpus/LABELLING.md; the earlier file held sentences tuned to the
synthetic sets and was replaced when the engine was rewritten for real post-mortem text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pm_pipeline.language.blame import KINDS, find_blame
from pm_pipeline.language.detectors import PRECEDENCE


def found(text: str) -> list[tuple[str, bool]]:
    return [(m.kind, m.strong) for m in find_blame(text)]


ERRORS = [
    ("@alice caused the outage.", "person-as-cause"),
    ("Bob restarted the node with the wrong binary, and this caused the outage.", "person-as-cause"),
    ("An engineer accidentally deleted the production directory.", "person-as-cause"),
    ("Ted didn't allow enough time for load to transfer.", "person-as-cause"),
    ("The outage was caused by @dave running the cleanup script.", "person-as-cause"),
    ("Tom's typo in the Terraform variable destroyed the staging VPC.", "person-as-cause"),
    ("The admin rebooted the wrong rack during the maintenance window.", "person-as-cause"),
    ("The on-call engineer should have checked the replica lag before failing over.", "counterfactual"),
    ("Had the on-call followed the policy, the outage would have been shorter.", "counterfactual"),
    ("The on-call was careless and ignored the disk-space warnings.", "judgement"),
    ("Root cause: human error.", "human-error"),
    ("The failure was attributed to human error by the on-call engineer.", "human-error"),
    ("Engineers must be more careful when running migrations.", "fix-the-person"),
    ("Stay calm during an incident.", "fix-the-person"),
    ("Lesson learned: always read the specification carefully before a hard fork.", "fix-the-person"),
    ("Keep calm.", "fix-the-person"),
    ("Retrain @bob on change management.", "fix-the-person"),
    # round 2 families
    ("Root cause: dylan@ ignored the automation setup.", "judgement"),  # a user name with the at sign after it
    ("Nishant ignored it thinking it would resolve by itself.", "judgement"),
    ("The author of the PR failed to run the integration suite.", "person-as-cause"),  # subject, then a PP
    ("Alex, who was on call, ignored the page.", "judgement"),  # subject, then a relative clause
    ("Our on-call engineer, Dana, restarted the wrong cluster.", "person-as-cause"),  # an appositive name
    ("The root cause was Robert's cost-saving initiative.", "person-as-cause"),
    ("The outage happened due to Alice's mistake.", "person-as-cause"),
    ("Carlos never checked the logs.", "person-as-cause"),
    ("Engineers should exercise more caution when deploying configuration changes.", "fix-the-person"),
    ("Review changes more thoroughly.", "fix-the-person"),
    ("This is not the first time that on-call failed to react in time.", "person-as-cause"),
    # round 3 families (from the spent holdout2)
    ("Engineer B caused outage.", "person-as-cause"),  # a guide's shorthand: no determiner
    ("The contractor made error after error in the zone file.", "person-as-cause"),
    ("Root cause: developer mistake.", "human-error"),  # any role's mistake, not only "human error"
    ("The outage followed the removal of the whole queue by an intern.", "person-as-cause"),
    ("Our SRE Tomasz pushed a config change without review, which took down the load balancers.", "person-as-cause"),
    ("A team member accidentally pushed the secret to a public repository.", "person-as-cause"),
    ("The engineer responsible did not verify the backup.", "person-as-cause"),
    ("The deploy was done by Jakub without following the checklist.", "person-as-cause"),
    ("Yuki pushed directly to main, bypassing code review.", "person-as-cause"),
    ("The engineer in charge was not careful enough.", "judgement"),
    ("Staff should double-check before deleting anything.", "fix-the-person"),
    ("This was a result of Sarah not following the deployment procedure.", "person-as-cause"),
    ("Mike's failure to follow procedure caused the outage.", "person-as-cause"),
    ("The incident was entirely avoidable had the engineer followed the runbook.", "counterfactual"),
    ("The engineer chose to ignore the failing check and merged anyway.", "person-as-cause"),
    ("Our on-call, after the page, restarted the wrong node.", "person-as-cause"),  # an aside after the subject
    ("The team member who ran the upgrade did not read the release notes.", "person-as-cause"),
    ("Lesson: don't panic.", "fix-the-person"),
    ("Our engineer was too hasty in applying the upgrade.", "judgement"),
    ("@kim added the faulty nginx rewrite rule.", "person-as-cause"),
    ("Do a better job with reviews before merging.", "fix-the-person"),
    (
        "An engineer on the storage team, trying to free space on the primary before the weekend backup window "
        "opened, accidentally removed the WAL archive.",
        "person-as-cause",
    ),
]


@pytest.mark.parametrize(("text", "kind"), ERRORS)
def test_strong_evidence_is_one_blocking_finding(text: str, kind: str) -> None:
    assert found(text) == [(kind, True)]


WARNINGS = [
    '"Bob forgot to run the migration script."',  # a quotation: the writer may be rejecting it
    "The user forgot to update the head pointer.",  # "the user" may be a customer
    "I made an incorrect assumption about the hash.",  # the writer about themself
    "This was a careless mistake.",  # a judgement with no person near it
    "It is important to stay calm during an incident.",  # advice, but to whom is not said
    "Node operators did not upgrade in time.",  # people outside the organisation
    "Ahmed ran the cleanup job on the production bucket and deleted three days of logs.",
    "The team learned to read the spec more carefully.",  # "the team" alone is weak
    "The engineer did not see the alert because it went to e-mail.",  # explained, and perception
    "The reviewer focused on the functional change and didn't notice the infrastructure change.",
    # round 2 families
    "Priyanka forgot to renew the certificate.",  # an unknown name, made a person by its predicate
    "Grant restarted the node with the wrong binary, and this caused the outage.",
    "Yes, it was the intern.",  # blame without a harmful verb
    "Look, this was totally my fault.",
    "Why didn't you test it?",
    "The engineer was supposed to run the migration first.",
    "In the future, operators need to read the release notes before upgrading.",
    "Next time, read the spec.",
    "A senior engineer deployed a config change that took down the payment service.",
    '"Forgot to"',  # a quotation that is only the words: a guide's list of blameful phrasing
]


@pytest.mark.parametrize("text", WARNINGS)
def test_weak_evidence_is_a_warning(text: str) -> None:
    matches = find_blame(text)
    assert matches and not any(m.strong for m in matches), matches


WARNINGS_ROUND_3 = [
    "I deleted all the invoices in the ledger table.",  # the writer about themself: weak
    "Priya copied the manifest from staging but forgot to change the namespace.",  # a coordinated verb: weak
    "The new hire wiped the entire bucket during cleanup.",
    "Honestly, the operator was overconfident.",
    "Why didn't I wrap the update in a transaction?",
    "Why was a junior running raw scripts in production?",
    "Someone ran DROP TABLE on the primary.",
    "It was my fault.",  # the writer about themself: weak
    "My mistake was assuming the backup worked.",
    "Stupidly, I ran the script on the live server.",
    "This one's on me.",
    "I take full responsibility for the outage.",
    "Honestly, I'm an idiot for not checking the expiry date.",
    "The outage followed a failure on my part to tell the support team.",
    "The change management procedures were not followed, which led to the outage.",
    "The on-call could have escalated sooner, but the escalation policy was unclear.",  # explained: weak
    "The validator operator upgraded too early, which halted the node.",
    "Should have known",  # a guide's list item: the words alone
    "The team (especially @kim and @lee) never wrote the runbook, which is ridiculous.",
    "The release manager regrets shipping the patch on a Friday.",
    'Blameful examples: ❌ "Careless mistake" → ✓ "No validation at this step"',  # a marked bad example
]


@pytest.mark.parametrize("text", WARNINGS_ROUND_3)
def test_round_3_families_are_found(text: str) -> None:
    assert find_blame(text), text


NOT_BLAME = [
    "@alice acknowledged the alert at 10:12.",
    "The on-call engineer paged the DBA.",
    "@bob deleted the stuck pod and it was rescheduled.",
    "The engineer did not know the flag was shared.",
    "A race condition in the lease renewal caused two writers to hold the lock.",
    "The alert should have fired when the disk reached 90%.",
    "The change should have been caught by the canary.",
    "If the replica had been monitored, we would have seen the lag earlier.",
    # hindsight about the team's own decisions, explained by the report
    "We should have initiated incident response as soon as new warnings appeared.",
    "Had we performed a load test prior to launch we could have caught the Redis issues.",
    "If we had added the alert earlier, we would have caught it.",
    "...because we forgot to consider setting QC rules for this new option",
    # negations, terms, quotations the sentence rejects
    "This was not human error; the tooling made the wrong host easy to target.",
    "No one was careless; the hostnames differed by one digit.",
    "We avoid saying 'human error' in our reviews.",
    'The action items weren\'t "be more careful."',
    "User errors in the API response increased after the release.",
    # product names are not people; unknown capitalised words are not names
    "Majora skipped the available Illumina and Oxford Nanopore profiles.",
    "The merge testnet Kintsugi ran into a series of issues which exposed several bugs.",
    "Every worker was waiting on the connection pool.",
    "Hugo failed to build the site after the theme update.",
    "The lazy-loaded module crashed the worker.",
    "Clients agreed on a fix and can deploy them, just to be careful.",
    "We decided to read the logs carefully before restarting.",
    # remedies and the incident process are not harm
    "@alice rolled back the bad deploy.",
    "Bob deployed a fix for the broken parser.",
    "The on-call engineer triggered the incident process at 10:05.",
    "Alice deployed the fix, which resolved the incident.",
    # what reached a person, hindsight about the situation, impact on users
    "The on-call should have received an alert.",
    "If the on-call had received the page, the outage would have been shorter.",
    "Bob would have noticed sooner if the dashboard had shown the lag.",
    "The users failed to log in for 20 minutes.",
    # talking about blame is not blaming
    "Human error is not a root cause.",
    "Human error played no part; the automation applied the change.",
    "The error made by the operator may not be the most important contributing cause.",
    "If the alert had fired earlier, the on-call engineer could have acted sooner.",
    "It would be easy to say the engineer should have checked the dashboard.",
    # round 2: exculpation, suppositions, concepts, passives, tools
    "Anyone could have made the same mistake.",
    "No one could have known that the flag was shared.",
    "If someone deployed a change that broke things, it's not their fault.",
    "In the cases where someone's mistake did contribute to a failure, anonymise it.",
    "None of this would have happened had we been more disciplined.",
    "An organisation that follows the old view of human error looks for someone to blame.",
    "Human error was ruled out; the change was fully automated.",
    'It is not a problem solved simply by "reviewing more carefully".',
    "A bug in Alice's script deleted the files.",
    "The certificate was issued outside cert-manager and never inventoried.",
    "The on-call was never paged.",
    "Autoscaler mistakenly removed the nodes.",
    "Dependabot accidentally bumped the lockfile.",
    "The engineer's error message was confusing.",
    "Why didn't the alert fire?",
    "The nightly job was supposed to rotate the logs.",
    "The upgrade tool should read the release notes and refuse breaking versions.",
    "Mail no-reply@example.com for access.",
    "It's nobody's fault.",
    "The cause is the operator's retry loop, which ignored the backoff.",
    "The root cause was the user's browser cache.",
    # round 3
    "The DBA determined that a replica misbehaved and didn't restart.",  # the replica did not restart
    "Why didn't anyone catch this before the deploy?",  # a question about the process
    "Assume any team member could have made the same mistake.",  # exculpation
    "Our SRE Dashboard showed the spike.",
    "Why was the alert not firing?",  # a question about a thing
    "The migration ran DROP TABLE on the old schema.",
    "The change was deployed by the pipeline without a canary.",
    "The staff meeting was moved.",
    "The system's failure to alert meant nobody knew.",
    "We take full responsibility for the outage.",
    "This is on me to fix by Friday.",
    "The service that handles retries did not back off.",
    "The job restarted without waiting for the lock.",
    "We need to educate customers that the API is rate limited.",
    "The network went down after one of our staffers accidentally found a bug in the daemon.",  # found: no harm
    "A second administrator could have caught this issue sooner.",  # a person the team lacked
    "It was my first on-call shift.",
    "We chose to disable the alert during the migration.",
    "If the team had known about the limit, they would have sharded earlier.",  # the writers' hindsight
    "Our engineers could have found the issue faster with better tracing.",  # what it took was a means
    "The errors were due to the cache not being warmed.",
    "Should have been caught by the canary.",
    "Just culture: distinguish reckless behaviour from honest mistakes.",  # a text about blame
    "The team didn't notice the errors because they don't usually read the logs.",  # the writers explain
    'Avoid "human error" as the answer: keep asking why the error was possible.',
    'The dashboard showed "error" in red.',
]


@pytest.mark.parametrize("text", NOT_BLAME)
def test_not_blame(text: str) -> None:
    assert find_blame(text) == [], text


def test_text_pasted_with_no_break_spaces_is_read_like_any_other() -> None:
    assert found("Bob\u00a0forgot\u00a0to\u00a0run\u00a0the\u00a0migration.") == [("person-as-cause", True)]


def test_a_one_word_judgement_is_still_read() -> None:
    assert found("Careless.") == [("judgement", False)]


def test_one_finding_per_phrase_with_the_most_specific_kind() -> None:
    # fix-the-person outranks person-as-cause and judgement for the same words
    assert found("Engineers need to be more careful.") == [("fix-the-person", True)]
    assert PRECEDENCE[0] == "human-error" and set(PRECEDENCE) == set(KINDS)


def test_each_finding_quotes_its_phrase_says_why_and_suggests_a_rewrite() -> None:
    text = "Summary. Bob accidentally deleted the production table."
    (match,) = find_blame(text)
    assert text[match.start : match.end] == match.phrase == "Bob accidentally"
    assert match.phrase in match.message and "person" in match.message
    assert match.suggestion and match.suggestion != match.message


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_valid_spans_and_the_same_answer_twice(text: str) -> None:
    first = find_blame(text)
    assert first == find_blame(text)
    for match in first:
        assert text[match.start : match.end] == match.phrase and match.kind in KINDS
