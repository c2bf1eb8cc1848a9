"""Which quarter is current: the running one; else the latest that has started; else the
earliest upcoming one. The home page, pages spanning quarters and My borough all use it."""

import datetime

from django.utils import timezone

from objectives.models import Quarter

from .factories import KeyResultFactory, QuarterFactory
from .helpers import text_of


def quarter_starting(days_from_today, length=90):
    start = timezone.localdate() + datetime.timedelta(days=days_from_today)
    return QuarterFactory(start_date=start, end_date=start + datetime.timedelta(days=length))


def test_a_plan_that_starts_next_year_does_not_become_current(client, q2_plan):
    upcoming = quarter_starting(300)
    KeyResultFactory(quarter=upcoming, title="Not begun yet")
    assert Quarter.objects.current() == q2_plan
    assert "Year 3 Q2 dashboard" in text_of(client.get("/"))
    assert "Not begun yet" not in text_of(client.get("/workstreams/"))


def test_the_running_quarter_is_current_even_beside_a_later_one(q2_plan):
    running = quarter_starting(-10)
    quarter_starting(200)
    assert Quarter.objects.current() == running


def test_with_none_running_the_latest_started_is_current(q2_plan):
    ended_later = quarter_starting(-200, length=30)
    quarter_starting(100)
    assert Quarter.objects.current() == ended_later


def test_with_only_upcoming_quarters_the_earliest_is_current_with_its_start(client, no_plan):
    later = quarter_starting(200)
    sooner = quarter_starting(20)
    assert Quarter.objects.current() == sooner
    assert later != sooner
    page = text_of(client.get("/"))
    assert f"This quarter starts on {sooner.start_date:%-d %B %Y}" in page


def test_officers_land_on_the_current_quarter(client_as, q2_plan):
    quarter_starting(300)
    response = client_as("officer").get("/my-borough/")
    assert response.context["quarter"] == q2_plan
