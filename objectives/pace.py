"""Pace: how a key result's progress compares with the share of its quarter that has elapsed.

The thresholds live here and only here (the README quotes them). They follow the common OKR rule
that 70% of where you should be by now is still on pace.
"""

import enum

AHEAD_FROM = 1.2  # actual at least 120% of expected
ON_PACE_FROM = 0.7  # at least 70% of expected
BEHIND_FROM = 0.4  # at least 40% of expected; below this, well behind


class Pace(enum.Enum):
    AHEAD = ("ahead", "Ahead")
    ON_PACE = ("on_pace", "On pace")
    BEHIND = ("behind", "Behind")
    WELL_BEHIND = ("well_behind", "Well behind")

    def __init__(self, code, label):
        self.code = code
        self.label = label

    @property
    def is_behind(self):
        return self in (Pace.BEHIND, Pace.WELL_BEHIND)


def elapsed_share(start_date, end_date, day):
    """The share of a quarter elapsed on `day`: 0 on its first day, 1 on its last and after."""
    span = (end_date - start_date).days
    if span <= 0:
        return 1.0
    return min(max((day - start_date).days / span, 0.0), 1.0)


def expected_progress(start_date, end_date, day):
    """Whole percent progress expected on `day` if work went evenly across the quarter: rounded
    here, once, so every page, chart and pace verdict uses the figure the reader sees."""
    return round(100 * elapsed_share(start_date, end_date, day))


def pace_of(actual, expected):
    """The verdict for `actual` percent against `expected` percent."""
    if actual >= 100:
        return Pace.AHEAD if expected < 100 else Pace.ON_PACE
    if expected <= 0:
        return Pace.AHEAD if actual > 0 else Pace.ON_PACE
    ratio = actual / expected
    if ratio >= AHEAD_FROM:
        return Pace.AHEAD
    if ratio >= ON_PACE_FROM:
        return Pace.ON_PACE
    if ratio >= BEHIND_FROM:
        return Pace.BEHIND
    return Pace.WELL_BEHIND
