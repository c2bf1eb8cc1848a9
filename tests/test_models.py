import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from boroughs.models import Borough
from objectives.models import CheckIn, KeyResult, Quarter, Status
from objectives.services import record_check_in

from .factories import CheckInFactory, KeyResultFactory, QuarterFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_current_quarter_is_the_one_containing_today():
    earlier = QuarterFactory(
        start_date=datetime.date(2030, 1, 1), end_date=datetime.date(2030, 3, 31)
    )
    running = QuarterFactory(
        start_date=datetime.date(2030, 4, 1), end_date=datetime.date(2030, 6, 30)
    )
    QuarterFactory(start_date=datetime.date(2030, 7, 1), end_date=datetime.date(2030, 9, 30))
    assert Quarter.objects.current(today=datetime.date(2030, 5, 5)) == running
    assert Quarter.objects.current(today=datetime.date(2030, 1, 1)) == earlier


def test_current_quarter_when_none_runs_is_the_latest_started_else_the_earliest_upcoming(
    no_plan,
):
    earliest = QuarterFactory(
        start_date=datetime.date(2030, 1, 1), end_date=datetime.date(2030, 3, 31)
    )
    latest = QuarterFactory(
        start_date=datetime.date(2030, 4, 1), end_date=datetime.date(2030, 6, 30)
    )
    assert Quarter.objects.current(today=datetime.date(2031, 1, 1)) == latest
    assert Quarter.objects.current(today=datetime.date(2020, 1, 1)) == earliest


def test_current_quarter_is_none_without_quarters(no_plan):
    assert Quarter.objects.current() is None


def test_days_left_counts_today_and_stops_at_zero(q2_plan):
    assert q2_plan.days_left(today=datetime.date(2022, 1, 15)) == 1
    assert q2_plan.days_left(today=datetime.date(2022, 1, 16)) == 0
    assert q2_plan.days_left(today=datetime.date(2021, 10, 16)) == q2_plan.length_in_days == 92
    assert q2_plan.days_left(today=datetime.date(2021, 1, 1)) == 92
    assert q2_plan.has_ended(today=datetime.date(2022, 1, 16))
    assert not q2_plan.has_started(today=datetime.date(2021, 10, 15))


def test_database_refuses_a_quarter_that_ends_before_it_starts():
    with pytest.raises(IntegrityError):
        QuarterFactory(start_date=datetime.date(2030, 4, 1), end_date=datetime.date(2030, 3, 1))


def test_database_refuses_two_key_results_with_one_number_in_a_quarter():
    first = KeyResultFactory(number=7)
    with pytest.raises(IntegrityError):
        KeyResultFactory(number=7, quarter=first.quarter)


def test_same_number_is_fine_in_another_quarter(no_plan):
    KeyResultFactory(number=7)
    KeyResultFactory(number=7)
    assert KeyResult.objects.filter(number=7).count() == 2


@pytest.mark.parametrize("progress", [-1, 101, 250])
def test_database_refuses_progress_outside_0_to_100(progress):
    check_in = CheckInFactory(progress=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.filter(pk=check_in.pk).update(progress=progress)


def test_service_refuses_progress_over_100_with_a_message():
    with pytest.raises(ValidationError) as error:
        record_check_in(
            key_result=KeyResultFactory(), status=Status.ON_TRACK, progress=101, note="Moved on."
        )
    assert "progress" in error.value.message_dict


def test_without_check_ins_a_key_result_shows_the_plans_status_and_no_progress():
    key_result = KeyResultFactory(starting_status=Status.SCOPING)
    annotated = KeyResult.objects.with_progress().get(pk=key_result.pk)
    assert annotated.status == Status.SCOPING
    assert annotated.progress == 0
    assert annotated.last_checked_in_on is None


def test_latest_check_in_gives_the_current_status_and_progress():
    key_result = KeyResultFactory()
    day = key_result.quarter.start_date
    CheckInFactory(key_result=key_result, date=day, status=Status.ON_TRACK, progress=30)
    CheckInFactory(
        key_result=key_result,
        date=day + datetime.timedelta(days=9),
        status=Status.AT_RISK,
        progress=40,
    )
    CheckInFactory(
        key_result=key_result,
        date=day + datetime.timedelta(days=3),
        status=Status.COMPLETE,
        progress=100,
    )
    annotated = KeyResult.objects.with_progress().get(pk=key_result.pk)
    assert (annotated.status, annotated.progress) == (Status.AT_RISK, 40)
    assert (key_result.status, key_result.progress) == (Status.AT_RISK, 40)


def test_a_second_check_in_on_the_same_day_wins_and_the_first_is_kept():
    key_result = KeyResultFactory()
    user = UserFactory(is_staff=True, groups=["LOTI staff"])
    record_check_in(
        key_result=key_result,
        status=Status.ON_TRACK,
        progress=20,
        recorded_by=user,
        note="Moved on.",
    )
    record_check_in(
        key_result=key_result,
        status=Status.OFF_TRACK,
        progress=25,
        recorded_by=user,
        note="Moved on.",
    )
    annotated = KeyResult.objects.with_progress().get(pk=key_result.pk)
    assert (annotated.status, annotated.progress) == (Status.OFF_TRACK, 25)
    assert key_result.check_ins.count() == 2


def test_key_result_with_check_ins_cannot_be_deleted():
    check_in = CheckInFactory()
    with pytest.raises(IntegrityError):
        check_in.key_result.delete()


def test_search_matches_every_word_in_title_or_description(no_plan):
    wanted = KeyResultFactory(title="Launch air quality pilot", description="Sensors across London")
    KeyResultFactory(title="Launch a careers day", description="Data roles")
    assert list(KeyResult.objects.search("launch sensors")) == [wanted]


@pytest.mark.parametrize(
    ("spelling", "short_name"),
    [
        ("RBKC", "Kensington and Chelsea"),
        ("Kensington & Chelsea", "Kensington and Chelsea"),
        ("kingston", "Kingston upon Thames"),
        ("Richmond", "Richmond upon Thames"),
        ("H&F", "Hammersmith and Fulham"),
        ("London Borough of Barnet", "Barnet"),
    ],
)
def test_borough_found_by_any_of_its_names(spelling, short_name):
    assert Borough.objects.get_by_any_name(spelling).short_name == short_name


def test_unknown_borough_name_says_which_name():
    with pytest.raises(Borough.DoesNotExist, match="Kingstn"):
        Borough.objects.get_by_any_name("Kingstn")


def test_migrations_give_all_33_london_authorities():
    assert Borough.objects.count() == 33
    assert Borough.objects.filter(area=Borough.Area.INNER).count() == 13
    assert Borough.objects.get(gss_code="E09000001").slug == "city-of-london"
