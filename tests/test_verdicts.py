"""One verdict per key result: status and pace, or status and progress, never at odds."""

import pytest

from objectives.choices import Status
from objectives.pace import Pace, pace_of
from objectives.verdicts import Verdict, assess

from .factories import CheckInFactory
from .helpers import text_of


@pytest.mark.parametrize(
    ("status", "progress", "expected", "verdict", "reason"),
    [
        # The owner's word stands where the calendar agrees.
        (Status.ON_TRACK, 50, 50, Verdict.ON_TRACK, ""),
        (Status.AT_RISK, 50, 50, Verdict.AT_RISK, "reported at risk"),
        (Status.OFF_TRACK, 60, 50, Verdict.OFF_TRACK, "reported off track"),
        # "On track" at 0% half way through is not on track: the calendar speaks.
        (Status.ON_TRACK, 0, 50, Verdict.OFF_TRACK, "0% against 50% expected"),
        (Status.ON_TRACK, 25, 50, Verdict.AT_RISK, "25% against 50% expected"),
        # The worse of the two, with both reasons.
        (Status.AT_RISK, 10, 50, Verdict.OFF_TRACK, "reported at risk; 10% against 50% expected"),
        # Statuses that make no judgement take the calendar's.
        (Status.IN_PROGRESS, 40, 50, Verdict.ON_TRACK, ""),
        (Status.SCOPING, 10, 50, Verdict.OFF_TRACK, "10% against 50% expected"),
        (Status.NOT_STARTED, 0, 0, Verdict.NOT_STARTED, ""),
        (Status.NOT_STARTED, 0, 30, Verdict.OFF_TRACK, "0% against 30% expected"),
        # Final states stand as reported.
        (Status.COMPLETE, 100, 50, Verdict.COMPLETE, ""),
        (Status.DROPPED, 10, 90, Verdict.DROPPED, ""),
    ],
)
def test_the_verdict_is_the_worse_of_the_owners_word_and_the_calendar(
    status, progress, expected, verdict, reason
):
    pace = None if status == Status.DROPPED else pace_of(progress, expected)
    assert assess(status, progress, pace, expected) == (verdict, reason)


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("progress", [0, 20, 50, 90])
@pytest.mark.parametrize("expected", [0, 30, 60, 100])
def test_no_verdict_contradicts_the_pace_or_the_progress(status, progress, expected):
    pace = None if status == Status.DROPPED else pace_of(progress, expected)
    verdict, _reason = assess(status, progress, pace, expected)
    if verdict == Verdict.ON_TRACK:
        assert not (pace and pace.is_behind), "on track beside behind"
        assert progress > 0 or expected == 0, "on track at 0%"
    if pace in (Pace.BEHIND, Pace.WELL_BEHIND) and status not in Status.finished():
        assert verdict.needs_attention


def test_after_the_quarter_an_unfinished_key_result_is_not_complete():
    assert assess(Status.ON_TRACK, 80, Pace.ON_PACE, 100, is_over=True) == (
        Verdict.NOT_COMPLETE,
        "ended at 80%",
    )


def test_pages_and_exports_show_the_verdict_not_the_contradiction(client, q2_plan):
    kr = q2_plan.key_results.get(number=14)
    CheckInFactory(key_result=kr, date="2021-12-01", status=Status.ON_TRACK, progress=0)
    dashboard = text_of(client.get("/quarters/y3-q2/?as_of=2021-12-01"))
    assert "Off track 0% against 51% expected" in dashboard
    detail = text_of(client.get(f"{kr.get_absolute_url()}"))
    assert "Not complete" in detail
    assert "Ended at 0%." in detail
    rows = client.get("/quarters/y3-q2/key-results.csv?as_of=2021-12-01").content.decode()
    row = next(line for line in rows.splitlines() if line.startswith("14,"))
    assert "Off track" in row
    assert "0% against 51% expected" in row
    pack = text_of(client.get("/quarters/y3-q2/report/?as_of=2021-12-01"))
    assert "KR 14:" in pack
    assert "Off track 0% against 51% expected" in pack
