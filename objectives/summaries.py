"""Figures a page shows, computed from key results already annotated with their progress.

Everything here works on lists in memory, so a page fetches its key results once and summarises
them as many ways as it needs without another query.
"""

from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.template.defaultfilters import date as date_filter

from . import verdicts
from .models import Status
from .pace import pace_of


def mean_progress(progress_and_status):
    """Mean progress, to a whole percent, of (progress, status) pairs: dropped key results no
    longer count, and none counted is 0%."""
    counted = [progress for progress, status in progress_and_status if status != Status.DROPPED]
    return round(sum(counted) / len(counted)) if counted else 0


@dataclass
class ProgressSummary:
    key_results: list = field(default_factory=list)
    expected_progress: int | None = None  # whole percent expected by the day read, if paced

    @property
    def count(self):
        return len(self.key_results)

    @property
    def counted(self):
        """Key results that count towards progress: dropped ones no longer do."""
        return [kr for kr in self.key_results if kr.status != Status.DROPPED]

    @property
    def average_progress(self):
        return mean_progress((kr.progress, kr.status) for kr in self.key_results)

    @property
    def pace(self):
        if self.expected_progress is None or not self.counted:
            return None
        return pace_of(self.average_progress, self.expected_progress)

    @property
    def verdict_counts(self):
        """(verdict, count) for every verdict some key result has, in the dashboards' order."""
        counts = Counter(kr.verdict for kr in self.key_results)
        return [(verdict, counts[verdict]) for verdict in verdicts.ORDER if counts[verdict]]

    @property
    def count_of(self):
        """Verdict -> how many key results have it (zero for the rest)."""
        return Counter(kr.verdict for kr in self.key_results)

    @property
    def needing_attention(self):
        """At risk or off track, by the one verdict (reported, or behind the calendar)."""
        return [kr for kr in self.key_results if kr.verdict.needs_attention]

    @property
    def stale(self):
        return [kr for kr in self.key_results if getattr(kr, "is_stale", False)]

    @property
    def attention(self):
        """Every key result that needs attention, once, worst first, with why: its verdict,
        no recent check-in, or nobody left to own it."""
        items = []
        for kr in self.key_results:
            reasons = []
            if kr.verdict.needs_attention:
                reasons.append(kr.assessment.reason)
            if getattr(kr, "is_stale", False):
                reasons.append(stale_reason(kr))
            if kr.is_left_unowned:
                reasons.append("left without an owner")
            if reasons:
                items.append(Attention(kr, reasons))
        return sorted(
            items, key=lambda item: (-item.key_result.verdict.severity, item.key_result.number)
        )

    @property
    def attention_in_two(self):
        """`attention` for a page: (what stands out, the key results with no check-in yet).
        Mid-quarter most key results may not have had a check-in yet, and the calendar then
        reads each as behind: one line says how many, so those reported at risk or off track,
        or left without an owner, stand out."""
        standing_out, not_yet = [], []
        for item in self.attention:
            kr = item.key_result
            reported = kr.status in (Status.AT_RISK, Status.OFF_TRACK)
            if kr.days_since_check_in is None and not reported and not kr.is_left_unowned:
                not_yet.append(kr)
            else:
                standing_out.append(item)
        return standing_out, sorted(not_yet, key=lambda kr: kr.number)

    @property
    def left_unowned(self):
        return [kr for kr in self.key_results if kr.is_left_unowned]

    @property
    def complete_count(self):
        return sum(1 for kr in self.key_results if kr.status == Status.COMPLETE)


def stale_reason(key_result):
    if key_result.days_since_check_in is None:
        return "no check-in yet"
    return f"no check-in for {key_result.days_since_check_in} days"


@dataclass
class Attention:
    key_result: object
    reasons: list


@dataclass
class WorkstreamSummary:
    workstream: object
    summary: ProgressSummary


def by_workstream(key_results, expected=None):
    """Group key results by workstream, in the plan's workstream order."""
    ordered = sorted(
        key_results, key=lambda kr: (kr.workstream.position, kr.workstream.name, kr.number)
    )
    return [
        WorkstreamSummary(workstream, ProgressSummary(list(group), expected))
        for workstream, group in groupby(ordered, key=lambda kr: kr.workstream)
    ]


def mark_as_of(key_results, quarter, day):
    """Give each key result `expected_progress`, `pace`, `assessment` and `is_stale` as of `day`."""
    expected = quarter.expected_progress(day)
    for kr in key_results:
        kr.expected_progress = expected
        kr.pace = kr.pace_on(day)
        kr.assessment = kr.assessment_on(day)
        last = kr.last_checked_in_on
        kr.days_since_check_in = (day - last).days if last else None
        kr.check_in_age = check_in_age(last, day, is_over=day > quarter.end_date)
        kr.is_stale = kr.is_due_on(day)


def short_date(day):
    """1 Dec 2021, as a template's `day|date:"j M Y"` writes it, for figures made in Python."""
    return date_filter(day, "j M Y")


def check_in_age(last, day, *, is_over):
    """When a key result was last checked in, as its line on the dashboard says it: how long
    ago while the quarter runs, the date once it is over."""
    if is_over:
        return short_date(last) if last else "None"
    days = (day - last).days if last else None
    if days is None:
        return "None yet"
    return {0: "Today", 1: "Yesterday"}.get(days, f"{days} days ago")


class QuarterReading:
    """A quarter's key results as they stood on one day: progress, pace and staleness.

    Each key result gains `expected_progress`, `pace` and `is_stale` for that day.
    """

    def __init__(self, quarter, key_results, day):
        self.quarter = quarter
        self.day = day
        self.expected_progress = quarter.expected_progress(day)
        mark_as_of(key_results, quarter, day)
        self.key_results = key_results
        self.overall = ProgressSummary(key_results, self.expected_progress)
        self.workstreams = by_workstream(key_results, self.expected_progress)

    @property
    def is_over(self):
        """Read after the quarter's end: it speaks of outcomes and completion, not of pace."""
        return self.day > self.quarter.end_date

    @property
    def stale_after_days(self):
        return settings.STALE_AFTER_DAYS
