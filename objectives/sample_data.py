"""Illustrative check-ins, so a newcomer can see the pictures before real progress exists.

Every check-in made here has `is_sample=True`; every page says so while any exist, and
`remove_sample_check_ins` deletes exactly them. The plan fixture never holds such data.
"""

import datetime
import random

from django.db import transaction

from .models import CheckIn, Confidence, KeyResult, Status
from .pace import Pace, pace_of
from .services import record_sample_check_ins

SAMPLE_NOTE = "Sample check-in, made up by seed_demo_progress: not LOTI's real progress."

STATUS_FOR_PACE = {
    Pace.AHEAD: Status.ON_TRACK,
    Pace.ON_PACE: Status.ON_TRACK,
    Pace.BEHIND: Status.AT_RISK,
    Pace.WELL_BEHIND: Status.OFF_TRACK,
}
CONFIDENCE_FOR_PACE = {
    Pace.AHEAD: Confidence.HIGH,
    Pace.ON_PACE: Confidence.HIGH,
    Pace.BEHIND: Confidence.MEDIUM,
    Pace.WELL_BEHIND: Confidence.LOW,
}


@transaction.atomic
def seed_sample_check_ins(*, quarter, until, every_days=14, seed=2021):
    """Add a sample check-in to each of the quarter's key results every `every_days` days.

    Each key result gets its own steady speed, so some finish early, some lag and a few stall.
    Returns the number of check-ins made.
    """
    rng = random.Random(seed)
    last_day = min(until, quarter.end_date)
    check_ins = []
    for key_result in KeyResult.objects.for_quarter(quarter).order_by("number"):
        speed = rng.choice([0.3, 0.6, 0.9, 1.0, 1.1, 1.3])
        day, progress = quarter.start_date + datetime.timedelta(days=every_days), 0
        while day <= last_day:
            expected = quarter.expected_progress(day)
            progress = min(100, max(progress, round(expected * speed + rng.randint(-5, 5))))
            pace = pace_of(progress, expected)
            status = Status.COMPLETE if progress >= 100 else STATUS_FOR_PACE[pace]
            check_ins.append(
                CheckIn(
                    key_result=key_result,
                    date=day,
                    status=status,
                    progress=progress,
                    confidence=CONFIDENCE_FOR_PACE[pace],
                    note=SAMPLE_NOTE,
                    is_sample=True,
                )
            )
            if status == Status.COMPLETE:
                break
            day += datetime.timedelta(days=every_days)
    return record_sample_check_ins(check_ins)


@transaction.atomic
def remove_sample_check_ins():
    """Delete every sample check-in and nothing else. Returns how many went."""
    deleted, _ = CheckIn.objects.sample().delete()
    return deleted
