import datetime

import pytest

from objectives.models import KeyResult, Status
from objectives.pace import Pace, elapsed_share, expected_progress, pace_of
from objectives.services import record_check_in

from .helpers import text_of

START, END = datetime.date(2021, 10, 16), datetime.date(2022, 1, 15)  # Year 3 Q2: 91 days apart


@pytest.mark.parametrize(
    ("day", "share"),
    [
        (datetime.date(2021, 10, 1), 0.0),  # before the quarter
        (START, 0.0),
        (datetime.date(2021, 11, 30), 45 / 91),  # the middle
        (END, 1.0),
        (datetime.date(2022, 3, 1), 1.0),  # after it
    ],
)
def test_elapsed_share_at_start_middle_and_end(day, share):
    assert elapsed_share(START, END, day) == pytest.approx(share)


def test_expected_progress_is_the_share_of_the_quarter_elapsed():
    assert expected_progress(START, END, START) == 0
    assert expected_progress(START, END, datetime.date(2021, 11, 30)) == 49  # 45 of 91 days
    assert expected_progress(START, END, END) == 100


@pytest.mark.parametrize(
    ("actual", "expected", "pace"),
    [
        (70, 100, Pace.ON_PACE),  # 70% of expected is still on pace
        (69, 100, Pace.BEHIND),
        (40, 100, Pace.BEHIND),
        (39, 100, Pace.WELL_BEHIND),
        (0, 50, Pace.WELL_BEHIND),
        (60, 50, Pace.AHEAD),  # 120% of expected
        (59, 50, Pace.ON_PACE),
        (0, 0, Pace.ON_PACE),  # first day: nothing expected yet
        (5, 0, Pace.AHEAD),
        (100, 100, Pace.ON_PACE),
        (100, 80, Pace.AHEAD),
    ],
)
def test_pace_thresholds(actual, expected, pace):
    assert pace_of(actual, expected) is pace


def test_a_dropped_key_result_has_no_pace(q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=3)
    record_check_in(
        key_result=kr,
        status=Status.DROPPED,
        progress=10,
        date=datetime.date(2021, 11, 1),
        note="Moved on.",
    )
    annotated = KeyResult.objects.with_progress().get(pk=kr.pk)
    assert annotated.pace_on(datetime.date(2021, 12, 1)) is None


def test_dashboard_shows_actual_against_expected_and_a_verdict(client, q2_plan):
    for number, progress in [(24, 50), (25, 10)]:
        record_check_in(
            key_result=KeyResult.objects.get(quarter=q2_plan, number=number),
            status=Status.ON_TRACK,
            progress=progress,
            date=datetime.date(2021, 11, 20),
            note="Moved on.",
        )
    response = client.get("/quarters/y3-q2/?as_of=2021-11-30")
    reading = response.context["reading"]
    assert reading.expected_progress == 49
    by_number = {kr.number: kr for kr in reading.key_results}
    assert by_number[24].pace is Pace.ON_PACE
    assert by_number[25].pace is Pace.WELL_BEHIND
    districts = next(r for r in reading.workstreams if r.workstream.slug == "digital-districts")
    assert districts.summary.average_progress == 30
    assert districts.summary.pace is Pace.BEHIND  # 30 of 49.5 expected is 61%
    page = text_of(response)
    assert "of 49% expected" in page
    assert "Well behind" in page


def test_an_ended_quarter_expects_everything_by_its_end(client, q2_plan):
    # The dashboard of an ended quarter speaks of how it ended (tests/test_review.py); a key
    # result's own page still sets its progress against the whole quarter.
    assert "100% expected by the quarter's end" in text_of(
        client.get("/quarters/y3-q2/key-results/3/")
    )
