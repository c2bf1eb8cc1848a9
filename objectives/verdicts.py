"""One verdict per key result: what its owner reports and what the calendar says, never at odds.

A key result's latest check-in reports a status ("On track", "At risk", ...) and a progress; the
calendar gives it a pace (its progress against what was expected by the day read). Shown side by
side they can contradict each other ("On track" beside "Behind"; "On track" at 0% half way
through). The verdict is the one word pages, the board pack and the exports show instead:

- Complete and Dropped are final and stand as reported.
- After the quarter's end, an unfinished key result is "Not complete".
- Otherwise the worse of the two readings: the owner's (At risk, Off track; the other statuses
  make no judgement) and the calendar's (Behind pace reads as At risk, Well behind as Off track).
  When neither finds fault it is "On track", or "Not started" while nothing has begun.

The reason says where the verdict comes from, so a reader never has to guess which one spoke.
"""

import enum
from typing import NamedTuple

from .choices import Status
from .pace import Pace


class Verdict(enum.Enum):
    NOT_STARTED = ("not_started", "Not started", 0)
    ON_TRACK = ("on_track", "On track", 0)
    AT_RISK = ("at_risk", "At risk", 1)
    OFF_TRACK = ("off_track", "Off track", 2)
    NOT_COMPLETE = ("not_complete", "Not complete", 1)
    COMPLETE = ("complete", "Complete", 0)
    DROPPED = ("dropped", "Dropped", 0)

    def __init__(self, code, label, severity):
        self.code = code
        self.label = label
        self.severity = severity

    @property
    def needs_attention(self):
        return self in (Verdict.AT_RISK, Verdict.OFF_TRACK)

    def __str__(self):
        return self.label


# The order dashboards count and colour verdicts in.
ORDER = [
    Verdict.NOT_STARTED,
    Verdict.ON_TRACK,
    Verdict.AT_RISK,
    Verdict.OFF_TRACK,
    Verdict.NOT_COMPLETE,
    Verdict.COMPLETE,
    Verdict.DROPPED,
]


class Assessment(NamedTuple):
    verdict: Verdict
    reason: str  # where the verdict comes from; "" when it speaks for itself


_REPORTED = {Status.AT_RISK: Verdict.AT_RISK, Status.OFF_TRACK: Verdict.OFF_TRACK}
_CALENDAR = {Pace.BEHIND: Verdict.AT_RISK, Pace.WELL_BEHIND: Verdict.OFF_TRACK}


def assess(status, progress, pace, expected, *, is_over=False):
    """The Assessment of a key result whose latest check-in reports `status` and `progress`, with
    `pace` against `expected` percent, read during its quarter or, with `is_over`, after it."""
    if status == Status.COMPLETE:
        return Assessment(Verdict.COMPLETE, "")
    if status == Status.DROPPED:
        return Assessment(Verdict.DROPPED, "")
    if is_over:
        return Assessment(Verdict.NOT_COMPLETE, f"ended at {progress}%")
    reported = _REPORTED.get(status)
    calendar = _CALENDAR.get(pace)
    reasons = []
    if reported:
        reasons.append(f"reported {status.label.lower()}")
    if calendar:
        reasons.append(f"{progress}% against {expected}% expected")
    worst = max((v for v in (reported, calendar) if v), key=lambda v: v.severity, default=None)
    if worst:
        return Assessment(worst, "; ".join(reasons))
    if status == Status.NOT_STARTED and progress == 0:
        return Assessment(Verdict.NOT_STARTED, "")
    return Assessment(Verdict.ON_TRACK, "")
