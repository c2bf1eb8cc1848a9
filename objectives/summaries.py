"""Figures a dashboard shows, computed from key results already annotated with their progress.

Everything here works on lists in memory, so a page fetches its key results once and summarises
them as many ways as it needs without another query.
"""

from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from .models import Status


@dataclass
class ProgressSummary:
    key_results: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.key_results)

    @property
    def counted(self):
        """Key results that count towards progress: dropped ones no longer do."""
        return [kr for kr in self.key_results if kr.status != Status.DROPPED]

    @property
    def average_progress(self):
        """Mean progress of the key results that count, rounded to a whole percent."""
        counted = self.counted
        if not counted:
            return 0
        return round(sum(kr.progress for kr in counted) / len(counted))

    @property
    def status_counts(self):
        """(status, count) for every status, in the vocabulary's order, zeros included."""
        counts = Counter(kr.status for kr in self.key_results)
        return [(status, counts[status]) for status in Status]

    @property
    def statuses_present(self):
        return [(status, count) for status, count in self.status_counts if count]

    @property
    def needing_attention(self):
        return [kr for kr in self.key_results if kr.status.needs_attention]

    @property
    def complete_count(self):
        return sum(1 for kr in self.key_results if kr.status == Status.COMPLETE)


@dataclass
class WorkstreamSummary:
    workstream: object
    summary: ProgressSummary


def by_workstream(key_results):
    """Group key results by workstream, in the plan's workstream order."""
    ordered = sorted(
        key_results, key=lambda kr: (kr.workstream.position, kr.workstream.name, kr.number)
    )
    return [
        WorkstreamSummary(workstream, ProgressSummary(list(group)))
        for workstream, group in groupby(ordered, key=lambda kr: kr.workstream)
    ]
