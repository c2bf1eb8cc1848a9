import datetime
import json

import pytest

from objectives.models import KeyResult, Status

from .factories import CheckInFactory
from .helpers import text_of


@pytest.fixture
def kr1_history(q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=1)
    for day, status, progress in [
        ("2021-11-01", Status.ON_TRACK, 20),
        ("2021-12-01", Status.AT_RISK, 50),
        ("2022-01-10", Status.COMPLETE, 100),
    ]:
        CheckInFactory(
            key_result=kr, date=day, status=status, progress=progress, note=f"Note {day}"
        )
    return kr


@pytest.mark.parametrize(
    ("as_of", "status", "progress"),
    [
        ("2021-10-20", Status.NOT_STARTED, 0),  # before any check-in: the plan's words
        ("2021-11-01", Status.ON_TRACK, 20),  # the day of a check-in counts
        ("2021-11-30", Status.ON_TRACK, 20),
        ("2021-12-01", Status.AT_RISK, 50),
        ("2022-01-15", Status.COMPLETE, 100),
    ],
)
def test_as_of_rebuilds_a_key_result_from_its_history(client, kr1_history, as_of, status, progress):
    response = client.get(f"/quarters/y3-q2/?as_of={as_of}")
    assert response.status_code == 200
    kr1 = next(kr for kr in response.context["reading"].key_results if kr.number == 1)
    assert (kr1.status, kr1.progress) == (status, progress)


def test_without_as_of_the_dashboard_shows_the_latest(client, kr1_history):
    kr1 = next(
        kr for kr in client.get("/quarters/y3-q2/").context["reading"].key_results if kr.number == 1
    )
    assert (kr1.status, kr1.progress) == (Status.COMPLETE, 100)


def test_as_of_says_so_and_links_back_to_today(client, kr1_history):
    page = text_of(client.get("/quarters/y3-q2/?as_of=2021-12-01"))
    assert "as its record stood on 1 December 2021" in page
    assert "See it today" in page


def test_as_of_applies_to_the_board_pack_and_exports(client, kr1_history):
    report = client.get("/quarters/y3-q2/report/?as_of=2021-11-15")
    kr1 = next(kr for kr in report.context["reading"].key_results if kr.number == 1)
    assert kr1.last_note == "Note 2021-11-01"
    data = json.loads(client.get("/quarters/y3-q2/key-results.json?as_of=2021-12-01").content)
    assert data["as_of"] == "2021-12-01"
    assert (data["key_results"][0]["progress"], data["key_results"][0]["last_note"]) == (
        50,
        "Note 2021-12-01",
    )


def test_burn_up_is_rebuilt_day_by_day(client, kr1_history):
    burn_up = client.get("/quarters/y3-q2/?as_of=2021-12-01").context["burn_up"]
    points = dict(burn_up.points)
    assert points[datetime.date(2021, 10, 31)] == 0
    # The mean to a whole percent, as everywhere else: 20 / 25 is 0.8, shown as 1%.
    assert points[datetime.date(2021, 11, 1)] == 1
    assert points[datetime.date(2021, 12, 1)] == 2  # 50 / 25
    assert max(points) == datetime.date(2021, 12, 1)


@pytest.mark.parametrize(
    "value", ["yesterday", "2021-13-01", "2021-02-30", "31/02/2021", "12/31/2021", "x" * 500]
)
def test_a_bad_as_of_date_is_a_400_with_a_clear_message(client, q2_plan, value):
    response = client.get(f"/quarters/y3-q2/?as_of={value}")
    assert response.status_code == 400
    assert "Enter the date like 1 December 2021 or 01/12/2021" in text_of(response)
    assert client.get(f"/quarters/y3-q2/key-results.csv?as_of={value}").status_code == 400


@pytest.mark.parametrize(
    "typed",
    [
        "2021-12-01",
        "01/12/2021",
        "1/12/2021",
        "1 December 2021",
        "1 Dec 2021",
        " 1  december 2021 ",
    ],
)
def test_as_of_takes_dates_as_people_type_them(client, kr1_history, typed):
    response = client.get("/quarters/y3-q2/", {"as_of": typed})
    assert response.status_code == 200
    assert response.context["as_of"] == datetime.date(2021, 12, 1)


def test_a_date_it_cannot_read_shows_the_dashboard_with_an_error_summary(client, q2_plan, caplog):
    response = client.get("/quarters/y3-q2/", {"as_of": "31/02/2021"})
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page
    assert "Year 3 Q2 dashboard" in page  # the dashboard itself, as of today
    html = response.content.decode()
    assert 'href="#as-of"' in html
    assert 'value="31/02/2021"' in html  # what was typed stays to be corrected
    assert not [r for r in caplog.records if r.exc_info]  # no traceback logged
