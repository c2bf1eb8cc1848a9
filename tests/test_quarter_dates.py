"""A quarter runs forwards and lasts at most a year and a day, however its dates are typed."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from objectives.models import Quarter
from objectives.services import roll_over

from .factories import QuarterFactory


def test_a_quarter_of_more_than_366_days_is_refused(no_plan):
    quarter = QuarterFactory.build(
        start_date=datetime.date(1, 1, 16), end_date=datetime.date(2022, 4, 15)
    )
    with pytest.raises(ValidationError) as error:
        quarter.full_clean()
    assert error.value.message_dict["end_date"] == [
        "A quarter can last at most 366 days: check the start and end dates"
    ]


def test_a_quarter_of_a_year_and_a_day_is_allowed(no_plan):
    QuarterFactory.build(
        start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2024, 12, 31)
    ).full_clean()


def test_the_admin_refuses_a_quarter_of_several_years(client_as, q2_plan):
    response = client_as("staff").post(
        f"/admin/objectives/quarter/{q2_plan.pk}/change/",
        {
            "year": 3,
            "number": 2,
            "slug": "y3-q2",
            "start_date": "0001-10-16",
            "end_date": "2022-01-15",
        },
    )
    assert response.status_code == 200
    assert "A quarter can last at most 366 days" in response.content.decode()
    q2_plan.refresh_from_db()
    assert q2_plan.start_date == datetime.date(2021, 10, 16)


def test_roll_over_refuses_a_next_quarter_of_several_years(q2_plan):
    with pytest.raises(ValidationError):
        roll_over(
            key_results=list(q2_plan.key_results.all()[:1]),
            year=3,
            number=3,
            slug="y3-q3",
            start_date=datetime.date(2022, 1, 16),
            end_date=datetime.date(2030, 1, 15),
        )
    assert not Quarter.objects.filter(slug="y3-q3").exists()
