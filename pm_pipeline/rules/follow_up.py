"""PM303, PM304: the follow-up review about four weeks after the incident."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pm_pipeline.findings import Level
from pm_pipeline.process import follow_up_missed, follow_up_offset
from pm_pipeline.rules.base import Context, Document, Hit, Rule
from pm_pipeline.rules.options import option


@dataclass(frozen=True)
class TimingOptions:
    min_days: int = option(21, "Earliest follow-up review, in days after incident.started_at.", minimum=0, maximum=3650)
    max_days: int = option(35, "Latest follow-up review, in days after incident.started_at.", minimum=0, maximum=3650)


class FollowUpReviewTiming(Rule):
    """The follow-up review is not 3 to 5 weeks after the incident started.

    Counted in days from the date of `incident.started_at` to `follow_up_review.date`.

    ## Why it matters
    The follow-up review checks that the action items are moving. Held within
    days, nothing has had time to move; held months later, the incident's risks
    have stayed open all that time.

    ## Example
    ```yaml
    incident:
      started_at: 2025-02-09T10:05:23Z
    follow_up_review:
      date: 2025-02-12
      done: false
    ```

    ## Use instead
    ```yaml
    follow_up_review:
      date: 2025-03-10
      done: false
    ```
    """

    code = "PM303"
    needs = (("incident",), ("follow_up_review",))
    name = "follow-up-review-timing"
    level = Level.WARNING
    Options = TimingOptions

    def check(self, doc: Document, options: TimingOptions, context: Context) -> Iterator[Hit]:
        pm = doc.postmortem
        days = follow_up_offset(pm)
        low, high = options.min_days, options.max_days
        if not low <= days <= high:
            yield Hit(
                ("follow_up_review", "date"),
                f"the follow-up review is {days} days after the incident; hold it {low} to {high} days "
                "after, when the action items have had time to move",
            )


class FollowUpReviewMissed(Rule):
    """The follow-up review date has passed (at `--now`) and `done` is still `false`.

    ## Why it matters
    A missed follow-up review means nobody checked that the action items are
    done; the overdue job reports it too, so it is noticed outside pull requests.

    ## Example
    ```yaml
    follow_up_review:      # checked on 2025-04-01
      date: 2025-03-10
      done: false
    ```

    ## Use instead
    Hold the review and record it: `done: true` with `notes:`; or move `date` to
    when it will happen.
    """

    code = "PM304"
    needs = (("incident",), ("follow_up_review",))
    name = "follow-up-review-missed"
    level = Level.WARNING
    reads_clock = True

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        review = doc.postmortem.follow_up_review
        if follow_up_missed(doc.postmortem, context.now.date()):
            yield Hit(
                ("follow_up_review", "done"),
                f"the follow-up review was due {review.date} and is not marked done; hold it and set "
                "`done: true` with notes, or move the date",
            )
