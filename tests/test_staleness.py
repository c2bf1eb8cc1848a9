import datetime

import pytest
from django.core.cache import cache

from objectives.models import KeyResult, Status

from .factories import CheckInFactory, KeyResultFactory, QuarterFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2030, 2, 20)


@pytest.fixture
def running_quarter():
    return QuarterFactory(start_date=datetime.date(2030, 1, 1), end_date=datetime.date(2030, 3, 31))


def annotated(key_result):
    return KeyResult.objects.with_progress().select_related("quarter").get(pk=key_result.pk)


@pytest.mark.parametrize(("days_since", "stale"), [(13, False), (14, True), (30, True)])
def test_stale_after_14_days_without_a_check_in(running_quarter, days_since, stale):
    kr = KeyResultFactory(quarter=running_quarter)
    CheckInFactory(
        key_result=kr, date=DAY - datetime.timedelta(days=days_since), status=Status.ON_TRACK
    )
    assert annotated(kr).is_stale_on(DAY, 14) is stale


def test_without_any_check_in_staleness_counts_from_the_quarters_start(running_quarter):
    kr = annotated(KeyResultFactory(quarter=running_quarter))
    assert not kr.is_stale_on(datetime.date(2030, 1, 14), 14)
    assert kr.is_stale_on(datetime.date(2030, 1, 15), 14)


def test_finished_key_results_and_ended_quarters_are_never_stale(running_quarter):
    done = KeyResultFactory(quarter=running_quarter)
    CheckInFactory(
        key_result=done, date=datetime.date(2030, 1, 2), status=Status.COMPLETE, progress=100
    )
    assert not annotated(done).is_stale_on(DAY, 14)
    open_kr = annotated(KeyResultFactory(quarter=running_quarter))
    assert not open_kr.is_stale_on(datetime.date(2030, 4, 30), 14)


def test_the_threshold_is_a_setting(client, q2_plan, settings):
    CheckInFactory(key_result=KeyResult.objects.get(quarter=q2_plan, number=1), date="2021-11-25")
    response = client.get("/quarters/y3-q2/?as_of=2021-12-01")
    stale = [kr.number for kr in response.context["overall"].stale]
    assert stale == list(range(2, 26))  # every key result but KR 1 (checked in 6 days before)
    settings.STALE_AFTER_DAYS = 5
    cache.clear()  # a setting is fixed while a server runs; pages are cached by data, not settings
    response = client.get("/quarters/y3-q2/?as_of=2021-12-01")
    assert len(response.context["overall"].stale) == 25
    assert "No check-in for 6 days" in response.content.decode()  # KR 1, in what needs attention
